#!/usr/bin/env node
// Search as a reader uses it: Debian's Chromium (playwright-core) over sites built by the
// real binary with their search index (`build --search-index node_modules`), served over
// HTTP (the search page loads the index with fetch, not from file://):
//
// - the search fixture (tests/fixtures/minimal with tests/fixtures/search on top), served
//   under a sub-path (/project/, as GitLab Pages serves a project): inflected queries
//   («наставнику», «приказы»), ё and е both ways, the organisation and collection filters,
//   the query kept in the address, names without consent never found (and absent from the
//   index files themselves), the consented mentor found, keyboard-only use from the header
//   form of another page, axe (WCAG 2.1 AA) in the normal view and in every colour scheme
//   of the version for the visually impaired, the Nu HTML Checker, the page without
//   JavaScript, the width of 320 px, the search page opened as …/index.html (the merge
//   request's preview) linking results to their index.html;
// - the demo site (content/): inflected queries over real texts.
//
// Environment: NASTAVNIK (the binary), NASTAVNIK_REPO, NASTAVNIK_ARTIFACTS, CHROMIUM (default
// /usr/bin/chromium), JAVA (default java). Needs `npm ci` in the repository
// (snowball-stemmer.jsx, playwright-core, axe-core, vnu-jar). Exits non-zero on any failure; the last line is
// "N passed, M failed".
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { spawn, spawnSync } = require('child_process');
const { serveFolder, finish, runMain } = require('./lib');

const REPO = path.resolve(process.env.NASTAVNIK_REPO || path.join(__dirname, '..', '..'));
const BIN = path.resolve(process.env.NASTAVNIK || path.join(REPO, 'build', 'nastavnik'));
const ARTIFACTS = path.join(process.env.NASTAVNIK_ARTIFACTS || path.join(REPO, 'build', 'test-artifacts'), 'search');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const JAVA = process.env.JAVA || 'java';
const MODULES = path.join(REPO, 'node_modules'); // --search-index: the stemmer as npm ci installs it
const EPOCH = '1795608000'; // 2026-11-25, the e2e tests' "today"
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = ['bw', 'wb', 'blue', 'brown'];
const PREFIX = '/project/'; // the fixture is served under a sub-path
const SCHOOL = 'МБОУ СОШ № 7';
// The names of tests/fixtures/minimal written without consent (tests/e2e/test_privacy.py).
const HIDDEN = ['Зайцев', 'Зайцева', 'Тимофей', 'Белоусова', 'Белоусовой', 'Широков', 'Широкова'];

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push({ name });
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push({ name, error: e });
    console.log(`FAIL ${name}\n     ${String(e && e.stack ? e.stack : e).split('\n').join('\n     ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function build(content, out) {
  const run = spawnSync(BIN, ['build', '--content', content, '--out', out, '--search-index', MODULES], {
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1' }, cwd: path.dirname(out), encoding: 'utf8',
  });
  return { ok: run.status === 0, output: (run.stdout || '') + (run.stderr || '') };
}

// Every file of the search index as text (its .bin files are gzipped, the pages' .json not).
function indexText(out) {
  let text = '';
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir)) {
      const f = path.join(dir, name);
      if (fs.statSync(f).isDirectory()) walk(f);
      else if (/\.bin$/.test(name)) text += zlib.gunzipSync(fs.readFileSync(f)).toString('utf8') + '\n';
      else text += fs.readFileSync(f, 'utf8') + '\n';
    }
  };
  walk(path.join(out, 'search', 'data'));
  return text;
}

function runVnu(files) {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json', { paths: [REPO] })), 'build', 'dist', 'vnu.jar');
  return new Promise((resolve) => {
    const child = spawn(JAVA, ['-Xss2m', '-jar', jar, '--errors-only', '--format', 'json', ...files]);
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function main() {
  const missing = [];
  if (!fs.existsSync(BIN)) missing.push(`the binary ${BIN}`);
  for (const mod of ['playwright-core', 'axe-core', 'vnu-jar', 'snowball-stemmer.jsx']) {
    if (!fs.existsSync(path.join(MODULES, mod, 'package.json'))) missing.push(`${mod} (npm ci)`);
  }
  if (!fs.existsSync(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM}`);
  if (missing.length) {
    console.log(`FAIL the search test needs: ${missing.join('; ')}\n0 passed, 1 failed`);
    process.exit(1);
  }
  const { chromium } = require(require.resolve('playwright-core', { paths: [REPO] }));
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js', { paths: [REPO] }), 'utf8');
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  // The fixture: the minimal site with the search fixture's files on top.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nastavnik-search-'));
  const content = path.join(tmp, 'content');
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'minimal'), content, { recursive: true });
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'search'), content, { recursive: true, filter: (f) => !f.endsWith('README.md') });
  // Words that stand only inside an attached file (tests/fixtures/search/school-7/files): the
  // text of the PDF order and of the DOCX document is on their pages, under the file link, so
  // each word finds exactly its entry's page; inflected, as a reader types it.
  const ONLY_IN_FILES = [
    ['аттестационного', 'О внедрении целевой модели наставничества'],  // «аттестационный», only in the PDF order
    ['стажировочной', 'График консультаций наставников'],              // «стажировочная», only in the DOCX document
  ];
  const out = path.join(tmp, 'public');
  const built = build(content, out);
  const demoOut = path.join(tmp, 'demo');
  const demo = build(path.join(REPO, 'content'), demoOut);
  if (!built.ok || !demo.ok) {
    console.log(`FAIL building the sites\n${built.output}\n${demo.output}\n0 passed, 1 failed`);
    process.exit(1);
  }
  const vnu = runVnu([path.join(out, 'search', 'index.html'), path.join(demoOut, 'search', 'index.html')]);
  const server = await serveFolder(out, PREFIX);
  const demoServer = await serveFolder(demoOut, '/');
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  const demoBase = `http://127.0.0.1:${demoServer.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // What the page shows after a search: the status line and each result.
  async function shown() {
    await page.waitForFunction(() => {
      const s = document.getElementById('search-status').textContent;
      return s && !/Ищем/.test(s);
    }, null, { timeout: 15000 });
    // Text as read, with the no-break spaces of the typography made plain.
    return page.evaluate(() => {
      const t = (e) => (e ? e.textContent.replace(/\u00a0/g, ' ') : '');
      return {
        status: t(document.getElementById('search-status')),
        results: [...document.querySelectorAll('#search-results > li')].map((li) => ({
          title: t(li.querySelector('h2 a')),
          href: li.querySelector('h2 a').href,
          meta: t(li.querySelector('.meta')),
          marks: [...li.querySelectorAll('.search-excerpt mark')].map(t),
          excerpt: t(li.querySelector('.search-excerpt')),
        })),
      };
    });
  }
  async function search(siteBase, query, filters = {}) {
    const p = new URLSearchParams({ q: query, ...filters });
    await page.goto(`${siteBase}search/?${p}`, { waitUntil: 'load' });
    return shown();
  }
  const titles = (r) => r.results.map((x) => x.title);

  await check('inflected: «наставнику» finds the pages about «наставник», with the word marked', async () => {
    const r = await search(base, 'наставнику');
    assert(titles(r).includes('Городской семинар наставников'), `results: ${titles(r).join(' | ')}`);
    assert(r.results.some((x) => x.marks.some((m) => /^наставник/i.test(m))), 'no <mark> around a form of «наставник»');
    assert(/^Найдено: \d+ страниц/.test(r.status), `status «${r.status}»`);
  });
  await check('inflected: «приказы» finds the order «О внедрении целевой модели наставничества»', async () => {
    const r = await search(base, 'приказы');
    assert(titles(r)[0] === 'О внедрении целевой модели наставничества', `results: ${titles(r).join(' | ')}`);
  });
  await check('inflected: «консультация» finds «График консультаций наставников»', async () => {
    const r = await search(base, 'консультация');
    assert(titles(r).includes('График консультаций наставников'), `results: ${titles(r).join(' | ')}`);
  });
  await check('ё = е: «ёлка» finds «Новогодняя елка для наставников», written with е', async () => {
    const r = await search(base, 'ёлка');
    assert(titles(r).includes('Новогодняя елка для наставников'), `results: ${titles(r).join(' | ')}`);
  });
  await check('е = ё: «прошел» finds «День наставника в школе», whose text says «прошёл»', async () => {
    const r = await search(base, 'прошел');
    assert(titles(r).includes('День наставника в школе'), `results: ${titles(r).join(' | ')}`);
    assert(r.results.find((x) => x.title === 'День наставника в школе').marks.includes('прошёл'), '«прошёл» is not marked');
  });
  await check('a result shows its title, organisation, collection and date in Russian', async () => {
    const r = await search(base, 'прошел');
    const hit = r.results.find((x) => x.title === 'День наставника в школе');
    assert(hit.meta === `${SCHOOL} · Новости · 20 ноября 2025 г.`, `meta «${hit.meta}»`);
    assert(/В школе прошёл День наставника/.test(hit.excerpt), `excerpt «${hit.excerpt}»`);
  });
  await check('the organisation filter narrows the results to that organisation', async () => {
    const all = await search(base, 'наставник');
    const school = await search(base, 'наставник', { org: SCHOOL });
    assert(school.results.length > 0 && school.results.length < all.results.length, `${school.results.length} of ${all.results.length}`);
    assert(school.results.every((x) => x.meta.startsWith(SCHOOL)), `others: ${school.results.map((x) => x.meta).join(' | ')}`);
    assert(all.results.some((x) => !x.meta.startsWith(SCHOOL)), 'without the filter, only the school was found');
    assert((await page.inputValue('#search-org')).replace(/\u00a0/g, ' ') === SCHOOL, 'the select does not show the filter of the address');
  });
  await check('the collection filter narrows the results to that collection', async () => {
    const news = await search(base, 'наставник', { collection: 'Новости' });
    assert(news.results.length > 0 && news.results.every((x) => x.meta.includes(' · Новости')), news.results.map((x) => x.meta).join(' | '));
    const docs = await search(base, 'наставник', { org: SCHOOL, collection: 'Документы' });
    assert(titles(docs).includes('График консультаций наставников') && docs.results.every((x) => x.meta === `${SCHOOL} · Документы · ${x.meta.split(' · ')[2]}`),
      `documents: ${docs.results.map((x) => `${x.title} (${x.meta})`).join(' | ')}`);
  });
  await check('a result links to its page under the sub-path, which opens', async () => {
    const r = await search(base, 'ёлка');
    const hit = r.results.find((x) => x.title === 'Новогодняя елка для наставников');
    assert(hit.href.startsWith(base), `link ${hit.href} is not under ${base}`);
    const response = await page.goto(hit.href);
    assert(response.status() === 200, `HTTP ${response.status()} for ${hit.href}`);
    assert((await page.textContent('h1')).replace(/\u00a0/g, ' ') === 'Новогодняя елка для наставников', 'another page opened');
  });
  await check('names without consent are never found, the consented mentor is', async () => {
    for (const name of HIDDEN) {
      const r = await search(base, name);
      assert(r.results.length === 0 && /^Ничего не найдено/.test(r.status), `«${name}»: ${r.status} ${titles(r).join(' | ')}`);
    }
    const r = await search(base, 'Орлова');
    assert(titles(r).includes('Учитель и ученик: подготовка к олимпиаде'), `«Орлова»: ${titles(r).join(' | ')}`);
  });
  await check('the index files hold none of the names without consent', async () => {
    const text = indexText(out);
    assert(/Орлова/.test(text), 'the consented name is not in the index either: the check reads nothing');
    for (const name of HIDDEN) assert(!text.includes(name), `«${name}» is in search/data/`);
  });
  await check('lists, feeds, the editor and the portal\'s own pages are not indexed', async () => {
    const r = await search(base, 'наставник');
    for (const x of r.results) {
      const rel = x.href.slice(base.length);
      assert(!/(^|\/)(admin|page)\//.test(rel) && !/^(news|practices|orgs|search|accessibility)\//.test(rel) && rel !== '',
        `indexed: ${rel}`);
      assert(!/^[a-z0-9-]+\/(news|documents|orders|stories|practices)\/$/.test(rel), `a list is indexed: ${rel}`);
    }
  });
  for (const [word, title] of ONLY_IN_FILES) {
    await check(`a word only in an attached file: «${word}» finds «${title}»`, async () => {
      const r = await search(base, word);
      assert(titles(r).length === 1 && titles(r)[0] === title, `results: ${titles(r).join(' | ')}`);
    });
  }
  await check('the demo site: «наставнику» and «приказы» find pages with «наставник» and «приказ»', async () => {
    const a = await search(demoBase, 'наставнику');
    assert(a.results.length >= 5 && a.results.every((x) => /наставни/i.test(x.title + x.excerpt)), `results: ${titles(a).join(' | ')}`);
    const b = await search(demoBase, 'приказы');
    assert(b.results.length > 0 && b.results.some((x) => x.marks.some((m) => /^приказ/i.test(m))), `results: ${titles(b).join(' | ')}`);
  });
  await check('a query of words every page has («и», «в», «на») says to add a word that matters', async () => {
    const r = await search(base, 'и в на');
    assert(/^В запросе только служебные слова/.test(r.status) && r.results.length === 0, r.status);
  });
  await check('several words: every one must be on the page («приказ внедрении» finds the order, «приказ ёлка» nothing)', async () => {
    const r = await search(base, 'приказ о внедрении');
    assert(titles(r)[0] === 'О внедрении целевой модели наставничества', `results: ${titles(r).join(' | ')}`);
    const none = await search(base, 'приказ ёлка');
    assert(none.results.length === 0, `results: ${titles(none).join(' | ')}`);
  });
  await check('the merge request\'s preview: opened as search/index.html, results link to their index.html, which opens', async () => {
    await page.goto(`${base}search/index.html?q=${encodeURIComponent('ёлка')}`, { waitUntil: 'load' });
    const r = await shown();
    const hit = r.results.find((x) => x.title === 'Новогодняя елка для наставников');
    assert(hit && hit.href.startsWith(base) && hit.href.endsWith('/index.html'), `link ${hit && hit.href}`);
    const response = await page.goto(hit.href);
    assert(response.status() === 200, `HTTP ${response.status()} for ${hit.href}`);
  });
  await check('nothing found says so, and how to widen the search', async () => {
    const r = await search(base, 'абракадабра');
    assert(r.status === 'Ничего не найдено. Проверьте написание или выберите «Все организации» и «Все разделы».', r.status);
    assert(await page.isHidden('#search-results'), 'an empty list is shown');
  });

  await check('keyboard only: the header form of a page, Enter, the filters, Tab to the first result, Enter opens it', async () => {
    await page.goto(`${base}school-7/`, { waitUntil: 'load' });
    // From the top of the page: the skip link, the site's name, then the search box.
    let name = '';
    for (let i = 0; i < 6 && name !== 'site-search-q'; i++) {
      await page.keyboard.press('Tab');
      name = await page.evaluate(() => document.activeElement.id);
    }
    assert(name === 'site-search-q', 'Tab never reached the header search box');
    await page.keyboard.type('наставнику');
    await page.keyboard.press('Enter');
    await page.waitForURL(/search\/\?q=/);
    const r = await shown();
    assert(r.results.length > 0, r.status);
    assert(new URL(page.url()).searchParams.get('q') === 'наставнику', `address ${page.url()}`);
    // The query box, the button, the organisation, the collection; choose by keyboard.
    await page.focus('#search-q');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert(await page.evaluate(() => document.activeElement.id) === 'search-org', 'Tab after the button is not the organisation');
    await page.keyboard.press('ArrowDown'); // the first organisation
    const narrowed = await shown();
    const chosen = (await page.inputValue('#search-org')).replace(/\u00a0/g, ' ');
    assert(chosen && narrowed.results.every((x) => x.meta.startsWith(chosen)), `${chosen}: ${narrowed.results.map((x) => x.meta).join(' | ')}`);
    assert(new URL(page.url()).searchParams.get('org').replace(/\u00a0/g, ' ') === chosen, `the address does not keep the filter: ${page.url()}`);
    await page.keyboard.press('Tab');
    assert(await page.evaluate(() => document.activeElement.id) === 'search-collection', 'Tab after the organisation');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.closest('#search-results') && document.activeElement.textContent.replace(/\u00a0/g, ' '));
    assert(focused === narrowed.results[0].title, `Tab went to «${focused}», not the first result`);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !/search\//.test(u.pathname));
    assert((await page.textContent('h1')).replace(/\u00a0/g, ' ') === narrowed.results[0].title, 'Enter did not open the result');
    await page.goBack();
    const back = await shown();
    assert(back.results.length === narrowed.results.length, 'Back did not bring the results again');
  });

  await check('the status line is a live region announcing the count', async () => {
    await search(base, 'наставник');
    const live = await page.evaluate(() => {
      const s = document.getElementById('search-status');
      return { role: s.getAttribute('role'), text: s.textContent, label: document.querySelector('label[for=search-q]').textContent };
    });
    assert(live.role === 'status' && /^Найдено: /.test(live.text), JSON.stringify(live));
    assert(live.label === 'Что найти', JSON.stringify(live));
  });

  async function axe() {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async (tags) => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, AXE_TAGS);
    assert(violations.length === 0, violations.join('\n'));
  }
  for (const [what, query] of [['results', 'наставник'], ['nothing found', 'абракадабра']]) {
    for (const scheme of ['', ...SCHEMES]) {
      await check(`axe ${scheme ? `scheme ${scheme}` : 'normal'}: the search page with ${what}`, async () => {
        await search(base, query);
        await page.evaluate((s) => { document.documentElement.className = s ? `vi vi-scheme-${s}` : ''; }, scheme);
        await axe();
        if (what === 'results') await page.screenshot({ path: path.join(ARTIFACTS, `search-${scheme || 'normal'}.png`), fullPage: true });
      });
    }
  }
  for (const width of [320, 375]) {
    await check(`${width} px: the header form and the search page fit, axe passes`, async () => {
      const phone = await context.newPage();
      await phone.setViewportSize({ width, height: 667 });
      await phone.goto(`${base}school-7/`, { waitUntil: 'load' });
      const header = await phone.evaluate(() => {
        const f = document.querySelector('.site-search').getBoundingClientRect();
        return { right: f.right, scroll: document.documentElement.scrollWidth, inner: window.innerWidth };
      });
      assert(header.right <= header.inner && header.scroll <= header.inner, JSON.stringify(header));
      await phone.goto(`${base}search/?q=наставник`, { waitUntil: 'load' });
      await phone.waitForSelector('#search-results > li');
      const s = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      assert(s.scroll <= s.inner, JSON.stringify(s));
      await phone.screenshot({ path: path.join(ARTIFACTS, `search-${width}.png`), fullPage: true });
      await phone.close();
    });
  }
  await check('no script errors on the pages opened', async () => {
    assert(errors.length === 0, errors.join('\n'));
  });

  await check('without JavaScript the search page says search needs it and links to the organisations', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(`${base}search/?q=наставник`, { waitUntil: 'load' });
    const note = await p.evaluate(() => {
      const n = [...document.querySelectorAll('.search-note')].find((e) => e.offsetParent !== null);
      return n && { text: n.textContent.replace(/\u00a0/g, ' '), href: n.querySelector('a').getAttribute('href') };
    });
    assert(note && /^Поиск работает с включённым JavaScript/.test(note.text), JSON.stringify(note));
    const target = new URL(note.href, p.url()).href;
    assert(target === `${base}orgs/`, `links to ${target}`);
    const response = await p.goto(target);
    assert(response.status() === 200, `HTTP ${response.status()}`);
    await noJs.close();
  });

  await check('the Nu HTML Checker: the search pages have no errors', async () => {
    const r = await vnu;
    const messages = JSON.parse(r.stdout || r.stderr || '{"messages":[]}').messages || [];
    const bad = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
    assert(bad.length === 0, bad.map((m) => `${m.url}:${m.lastLine}: ${m.message}`).join('\n'));
  });

  await browser.close();
  server.close();
  demoServer.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  finish(results, ARTIFACTS);
}

runMain(main, 'the search test');
