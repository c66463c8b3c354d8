// Helpers of the browser tests: which pages to open, and the checks that run inside a page
// (each of those is self-contained: playwright sends its source to the browser).
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const SECTIONS = ['news', 'documents', 'orders', 'stories', 'practices'];
const ORG_FOLDERS = [...SECTIONS, 'pages', 'mentors', 'indicators', 'roadmap', 'monitoring', 'page', 'admin'];
const PORTAL_FOLDERS = ['orgs', 'news', 'practices', 'accessibility', 'search', 'assets', 'admin'];

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(p));
    else if (entry.name.endsWith('.html')) out.push(p);
  }
  return out;
}

function subdirs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/// One page of every page type of the built demo site: {kind, url, file}.
function samplePages(out) {
  const has = (rel) => fs.existsSync(path.join(out, rel, 'index.html'));
  const orgs = subdirs(out).filter((d) => !PORTAL_FOLDERS.includes(d) && has(d));
  const department = orgs.find((o) => has(`${o}/monitoring`));
  const richness = (o) => ORG_FOLDERS.filter((f) => has(`${o}/${f}`)).length;
  const schools = orgs.filter((o) => o !== department);
  const main = schools.slice().sort((a, b) => richness(b) - richness(a) || a.localeCompare(b))[0] || orgs[0];
  const withFolder = (folder) => [main, ...orgs].find((o) => has(`${o}/${folder}`));
  const pages = [];
  const add = (kind, url, file) => {
    const f = file || path.join(out, url, 'index.html');
    if (!fs.existsSync(f)) throw new Error(`the demo site has no page for «${kind}» (${url}); update tests/browser/lib.js`);
    pages.push({ kind, url, file: f });
  };
  add('home', '');
  add('orgs', 'orgs/');
  add('org tab', `${main}/`);
  if (department && department !== main) add('org tab (department)', `${department}/`);
  for (const section of SECTIONS) {
    const org = withFolder(section);
    if (!org) continue;
    add(`list (${section})`, `${org}/${section}/`);
    const entry = subdirs(path.join(out, org, section)).find((d) => d !== 'page' && has(`${org}/${section}/${d}`));
    if (entry) add(`entry (${section})`, `${org}/${section}/${entry}/`);
  }
  const freePage = subdirs(path.join(out, main)).find((d) => !ORG_FOLDERS.includes(d) && has(`${main}/${d}`));
  if (freePage) add('entry (pages)', `${main}/${freePage}/`);
  if (has('news')) add('list (portal news)', 'news/');
  if (has('practices')) add('list (portal practices)', 'practices/');
  const paged = htmlFiles(out).map((f) => path.relative(out, f)).find((f) => /(^|\/)page\/2\/index\.html$/.test(f));
  if (paged) add('list (page 2)', paged.replace(/index\.html$/, ''));
  add('mentors', `${withFolder('mentors')}/mentors/`);
  add('indicators', `${withFolder('indicators')}/indicators/`);
  if (department && has(`${department}/indicators`)) add('indicators (department summary)', `${department}/indicators/`);
  add('roadmap', `${withFolder('roadmap')}/roadmap/`);
  if (department) add('monitoring', `${department}/monitoring/`);
  add('accessibility', 'accessibility/');
  add('search', 'search/');
  add('404', 'no-such-page/deeper/', path.join(out, '404.html'));
  return pages;
}

// ---------------------------------------------------------------- in the page --

/// Landmarks, one h1, headings in order, the skip link, alternatives, table markup.
function structureProblems() {
  const problems = [];
  const one = (selector, what) => {
    const n = document.querySelectorAll(selector).length;
    if (n !== 1) problems.push(`${n} × ${what}, expected exactly one`);
  };
  if (document.documentElement.lang !== 'ru') problems.push(`<html lang="${document.documentElement.lang}">`);
  one('h1', 'h1');
  one('main', '<main>');
  one('body > header, body > .site-header', 'page header (banner)');
  one('body > footer', 'page footer (contentinfo)');
  let previous = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) problems.push(`heading level skipped: h${previous || '–'} → h${level} «${h.textContent.trim().slice(0, 50)}»`);
    previous = level;
  }
  const focusable = [...document.querySelectorAll('a[href], button, input, [tabindex]')].filter((e) => e.tabIndex >= 0);
  const skip = focusable[0];
  if (!skip || !/^#./.test(skip.getAttribute('href') || '')) problems.push('the first focusable element is not a skip link');
  else if (!document.querySelector(skip.getAttribute('href'))) problems.push(`the skip link's target ${skip.getAttribute('href')} is missing`);
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push(`<img src="${img.getAttribute('src')}"> has no alt`);
  }
  for (const table of document.querySelectorAll('table')) {
    const label = table.caption ? table.caption.textContent.trim() : '';
    const region = table.closest('[role="region"]');
    if (!label && !(region && region.getAttribute('aria-label'))) problems.push('a table with neither a caption nor a labelled region');
    if (!table.querySelector('th')) problems.push(`table «${label}» has no header cells`);
  }
  for (const region of document.querySelectorAll('.table-scroll')) {
    const named = region.getAttribute('aria-label') || (region.getAttribute('aria-labelledby') &&
      document.getElementById(region.getAttribute('aria-labelledby')));
    if (region.getAttribute('role') !== 'region' || region.tabIndex !== 0 || !named) {
      problems.push('a scrolling table region must be role=region, tabindex=0 and labelled');
    }
  }
  const vi = document.getElementById('vi-control');
  if (!vi || !/слабовидящих/.test(vi.textContent)) problems.push('no control «Версия для слабовидящих»');
  return problems;
}

/// Russian typography in the rendered text: non-breaking spaces after one- and two-letter
/// words, after «№» and before dashes; dates that do not break; no straight quotes or
/// hyphens standing for dashes.
function typographyProblems(allowed) {
  const problems = [];
  const rules = [
    [/(?:^|[^\p{L}\p{N}-])(\p{Script=Cyrillic}{1,2}) (?=\S|$)/u, 'a short word followed by a breaking space'],
    [/№ /u, '«№» followed by a breaking space'],
    [/ [—–]/u, 'a breaking space before a dash'],
    [/ - /u, 'a hyphen used as a dash'],
    [/"/u, 'a straight double quote'],
  ];
  const dateRule = /\d (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)|\d{4} г\./u;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest('script, style, svg, code, pre, .visually-hidden') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let text = node.nodeValue.replace(/[ \t\r\n]+/g, ' '); // \s would take U+00A0 too
    for (const pattern of allowed || []) text = text.replace(new RegExp(pattern, 'gu'), (m) => m.replace(/ /g, '\u00A0'));
    // A short word ending a text node of a Markdown body («… и <strong>…»): the generator's
    // typograph joins words across inline elements; that is its own tests' business.
    if (node.parentElement.closest('.prose')) text = text.replace(/ $/, '\u00A0');
    // Dates the generator formats (in <time>) must not break; dates inside free text are
    // the editor's.
    const checks = node.parentElement.closest('time') ? [...rules, [dateRule, 'a date that may break']] : rules;
    for (const [re, what] of checks) {
      const m = re.exec(text);
      if (m) {
        const at = Math.max(0, m.index - 30);
        problems.push(`${what}: «…${text.slice(at, m.index + m[0].length + 20).trim()}…» in <${node.parentElement.tagName.toLowerCase()}>`);
      }
    }
  }
  return problems;
}

/// Horizontal scrolling of the page, with the elements that stick out.
function horizontalOverflow() {
  const root = document.documentElement;
  const width = root.clientWidth;
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.table-scroll') && !el.classList.contains('table-scroll')) continue;
    const r = el.getBoundingClientRect();
    const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''}`;
    if (r.width > 0 && r.right > width + 0.5) offenders.push(`${name} (right ${Math.round(r.right)})`);
    else if (r.width > 0 && getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && r.left + el.scrollWidth > width + 0.5) {
      offenders.push(`${name} (its content is ${el.scrollWidth}px wide)`);
    }
  }
  const style = (e) => getComputedStyle(e).overflowX;
  const clipped = ['hidden', 'clip'].includes(style(root)) ? 'html' : ['hidden', 'clip'].includes(style(document.body)) ? 'body' : '';
  return { scrollWidth: root.scrollWidth, clientWidth: width, offenders: offenders.slice(0, 6), clipped };
}

/// The layout of a page on a small screen: does it scroll sideways, which table cells and
/// «Скачать» links are not fully on the screen (outside the viewport, cut by a scrolling
/// box, or their text wider than the cell), the smallest text of the charts as drawn (its
/// font size times the chart's scale), where the header ends, and the tops of the tab's
/// blocks.
function phoneLayout() {
  const width = window.innerWidth;
  const name = (el) => `${el.tagName.toLowerCase()} «${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}»`;
  const cut = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    if (r.left < -0.5 || r.right > width + 0.5) return true;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX === 'visible') continue;
      const q = p.getBoundingClientRect();
      if (r.left < q.left - 0.5 || r.right > q.right + 0.5) return true;
    }
    return false;
  };
  // Headers hidden for screen readers only (a 1 px clipped box) are not meant to be seen.
  const readerOnly = (el) => {
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      const r = p.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1 && getComputedStyle(p).overflow !== 'visible') return true;
    }
    return false;
  };
  const cells = [...document.querySelectorAll('main th, main td')].filter((c) => !readerOnly(c))
    .filter((c) => cut(c) || (c.getBoundingClientRect().width > 0 && c.scrollWidth > c.clientWidth + 1));
  const downloads = [...document.querySelectorAll('main a')].filter((a) => /Скачать/.test(a.textContent));
  let chartFont = null;
  for (const t of document.querySelectorAll('main svg text')) {
    const ctm = t.getScreenCTM();
    const size = parseFloat(getComputedStyle(t).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    if (chartFont === null || size < chartFont) chartFont = size;
  }
  const top = (selector) => {
    const el = document.querySelector(selector);
    return el ? el.getBoundingClientRect().top + window.scrollY : null;
  };
  // The tables the page makes (indicators, roadmap), not those of its text.
  const tables = [...document.querySelectorAll('main table')].filter((t) => !t.closest('.prose')).map((t) => t.getBoundingClientRect().top + window.scrollY);
  return {
    scrollWidth: document.scrollingElement.scrollWidth, innerWidth: width,
    cutCells: cells.length, cutCellNames: cells.slice(0, 5).map(name),
    downloads: downloads.length, offscreenDownloads: downloads.filter(cut).map(name),
    chartTexts: document.querySelectorAll('main svg text').length, chartFont,
    header: document.querySelector('.site-header').getBoundingClientRect().bottom + window.scrollY,
    news: top('#block-news'), indicators: top('#indicators-title'), upcoming: top('#upcoming-title'),
    firstTable: tables.length ? Math.min(...tables) : null,
  };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.ico': 'image/x-icon',
  '.xml': 'application/xml', '.ics': 'text/calendar', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json',
  '.pdf': 'application/pdf', '.txt': 'text/plain', '.yml': 'text/yaml', '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream' };

// A built site over HTTP on a free port of 127.0.0.1, like a web host: `prefix` is where the
// site sits (a GitLab Pages project site is under /project/); a folder serves its index.html;
// anything else missing gets 404.html with status 404. Nothing is cached: each request sees
// what the build wrote. Resolves to the server.
function serveFolder(dir, prefix = '/') {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch (e) {
      rel = '/';
    }
    rel = rel.startsWith(prefix) ? '/' + rel.slice(prefix.length) : '/no-such-page';
    let file = path.join(dir, path.normalize(rel));
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    let status = 200;
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      file = path.join(dir, '404.html');
      status = 404;
    }
    if (!fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(status, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The last lines a browser test prints, and its exit status: 1 when a check failed.
function finish(results, artifacts) {
  const failed = results.filter((r) => r.error);
  console.log(`Screenshots: ${artifacts}\n${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

// Runs a test's main(): a crash is said as the one failed check it is.
function runMain(main, what) {
  main().catch((e) => {
    console.log(`FAIL ${what} crashed: ${e && e.stack ? e.stack : e}\n0 passed, 1 failed`);
    process.exit(1);
  });
}

module.exports = { samplePages, htmlFiles, structureProblems, typographyProblems, horizontalOverflow, phoneLayout, serveFolder, finish, runMain };
