#!/usr/bin/env node
// Browser tests of the default theme: the demo site is built into a temporary folder, served
// on 127.0.0.1 and opened in Debian's Chromium through playwright-core. Over one page of
// every page type it checks accessibility (axe-core, WCAG 2.1 A and AA) in the normal view
// and in each scheme of the version for the visually impaired, the Nu HTML Checker over
// every HTML file, reflow at 320 px and at 200 % zoom, the phone layout (320, 375 and
// 1280 px: tables as cards, menus folded, chart labels, the tab's order), the settings panel
// by keyboard, page weight, Russian typography in the rendered text, theme settings, and
// takes screenshots.
//
// Environment: NASTAVNIK (the binary), NASTAVNIK_REPO, NASTAVNIK_ARTIFACTS (screenshots go
// to <it>/screenshots), CHROMIUM (default /usr/bin/chromium), JAVA (default java).
// Exits non-zero on any failure; the last line is "N passed, M failed".
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const lib = require('./lib');
const { photoBudget } = require('./photos');

const REPO = process.env.NASTAVNIK_REPO || path.resolve(__dirname, '..', '..');
const BIN = process.env.NASTAVNIK || path.join(REPO, 'build', 'nastavnik');
const ARTIFACTS = process.env.NASTAVNIK_ARTIFACTS || path.join(REPO, 'build', 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const JAVA = process.env.JAVA || 'java';
const EPOCH = '1764072000'; // 2025-11-25 12:00 UTC, the demo site's "today"
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = ['bw', 'wb', 'blue', 'brown'];
const SCHEME_BACKGROUNDS = { bw: 'rgb(255, 255, 255)', wb: 'rgb(0, 0, 0)', blue: 'rgb(157, 209, 255)', brown: 'rgb(245, 233, 201)' };
// Text the typography check lets pass (regular expressions), each with its reason.
const TYPOGRAPHY_ALLOWED = [
  // tests/e2e/test_municipality_data.py finds these lines by «<li>Не представили данные».
  'Не представили данные',
  // ... and the monitoring page's sentence by «<p>(Состояние на.*?)</p>».
  'Состояние на ',
  // «8 из 8 (100,0 %)»: format_fact() in the model; the same e2e test pins the space.
  '\\d из \\d',
];
// site.js: 11 KB since it folds long text versions of documents (issue 15); it was 10 KB.
// search.js: 13 KB since it is the search's whole client (reads nastavnik's own index; it
// replaced Pagefind's 145 KB of scripts and WebAssembly), loaded by the search page only.
const BUDGET = { html: 40 * 1024, css: 30 * 1024, js: 11 * 1024, search: 13 * 1024 };

const results = [];
const t0 = Date.now();
function phase(name) {
  console.log(`# ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
function record(name, error) {
  results.push({ name, error });
  console.log(error ? `FAIL ${name}\n     ${String(error).split('\n').join('\n     ')}` : `ok   ${name}`);
}
// NASTAVNIK_BROWSER_ONLY=<regex> runs only the checks whose names match (for work on the
// theme); the suite as a whole always runs everything.
const ONLY = process.env.NASTAVNIK_BROWSER_ONLY ? new RegExp(process.env.NASTAVNIK_BROWSER_ONLY) : null;
async function check(name, fn) {
  if (ONLY && !ONLY.test(name)) return;
  try {
    await fn();
    record(name, null);
  } catch (e) {
    record(name, e && e.message ? e.message : e);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function missingTools() {
  const missing = [];
  for (const mod of ['playwright-core', 'axe-core', 'vnu-jar']) {
    try {
      require.resolve(mod, { paths: [REPO] });
    } catch (e) {
      missing.push(`npm package ${mod} (run scripts/setup-browser.sh)`);
    }
  }
  if (!fs.existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install chromium)`);
  if (spawnSync(JAVA, ['-version']).status !== 0) missing.push('java (apt-get install default-jre-headless)');
  if (!fs.existsSync(BIN)) missing.push(`${BIN} (ninja -C build)`);
  return missing;
}

function build(content, out, extra = []) {
  const run = spawnSync(BIN, ['build', '--content', content, '--out', out, ...extra], {
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH }, cwd: path.dirname(out), encoding: 'utf8',
  });
  return { ok: run.status === 0, output: (run.stdout || '') + (run.stderr || '') };
}

// The Nu HTML Checker over every HTML file, started early: it runs while the browser works.
function startVnu(dir) {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json', { paths: [REPO] })), 'build', 'dist', 'vnu.jar');
  return new Promise((resolve) => {
    const child = spawn(JAVA, ['-Xss2m', '-jar', jar, '--errors-only', '--format', 'json', '--skip-non-html', dir]);
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Runs `fn(page, item)` over `items` with `width` tabs of one context at a time.
async function pool(context, items, width, fn) {
  const queue = items.slice();
  const workers = [];
  for (let i = 0; i < Math.min(width, items.length); i++) {
    workers.push((async () => {
      const page = await context.newPage();
      while (queue.length) await fn(page, queue.shift());
      await page.close();
    })());
  }
  await Promise.all(workers);
}

async function main() {
  const started = Date.now();
  const missing = missingTools();
  if (missing.length) {
    console.log(`FAIL the browser tests need: ${missing.join('; ')}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const { chromium } = require(require.resolve('playwright-core', { paths: [REPO] }));
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js', { paths: [REPO] }), 'utf8');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nastavnik-browser-'));
  const out = path.join(tmp, 'public');
  const built = build(path.join(REPO, 'content'), out, ['--theme', path.join(REPO, 'themes', 'default')]);
  if (!built.ok) {
    console.log(`FAIL building the demo site\n${built.output}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const vnu = startVnu(out);
  const server = await lib.serveFolder(out);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const pages = lib.samplePages(out);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const shots = path.join(ARTIFACTS, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });

  // Contexts refuse every request that leaves the test server and count it.
  const external = [];
  async function newContext(options = {}, vi = '') {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    await context.route(/.*/, (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    if (vi) await context.addInitScript((value) => localStorage.setItem('nastavnik-vi', value), vi);
    return context;
  }
  async function open(page, entry) {
    const errors = [];
    const onError = (e) => errors.push(e.message);
    const onResponse = (r) => { if (r.status() >= 400 && r.url() !== base + entry.url) errors.push(`${r.status()} ${r.url()}`); };
    page.on('pageerror', onError);
    page.on('response', onResponse);
    const response = await page.goto(base + entry.url, { waitUntil: 'load' });
    page.off('pageerror', onError);
    page.off('response', onResponse);
    assert(response.status() === (entry.kind === '404' ? 404 : 200), `HTTP ${response.status()} for ${entry.url}`);
    assert(errors.length === 0, `errors while loading: ${errors.join('; ')}`);
  }
  async function axe(page, context = 'document') {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async ([tags, ctx]) => {
      const result = await window.axe.run(ctx === 'document' ? document : document.querySelector(ctx), {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ` +
        v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}`).join('\n  '));
    }, [AXE_TAGS, context]);
    assert(violations.length === 0, violations.join('\n'));
  }

  console.log(`Pages: ${pages.map((p) => `${p.kind} /${p.url}`).join(', ')}`);

  phase('axe');
  // (a) axe-core in the normal view and in each colour scheme; structure of every page.
  // A scheme is a class on <html> (what the inline script in <head> sets from localStorage;
  // that path is checked in (d)), so each page loads once and axe runs again per scheme.
  {
    const context = await newContext();
    await pool(context, pages, 2, async (page, entry) => {
      try {
        await open(page, entry);
      } catch (e) {
        record(`load: ${entry.kind} /${entry.url}`, e.message);
        return;
      }
      await check(`axe normal: ${entry.kind} /${entry.url}`, () => axe(page));
      await check(`structure: ${entry.kind} /${entry.url}`, async () => {
        const problems = await page.evaluate(lib.structureProblems);
        assert(problems.length === 0, problems.join('\n'));
      });
      await check(`typography: ${entry.kind} /${entry.url}`, async () => {
        const problems = await page.evaluate(lib.typographyProblems, TYPOGRAPHY_ALLOWED);
        assert(problems.length === 0, problems.slice(0, 12).join('\n'));
      });
      for (const scheme of SCHEMES) {
        await check(`axe scheme ${scheme}: ${entry.kind} /${entry.url}`, async () => {
          const bg = await page.evaluate((s) => {
            document.documentElement.className = `vi vi-scheme-${s}`;
            return getComputedStyle(document.body).backgroundColor;
          }, scheme);
          assert(bg === SCHEME_BACKGROUNDS[scheme], `the scheme did not apply: background ${bg}`);
          await axe(page);
        });
      }
    });
    await context.close();
  }

  phase('panel axe');
  // The settings panel itself, open, in the normal view and in two schemes.
  for (const vi of ['', 'vi vi-scheme-wb vi-size-3', 'vi vi-scheme-brown vi-ls-2 vi-lh-2 vi-serif vi-noimg']) {
    const context = await newContext({}, vi);
    const page = await context.newPage();
    await check(`axe: the settings panel open${vi ? ` (${vi})` : ''}`, async () => {
      await open(page, pages.find((p) => p.kind === 'entry (stories)') || pages[0]);
      await page.click('#vi-control');
      assert(await page.isVisible('#vi-panel'), 'the panel did not open');
      await axe(page);
    });
    await context.close();
  }

  phase('reflow');
  // (c) Reflow: no horizontal scrolling at 320 px, at 200 % zoom of a 1280 px window (a
  // 640 px CSS viewport at device scale 2), and at 320 px with the largest VI text.
  const reflow = [
    ['320 px', { viewport: { width: 320, height: 640 } }, ''],
    ['200 % zoom', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }, ''],
    ['320 px, VI largest text and spacing', { viewport: { width: 320, height: 640 } }, 'vi vi-size-3 vi-ls-2 vi-lh-2 vi-serif'],
  ];
  for (const [label, options, vi] of reflow) {
    const context = await newContext(options, vi);
    await pool(context, pages, 2, async (page, entry) => {
      await check(`reflow ${label}: ${entry.kind} /${entry.url}`, async () => {
        await open(page, entry);
        const r = await page.evaluate(lib.horizontalOverflow);
        assert(!r.clipped, `the page hides overflow (${r.clipped}); content would be cut off, not reflowed`);
        assert(r.scrollWidth <= r.clientWidth, `scrollWidth ${r.scrollWidth} > clientWidth ${r.clientWidth}; too wide: ${r.offenders.join(', ')}`);
      });
    });
    await context.close();
  }

  phase('phone');
  // On a phone: the registers, indicator tables and the roadmap read without sideways
  // scrolling, every cell and every «Скачать» on the screen; chart labels at least 12 px;
  // the two menus within a third of the screen; on a tab the news before the long tables;
  // axe in every colour scheme. At 320, 375 and 1280 px.
  {
    const phonePages = ['list (orders)', 'list (documents)', 'entry (documents)', 'indicators', 'indicators (department summary)',
      'roadmap', 'org tab', 'org tab (department)', 'entry (stories)', 'monitoring']
      .map((kind) => pages.find((p) => p.kind === kind)).filter(Boolean);
    for (const width of [320, 375, 1280]) {
      const context = await newContext({ viewport: { width, height: 667 } });
      await pool(context, phonePages, 2, async (page, entry) => {
        let m;
        try {
          await open(page, entry);
          m = await page.evaluate(lib.phoneLayout);
        } catch (e) {
          record(`phone ${width} px: ${entry.kind} /${entry.url}`, e.message);
          return;
        }
        const at = `${width} px: ${entry.kind} /${entry.url}`;
        await check(`phone ${at}: no sideways scrolling${width <= 375 ? ', every table cell in full' : ''}`, async () => {
          assert(m.scrollWidth <= m.innerWidth, `scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}`);
          // On a wide screen a table wider still scrolls in its own region.
          assert(width > 375 || m.cutCells === 0, `${m.cutCells} cells are not fully on the screen: ${m.cutCellNames.join(', ')}`);
        });
        if (m.downloads) {
          await check(`phone ${at}: «Скачать» links on the screen`, async () => {
            assert(m.offscreenDownloads.length === 0, `off the screen: ${m.offscreenDownloads.join(', ')}`);
          });
        }
        if (m.chartTexts && width <= 375) {
          await check(`phone ${at}: chart labels at least 12 px`, async () => {
            assert(m.chartFont >= 12, `the smallest chart label is ${m.chartFont.toFixed(1)} px`);
          });
        }
        if (/org tab/.test(entry.kind)) {
          await check(`phone ${at}: the news come before the roadmap's events and the indicators`, async () => {
            assert(m.news !== null, 'the tab has no news block (#block-news)');
            for (const [what, y] of [['the indicator table', m.firstTable], ['the indicators', m.indicators], ['the roadmap\'s events', m.upcoming]]) {
              assert(y === null || m.news < y, `the news start at ${Math.round(m.news)} px, below ${what} (${Math.round(y)} px)`);
            }
          });
        }
        if (width === 375) {
          await check(`phone ${at}: the menus take at most a third of the screen`, async () => {
            assert(m.header <= 667 / 3, `the header with both menus ends at ${Math.round(m.header)} px of 667`);
          });
          for (const scheme of ['', ...SCHEMES]) {
            await check(`phone ${at}: axe ${scheme ? `scheme ${scheme}` : 'normal'}`, async () => {
              await page.evaluate((s) => { document.documentElement.className = s ? `vi vi-scheme-${s}` : ''; }, scheme);
              await axe(page);
            });
          }
        }
      });
      await context.close();
    }
    // The folded menus open by keyboard and show their links; on a wide screen they are open.
    const tab = pages.find((p) => p.kind === 'list (orders)') || pages.find((p) => p.kind === 'org tab');
    for (const [label, options] of [['375 px', { viewport: { width: 375, height: 667 } }], ['375 px without JavaScript',
      { viewport: { width: 375, height: 667 }, javaScriptEnabled: false }]]) {
      const context = await newContext(options);
      const page = await context.newPage();
      await check(`phone ${label}: the menus open by keyboard and show every link`, async () => {
        await open(page, tab);
        for (const nav of ['.portal-nav', '.org-nav']) {
          const early = await page.evaluate((n) => [...document.querySelectorAll(`${n} a`)].filter((a) => a.checkVisibility()).length, nav);
          assert(early === 0, `${nav}: ${early} links show before the menu is opened`);
          await page.focus(`${nav} summary`);
          await page.keyboard.press('Enter');
          const shown = await page.evaluate((n) => [...document.querySelectorAll(`${n} a`)].map((a) => {
            const r = a.getBoundingClientRect();
            return a.checkVisibility() && r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;
          }), nav);
          assert(shown.length > 0 && shown.every(Boolean), `${nav}: after Enter ${shown.filter(Boolean).length} of ${shown.length} links show`);
        }
        if (options.javaScriptEnabled === false) return; // axe itself is a script
        for (const scheme of ['', 'wb']) {
          await page.evaluate((s) => { document.documentElement.className = s ? `vi vi-scheme-${s}` : ''; }, scheme);
          await axe(page);
        }
      });
      await context.close();
    }
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled });
      const page = await context.newPage();
      await check(`1280 px${javaScriptEnabled ? '' : ' without JavaScript'}: the menus are open, their buttons hidden`, async () => {
        await open(page, tab);
        const state = await page.evaluate(() => ({
          links: [...document.querySelectorAll('.portal-nav a, .org-nav a')].map((a) => a.checkVisibility() && a.getBoundingClientRect().width > 0),
          summaries: [...document.querySelectorAll('.menu > summary')].filter((s) => s.checkVisibility()).length,
        }));
        assert(state.links.length > 0 && state.links.every(Boolean), `${state.links.filter((x) => !x).length} menu links hidden`);
        assert(state.summaries === 0, `${state.summaries} menu buttons shown`);
      });
      await context.close();
    }
  }

  phase('VI keyboard');
  // (d) The version for the visually impaired by keyboard alone; it persists across pages.
  {
    const context = await newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const home = pages.find((p) => p.kind === 'home');
    const other = pages.find((p) => p.kind === 'org tab');
    await check('VI: keyboard opens the panel, focus moves into it', async () => {
      await open(page, home);
      let found = false;
      for (let i = 0; i < 6 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement && document.activeElement.id === 'vi-control');
      }
      assert(found, 'Tab never reached the control «Версия для слабовидящих»');
      const control = await page.evaluate(() => {
        const b = document.getElementById('vi-control');
        return { tag: b.tagName, expanded: b.getAttribute('aria-expanded'), controls: b.getAttribute('aria-controls'), text: b.textContent };
      });
      assert(control.tag === 'BUTTON' && control.expanded === 'false' && control.controls === 'vi-panel', `control: ${JSON.stringify(control)}`);
      assert(/слабовидящих/.test(control.text), 'the control is not labelled «Версия для слабовидящих»');
      const ring = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' || s.boxShadow !== 'none';
      });
      assert(ring, 'the focused control shows no focus indicator');
      await page.keyboard.press('Enter');
      assert(await page.getAttribute('#vi-control', 'aria-expanded') === 'true', 'aria-expanded did not become true');
      assert(await page.isVisible('#vi-panel'), 'the panel is not visible');
      assert(await page.evaluate(() => document.getElementById('vi-panel').contains(document.activeElement)), 'focus did not move into the panel');
    });
    await check('VI: arrow keys and Tab change font size and colours', async () => {
      // Focus is on the checked font size; the arrow key moves to the next size.
      await page.keyboard.press('ArrowRight');
      assert(await page.evaluate(() => document.documentElement.classList.contains('vi-size-1')), 'ArrowRight did not choose the next font size');
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert(size === 20, `root font size ${size}px, expected 20px (125 %)`);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert(await page.evaluate(() => document.documentElement.classList.contains('vi-size-3')), 'the largest size was not chosen');
      await page.keyboard.press('Tab'); // to the colour group
      const name = await page.evaluate(() => document.activeElement.name);
      assert(name === 'vi-scheme', `Tab went to ${name}, not to the colour schemes`);
      await page.keyboard.press('ArrowDown'); // black on white
      await page.keyboard.press('ArrowDown'); // white on black
      const colours = await page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return [s.color, s.backgroundColor, document.documentElement.className];
      });
      assert(colours[0] === 'rgb(255, 255, 255)' && colours[1] === 'rgb(0, 0, 0)', `white on black expected, got ${colours.join(' / ')}`);
      await page.keyboard.press('Tab'); // images
      await page.keyboard.press('ArrowRight'); // off
      assert(await page.evaluate(() => document.documentElement.classList.contains('vi-noimg')), 'images were not switched off');
      for (const [group, cls] of [['vi-ls', 'vi-ls-1'], ['vi-lh', 'vi-lh-1'], ['vi-font', 'vi-serif']]) {
        await page.keyboard.press('Tab');
        assert(await page.evaluate(() => document.activeElement.name) === group, `Tab did not reach ${group}`);
        await page.keyboard.press('ArrowRight');
        assert(await page.evaluate((c) => document.documentElement.classList.contains(c), cls), `${group}: ${cls} not applied`);
      }
      const styles = await page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return { letter: s.letterSpacing, line: parseFloat(s.lineHeight) / parseFloat(s.fontSize), font: s.fontFamily };
      });
      assert(styles.letter !== 'normal' && styles.line > 1.8 && /serif/i.test(styles.font) && !/sans-serif/.test(styles.font.split(',')[0]),
        `spacing, line height and serif not applied: ${JSON.stringify(styles)}`);
    });
    await check('VI: Escape closes the panel and returns focus to the control', async () => {
      await page.keyboard.press('Escape');
      assert(await page.isHidden('#vi-panel'), 'the panel is still visible');
      assert(await page.getAttribute('#vi-control', 'aria-expanded') === 'false', 'aria-expanded is not false');
      assert(await page.evaluate(() => document.activeElement.id === 'vi-control'), 'focus is not on the control');
    });
    await check('VI: the choice persists across a navigation, from the first paint', async () => {
      const saved = await page.evaluate(() => localStorage.getItem('nastavnik-vi'));
      assert(saved && /vi-scheme-wb/.test(saved) && /vi-size-3/.test(saved), `localStorage holds ${saved}`);
      // The classes must be on <html> before the deferred script runs: check at the first
      // chance the page gives, with scripts' own work blocked.
      await page.route('**/site.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
      await open(page, other);
      const state = await page.evaluate(() => ({ cls: document.documentElement.className, bg: getComputedStyle(document.body).backgroundColor,
        size: getComputedStyle(document.documentElement).fontSize }));
      assert(/vi-scheme-wb/.test(state.cls) && state.bg === 'rgb(0, 0, 0)' && state.size === '32px', `after navigation: ${JSON.stringify(state)}`);
      await page.unroute('**/site.js');
      await open(page, other);
      assert(await page.evaluate(() => document.querySelectorAll('img').length === 0 ||
        [...document.querySelectorAll('img')].every((img) => getComputedStyle(img).display === 'none')), 'images are shown with images off');
    });
    await check('VI: «Обычная версия сайта» resets everything', async () => {
      await page.click('#vi-control');
      await page.click('[data-vi="reset"]');
      const state = await page.evaluate(() => ({ cls: document.documentElement.className, saved: localStorage.getItem('nastavnik-vi'),
        bg: getComputedStyle(document.body).backgroundColor }));
      assert(state.cls === '' && state.saved === null && state.bg === 'rgb(255, 255, 255)', JSON.stringify(state));
    });
    await context.close();
  }

  phase('no JS');
  // Without JavaScript: the control is a link to the page that explains zoom and colours.
  {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await check('no JavaScript: the control links to the accessibility page, which explains zoom', async () => {
      await open(page, pages.find((p) => p.kind === 'entry (news)') || pages[0]);
      const href = await page.evaluate(() => {
        const a = document.getElementById('vi-control');
        return a && a.tagName === 'A' && /слабовидящих/.test(a.textContent) ? a.href : null;
      });
      assert(href, 'no link «Версия для слабовидящих»');
      const response = await page.goto(href);
      assert(response.status() === 200, `HTTP ${response.status()} for ${href}`);
      const text = await page.evaluate(() => document.querySelector('main').innerText);
      assert(/Ctrl/.test(text) && /200\s%/.test(text) && /цвет/i.test(text), 'the page does not explain zoom and colours');
    });
    await check('no JavaScript: the orders register is a complete table', async () => {
      const orders = pages.find((p) => p.kind === 'list (orders)');
      await open(page, orders);
      const rows = await page.evaluate(() => document.querySelectorAll('table.register tbody tr').length);
      assert(rows > 0, 'no rows');
    });
    await context.close();
  }

  phase('screenshots');
  // (e) Screenshots at 375 px and 1280 px of the tab, a story and the indicators page, and
  // of the tab in two schemes of the version for the visually impaired.
  for (const width of [375, 1280]) {
    const context = await newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const kind of ['org tab', 'entry (stories)', 'indicators']) {
      await check(`screenshot ${width} px: ${kind}`, async () => {
        const entry = pages.find((p) => p.kind === kind);
        await open(page, entry);
        const file = path.join(shots, `${kind.replace(/[^a-z]+/g, '-').replace(/-$/, '')}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert(fs.statSync(file).size > 10000, `${file} looks empty`);
      });
    }
    await context.close();
  }
  for (const [scheme, width] of [['wb', 375], ['blue', 1280]]) {
    const context = await newContext({ viewport: { width, height: 900 } }, `vi vi-scheme-${scheme} vi-size-2`);
    const page = await context.newPage();
    await check(`screenshot ${width} px, scheme ${scheme}: org tab with the panel open`, async () => {
      await open(page, pages.find((p) => p.kind === 'org tab'));
      await page.click('#vi-control');
      await page.screenshot({ path: path.join(shots, `org-tab-vi-${scheme}-${width}.png`), fullPage: false });
    });
    await context.close();
  }
  {
    const context = await newContext();
    const page = await context.newPage();
    // Print styles: no menus, the page's address printed, A4; roadmaps in landscape.
    for (const [kind, landscape] of [['roadmap', true], ['entry (documents)', false]]) {
      await check(`print: ${kind} prints without menus on A4${landscape ? ' landscape' : ''}`, async () => {
        await open(page, pages.find((p) => p.kind === kind));
        await page.emulateMedia({ media: 'print' });
        const state = await page.evaluate(() => ({
          shown: ['.org-nav', '.portal-nav', '.vi-control', '.site-footer', '.breadcrumbs']
            .filter((s) => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none'),
          source: getComputedStyle(document.querySelector('.print-source')).display,
        }));
        await page.emulateMedia({ media: null }); // page.pdf() prints with print styles by itself
        assert(state.shown.length === 0, `still printed: ${state.shown.join(', ')}`);
        assert(state.source === 'block', 'the page address is not printed');
        const pdf = await page.pdf({ preferCSSPageSize: true });
        fs.writeFileSync(path.join(shots, `${kind.replace(/[^a-z]+/g, '-').replace(/-$/, '')}-print.pdf`), pdf);
        const box = /MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
        assert(box, 'no page size in the PDF');
        const [w, h] = [Math.round(Number(box[1])), Math.round(Number(box[2]))];
        const want = landscape ? [842, 595] : [595, 842];
        assert(w === want[0] && h === want[1], `page ${w}×${h} pt, expected A4 ${want.join('×')}`);
      });
    }
    await context.close();
  }

  phase('weight');
  // (f) Page weight.
  await check('weight: CSS and JS within budget', async () => {
    const css = fs.statSync(path.join(out, 'assets', 'style.css')).size;
    const js = fs.statSync(path.join(out, 'assets', 'site.js')).size;
    // search.js is the search page's alone (its results; tests/browser/search.js), within its own budget.
    const search = fs.statSync(path.join(out, 'assets', 'search.js')).size;
    const assets = fs.readdirSync(path.join(out, 'assets'));
    const scripts = assets.filter((f) => f.endsWith('.js')).sort().join(', ');
    assert(assets.filter((f) => f.endsWith('.css')).length === 1 && scripts === 'search.js, site.js',
      `one CSS file and site.js with search.js expected, found ${assets.join(', ')}`);
    assert(css < BUDGET.css, `style.css is ${css} bytes, budget ${BUDGET.css}`);
    assert(js < BUDGET.js, `site.js is ${js} bytes, budget ${BUDGET.js}`);
    assert(search < BUDGET.search, `search.js is ${search} bytes, budget ${BUDGET.search}`);
    console.log(`     style.css ${css} B, site.js ${js} B, search.js ${search} B`);
  });
  // The department's summary grows with the organisations times the indicators: it is the
  // one page that is not typical, and gets twice the budget.
  for (const entry of pages) {
    const budget = entry.kind === 'indicators (department summary)' ? 2 * BUDGET.html : BUDGET.html;
    await check(`weight: HTML of ${entry.kind} /${entry.url} under ${budget / 1024} KB`, async () => {
      const size = fs.statSync(entry.file).size;
      assert(size < budget, `${size} bytes`);
    });
  }
  await check('weight: HTML of a typical page (the median of the site) under 40 KB', async () => {
    const sizes = lib.htmlFiles(out).map((f) => fs.statSync(f).size).sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)];
    console.log(`     ${sizes.length} pages: median ${median} B, largest ${sizes[sizes.length - 1]} B`);
    assert(median < BUDGET.html, `median ${median} bytes`);
  });

  await photoBudget({ repo: REPO, tmp, browser, build, serve: lib.serveFolder, check, assert });

  phase('theme settings');
  // Theme settings: a copy of the theme with other colours, an image logo and without the
  // accessibility template of older copies.
  await check('theme settings: colours and logo from theme.yaml, without touching templates', async () => {
    const theme = path.join(tmp, 'school-theme');
    fs.cpSync(path.join(REPO, 'themes', 'default'), theme, { recursive: true });
    fs.rmSync(path.join(theme, 'templates', 'accessibility.mustache'));
    fs.writeFileSync(path.join(theme, 'static', 'gerb.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48"><circle cx="24" cy="24" r="22" fill="#7a1f1f"/></svg>');
    fs.writeFileSync(path.join(theme, 'theme.yaml'),
      'logo:\n  text: "Наставничество в школе"\n  image: gerb.svg\ncolors:\n  header: "#5a1010"\n  accent: "#7a1f1f"\n');
    const site = path.join(tmp, 'school-site');
    const result = build(path.join(REPO, 'tests', 'fixtures', 'minimal'), site, ['--theme', theme]);
    assert(result.ok, result.output);
    assert(fs.existsSync(path.join(site, 'accessibility', 'index.html')), 'a theme without accessibility.mustache gets no accessibility page');
    const context = await newContext();
    const page = await context.newPage();
    const url = `${base}__theme/`;
    await page.route(`${url}**`, (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname.slice('/__theme/'.length));
      let file = path.join(site, rel);
      if (rel === '' || rel.endsWith('/')) file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ status: 200, body: fs.readFileSync(file), contentType: file.endsWith('.css') ? 'text/css'
        : file.endsWith('.svg') ? 'image/svg+xml' : file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' });
    });
    await page.goto(url);
    const got = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
      link: getComputedStyle(document.querySelector('main a')).color,
      logo: document.querySelector('.site-title img') && document.querySelector('.site-title img').naturalWidth,
      text: document.querySelector('.site-title').textContent.trim(),
    }));
    await context.close();
    assert(got.header === 'rgb(90, 16, 16)', `header colour ${got.header}`);
    assert(got.link === 'rgb(122, 31, 31)', `link colour ${got.link}`);
    assert(got.logo === 48, 'the logo image did not load');
    assert(got.text === 'Наставничество в\u00A0школе', `logo text «${got.text}»`);
  });
  await check('theme settings: low-contrast colours warn, a bad colour is an error', async () => {
    const theme = path.join(tmp, 'pale-theme');
    fs.mkdirSync(theme);
    fs.cpSync(path.join(REPO, 'themes', 'default', 'templates'), path.join(theme, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(theme, 'theme.yaml'), 'colors:\n  accent: "#9fc0e3"\n');
    const pale = build(path.join(REPO, 'tests', 'fixtures', 'minimal'), path.join(tmp, 'pale-site'), ['--theme', theme]);
    assert(pale.ok && /accent и background дают контраст 1,9:1/.test(pale.output), pale.output);
    fs.writeFileSync(path.join(theme, 'theme.yaml'), 'colors:\n  accent: "red;} body{display:none"\n');
    const bad = build(path.join(REPO, 'tests', 'fixtures', 'minimal'), path.join(tmp, 'bad-site'), ['--theme', theme]);
    assert(!bad.ok && /colors\.accent/.test(bad.output), bad.output);
  });

  await check('no requests leave the site', async () => {
    assert(external.length === 0, [...new Set(external)].slice(0, 10).join('\n'));
  });

  phase('vnu');
  // (b) The Nu HTML Checker.
  await check('vnu: no errors in any HTML file', async () => {
    const r = await vnu;
    let messages;
    try {
      messages = JSON.parse(r.stderr || r.stdout).messages;
    } catch (e) {
      throw new Error(`vnu did not answer in JSON (exit ${r.code}): ${(r.stderr || r.stdout).slice(0, 2000)}`);
    }
    const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    const count = lib.htmlFiles(out).length;
    console.log(`     vnu checked ${count} files`);
    assert(errors.length === 0, errors.slice(0, 15).map((m) =>
      `${path.relative(out, decodeURIComponent((m.url || '').replace('file:', '')))}:${m.lastLine}: ${m.message}`).join('\n'));
  });

  await browser.close();
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  const failed = results.filter((r) => r.error);
  if (failed.length) {
    console.log(`\nFailed:\n${failed.map((r) => `  ${r.name}`).join('\n')}`);
  }
  console.log(`Screenshots: ${shots}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
  console.log(`FAIL the browser tests crashed: ${e && e.stack ? e.stack : e}`);
  console.log(`${results.filter((r) => !r.error).length} passed, ${results.filter((r) => r.error).length + 1} failed`);
  process.exit(1);
});
