#!/usr/bin/python3
"""The rules of .gitlab-ci.yml, evaluated as GitLab documents them (tests/ci/gitlab_rules.py:
rules:if/changes/when, workflow:rules, needs, stages) for each kind of pipeline: a content-only
change, a change to the generator, theme or tests, a branch without a merge request, the daily
rebuild schedule and the fuzz schedule. For each: which jobs run and what each waits for.

gitlab-ci-local cannot be asked this (it ignores merge requests and diffs against a local
branch), which is why the evaluation is here; test_ci_local.py compares its answers with this
evaluator where it can give them.

Run: NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_ci_rules.py
"""
import copy
import re
import subprocess
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402
import gitlab_rules as g  # noqa: E402

DEFAULT_BRANCH = "main"
MR = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "7",
      "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": DEFAULT_BRANCH}
PUSH_MAIN = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": DEFAULT_BRANCH}
PUSH_BRANCH = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "novost-den-nastavnika"}
SCHEDULE = {"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": DEFAULT_BRANCH}

NEWS = "content/school-1/news/2026-10-03-den-nastavnika.md"
ORDER = ["content/school-1/orders/prikaz-125-o.md", "content/school-1/files/prikaz-125-o.pdf"]
GENERATOR = "generator/render/pages.cpp"
THEME = "themes/default/templates/layout.mustache"
TESTS = "tests/unit/markdown_test.cpp"

ENGINEERING = ["build", "test", "sanitizers"]
# name → (pipeline variables, changed paths or None for "rules:changes always true",
#         {job: the jobs it waits for}); the README's table rows are named after these.
SCENARIOS = {
    "merge request, content only": (MR, [NEWS], {"check": set(), "preview": set()}),
    "merge request, an order and its PDF": (MR, ORDER, {"check": set(), "preview": set()}),
    "merge request, generator": (MR, [GENERATOR], {
        "build": set(), "test": {"build"}, "sanitizers": set(), "check": {"build"}, "preview": {"build"}}),
    "merge request, theme": (MR, [THEME, NEWS], {
        "build": set(), "test": {"build"}, "sanitizers": set(), "check": {"build"}, "preview": {"build"}}),
    "merge request, tests": (MR, [TESTS], {
        "build": set(), "test": {"build"}, "sanitizers": set(), "check": {"build"}, "preview": {"build"}}),
    "merge request, pipeline file": (MR, [".gitlab-ci.yml"], {
        "build": set(), "test": {"build"}, "sanitizers": set(), "check": {"build"}, "preview": {"build"}}),
    "push to the default branch, content only": (PUSH_MAIN, [NEWS], {"pages": set()}),
    "push to the default branch, generator": (PUSH_MAIN, [GENERATOR, NEWS], {
        "build": set(), "test": {"build"}, "sanitizers": set(), "pages": {"build", "test", "sanitizers"}}),
    "push to the default branch, theme": (PUSH_MAIN, [THEME], {
        "build": set(), "test": {"build"}, "sanitizers": set(), "pages": {"build", "test", "sanitizers"}}),
    "pipeline run by hand on the default branch": ({"CI_PIPELINE_SOURCE": "web", "CI_COMMIT_BRANCH": DEFAULT_BRANCH}, None, {
        "build": set(), "test": {"build"}, "sanitizers": set(), "pages": {"build", "test", "sanitizers"}}),
    "push to another branch without a merge request, content only": (PUSH_BRANCH, [NEWS], {"check": set()}),
    "push to another branch without a merge request, generator": (PUSH_BRANCH, [GENERATOR], {"check": set()}),
    "first push of a new branch": (PUSH_BRANCH, None, {"check": set()}),
    "daily rebuild schedule": (SCHEDULE, None, {"pages": set()}),
    "fuzz schedule": (dict(SCHEDULE, NASTAVNIK_SCHEDULE="fuzz"), None, {"fuzz": set()}),
    "rebuild schedule on another branch": (dict(SCHEDULE, CI_COMMIT_BRANCH="feature"), None, {}),
}
CONTENT_ONLY = [name for name, (_, changed, _) in SCENARIOS.items()
                if changed is not None and all(p.startswith("content/") for p in changed)]
# What a job that only runs the generator must never do (requirement: no compiler, no test
# tools, no test suites, no fuzzing, no apt in a content-only pipeline).
HEAVY = re.compile(r"scripts/setup\.sh|apt-get|cmake|ctest|ninja|test-sanitizers|fuzz/run\.sh|npm ")


def pipeline(name, ci=None):
    variables, changed, _ = SCENARIOS[name]
    env = dict(variables, CI_DEFAULT_BRANCH=DEFAULT_BRANCH)
    return g.evaluate_pipeline(ci, g.Pipeline(env, changed))


def problems(ci) -> list:
    """Everything wrong with `ci` against the scenarios and the requirements; [] when right."""
    found = []
    for name, (_, changed, expected) in SCENARIOS.items():
        try:
            jobs = pipeline(name, ci)
        except g.PipelineError as e:
            found.append(f"{name}: GitLab would refuse the pipeline: {e}")
            continue
        got = {j: set(job.needs) for j, job in (jobs or {}).items()}
        if got != expected:
            found.append(f"{name}: jobs and what they wait for are {got}, expected {expected}")
            continue
        for job in (jobs or {}).values():
            if job.when != "on_success" or job.allow_failure:
                found.append(f"{name}: {job.name} is when={job.when}, allow_failure={job.allow_failure}")
            uses_bundle = any("nastavnik-bundle.sh ensure" in c for c in g.commands(job.config))
            if uses_bundle and "build" in jobs and "build" not in job.artifacts_from:
                found.append(f"{name}: {job.name} does not take the bundle the build job just made")
        if name in CONTENT_ONLY:
            for job in jobs.values():
                heavy = [c for c in g.commands(job.config) if HEAVY.search(c)]
                if heavy:
                    found.append(f"{name}: {job.name} runs {heavy}")
                # The photo cache (encoded photos, a few MB) only: never the build folders.
                caches = job.config.get("cache") or []
                for cache in caches if isinstance(caches, list) else [caches]:
                    if cache.get("paths") != [".nastavnik-cache/"]:
                        found.append(f"{name}: {job.name} restores a cache of {cache.get('paths')}")
                    elif cache.get("policy", "pull-push") != "pull" and job.name != "pages":
                        found.append(f"{name}: {job.name} saves the photo cache (only pages does)")
                if not any("nastavnik-bundle.sh ensure" in c for c in g.commands(job.config)):
                    found.append(f"{name}: {job.name} does not fetch the generator's bundle")
                waits = g.waits_for(jobs, job.name)
                if waits & set(ENGINEERING):
                    found.append(f"{name}: {job.name} waits for {waits}")
        if "pages" in (jobs or {}) and "build" in jobs:
            missing = {"build", "test", "sanitizers"} - g.waits_for(jobs, "pages")
            if missing:
                found.append(f"{name}: pages publishes without waiting for {missing}")
        if "fuzz" in (jobs or {}) and name != "fuzz schedule":
            found.append(f"{name}: fuzz runs")
    return found


class Globs(unittest.TestCase):
    """gitlab_rules.fnmatch is Ruby's File.fnmatch with GitLab's flags."""

    def test_fnmatch(self):
        cases = [
            ("*", "README.md", True), ("*", ".gitlab-ci.yml", True), ("*", "content/site.yaml", False),
            ("docs/**/*", "docs/pipeline.md", True), ("docs/**/*", "docs/a/b/c.md", True), ("docs/**/*", "docs", False),
            ("docs/**/*", "documents/x.md", False), ("**/*.md", "README.md", True), ("**/*.md", "a/b/c.md", True),
            ("**/*.md", "a/b/c.mdx", False), ("{generator,themes}/**/*", "themes/default/x.css", True),
            ("{generator,themes}/**/*", "tests/x", False), ("c[!o]*", "content", False), ("c[!o]*", "cmake", True),
            ("?.md", "a.md", True), ("?.md", "/.md", False), (".ci/**/*", ".ci/run", True),
            ("generator/**/*", "generator/.hidden/x", True),
        ]
        for pattern, path, expected in cases:
            self.assertEqual(g.fnmatch(pattern, path), expected, (pattern, path))


class Expressions(unittest.TestCase):
    def test_if(self):
        v = {"A": "x", "B": "x", "C": "", "S": "schedule", "R": "/^nov/"}
        for expression, expected in [
            ('$A == "x"', True), ("$A == $B", True), ("$A != $B", False), ("$C", False), ("$D", False),
            ("$C == null", True), ('$D == null || $A == "y"', True), ('$A == "x" && $D', False),
            ('$S == "schedule" && $A == "y" || $B', True), ('$S == "schedule" && ($A == "y" || $D)', False),
            ("$A =~ /^x$/", True), ("$A !~ /^x$/", False), ("'novost' =~ $R", True), ("$A == 'x'", True),
        ]:
            self.assertEqual(g.evaluate(expression, v), expected, expression)
        with self.assertRaises(ValueError):
            g.evaluate("$A = 'x'", v)

    def test_rule_order_and_when(self):
        ci = {"stages": ["build"], "j": {"stage": "build", "script": ["x"], "rules": [
            {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"}, {"changes": ["generator/**/*"]}]}}
        run = lambda env, changed: list(g.evaluate_pipeline(ci, g.Pipeline(env, changed)))  # noqa: E731
        self.assertEqual(run({"CI_PIPELINE_SOURCE": "push"}, ["generator/a.cpp"]), ["j"])
        self.assertEqual(run({"CI_PIPELINE_SOURCE": "push"}, ["content/a.md"]), [])
        self.assertEqual(run({"CI_PIPELINE_SOURCE": "push"}, None), ["j"], "no push event: changes always true")
        self.assertEqual(run({"CI_PIPELINE_SOURCE": "schedule"}, None), [])

    def test_needs(self):
        ci = {"stages": ["a", "b"], "x": {"stage": "a", "script": ["x"], "rules": [{"if": "$X"}]},
              "y": {"stage": "b", "script": ["y"], "needs": [{"job": "x", "optional": True}]},
              "z": {"stage": "b", "script": ["z"]}, "w": {"stage": "b", "script": ["w"], "needs": ["x"]}}
        with self.assertRaises(g.PipelineError):
            g.evaluate_pipeline(ci, g.Pipeline({}))
        del ci["w"]
        jobs = g.evaluate_pipeline(ci, g.Pipeline({}))
        self.assertEqual((jobs["y"].needs, jobs["z"].needs), ([], []))
        jobs = g.evaluate_pipeline(ci, g.Pipeline({"X": "1"}))
        self.assertEqual((jobs["y"].needs, jobs["z"].needs), (["x"], ["x"]), "stage order without needs")


class Rules(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ci = g.load(h.REPO / ".gitlab-ci.yml")

    def test_every_scenario(self):
        self.assertEqual(problems(self.ci), [])

    def test_content_only_pipelines_are_the_publishing_jobs(self):
        self.assertGreaterEqual(len(CONTENT_ONLY), 3)
        for name in CONTENT_ONLY:
            with self.subTest(pipeline=name):
                jobs = pipeline(name, self.ci)
                self.assertTrue(set(jobs) <= {"check", "preview", "pages"}, jobs)
                self.assertTrue(all(not j.needs for j in jobs.values()), "nothing to wait for")

    def test_the_checks_above_can_fail(self):
        """Each mutation breaks one requirement, and problems() says so."""
        def mutant(edit):
            ci = copy.deepcopy(self.ci)
            edit(ci)
            return problems(ci)

        def no_changes(ci):  # the engineering jobs on every change
            for rule in ci[".engineering-rules"]["rules"]:
                rule.pop("changes", None)
        self.assertTrue(any("content only" in p for p in mutant(no_changes)))

        def pages_without_tests(ci):
            ci["pages"]["needs"] = [{"job": "build", "optional": True}]
        self.assertTrue(any("without waiting" in p or "expected" in p for p in mutant(pages_without_tests)))

        def pages_by_stage(ci):  # stage order: would wait for check in merge requests… and for nothing here
            del ci["pages"]["needs"]
            ci["check"]["rules"] = [{"when": "on_success"}]
        self.assertTrue(mutant(pages_by_stage))

        def check_builds(ci):
            ci["check"]["before_script"] = ["scripts/setup.sh"]
        self.assertTrue(any("runs" in p for p in mutant(check_builds)))

        def fuzz_on_push(ci):
            ci["fuzz"]["rules"] = [{"if": "$CI_COMMIT_BRANCH"}]
        self.assertTrue(any("fuzz runs" in p or "expected" in p for p in mutant(fuzz_on_push)))

        def check_needs_test(ci):
            ci["check"]["needs"] = [{"job": "build", "optional": True}, {"job": "test", "optional": True}]
        self.assertTrue(mutant(check_needs_test))

        def check_restores_the_build(ci):  # 700 MB of build folders for a news item
            ci["check"]["cache"] = {"key": "build", "paths": ["build/"]}
        self.assertTrue(any("restores a cache of" in p for p in mutant(check_restores_the_build)))

        def preview_saves_photos(ci):
            ci["preview"]["cache"] = dict(ci["preview"]["cache"], policy="pull-push")
        self.assertTrue(any("saves the photo cache" in p for p in mutant(preview_saves_photos)))

        def preview_without_build(ci):
            ci["preview"]["needs"] = []
        self.assertTrue(any("does not take the bundle" in p or "expected" in p for p in mutant(preview_without_build)))

    def test_every_path_is_content_or_engineering(self):
        """A change outside content/ runs the engineering jobs: every tracked file outside
        content/ matches the engineering paths, and no file of content/ does."""
        patterns = self.ci[".engineering-paths"]
        listing = subprocess.run(["git", "ls-files", "-z"], cwd=h.REPO, capture_output=True, check=True).stdout
        files = [f for f in listing.decode("utf-8").split("\0") if f]
        self.assertGreater(len(files), 100)
        for path in files:
            engineering = any(g.fnmatch(p, path) for p in patterns)
            self.assertEqual(engineering, not path.startswith("content/"), path)
        top = sorted({f.split("/")[0] for f in files if "/" in f} - {"content"})
        for folder in top:
            self.assertIn(f"{folder}/**/*", patterns, f"top-level folder {folder}/ is not in .engineering-paths")

    def test_rules_changes_is_used_where_gitlab_knows_the_diff(self):
        """rules:changes is true in every pipeline without a push event (schedules, pipelines
        run by hand): every rule with `changes` must come after a rule excluding schedules."""
        for name, job in g.jobs_of(self.ci).items():
            rules = job.get("rules") or []
            for i, rule in enumerate(rules):
                if "changes" in rule:
                    earlier = [r.get("if", "") for r in rules[:i] if r.get("when") == "never"]
                    self.assertTrue(any('"schedule"' in e for e in earlier), f"{name}: changes before schedules are excluded")
                    self.assertNotIn("compare_to", rule["changes"] if isinstance(rule["changes"], dict) else {})

    def test_gitlab_would_accept_the_artifacts_and_environment(self):
        jobs = g.jobs_of(self.ci)
        for name, job in jobs.items():
            artifacts = job.get("artifacts") or {}
            if "expose_as" in artifacts:
                # GitLab: /\A\w[-\w ]*\z/ (ASCII in Ruby), paths without globs or variables,
                # folders with a trailing slash.
                self.assertRegex(artifacts["expose_as"], r"^[A-Za-z0-9_][-A-Za-z0-9_ ]*$", name)
                for path in artifacts["paths"]:
                    self.assertNotRegex(path, r"[*$]", name)
                    if not Path(path).suffix:
                        self.assertTrue(path.endswith("/"), f"{name}: folder {path} without trailing /")
            environment = job.get("environment")
            if environment:
                url = environment["url"]
                self.assertTrue(set(re.findall(r"\$(\w+)", url)) <= {"CI_PROJECT_URL", "CI_JOB_ID"}, url)
                self.assertIn("/-/jobs/$CI_JOB_ID/artifacts/file/", url)
                folder = url.split("/artifacts/file/")[1].split("/")[0] + "/"
                self.assertIn(folder, artifacts["paths"], "the environment opens the exposed artifact")
        for name, job in jobs.items():
            for need in job.get("needs") or []:
                other = need if isinstance(need, str) else need["job"]
                self.assertIn(other, jobs, f"{name} needs an unknown job {other}")

    def test_fuzz_schedule_is_bounded_and_fails_on_a_finding(self):
        jobs = pipeline("fuzz schedule", self.ci)
        fuzz = jobs["fuzz"]
        targets = re.search(r"targets=\(([a-z_ ]+)\)", (h.REPO / "fuzz" / "run.sh").read_text(encoding="utf-8")).group(1).split()
        seconds = int(fuzz.variables["FUZZ_SECONDS"])
        timeout_hours = int(str(fuzz.config["timeout"]).rstrip("h"))
        self.assertLessEqual(seconds * len(targets) + 15 * 60, timeout_hours * 3600, "fuzzing plus its build fit the timeout")
        self.assertFalse(fuzz.allow_failure)
        self.assertEqual(fuzz.config["artifacts"]["when"], "on_failure")


if __name__ == "__main__":
    unittest.main(verbosity=2)
