#!/usr/bin/python3
"""Runs the pipeline, not only reads it: the `build`, `check`, `pages` and `fuzz` jobs of
.gitlab-ci.yml are executed by gitlab-ci-local (npm, pinned in tools/ci-local) with its shell
executor — Docker is not needed — in a fresh copy of the working tree, as GitLab would run
them: default before_script (scripts/setup.sh), the job's script, artifacts passed from
build to check and pages. gitlab-ci-local's own evaluation of the rules is compared with
the README's table too.

The `test` and `sanitizers` jobs are not run here: they would run this whole test suite
again inside itself. `fuzz` runs with FUZZ_SECONDS=2.

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
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402
import test_ci_pipeline as pipeline  # noqa: E402

WORK = Path(os.environ.get("NASTAVNIK_CI_LOCAL_DIR") or h.BINARY.parent / "ci-local").resolve()
TOOLS = WORK / "tools"
PROJECT = WORK / "project"
HOME = WORK / "home"
GCL = TOOLS / "node_modules" / ".bin" / "gitlab-ci-local"
JOBS = ["build", "check", "pages"]
CACHED = {"build", "build-fuzz"}  # the jobs' cache: paths, kept between runs
NETWORK_ERRORS = ("ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "network")


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
    proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        return proc
    return None


def snapshot_working_tree():
    """PROJECT := the tracked and untracked-but-not-ignored files of the repository, as they
    are now (mtimes kept), in a new git repository on branch main. PROJECT/build survives:
    it is the job cache, and so is PROJECT/build-fuzz."""
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
        src = h.REPO / rel
        if not src.exists() or src.is_dir():
            continue  # deleted in the working tree, or a submodule
        dst = PROJECT / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)
    git = ["git", "-c", "user.name=ci-local", "-c", "user.email=ci-local@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=PROJECT, check=True)
    subprocess.run(["git", "remote", "add", "origin", "https://gitlab.example.invalid/school/nastavnik.git"], cwd=PROJECT, check=True)
    subprocess.run(git + ["add", "-A"], cwd=PROJECT, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "snapshot of the working tree"], cwd=PROJECT, check=True)


def gitlab_ci_local(*args, timeout=3600):
    HOME.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)  # the pipeline uses the clock, as in GitLab
    env["NO_COLOR"] = "1"
    env["FORCE_COLOR"] = "0"
    return subprocess.run([str(GCL), "--home", str(HOME), *args], cwd=PROJECT, env=env, capture_output=True, text=True,
                          errors="replace", timeout=timeout)


@unittest.skipIf(os.environ.get("GITLAB_CI") == "true", "in GitLab CI the pipeline itself runs these jobs")
@unittest.skipUnless(shutil.which("npm") and (node_major() or 0) >= 18, "Node.js 18+ and npm are needed for gitlab-ci-local")
@unittest.skipUnless(shutil.which("rsync"), "gitlab-ci-local needs rsync")
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

    def test_build_check_and_pages_jobs_run(self):
        for leftover in ("public", "gl-code-quality-report.json"):
            self.assertFalse((PROJECT / leftover).exists())
        proc = gitlab_ci_local("--force-shell-executor", *JOBS)
        log = proc.stdout + proc.stderr
        self.assertEqual(proc.returncode, 0, log[-8000:])
        for job in JOBS:
            self.assertRegex(log, rf"PASS\s+{job}\b", log[-4000:])
        self.assertRegex(log, r"build \$ scripts/setup\.sh", "the default before_script ran")
        self.assertRegex(log, r"check \$ \./build/nastavnik check --content content --format codeclimate")
        # build → artifact
        self.assertTrue((PROJECT / "build" / "nastavnik").is_file())
        # check → a Code Quality report GitLab can read, of valid content
        report = json.loads((PROJECT / "gl-code-quality-report.json").read_text(encoding="utf-8"))
        self.assertIsInstance(report, list)
        self.assertEqual([i for i in report if i["severity"] == "major"], [], "the demo content has no errors")
        # pages → public/
        self.assertTrue((PROJECT / "public" / "index.html").is_file())
        self.assertTrue((PROJECT / "public" / "sitemap.xml").is_file())
        self.assertRegex(log, r"Собрано \d")
        index = (PROJECT / "public" / "index.html").read_text(encoding="utf-8")
        self.assertNotIn("data-nastavnik-serve", index)
        artifacts = PROJECT / ".gitlab-ci-local" / "artifacts"
        if artifacts.is_dir():  # where gitlab-ci-local keeps what GitLab would upload
            self.assertTrue(any(p.name == "index.html" for p in (artifacts / "pages").rglob("index.html")),
                            sorted(str(p.relative_to(artifacts)) for p in artifacts.rglob("*"))[:20])

    def test_fuzz_job_runs_every_target_for_the_time_given(self):
        targets = re.search(r"targets=\(([a-z_ ]+)\)", (PROJECT / "fuzz" / "run.sh").read_text(encoding="utf-8")).group(1).split()
        proc = gitlab_ci_local("--force-shell-executor", "--variable", "FUZZ_SECONDS=2", "fuzz")
        log = proc.stdout + proc.stderr
        self.assertEqual(proc.returncode, 0, log[-8000:])
        self.assertRegex(log, r"PASS\s+fuzz\b", log[-4000:])
        self.assertRegex(log, r"fuzz \$ NASTAVNIK_FUZZ_DEPS=1 scripts/setup\.sh")
        for target in targets:
            self.assertIn(f"== fuzz_{target}: 2 s", log)
            self.assertTrue((PROJECT / "build-fuzz" / "fuzz" / f"fuzz_{target}").is_file(), target)
        runs = re.findall(r"stat::number_of_executed_units: (\d+)", log)
        self.assertEqual(len(runs), len(targets), "each target reports its runs")
        self.assertTrue(all(int(n) > 0 for n in runs), runs)

    def test_rules_as_gitlab_ci_local_evaluates_them(self):
        readme = pipeline.table_rows(pipeline.readme_section(), "pipeline |")
        expected = {r[0]: [j.strip() for j in r[1].split(",")] for r in readme}
        for name, variables in pipeline.SCENARIOS.items():
            with self.subTest(pipeline=name):
                args = ["--list-json", "--variable", f"CI_DEFAULT_BRANCH={pipeline.DEFAULT_BRANCH}"]
                for key, value in variables.items():
                    args += ["--variable", f"{key}={value}"]
                if "CI_COMMIT_BRANCH" not in variables:
                    args += ["--unset-variable", "CI_COMMIT_BRANCH"]
                proc = gitlab_ci_local(*args, timeout=300)
                self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
                start = re.search(r"(?m)^\[", proc.stdout)  # after warnings about overriding predefined variables
                self.assertTrue(start, proc.stdout)
                listing = json.loads(proc.stdout[start.start():])
                jobs = [j["name"] for j in listing if j.get("when") != "never"]
                self.assertEqual(jobs, expected[name])


if __name__ == "__main__":
    unittest.main(verbosity=2)
