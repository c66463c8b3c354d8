#!/usr/bin/python3
"""The scripts the CI jobs run (scripts/ci/), here on this machine:

- nastavnik-bundle.sh: the key is a hash of what the binary is built from (a content or test
  change keeps it, a generator or theme change changes it); `pack` bundles the binary with
  every shared library it loads but glibc's, and the wrapper makes the loader take them;
  `upload`, `fetch` and `ensure` speak GitLab's generic package registry API (a stand-in:
  bench/package_registry_stub.py) with the job token, upload once per key, and say in
  Russian what they did; a missing package is exit 3 (then `ensure` builds).
- check.sh: every problem as `файл:строка:столбец: …` in the log, the Code Quality report
  beside it, exit 1 on errors.
- preview.sh: the built site with every relative link to a folder made a link to a file.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_ci_scripts.py
"""
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import unittest
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import ci_helpers as h  # noqa: E402
import package_registry_stub as stub  # noqa: E402

SCRIPTS = h.REPO / "scripts" / "ci"
BUNDLE = SCRIPTS / "nastavnik-bundle.sh"
TOKEN = "test-job-token"
GLIBC = re.compile(r"/(ld-linux[^/]*|libc|libm|libpthread|libdl|librt|libresolv|libutil)\.so")


def sh(args, *, env=None, cwd=None, timeout=300):
    full = dict(os.environ)
    full.update(env or {})
    return subprocess.run([str(a) for a in args], env=full, cwd=str(cwd) if cwd else None, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout)


class Registry:
    """The stand-in registry on a free port, in this process."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), stub.make_handler(folder, TOKEN))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.api = f"http://127.0.0.1:{self.server.server_address[1]}/api/v4"

    def env(self, **extra):
        env = {"CI_API_V4_URL": self.api, "CI_PROJECT_ID": "42", "CI_JOB_TOKEN": TOKEN}
        env.update(extra)
        return env

    def requests(self):
        log = self.folder / "requests.log"
        return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Key(h.TempDirCase):
    def copy_sources(self):
        src = self.tmp / "src"
        for rel in ("generator", "themes", "tools/anthroponyms", "scripts", "tests/ci", "content"):
            shutil.copytree(h.REPO / rel, src / rel, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        for rel in ("CMakeLists.txt", "data/anthroponyms/package.json", "data/anthroponyms/package-lock.json", "package-lock.json"):
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(h.REPO / rel, src / rel)
        return src

    def key(self, src):
        proc = sh([src / "scripts" / "ci" / "nastavnik-bundle.sh", "key"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stdout.strip(), r"^[0-9a-f]{40}$")
        return proc.stdout.strip()

    def test_key_follows_the_generator_sources_only(self):
        src = self.copy_sources()
        base = self.key(src)
        self.assertEqual(self.key(h.REPO), base, "the same sources, the same key")
        self.assertEqual(self.key(src), base, "stable")
        unchanged = {
            "content": src / "content" / "site.yaml",
            "tests": src / "tests" / "ci" / "ci_helpers.py",
        }
        changed = {
            "generator": next((src / "generator").rglob("*.cpp")),
            "theme": next(p for p in (src / "themes").rglob("*") if p.is_file()),
            "extractor": src / "tools" / "anthroponyms" / "extract.mjs",
            "npm lock": src / "data" / "anthroponyms" / "package-lock.json",
            "the editor's npm lock": src / "package-lock.json",
            "setup": src / "scripts" / "setup.sh",
        }
        for what, path in unchanged.items():
            original = path.read_bytes()
            path.write_bytes(original + b"\n")
            self.assertEqual(self.key(src), base, f"a change to {what} keeps the key")
            path.write_bytes(original)
        (src / "data" / "anthroponyms" / "node_modules").mkdir()
        (src / "data" / "anthroponyms" / "node_modules" / "x.js").write_text("installed, not a source\n")
        self.assertEqual(self.key(src), base, "installed npm packages are not sources")
        for what, path in changed.items():
            original = path.read_bytes()
            path.write_bytes(original + b"\n")
            self.assertNotEqual(self.key(src), base, f"a change to {what} changes the key")
            path.write_bytes(original)
        self.assertEqual(self.key(src), base)


class Bundle(h.TempDirCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(self.tmp / "registry")

    def tearDown(self):
        self.registry.close()
        super().tearDown()

    def bundle(self, command, dist, **env):
        return sh([BUNDLE, command], env=self.registry.env(DIST=str(dist), NASTAVNIK_BINARY=str(h.BINARY), **env))

    def test_pack_upload_fetch_ensure(self):
        dist = self.tmp / "dist"
        proc = self.bundle("pack", dist)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("Программа упакована", proc.stderr)
        key = sh([BUNDLE, "key"]).stdout.strip()
        self.assertEqual((dist / "KEY").read_text().strip(), key)
        # every shared library the binary loads, but glibc's, is in lib/, and the loader takes it from there
        ldd = sh(["ldd", h.BINARY]).stdout
        needed = {Path(p).name for p in re.findall(r"=> (/\S+)", ldd) if not GLIBC.search(p)}
        expected = {"libicuuc.so.72", "libyaml-0.so.2", "libmd4c.so.0", "libvips.so.42"}
        if "libasan.so.8" not in needed:  # the sanitized build keeps the system allocator
            expected.add("libmimalloc.so.2")
        self.assertTrue(expected <= needed, needed)
        bundled = {p.name for p in (dist / "lib").iterdir()}
        self.assertEqual(needed - bundled, set(), "libraries the binary loads, missing from the bundle")
        self.assertFalse({n for n in bundled if GLIBC.search("/" + n)}, "glibc is the image's")
        resolved = sh(["ldd", dist / "bin" / "nastavnik"], env={"LD_LIBRARY_PATH": str(dist / "lib")}).stdout
        for name in needed:
            self.assertRegex(resolved, rf"{re.escape(name)} => {re.escape(str(dist / 'lib'))}/", name)
        vips = re.search(r"=> (/\S+/libvips\.so[.\d]*)", ldd)
        if vips:  # libvips's loader modules, found where the wrapper's VIPSHOME points
            modules = sorted(Path(vips.group(1)).parent.glob("vips-modules-*"))
            self.assertTrue(modules)
            for folder in modules:
                copied = dist / Path(vips.group(1)).parent.name / folder.name
                self.assertEqual(sorted(p.name for p in copied.iterdir()), sorted(p.name for p in folder.iterdir()))
                for module in folder.glob("*.so"):
                    for dep in re.findall(r"=> (/\S+)", sh(["ldd", module]).stdout):
                        if not GLIBC.search(dep):
                            self.assertTrue((dist / "lib" / Path(dep).name).exists(), f"{module.name} needs {dep}")
            if shutil.which("vips"):
                loaders = sh(["vips", "-l", "foreign"], env={"LD_LIBRARY_PATH": str(dist / "lib"), "VIPSHOME": str(dist)}).stdout
                self.assertIn("heifload", loaders, "the bundle's libvips finds its HEIF module")
            self.assertIn('VIPSHOME="$here"', (dist / "nastavnik").read_text())
        # OpenSSL's GOST engine, which it loads at run time (no ldd shows it) to check the GOST
        # signatures of documents: in the bundle, where the wrapper points OPENSSL_ENGINES.
        self.assertTrue((dist / "engines-3" / "gost.so").is_file(), "the GOST engine is in the bundle")
        for dep in re.findall(r"=> (/\S+)", sh(["ldd", dist / "engines-3" / "gost.so"]).stdout):
            if not GLIBC.search(dep):
                self.assertTrue((dist / "lib" / Path(dep).name).exists(), f"gost.so needs {dep}")
        self.assertIn('OPENSSL_ENGINES="$here/engines-3"', (dist / "nastavnik").read_text())
        version = sh([dist / "nastavnik", "--version"], env={"LD_LIBRARY_PATH": ""})
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertIn("nastavnik", version.stdout)

        # upload: once per key, with the job token, at GitLab's generic package path
        proc = self.bundle("upload", dist)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("выложена в реестр пакетов", proc.stderr)
        path = f"/api/v4/projects/42/packages/generic/nastavnik/{key}/nastavnik-linux-x86_64.tar.gz"
        self.assertEqual(self.registry.requests(), [f"HEAD {path} 404", f"PUT {path} 201"])
        proc = self.bundle("upload", dist)
        self.assertIn("уже есть в реестре пакетов", proc.stderr)
        self.assertEqual(self.registry.requests()[-1], f"HEAD {path} 200", "no second upload")

        # fetch: a fresh folder, as a content job starts
        fetched = self.tmp / "fetched"
        proc = self.bundle("fetch", fetched)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("скачана из реестра пакетов", proc.stderr)
        self.assertEqual((fetched / "KEY").read_text().strip(), key)
        self.assertEqual(sh([fetched / "nastavnik", "--version"]).returncode, 0)
        report = sh([fetched / "nastavnik", "check", "--content", h.MINIMAL, "--format", "codeclimate"])
        self.assertEqual(report.returncode, 0, report.stderr)
        # The browser editor's files travel with it (setup.sh installs them): a content job's
        # build publishes them, and its editor pages load them.
        site = self.tmp / "site"
        built = sh([fetched / "nastavnik", "build", "--content", h.MINIMAL, "--out", site],
                   env={"NASTAVNIK_EDITOR_ASSETS": "", "NASTAVNIK_SEARCH_INDEX": ""})
        self.assertEqual(built.returncode, 0, built.stderr)
        self.assertEqual(sorted(p.name for p in (site / "assets" / "decap-cms").glob("*.js") if "." not in p.stem),
                         ["decap-cms.js"])
        self.assertTrue((site / "assets" / "decap-cms" / "js-yaml.umd.min.js").is_file())
        self.assertNotIn("не установлен", (site / "admin" / "index.html").read_text(encoding="utf-8"))
        # So does the search page's stemmer: the content job's build writes the search index.
        self.assertTrue((site / "search" / "data" / "meta.bin").is_file(), "the bundle's build wrote no search index")
        self.assertIn("RussianStemmer", (site / "search" / "data" / "stemmer.js").read_text(encoding="utf-8"))

        # ensure: the build job's artifact when it is of this key, the registry when stale
        proc = self.bundle("ensure", fetched)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("взята из задания build", proc.stderr)
        (fetched / "KEY").write_text("0" * 40 + "\n")
        proc = self.bundle("ensure", fetched)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("скачана из реестра пакетов", proc.stderr)
        self.assertEqual((fetched / "KEY").read_text().strip(), key)

    def test_missing_package_is_exit_3_and_said_in_russian(self):
        proc = self.bundle("fetch", self.tmp / "d1")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("В реестре пакетов нет сборки программы", proc.stderr)
        self.assertFalse((self.tmp / "d1" / "nastavnik").exists())
        proc = self.bundle("fetch", self.tmp / "d2", CI_JOB_TOKEN="wrong")
        self.assertEqual(proc.returncode, 3)
        self.assertIn("HTTP 401", proc.stderr)
        proc = self.bundle("fetch", self.tmp / "d3", CI_API_V4_URL="http://127.0.0.1:9/api/v4")
        self.assertEqual(proc.returncode, 3)
        self.assertIn("HTTP 000", proc.stderr)

    def test_failed_upload_warns_and_does_not_fail_the_build(self):
        dist = self.tmp / "dist"
        self.assertEqual(self.bundle("pack", dist).returncode, 0)
        proc = self.bundle("upload", dist, CI_JOB_TOKEN="wrong")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("не удалось выложить", proc.stderr.lower())

    def test_fallback_builds_when_nothing_is_found(self):
        """ensure with nothing in the registry goes on to build (stopped at its first step here:
        a setup.sh that fails, so that nothing is installed or compiled)."""
        fake = self.tmp / "fake"
        shutil.copytree(SCRIPTS, fake / "scripts" / "ci")
        (fake / "scripts" / "setup.sh").write_text("#!/bin/sh\necho SETUP-CALLED >&2\nexit 7\n")
        (fake / "scripts" / "setup.sh").chmod(0o755)
        for rel in ("generator/main.cpp", "themes/default/x.css", "tools/anthroponyms/extract.mjs", "CMakeLists.txt",
                    "data/anthroponyms/package.json", "data/anthroponyms/package-lock.json", "package-lock.json",
                    "scripts/npm-ci.sh"):
            h.write(fake / rel, "x\n")
        proc = sh([fake / "scripts" / "ci" / "nastavnik-bundle.sh", "ensure"],
                  env=self.registry.env(DIST=str(self.tmp / "none")))
        self.assertEqual(proc.returncode, 7, proc.stderr)
        self.assertIn("Собираю программу здесь", proc.stderr)
        self.assertIn("SETUP-CALLED", proc.stderr)


class Check(h.TempDirCase):
    def check(self, content="content", report="report.json"):
        return sh([SCRIPTS / "check.sh", content, report], env={"NASTAVNIK": str(h.BINARY), "NO_COLOR": "1",
                                                                "SOURCE_DATE_EPOCH": str(h.EPOCH)}, cwd=self.tmp)

    def test_clean_content(self):
        proc = self.check()
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("Ошибок нет", proc.stdout + proc.stderr)
        self.assertEqual(json.loads((self.tmp / "report.json").read_text(encoding="utf-8")), [])

    def test_every_problem_is_a_line_in_the_log_and_in_the_report(self):
        news = next((self.content / "uo-gorod" / "news").glob("*.md"))
        text = news.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^date: .*$", "date: 2025-13-01\nbogus: 1", text, count=1)
        news.write_text(text, encoding="utf-8")
        proc = self.check()
        log = proc.stdout + proc.stderr
        self.assertEqual(proc.returncode, 1, log)
        rel = news.relative_to(self.content).as_posix()
        self.assertRegex(log, rf"(?m)^{re.escape(rel)}:\d+:\d+: ошибка: дата «2025-13-01»")
        self.assertRegex(log, rf"(?m)^{re.escape(rel)}:\d+:\d+: предупреждение: неизвестное поле «bogus»")
        self.assertIn("docs/errors.md", log)
        report = json.loads((self.tmp / "report.json").read_text(encoding="utf-8"))
        self.assertEqual(sorted(i["severity"] for i in report), ["major", "minor"])
        self.assertTrue(all(i["location"]["path"] == f"content/{rel}" for i in report), report)
        self.assertEqual(log.count("Проверка не пройдена"), 1, "one summary, not two")

    def test_unusable_report_fails_the_job(self):
        proc = self.check(report="missing-folder/report.json")
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn("Не удалось составить отчёт", proc.stderr)


class OcrDeps(h.TempDirCase):
    """scripts/ci/ocr-deps.sh installs OCRmyPDF only for a site with `ocr: true`."""

    SCRIPT = h.REPO / "scripts" / "ci" / "ocr-deps.sh"

    def run_with(self, site_yaml):
        content = self.tmp / "content"
        content.mkdir(exist_ok=True)
        (content / "site.yaml").write_text(site_yaml, encoding="utf-8")
        # apt-get and sudo that only say they were called: the script must not reach them
        # unless it has to.
        fake = self.tmp / "bin"
        fake.mkdir(exist_ok=True)
        for tool in ("apt-get", "sudo"):
            (fake / tool).write_text("#!/bin/sh\necho \"$0 $*\" >> " + str(self.tmp / "calls") + "\n")
            (fake / tool).chmod(0o755)
        return sh([self.SCRIPT, content], env={"PATH": f"{fake}:/usr/bin:/bin"})

    def calls(self):
        path = self.tmp / "calls"
        return path.read_text() if path.exists() else ""

    def test_a_site_without_ocr_installs_nothing(self):
        for site in ('title: "Наставничество"\n', 'title: "x"\nocr: false\n', 'title: "x"\n# ocr: true\n'):
            proc = self.run_with(site)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(self.calls(), "", site)

    def test_a_site_with_ocr_gets_it_once(self):
        proc = self.run_with('title: "x"\nocr: true  # сканы распознаются\n')
        self.assertEqual(proc.returncode, 0, proc.stderr)
        if shutil.which("ocrmypdf") and Path("/usr/share/tesseract-ocr/5/tessdata/rus.traineddata").exists():
            self.assertEqual(self.calls(), "", "already installed: nothing to do")
        else:
            self.assertIn("install -y -qq --no-install-recommends ocrmypdf tesseract-ocr-rus", self.calls())
            self.assertIn("ocr: true", proc.stderr)


class Preview(h.TempDirCase):
    def test_every_relative_link_reaches_a_file(self):
        out = self.tmp / "preview"
        proc = sh([SCRIPTS / "preview.sh", out, h.DEMO],
                  env={"NASTAVNIK": str(h.BINARY), "SOURCE_DATE_EPOCH": str(h.EPOCH), "CI_PROJECT_URL": "https://gitlab.example/s/site",
                       "CI_JOB_ID": "99"}, cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("https://gitlab.example/s/site/-/jobs/99/artifacts/file/", proc.stdout)
        self.assertIn("/preview/index.html", proc.stdout)
        links = rewritten = 0
        for page in out.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            rewritten += html.count('/index.html"')
            for target in re.findall(r'(?:href|src)="([^"]*)"', html):
                if not target or target.startswith(("#", "/", "data:")) or re.match(r"[a-z][a-z0-9+.-]*:", target):
                    continue
                path = target.split("#")[0].split("?")[0]
                if not path:
                    continue
                links += 1
                resolved = (page.parent / path).resolve()
                self.assertTrue(resolved.is_file(), f"{page.relative_to(out)}: {target} is not a file of the preview")
                self.assertTrue(resolved.is_relative_to(out.resolve()), f"{page.relative_to(out)}: {target} leaves the preview")
        self.assertGreater(links, 1000)
        self.assertGreater(rewritten, 100, "links to folders were rewritten")
        self.assertTrue((out / "index.html").is_file())
        if "--base-url" in sh([h.BINARY, "build", "--help"]).stdout:  # feeds point into the preview
            feed = (out / "rss.xml").read_text(encoding="utf-8")
            self.assertIn(f"https://gitlab.example/s/site/-/jobs/99/artifacts/file/{out}/", feed)


if __name__ == "__main__":
    unittest.main(verbosity=2)
