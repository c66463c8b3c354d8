// The photo budget of issue 13, measured in Chromium: a story with ten 4 MB phone photos
// transfers at most 1.5 MB to a 375 px phone (3× pixels, as most phones of that width)
// before the reader scrolls; scrolled to, every photo shows, in WebP. Called by run.js in
// its weight phase. The photos are made with libvips' command line (libvips-tools), as
// tests/e2e/test_photos.py makes them.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const BUDGET = 1.5 * 1024 * 1024;

function run(command, args) {
  const r = spawnSync(command, args.map(String), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.error || r.stderr}`);
}

// A photo-like JPEG of 4000 × 3000: smooth colour blotches and a fine grain, about 4.7 MB
// at 90 % quality and 90 KB as a 960 px WebP, as a phone's photo (pure noise would be three
// times as much, which no photo is).
function makePhoto(dir) {
  const v = (name) => path.join(dir, `${name}.v`);
  for (const band of [0, 1, 2]) run('vips', ['gaussnoise', v(`b${band}`), 125, 94, '--sigma', 50, '--mean', 128, '--seed', band + 1]);
  run('vips', ['bandjoin', [0, 1, 2].map((b) => v(`b${b}`)).join(' '), v('c')]);
  run('vips', ['resize', v('c'), v('r'), 32, '--kernel', 'cubic']);
  run('vips', ['gaussnoise', v('g'), 4000, 3008, '--sigma', 6, '--mean', 0, '--seed', 9]);
  run('vips', ['add', v('r'), v('g'), v('s')]);
  run('vips', ['cast', v('s'), v('u'), 'uchar']);
  run('vips', ['extract_area', v('u'), v('e'), 0, 0, 4000, 3000]);
  const out = path.join(dir, 'photo.jpg');
  run('vips', ['copy', v('e'), `${out}[Q=90]`]);
  for (const name of ['b0', 'b1', 'b2', 'c', 'r', 'g', 's', 'u', 'e']) fs.rmSync(v(name));
  return out;
}

async function photoBudget({ repo, tmp, browser, build, serve, check, assert }) {
  await check('weight: a story with ten 4 MB phone photos transfers at most 1.5 MB on a 375 px phone before scrolling', async () => {
    const work = fs.mkdtempSync(path.join(tmp, 'photos-'));
    const content = path.join(work, 'content');
    fs.cpSync(path.join(repo, 'tests', 'fixtures', 'minimal'), content, { recursive: true });
    const photo = makePhoto(work);
    const uploaded = fs.statSync(photo).size;
    assert(uploaded > 3.5e6 && uploaded < 15e6, `the test photo is ${uploaded} bytes, not a phone's 4 MB`);
    const names = [];
    for (let i = 1; i <= 10; i++) {
      fs.copyFileSync(photo, path.join(content, 'school-7', 'files', `foto-${i}.jpg`));
      names.push(`files/foto-${i}.jpg`);
    }
    fs.writeFileSync(path.join(content, 'school-7', 'stories', 'pervyy-god.md'),
      `---\ntitle: "Первый год в профессии"\ndate: 2025-05-20\nform: teacher-teacher\nphotos: [${names.join(', ')}]\n---\n` +
      'Наставник и молодой учитель целый год посещали уроки друг друга и разбирали их.\n');
    const out = path.join(work, 'public');
    // A cache of its own: the photos are encoded by this build.
    const cache = process.env.NASTAVNIK_CACHE;
    process.env.NASTAVNIK_CACHE = path.join(work, 'cache');
    const built = build(content, out, ['--theme', path.join(repo, 'themes', 'default')]);
    if (cache === undefined) delete process.env.NASTAVNIK_CACHE;
    else process.env.NASTAVNIK_CACHE = cache;
    assert(built.ok, `the site with photos does not build:\n${built.output}`);
    const server = await serve(out);
    const base = `http://127.0.0.1:${server.address().port}/`;
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      const bodies = [];
      page.on('response', (r) => bodies.push(r.body().then((b) => [r.url(), b.length], () => [r.url(), 0])));
      await page.goto(`${base}school-7/stories/pervyy-god/`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(300);
      const before = await Promise.all(bodies);
      const bytes = before.reduce((sum, [, n]) => sum + n, 0);
      const photos = before.filter(([url]) => /foto-\d+-\d+\.(webp|jpg)$/.test(url));
      console.log(`     ${(uploaded * 10 / 1e6).toFixed(1)} MB uploaded; before scrolling: ${before.length} requests, ` +
        `${(bytes / 1024).toFixed(0)} KB, of them ${photos.length} photo files (${photos.map(([u, n]) => `${u.split('/').pop()} ${(n / 1024).toFixed(0)} KB`).join(', ')})`);
      assert(bytes <= BUDGET, `${bytes} bytes before scrolling, budget ${BUDGET}`);
      // Scrolled to, every photo shows, each as WebP of a width the 3× screen needs.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => [...document.querySelectorAll('.photos img')].every((i) => i.complete && i.naturalWidth > 0),
        null, { timeout: 15000 });
      const shown = await page.evaluate(() => [...document.querySelectorAll('.photos img')].map((i) => i.currentSrc));
      assert(shown.length === 10, `${shown.length} photos on the page`);
      assert(shown.every((src) => /-(960|1440)\.webp$/.test(src)), `photos shown: ${shown.join(', ')}`);
    } finally {
      await context.close();
      server.close();
    }
  });
}

module.exports = { photoBudget };
