#!/usr/bin/env node
// What one search costs a reader (for bench/search.sh): the built site in SITE served over
// HTTP, the search page opened in Chromium with a cold cache for each query, the first page
// of results (10) shown; every response the search makes is counted: search.js, the
// stemmer, the manifest, the term chunks and the page files of the results shown. The index
// files are gzipped by the build; the scripts are counted as sent (uncompressed, as a server
// without compression sends them) and gzipped.
//
//   node bench/search_bytes.js SITE QUERY...       prints a Markdown table
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const REPO = path.resolve(__dirname, '..');
const { chromium } = require(require.resolve('playwright-core', { paths: [REPO] }));
const { serveFolder } = require('../tests/browser/lib');
const [site, ...queries] = process.argv.slice(2);

function kind(url) {
  const name = url.split('/').pop();
  if (/search\.js$/.test(url)) return 'search.js (theme)';
  if (/stemmer\.js$/.test(name)) return 'stemmer.js';
  if (/^meta\.bin$/.test(name)) return 'manifest (meta.bin)';
  if (/^t\d+-[0-9a-f]+\.bin$/.test(name)) return 'term chunks';
  if (/^\d+\.json$/.test(name)) return 'page files (results shown)';
  return null;
}

(async () => {
  const server = await serveFolder(path.resolve(site));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const rows = [];
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const got = [];
    page.on('response', async (r) => {
      const k = kind(r.url());
      if (!k) return;
      try {
        const body = await r.body();
        const js = /\.js$/.test(r.url());
        got.push({ k, bytes: body.length, gz: js ? zlib.gzipSync(body, { level: 6 }).length : body.length });
      } catch (e) { /* a response without a body */ }
    });
    await page.goto(`${base}search/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
    await page.waitForFunction(() => /^(Найдено|Ничего)/.test(document.getElementById('search-status').textContent), null, { timeout: 60000 });
    await page.waitForLoadState('networkidle');
    const found = await page.textContent('#search-status');
    const by = {};
    for (const g of got) {
      by[g.k] = by[g.k] || { n: 0, bytes: 0, gz: 0 };
      by[g.k].n++; by[g.k].bytes += g.bytes; by[g.k].gz += g.gz;
    }
    rows.push({ q, found, by });
    await context.close();
  }
  await browser.close();
  server.close();
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.by)))].sort();
  const kb = (n) => (n / 1024).toFixed(1);
  let out = `| downloaded for the query (KB, as sent / gzipped) | ${rows.map((r) => `«${r.q}»`).join(' | ')} |\n`;
  out += `|---|${rows.map(() => '---:').join('|')}|\n`;
  for (const k of kinds) {
    out += `| ${k} | ${rows.map((r) => (r.by[k] ? `${kb(r.by[k].bytes)} / ${kb(r.by[k].gz)} (${r.by[k].n})` : '—')).join(' | ')} |\n`;
  }
  const total = (r, f) => Object.values(r.by).reduce((s, v) => s + v[f], 0);
  out += `| **total** | ${rows.map((r) => `**${kb(total(r, 'bytes'))} / ${kb(total(r, 'gz'))}**`).join(' | ')} |\n`;
  out += `| results | ${rows.map((r) => r.found.replace(/\|/g, '/')).join(' | ')} |\n`;
  console.log(out);
})().catch((e) => { console.error(e); process.exit(1); });
