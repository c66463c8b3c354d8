#!/usr/bin/python3
"""Runs the pipeline, not only reads it: jobs of .gitlab-ci.yml are executed by gitlab-ci-local
(npm, pinned in tools/ci-local) with its shell executor — Docker is not needed — in a fresh
copy of the working tree, as GitLab would run them: the job's before_script and script,
artifacts passed along `needs`, rules evaluated (gitlab-ci-local evaluates rules:changes as
`git diff --name-only origin/<default branch>`, so the copy gets an origin/main to diff with).
The package registry is bench/package_registry_stub.py on 127.0.0.1.

1. A generator change (origin/main is the snapshot, HEAD adds a file under tests/), in a merge
   request pipeline: `build` compiles nastavnik, bundles it and uploads it to the registry;
   `check` and `preview` take the bundle from `build`'s artifact. (`pages` of such a change
   waits for `test` and `sanitizers`, which are not run here.)
2. A content-only change on top of it (origin/main moved to HEAD, a news item edited): `build`
   is not in the pipeline; `check`, `preview` and `pages` download the bundle from the
   registry and compile nothing; the edit is in the preview and the published site; `pages`
   runs as in a push to main.
3. gitlab-ci-local's own evaluation of the rules, for both changes and every kind of
   pipeline, is what tests/ci/gitlab_rules.py says.
4. `fuzz` in its schedule, with FUZZ_SECONDS=2.

The `test` and `sanitizers` jobs are not run here: they would run this whole test suite
again inside itself.

gitlab-ci-local is installed once with `npm ci` into <build>/ci-local/tools (its re2
dependency compiles from source, which takes minutes); the copy of the project lives in
<build>/ci-local/project, and its build/ and build-fuzz/ folders are kept between runs the
way the jobs' caches keep them in GitLab. Skipped where Node.js 18+ or npm is missing, and inside
GitLab CI, where the pipeline runs these jobs for real.

Environment: NASTAVNIK (the binary; its folder holds ci-local/), NASTAVNIK_REPO,
NASTAVNIK_CI_LOCAL_DIR (another place for ci-local/).

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_ci_local.py
"""
import filecmp
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
import gitlab_rules as g  # noqa: E402
import package_registry_stub as stub  # noqa: E402

WORK = Path(os.environ.get("NASTAVNIK_CI_LOCAL_DIR") or h.BINARY.parent / "ci-local").resolve()
TOOLS = WORK / "tools"
PROJECT = WORK / "project"
HOME = WORK / "home"
REGISTRY = WORK / "registry"
GCL = TOOLS / "node_modules" / ".bin" / "gitlab-ci-local"
CACHED = {"build", "build-fuzz"}  # the jobs' cache: paths, kept between runs
OUTPUTS = ("dist", "public", "preview", "gl-code-quality-report.json", ".gitlab-ci-local")
# What jobs and tools write into a working tree, never sources: not copied, not committed.
NOT_SOURCES = set(OUTPUTS) | {".nastavnik-cache", "section"}
NETWORK_ERRORS = ("ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "network")
TOKEN = "ci-local-job-token"
GIT = ["git", "-c", "user.name=ci-local", "-c", "user.email=ci-local@example.invalid", "-c", "commit.gpgsign=false"]
MARKER = "tests/ci-local-generator-change.txt"  # an engineering path outside the bundle's key
# The kinds of pipeline gitlab-ci-local is asked about: variables to set, and to unset.
KINDS = {
    "push to main": ({"CI_PIPELINE_SOURCE": "push"}, []),
    "merge request": ({"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "7"}, ["CI_COMMIT_BRANCH"]),
    "branch without a merge request": ({"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "novost"}, []),
    "daily rebuild": ({"CI_PIPELINE_SOURCE": "schedule"}, []),
    "fuzz schedule": ({"CI_PIPELINE_SOURCE": "schedule", "NASTAVNIK_SCHEDULE": "fuzz"}, []),
}


def node_major():
    node = shutil.which("node")
    if not node:
        return None
    out = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    m = re.match(r"v(\d+)", out)
    return int(m.group(1)) if m else None


def install_gitlab_ci_local():
    """npm ci of tools/ci-local into TOOLS, unless the same lock file is installed there."""
    source = h.REPO / "tools" / "ci-local"
    lock = TOOLS / "package-lock.json"
    if GCL.exists() and lock.exists() and filecmp.cmp(lock, source / "package-lock.json", shallow=False):
        return None
    if TOOLS.exists():
        shutil.rmtree(TOOLS)
    TOOLS.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(source / name, TOOLS / name)
    # re2 is compiled by node-gyp against the headers of the running node: Debian's, from
    # libnode-dev (scripts/setup.sh), when they are of this node; else node-gyp downloads them.
    env = dict(os.environ)
    headers = Path("/usr/include/nodejs/src/node_version.h")
    if headers.exists():
        parts = dict(re.findall(r"#define NODE_(MAJOR|MINOR|PATCH)_VERSION (\d+)", headers.read_text()))
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        if len(parts) == 3 and node == "v{MAJOR}.{MINOR}.{PATCH}".format(**parts):
            env["npm_config_nodedir"] = str(headers.parent.parent)
    proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, capture_output=True, text=True, timeout=3600, env=env)
    if proc.returncode != 0:
        return proc
    return None


def git(*args):
    return subprocess.run(GIT + list(args), cwd=PROJECT, capture_output=True, text=True, check=True).stdout


def snapshot_working_tree():
    """PROJECT := the tracked and untracked-but-not-ignored files of the repository, as they
    are now (mtimes kept), committed in a new git repository on branch main. PROJECT/build
    survives: it is the job cache, and so is PROJECT/build-fuzz."""
    PROJECT.mkdir(parents=True, exist_ok=True)
    for entry in PROJECT.iterdir():
        if entry.name in CACHED:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=h.REPO,
                             capture_output=True, check=True).stdout.decode("utf-8")
    for rel in sorted(set(filter(None, listing.split("\0")))):
        if rel.split("/")[0] in NOT_SOURCES:
            continue
        src = h.REPO / rel
        if not src.exists() or src.is_dir():
            continue  # deleted in the working tree, or a submodule
        dst = PROJECT / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=PROJECT, check=True)
    (PROJECT / ".git" / "info").mkdir(parents=True, exist_ok=True)
    (PROJECT / ".git" / "info" / "exclude").write_text("".join(f"/{name}\n" for name in sorted(NOT_SOURCES)))
    subprocess.run(["git", "remote", "add", "origin", "https://gitlab.example.invalid/school/nastavnik.git"], cwd=PROJECT, check=True)
    git("add", "-A")
    git("commit", "-q", "-m", "snapshot of the working tree")


def set_origin_main(ref="HEAD"):
    """What gitlab-ci-local diffs with: origin/main (and origin/HEAD, its default branch)."""
    git("update-ref", "refs/remotes/origin/main", git("rev-parse", ref).strip())
    git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")


def changed_files():
    return [f for f in git("diff", "--name-only", "origin/main").splitlines() if f]


def clear_outputs():
    for name in OUTPUTS:
        path = PROJECT / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


class Registry:
    def __init__(self):
        if REGISTRY.exists():
            shutil.rmtree(REGISTRY)
        REGISTRY.mkdir(parents=True)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), stub.make_handler(REGISTRY, TOKEN))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.api = f"http://127.0.0.1:{self.server.server_address[1]}/api/v4"

    def requests(self):
        log = REGISTRY / "requests.log"
        return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def gitlab_ci_local(*args, variables=None, unset=(), timeout=3600):
    HOME.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)  # the pipeline uses the clock, as in GitLab
    env["NO_COLOR"] = "1"
    env["FORCE_COLOR"] = "0"
    argv = [str(GCL), "--home", str(HOME)]
    for key, value in (variables or {}).items():
        argv += ["--variable", f"{key}={value}"]
    for key in unset:
        argv += ["--unset-variable", key]
    return subprocess.run(argv + list(args), cwd=PROJECT, env=env, capture_output=True, text=True, errors="replace",
                          timeout=timeout)


@unittest.skipIf(os.environ.get("GITLAB_CI") == "true", "in GitLab CI the pipeline itself runs these jobs")
@unittest.skipUnless(shutil.which("npm") and (node_major() or 0) >= 18, "Node.js 18+ and npm are needed for gitlab-ci-local")
@unittest.skipUnless(shutil.which("rsync"), "gitlab-ci-local needs rsync")
@unittest.skipUnless(shutil.which("curl"), "the jobs fetch the generator with curl")
class GitlabCiLocal(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        failed = install_gitlab_ci_local()
        if failed is not None:
            text = failed.stdout + failed.stderr
            if any(e in text for e in NETWORK_ERRORS):
                raise unittest.SkipTest("npm registry unreachable: " + text[-500:])
            raise AssertionError("npm ci of tools/ci-local failed:\n" + text[-4000:])
        snapshot_working_tree()
        cls.registry = Registry()
        cls.ci = g.load(PROJECT / ".gitlab-ci.yml")

    @classmethod
    def tearDownClass(cls):
        cls.registry.close()

    def run_jobs(self, *jobs, kind="push to main", extra=None):
        variables, unset = KINDS[kind]
        variables = dict(variables, CI_API_V4_URL=self.registry.api, CI_PROJECT_ID="42", CI_JOB_TOKEN=TOKEN,
                         CI_PROJECT_URL="https://gitlab.example.invalid/school/nastavnik", **(extra or {}))
        proc = gitlab_ci_local("--force-shell-executor", *jobs, variables=variables, unset=unset)
        log = proc.stdout + proc.stderr
        self.assertEqual(proc.returncode, 0, log[-8000:])
        for job in jobs:
            self.assertRegex(log, rf"PASS\s+{job}\b", log[-4000:])
        return log

    def listed(self, kind):
        variables, unset = KINDS[kind]
        proc = gitlab_ci_local("--list-json", variables=dict(variables, CI_DEFAULT_BRANCH="main"), unset=unset, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        start = re.search(r"(?m)^\[", proc.stdout)  # after warnings about overriding predefined variables
        self.assertTrue(start, proc.stdout)
        return [j["name"] for j in json.loads(proc.stdout[start.start():]) if j.get("when") != "never"]

    def expected(self, kind):
        variables, unset = KINDS[kind]
        env = {"CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"}
        env.update(variables)
        for key in unset:
            env.pop(key, None)
        return list(g.evaluate_pipeline(self.ci, g.Pipeline(env, changed_files())) or {})

    def check_rules(self, state):
        for kind in KINDS:
            with self.subTest(change=state, pipeline=kind):
                self.assertEqual(self.listed(kind), self.expected(kind))

    def test_generator_change_then_content_change(self):
        # 1. a generator change: build uploads the bundle, the publishing jobs take its artifact
        set_origin_main("HEAD")
        (PROJECT / MARKER).write_text("a change outside content/\n")
        git("add", MARKER)
        git("commit", "-q", "-m", "an engineering change")
        self.assertEqual(changed_files(), [MARKER])
        clear_outputs()
        self.check_rules("generator")
        # A merge request pipeline: `pages` would wait for test and sanitizers, not run here.
        log = self.run_jobs("build", "check", "preview", kind="merge request")
        self.assertRegex(log, r"build\s+\$ scripts/setup\.sh", "build installs what it builds with")
        self.assertRegex(log, r"build\s+\$ cmake --build build --target nastavnik")
        self.assertIn("выложена в реестр пакетов", log)
        self.assertTrue(any(r.startswith("PUT ") and r.endswith(" 201") for r in self.registry.requests()),
                        self.registry.requests())
        self.assertTrue((PROJECT / "dist" / "nastavnik").is_file())
        self.assertRegex(log, r"check\s+\$ scripts/ci/nastavnik-bundle\.sh ensure")
        self.assertEqual(log.count("взята из задания build"), 2, log[-4000:])
        self.assertFalse([r for r in self.registry.requests() if r.startswith("GET ")], "nothing downloaded")
        report = json.loads((PROJECT / "gl-code-quality-report.json").read_text(encoding="utf-8"))
        self.assertIsInstance(report, list)
        self.assertEqual([i for i in report if i["severity"] == "major"], [], "the demo content has no errors")
        self.assertTrue((PROJECT / "preview" / "index.html").is_file())
        self.assertIn("/artifacts/file/preview/index.html", log)

        # 2. a content-only change: no build in the pipeline, the bundle comes from the registry
        set_origin_main("HEAD")
        news = sorted((PROJECT / "content").glob("*/news/*.md"))[0]
        news.write_text(news.read_text(encoding="utf-8").rstrip("\n") + "\n\nДобавлено в запросе на слияние: проверка конвейера.\n",
                        encoding="utf-8")
        git("add", news.relative_to(PROJECT).as_posix())
        git("commit", "-q", "-m", "a content change")
        self.assertEqual(changed_files(), [news.relative_to(PROJECT).as_posix()])
        clear_outputs()
        self.check_rules("content only")
        self.assertNotIn("build", self.listed("merge request"))
        before = len(self.registry.requests())
        # One at a time, each without the dist/ of the one before: in GitLab each job has a
        # container of its own, here they share the folder.
        log = ""
        for job, kind in (("check", "merge request"), ("preview", "merge request"), ("pages", "push to main")):
            shutil.rmtree(PROJECT / "dist", ignore_errors=True)
            log += self.run_jobs(job, kind=kind)
        self.assertEqual(log.count("скачана из реестра пакетов"), 3, log[-6000:])
        for heavy in ("Собираю программу здесь", "$ scripts/setup.sh", "$ cmake", "Building CXX"):
            self.assertNotIn(heavy, log)
        downloads = [r for r in self.registry.requests()[before:] if r.startswith("GET ")]
        self.assertEqual(len(downloads), 3, self.registry.requests()[before:])
        self.assertTrue(all(r.endswith(" 200") for r in downloads), downloads)
        for site in ("preview", "public"):
            pages = [p for p in (PROJECT / site).rglob("index.html") if "проверка конвейера" in p.read_text(encoding="utf-8")]
            self.assertTrue(pages, f"the edit is in {site}/")
        self.assertTrue((PROJECT / "public" / "sitemap.xml").is_file())
        self.assertNotIn("data-nastavnik-serve", (PROJECT / "public" / "index.html").read_text(encoding="utf-8"))
        self.assertRegex(log, r"Собрано \d")
        self.assertNotIn('href="news/"', (PROJECT / "preview" / "index.html").read_text(encoding="utf-8"))

    def test_fuzz_job_runs_every_target_in_its_schedule(self):
        targets = re.search(r"targets=\(([a-z_ ]+)\)", (PROJECT / "fuzz" / "run.sh").read_text(encoding="utf-8")).group(1).split()
        log = self.run_jobs("fuzz", kind="fuzz schedule", extra={"FUZZ_SECONDS": "2"})
        self.assertRegex(log, r"fuzz\s+\$ NASTAVNIK_FUZZ_DEPS=1 scripts/setup\.sh")
        for target in targets:
            self.assertIn(f"== fuzz_{target}: 2 s", log)
            self.assertTrue((PROJECT / "build-fuzz" / "fuzz" / f"fuzz_{target}").is_file(), target)
        runs = re.findall(r"stat::number_of_executed_units: (\d+)", log)
        self.assertEqual(len(runs), len(targets), "each target reports its runs")
        self.assertTrue(all(int(n) > 0 for n in runs), runs)


if __name__ == "__main__":
    unittest.main(verbosity=2)
