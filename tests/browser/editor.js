#!/usr/bin/env node
// The browser editor as a curator uses it: Debian's Chromium (playwright-core) opens
// school-1/admin/ of the demo site built with Decap CMS's files, against decap-server (the
// local backend, started and stopped here) over a copy of content/. The form refuses to save
// a news item without its title; filled in (title, a date, text), the item is written under
// content/school-1/news/, passes `nastavnik check` and is published at the address
// `nastavnik new` gives its title. Screenshots go to NASTAVNIK_ARTIFACTS/editor/.
//
// Environment: NASTAVNIK (the binary), NASTAVNIK_REPO, NASTAVNIK_ARTIFACTS, CHROMIUM (default
// /usr/bin/chromium). Needs `npm ci` in the repository (decap-cms, decap-server, playwright-core).
//
// Most forms are saved through decap-server's file system mode, which writes straight into
// the folder: it has no editorial workflow (branches and merge requests), so the
// configuration served for them drops `publish_mode`, and points `local_backend` at this
// test's port. The last form goes through the editorial workflow as built, over a git
// repository (decap-server's git mode, needs git): saved, it waits on a branch; approved and
// published, it is merged. Screenshots of both are the editors' guide's
// (scripts/editor-screenshots.sh).
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { serveFolder, finish, runMain } = require('./lib');

const REPO = path.resolve(process.env.NASTAVNIK_REPO || path.join(__dirname, '..', '..'));
const BIN = process.env.NASTAVNIK || path.join(REPO, 'build', 'nastavnik');
const ARTIFACTS = path.join(process.env.NASTAVNIK_ARTIFACTS || path.join(REPO, 'build', 'test-artifacts'), 'editor');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const EPOCH = '1795608000'; // 2026-11-25, the e2e tests' "today"
const MODULES = path.join(REPO, 'node_modules'); // --editor-assets: Decap CMS and js-yaml, as npm ci installs them
const CMS = path.join(MODULES, 'decap-cms', 'dist');
const TITLE = 'День наставника в школе';
const SLUG = 'den-nastavnika-v-shkole'; // what `nastavnik new` names it (tests/ci/test_new_command.py)

const results = [];
let onFailure = null; // a screenshot of the page as the failing step left it, among the artifacts
async function check(name, fn) {
  try {
    await fn();
    results.push({ name });
    console.log(`ok   ${name}`);
  } catch (e) {
    if (onFailure) await onFailure(`FAIL-${results.length + 1}`).catch(() => {});
    results.push({ name, error: e });
    console.log(`FAIL ${name}\n     ${String(e && e.stack ? e.stack : e).split('\n').join('\n     ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function nastavnik(args) {
  const run = spawnSync(BIN, args, { env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1' }, encoding: 'utf8' });
  return { status: run.status, output: (run.stdout || '') + (run.stderr || '') };
}

function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// decap-server over `repo`, on `port`; resolves when it listens.
// `mode`: 'fs' writes straight into the folder; 'git' keeps a git repository, where the
// editorial workflow puts each change on a branch of its own (as merge requests on GitLab).
function startDecapServer(repo, port, mode = 'fs') {
  const script = require.resolve('decap-server/dist/index.js', { paths: [REPO] });
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: String(port), GIT_REPO_DIRECTORY: repo, MODE: mode, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`decap-server did not start:\n${log}`)), 30000);
    const seen = (d) => {
      log += d;
      if (/listening on port/.test(log)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => reject(new Error(`decap-server exited (${code}):\n${log}`)));
  });
}

// An editor page's config.yml as built (the editorial workflow on, `local_backend: true`),
// pointed at decap-server on `port`; `workflow: false` drops the editorial workflow, which
// decap-server's file system mode has not.
function useLocalBackend(config, port, { workflow }) {
  const text = fs.readFileSync(config, 'utf8');
  assert(text.includes('local_backend: true\n') && text.includes('publish_mode: "editorial_workflow"\n'), `${config} changed shape`);
  let patched = text.replace('local_backend: true\n', `local_backend:\n  url: "http://127.0.0.1:${port}/api/v1"\n`);
  if (!workflow) patched = patched.replace('publish_mode: "editorial_workflow"\n', '');
  fs.writeFileSync(config, patched);
}

// The one file added to `folder` since `before` (its listing), waited for.
async function waitForNew(folder, before) {
  const deadline = Date.now() + 20000;
  let added = [];
  while (Date.now() < deadline) {
    added = fs.readdirSync(folder).filter((f) => !before.includes(f));
    if (added.length) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert(added.length === 1, `files added to ${folder}: ${added.join(', ') || 'none'}`);
  return added[0];
}

// The text of `file` once it is written anew: changed from `original` and the same on two
// reads in a row (decap-server truncates a file before it writes it).
async function waitForRewrite(file, original) {
  const deadline = Date.now() + 20000;
  let last = original;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = fs.readFileSync(file, 'utf8');
    if (now !== original && now !== '' && now === last) return now;
    last = now;
  }
  throw new Error(`${file} was not written`);
}

function newsFiles(repo) {
  return fs.readdirSync(path.join(repo, 'content', 'school-1', 'news')).sort();
}

async function main() {
  const missing = [];
  for (const mod of ['playwright-core', 'decap-server/package.json']) {
    try {
      require.resolve(mod, { paths: [REPO] });
    } catch (e) {
      missing.push(`${mod} (npm ci)`);
    }
  }
  if (!fs.existsSync(path.join(CMS, 'decap-cms.js'))) missing.push(`${CMS}/decap-cms.js (npm ci)`);
  if (!fs.existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install chromium)`);
  if (!fs.existsSync(BIN)) missing.push(`${BIN} (cmake --build build)`);
  if (missing.length) {
    console.log(`FAIL the editor's browser test needs: ${missing.join('; ')}\n0 passed, 1 failed`);
    process.exit(1);
  }
  const { chromium } = require(require.resolve('playwright-core', { paths: [REPO] }));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nastavnik-editor-'));
  const repo = path.join(tmp, 'repo');
  fs.cpSync(path.join(REPO, 'content'), path.join(repo, 'content'), { recursive: true });
  const out = path.join(tmp, 'public');
  const built = nastavnik(['build', '--content', path.join(repo, 'content'), '--out', out, '--editor-assets', MODULES]);
  if (built.status !== 0) {
    console.log(`FAIL building the demo site\n${built.output}\n0 passed, 1 failed`);
    process.exit(1);
  }
  const port = await freePort();
  for (const folder of ['school-1', '']) {  // the school's editor, and the department's with every organisation
    useLocalBackend(path.join(out, folder, 'admin', 'config.yml'), port, { workflow: false });
  }
  const decap = await startDecapServer(repo, port);
  const server = await serveFolder(out);
  const admin = `http://127.0.0.1:${server.address().port}/school-1/admin/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--lang=ru-RU'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  const errors = [];
  // Decap CMS rejects its own save with nothing when the form is incomplete (the refusal
  // tested below): that is not an error of the page.
  let step = '';
  // «Leave the page with unsaved changes?»: yes, go on to the next form.
  page.on('dialog', (d) => d.accept());
  page.on('pageerror', (e) => {
    if (!e.name && String(e.message) === 'undefined' && step === 'refused') return;
    errors.push(`${step}: ${e.name}: ${e.message}\n${e.stack}`);
  });
  const before = newsFiles(repo);
  onFailure = (name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  // A screenshot (kept for the editors' guide, scripts/editor-screenshots.sh), with `focus`
  // scrolled into view and the animations of a dialog or a message over.
  async function shot(name, focus) {
    if (focus && await focus.count()) await focus.scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  }
  // A form opened afresh: the messages of the last one are gone.
  async function open(address) {
    await page.goto(address);
    await page.reload();
  }
  const content = path.join(repo, 'content');
  // «Опубликовать» → «Опубликовать сейчас»: the one file that appears in `section` of
  // school-1 (listed as `before`), with its text.
  async function publishNew(section, before, name) {
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByText('Опубликовать сейчас').click();
    const folder = path.join(content, 'school-1', section);
    const added = await waitForNew(folder, before);
    await shot(name);
    const written = await waitForRewrite(path.join(folder, added), '');
    console.log(`     ${added}:\n${written.replace(/^/gm, '       ')}`);
    return { added, written };
  }
  // `nastavnik check` passes and a build succeeds: the folder of that build.
  function checkAndBuild(name) {
    const checked = nastavnik(['check', '--content', content]);
    assert(checked.status === 0, checked.output);
    const site = path.join(tmp, name);
    const built = nastavnik(['build', '--content', content, '--out', site]);
    assert(built.status === 0, built.output);
    return site;
  }

  try {
    await check('on the site, the editor asks to log in with GitLab', async () => {
      // The page as published: no local backend, so Decap offers the GitLab login (the
      // GitLab pages behind it are not reachable here).
      const published = path.join(out, 'as-published', 'admin');
      fs.mkdirSync(published, { recursive: true });
      fs.copyFileSync(path.join(out, 'school-1', 'admin', 'index.html'), path.join(published, 'index.html'));
      const built = fs.readFileSync(path.join(out, 'school-1', 'admin', 'config.yml'), 'utf8');
      // The demo's site.yaml has no editor: block; a project and an application, as a
      // department writes them there (docs/browser-editor.md).
      assert(built.includes('  name: "gitlab"\n'), 'config.yml changed shape');
      fs.writeFileSync(path.join(published, 'config.yml'), built.replace(/^local_backend:\n  url: .*\n/m, '')
        .replace('  name: "gitlab"\n', '  name: "gitlab"\n  repo: "uo-chernogorsk/nastavnichestvo"\n  app_id: "0123abcd"\n'));
      await page.goto(admin.replace('/school-1/admin/', '/as-published/admin/'));
      await page.getByRole('button', { name: 'Войти через GitLab' }).waitFor({ timeout: 30000 });
      await shot('0-login');
    });

    await check('the editor opens in Russian and logs in to the local backend', async () => {
      await page.goto(admin);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByText('Новости', { exact: true }).first().waitFor({ timeout: 30000 });
      await shot('1-collections');
    });

    await check("the department's editor reads its forms, written once for all organisations, and lists every organisation's", async () => {
      step = 'department';
      await open(admin.replace('/school-1/admin/', '/admin/'));
      const shortNames = fs.readdirSync(path.join(repo, 'content'))
        .filter((d) => fs.existsSync(path.join(repo, 'content', d, 'org.yaml')))
        .map((d) => fs.readFileSync(path.join(repo, 'content', d, 'org.yaml'), 'utf8').match(/^short_name:\s*"?(.*?)"?\s*(#.*)?$/m)[1]);
      assert(shortNames.length > 1, 'the demo has one organisation');
      for (const name of shortNames) await page.getByText(`Новости — ${name}`, { exact: true }).first().waitFor({ timeout: 30000 });
      // A form named by an alias (not the first organisation's) opens with its fields.
      await page.getByText(`Новости — ${shortNames[shortNames.length - 1]}`, { exact: true }).first().click();
      await page.getByRole('link', { name: /Новость/ }).or(page.getByRole('button', { name: /Новость/ })).first().click();
      await page.locator('[id^="title-field"]').waitFor({ timeout: 20000 });
      await open(admin);
    });

    await check('the form refuses to publish a news item without its title', async () => {
      step = 'refused';
      await open(`${admin}#/collections/news/new`);
      await page.locator('[id^="title-field"]').waitFor();
      await page.locator('input[type="date"]').fill('2026-11-20');
      await page.getByRole('button', { name: 'Опубликовать' }).click();
      await page.getByText('Опубликовать сейчас').click();
      await page.getByText('Необходимо указать значение поля Заголовок новости', { exact: false }).first().waitFor({ timeout: 10000 });
      await shot('2-required-title', page.locator('[id^="title-field"]'));
      assert(JSON.stringify(newsFiles(repo)) === JSON.stringify(before), 'a file was written without a title');
    });

    await check('a news item filled in the form is written under content/school-1/news/', async () => {
      step = 'filled';
      await page.locator('[id^="title-field"]').fill(TITLE);
      await page.locator('[data-slate-editor="true"]').first().click();
      await page.keyboard.type('Прошёл День наставника.');
      await shot('3-news-filled', page.locator('[id^="title-field"]'));
      const { added, written } = await publishNew('news', before, '4-news-published');
      // Named as `nastavnik new` names it, from the slug the page filled in.
      assert(added === `2026-11-20-${SLUG}.md`, `${added}: not the name new gives`);
      assert(new RegExp(`\nslug: "?${SLUG}"?\n`).test(written), 'the slug is not written');
      assert(/\ndate: "?2026-11-20"?\n/.test(written), 'the date is not written as YYYY-MM-DD');
    });

    await check('what the form wrote passes nastavnik check and is published at the address new gives', async () => {
      const site = checkAndBuild('site-news');
      const page = path.join(site, 'school-1', 'news', SLUG, 'index.html');
      assert(fs.existsSync(page), `no ${page}`);
      assert(fs.readFileSync(page, 'utf8').includes('Прошёл День наставника.'), 'the text is not on the page');
    });

    await check('an order with its PDF uploaded through the media library', async () => {
      step = 'order';
      const orders = fs.readdirSync(path.join(repo, 'content', 'school-1', 'orders'));
      const pdf = path.join(tmp, 'prikaz-o-nastavnichestve.pdf');
      fs.copyFileSync(path.join(REPO, 'content', 'school-1', 'files', fs.readdirSync(path.join(REPO, 'content', 'school-1', 'files'))
        .find((f) => f.endsWith('.pdf'))), pdf);
      await open(`${admin}#/collections/orders/new`);
      await page.locator('[id^="number-field"]').waitFor();  // the new form, not the last one
      await page.locator('[id^="title-field"]').fill('О закреплении наставнических пар на 2026/2027 учебный год');
      await page.locator('[id^="number-field"]').fill('205-о');
      await page.locator('input[type="date"]').first().fill('2026-11-20');
      await page.locator('[id^="topic-field"]').click();
      await page.getByText('о закреплении наставнических пар и групп', { exact: true }).click();
      await page.getByText('Выберите файл').first().scrollIntoViewIfNeeded();
      await page.getByText('Выберите файл').first().click();
      await page.locator('input[type="file"]').setInputFiles(pdf);
      await page.getByText('prikaz-o-nastavnichestve.pdf').first().waitFor();
      await shot('5-media-library');
      await page.getByRole('button', { name: 'Выбрать помеченные' }).click();
      await shot('6-order-filled', page.locator('[id^="file-field"]').first());
      const { written } = await publishNew('orders', orders, '7-order-published');
      assert(/\nfile: "?files\/prikaz-o-nastavnichestve\.pdf"?\n/.test(written), 'the file is not written as files/…');
      assert(/\ntopic: "?pairs"?\n/.test(written), 'the topic is not its id');
      assert(fs.existsSync(path.join(content, 'school-1', 'files', 'prikaz-o-nastavnichestve.pdf')), 'the PDF is not in files/');
      checkAndBuild('site-order');
    });

    await check('a story about a pupil: minor checked, consent left unchecked; the name is kept and not published', async () => {
      step = 'story';
      const stories = fs.readdirSync(path.join(content, 'school-1', 'stories'));
      await open(`${admin}#/collections/stories/new`);
      await page.locator('[id^="mentee-field"]').first().waitFor();
      await page.locator('[id^="title-field"]').fill('Первый год в роли наставника');
      await page.locator('input[type="date"]').first().fill('2026-11-20');
      await page.locator('[id^="form-field"]').click();
      await page.getByText('«учитель – ученик»', { exact: true }).click();
      const names = page.locator('[id^="name-field"]');
      await names.nth(0).fill('Ковалёва Ирина Петровна');
      await names.nth(1).fill('Смирнов Артём Олегович');
      await page.locator('[id^="minor-field"]').nth(1).click();
      await page.locator('[data-slate-editor="true"]').first().click();
      await page.keyboard.type('Год занятий принёс плоды.');
      await shot('8-story-filled', page.locator('[id^="minor-field"]').nth(1));
      // The preview shows the entry as its page will: labels of the choices, the date in
      // Russian, no name without consent.
      const preview = page.frameLocator('iframe').first();
      await preview.getByText('«учитель – ученик»').waitFor({ timeout: 10000 });
      const shown = await preview.locator('body').innerText();
      console.log(`     the preview:\n${shown.replace(/^/gm, '       ')}`);
      assert(shown.includes('20 ноября 2026'), 'the date is not in Russian');
      assert(!/Смирнов|Ковалёва|teacher-student/.test(shown), 'the preview shows a name without consent or an id');
      assert(shown.includes('имя без согласия не публикуется'), 'the preview does not say why the name is missing');
      const { written } = await publishNew('stories', stories, '9-story-published');
      assert(/\nmentee:\n(  .*\n)*  minor: true\n/.test(written), 'mentee.minor is not true');
      assert(!/\nmentee:\n(  .*\n)*  consent: true\n/.test(written), 'mentee.consent is true');
      const site = checkAndBuild('site-story');
      const hits = spawnSync('grep', ['-rl', 'Смирнов', site], { encoding: 'utf8' }).stdout.trim();
      assert(hits === '', `the pupil's name is published: ${hits}`);
    });

    await check('an indicator value edited in the form: indicators.yaml still passes check and shows it', async () => {
      step = 'indicators';
      const file = path.join(content, 'school-1', 'indicators.yaml');
      const original = fs.readFileSync(file, 'utf8');
      // Decap keeps the last entry of a file collection when only the address changes: loaded afresh.
      await open(`${admin}#/collections/data/entries/indicators`);
      // The first indicator, young-teachers-covered: 2022–2025, numerators 6, 7, 8, 8.
      const numerator2025 = page.locator('[id^="numerator-field"]').nth(3);
      await numerator2025.waitFor({ state: 'attached', timeout: 30000 });
      await shot('10-indicators');
      // The first indicator, collapsed to its id: its top bar's first button opens it.
      await page.locator('[id^="indicators-field"] [class*="listControlItem"]').first().locator('button').first().click();
      await numerator2025.waitFor();
      assert(await numerator2025.inputValue() === '8', `2025's numerator shows ${await numerator2025.inputValue()}`);
      await numerator2025.fill('7');
      await shot('11-indicator-edited');
      await page.getByRole('button', { name: 'Опубликовать' }).click();
      await page.getByText('Опубликовать сейчас').click();
      const written = await waitForRewrite(file, original);
      console.log(`     indicators.yaml, as the form writes it:\n${written.split('\n').slice(0, 16).join('\n').replace(/^/gm, '       ')}`);
      const site = checkAndBuild('site-indicators');
      const csv = fs.readFileSync(path.join(site, 'school-1', 'indicators.csv'), 'utf8');
      assert(/,young-teachers-covered,[^\n]*,percent,2025,7,8,/.test(csv), `2025 is not 7 of 8:\n${csv.slice(0, 800)}`);
    });

    await check('a mentor added in the form: mentors.yaml stays a list, passes check and the mentor is published', async () => {
      step = 'mentors';
      const file = path.join(content, 'school-1', 'mentors.yaml');
      const original = fs.readFileSync(file, 'utf8');
      const count = (text) => (text.match(/^- /gm) || []).length;
      await open(`${admin}#/collections/mentors/entries/mentors`);
      const names = page.locator('[id^="name-field"]');
      await page.getByRole('button', { name: /Добавить наставника/ }).waitFor({ timeout: 30000 });
      await shot('12-mentors');
      await page.getByRole('button', { name: /Добавить наставника/ }).click();
      // The new mentor is the last of the list, opened.
      const last = count(original);
      await names.nth(last).waitFor();
      await names.nth(last).fill('Ёлкина Мария Степановна');
      await page.locator('[id^="position-field"]').nth(last).fill('учитель математики');
      await page.locator('[id^="consent-field"]').nth(last).click();
      await shot('13-mentor-added');
      await page.getByRole('button', { name: 'Опубликовать' }).click();
      await page.getByText('Опубликовать сейчас').click();
      const written = await waitForRewrite(file, original);
      console.log(`     mentors.yaml, as the form writes it (the end):\n${written.split('\n').slice(-12).join('\n').replace(/^/gm, '       ')}`);
      assert(/^- name: /.test(written), 'mentors.yaml is no longer a list at its root');
      assert(count(written) === count(original) + 1, `${count(written)} mentors, ${count(original)} before`);
      assert(/\n- name: "?Ёлкина Мария Степановна"?\n  position: "?учитель математики"?\n/.test(written), 'the new mentor is not written as entered');
      assert(!/: ""|: null/.test(written), 'empty values are written');
      const site = checkAndBuild('site-mentors');
      const hits = spawnSync('grep', ['-rl', 'Ёлкина Мария Степановна', path.join(site, 'school-1')], { encoding: 'utf8' }).stdout.trim();
      assert(hits !== '', 'the mentor with consent is published nowhere');
    });

    await check('with the editorial workflow a saved item waits on a branch until it is approved and published', async () => {
      step = 'workflow';
      // The same site, its config.yml as built (publish_mode: editorial_workflow), over a git
      // repository of the content: decap-server's git mode keeps each change on a branch
      // cms/…, as Decap keeps a merge request on GitLab, and merges it on publishing.
      const gitRepo = path.join(tmp, 'git-repo');
      fs.cpSync(path.join(REPO, 'content'), path.join(gitRepo, 'content'), { recursive: true });
      const git = (...args) => {
        const run = spawnSync('git', ['-C', gitRepo, ...args], { encoding: 'utf8' });
        assert(run.status === 0, `git ${args.join(' ')}: ${run.stderr}`);
        return run.stdout;
      };
      git('init', '-q', '-b', 'main');
      git('config', 'user.name', 'Куратор');
      git('config', 'user.email', 'kurator@school-1.example.ru');
      // decap-server reads the changed files from `git diff`, which quotes a Cyrillic file name
      // ("\320\276…") unless told not to; GitLab's API, which Decap reads on the site, does not.
      git('config', 'core.quotePath', 'false');
      git('add', '.');
      git('commit', '-q', '-m', 'Материалы');
      const site = path.join(tmp, 'public-workflow');
      const built = nastavnik(['build', '--content', path.join(gitRepo, 'content'), '--out', site, '--editor-assets', MODULES]);
      assert(built.status === 0, built.output);
      const gitPort = await freePort();
      useLocalBackend(path.join(site, 'school-1', 'admin', 'config.yml'), gitPort, { workflow: true });
      const gitDecap = await startDecapServer(gitRepo, gitPort, 'git');
      const gitServer = await serveFolder(site);
      try {
        const gitAdmin = `http://127.0.0.1:${gitServer.address().port}/school-1/admin/`;
        const news = path.join(gitRepo, 'content', 'school-1', 'news');
        const before = fs.readdirSync(news);
        await open(gitAdmin);
        await page.getByRole('button', { name: 'Войти' }).click();
        await page.getByText('Новости', { exact: true }).first().waitFor({ timeout: 30000 });
        await open(`${gitAdmin}#/collections/news/new`);
        await page.locator('[id^="title-field"]').fill('Открытые уроки наставников');
        await page.locator('input[type="date"]').first().fill('2026-11-21');
        await page.locator('[data-slate-editor="true"]').first().click();
        await page.keyboard.type('Наставники провели открытые уроки.');
        await page.getByRole('button', { name: 'Сохранить' }).click();
        const status = page.getByRole('button', { name: /татус: Черновик/ });  // Decap's label starts with a Latin C
        await status.waitFor({ timeout: 20000 });
        await shot('14-workflow-saved');
        const branches = () => git('branch', '--list', 'cms/*').trim();
        assert(branches() !== '', 'no branch for the saved item');
        assert(JSON.stringify(fs.readdirSync(news)) === JSON.stringify(before), 'the saved item is on the site before review');
        await status.click();
        await page.getByRole('menuitem', { name: 'Одобрен' }).or(page.getByText('Одобрен', { exact: true })).first().click();
        await page.getByRole('button', { name: /татус: Одобрен/ }).waitFor({ timeout: 20000 });
        await shot('15-workflow-approved');
        await page.getByRole('button', { name: 'Опубликовать' }).click();
        await page.getByText('Опубликовать сейчас').click();
        const added = await waitForNew(news, before);
        assert(added === '2026-11-21-otkrytye-uroki-nastavnikov.md', `${added}: not the name new gives`);
        await waitForRewrite(path.join(news, added), '');
        assert(branches() === '', `the branch stays after publishing: ${branches()}`);
        const checked = nastavnik(['check', '--content', path.join(gitRepo, 'content')]);
        assert(checked.status === 0, checked.output);
      } finally {
        gitServer.close();
        gitDecap.kill();
      }
    });

    await check('no script error in the editor', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
  } finally {
    await browser.close();
    server.close();
    decap.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  finish(results, ARTIFACTS);
}

runMain(main, "the editor's browser test");
