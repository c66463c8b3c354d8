#!/usr/bin/python3
"""The pipeline file, read with PyYAML: its jobs, stages, artifacts, reports and rules are
what the README's «GitLab CI» section says. The rules are evaluated for each kind of
pipeline the README lists (merge request, push, schedule) with GitLab's semantics: the
first matching rule decides, `when: never` excludes, no match excludes.

Run: NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_ci_pipeline.py
"""
import re
import shlex
import sys
import unittest
from pathlib import Path

import yaml

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402

KEYWORDS = {"image", "stages", "workflow", "variables", "default", "include", "services", "cache", "before_script",
            "after_script"}
DEFAULT_BRANCH = "main"
# The README's names of the kinds of pipeline → the predefined variables GitLab sets.
SCENARIOS = {
    "merge request": {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "7"},
    "push to the default branch": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": DEFAULT_BRANCH},
    "push to another branch without a merge request": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "novost"},
    "schedule on the default branch": {"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": DEFAULT_BRANCH},
}


# ----------------------------------------------------------------- rules --

def _value(token, variables):
    token = token.strip()
    if token.startswith("$"):
        return variables.get(token[1:]) or None
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'":
        return token[1:-1]
    if token == "null":
        return None
    raise ValueError(f"unsupported operand {token!r}")


def _atom(text, variables):
    text = text.strip()
    m = re.fullmatch(r"(\$\w+|\"[^\"]*\"|'[^']*')\s*(==|!=)\s*(\$\w+|\"[^\"]*\"|'[^']*'|null)", text)
    if m:
        equal = _value(m.group(1), variables) == _value(m.group(3), variables)
        return equal if m.group(2) == "==" else not equal
    if re.fullmatch(r"\$\w+", text):
        return bool(variables.get(text[1:]))
    raise ValueError(f"unsupported rule expression {text!r}")


def evaluate(expression, variables):
    """GitLab `rules:if` without parentheses or regexes: && binds tighter than ||."""
    return any(all(_atom(a, variables) for a in part.split("&&")) for part in expression.split("||"))


def first_match(rules, variables):
    for rule in rules:
        if "if" not in rule or evaluate(rule["if"], variables):
            return rule
    return None


def pipeline_jobs(ci, variables):
    """The jobs a pipeline with `variables` runs, or None when workflow:rules creates none."""
    workflow = (ci.get("workflow") or {}).get("rules")
    if workflow is not None:
        rule = first_match(workflow, variables)
        if rule is None or rule.get("when") == "never":
            return None
    jobs = []
    for name, job in jobs_of(ci).items():
        rules = job.get("rules")
        if rules is None:
            jobs.append(name)
            continue
        rule = first_match(rules, variables)
        if rule is not None and rule.get("when", "on_success") != "never":
            jobs.append(name)
    return jobs


def jobs_of(ci):
    return {k: v for k, v in ci.items() if k not in KEYWORDS and not k.startswith(".") and isinstance(v, dict)}


# ---------------------------------------------------------------- README --

def readme_section():
    text = (h.REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("## GitLab CI")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else len(text)]


def table_rows(section, header):
    """The rows (lists of cells) of the Markdown table whose header row starts with `header`."""
    lines = section.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("| " + header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


class Pipeline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ci = yaml.safe_load((h.REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
        cls.jobs = jobs_of(cls.ci)
        cls.readme = readme_section()
        cls.job_rows = {r[0].strip("`"): r for r in table_rows(cls.readme, "job |")}
        cls.pipeline_rows = {r[0]: [j.strip() for j in r[1].split(",")] for r in table_rows(cls.readme, "pipeline |")}

    def script(self, job):
        return "\n".join(self.jobs[job]["script"])

    def before(self, job):
        return self.jobs[job].get("before_script", self.ci.get("default", {}).get("before_script", []))

    def test_image_and_stages(self):
        self.assertEqual(self.ci["image"], "debian:12")
        self.assertEqual(self.ci["stages"], ["build", "test", "check", "publish", "fuzz"])
        for stage in self.ci["stages"]:
            self.assertIn(f"`{stage}`", self.readme.split("\n\n")[1], "the README lists the stages")

    def test_jobs_and_stages_are_the_readme_table(self):
        self.assertEqual(set(self.jobs), set(self.job_rows), "jobs of .gitlab-ci.yml vs the README table")
        for name, row in self.job_rows.items():
            self.assertEqual(self.jobs[name]["stage"], row[1], name)
        self.assertIn("pages", self.jobs, "GitLab Pages publishes the artifacts of a job named pages")

    def test_every_job_installs_the_setup_packages(self):
        setup = (h.REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
        self.assertIn("apt-get install", setup)
        for name in self.jobs:
            self.assertTrue(any("scripts/setup.sh" in line for line in self.before(name)), f"{name} does not call scripts/setup.sh")
        self.assertTrue(any("NASTAVNIK_TEST_DEPS=1" in l for l in self.before("test")), "the test job installs the test tools")

    def test_build_job_and_its_cache(self):
        job = self.jobs["build"]
        self.assertIn("cmake -S . -B build", self.script("build"))
        self.assertIn("build/", job["cache"]["paths"])
        self.assertIn("$CI_COMMIT_REF_SLUG", job["cache"]["key"])
        self.assertEqual(job["artifacts"]["paths"], ["build/nastavnik"])
        self.assertIn("`build/nastavnik`", self.job_rows["build"][3])
        self.assertIn("build/", self.job_rows["build"][2])
        test_cache = self.jobs["test"]["cache"]
        self.assertEqual(test_cache["key"], job["cache"]["key"], "the test job reuses the build folder")
        self.assertEqual(test_cache.get("policy"), "pull")

    def test_test_job_reports_junit(self):
        job = self.jobs["test"]
        ctest = next(l for l in job["script"] if l.startswith("ctest"))
        args = shlex.split(ctest)
        test_dir = args[args.index("--test-dir") + 1]
        junit = args[args.index("--output-junit") + 1]
        # ctest writes a relative --output-junit file into the build folder.
        self.assertEqual(job["artifacts"]["reports"]["junit"], f"{test_dir}/{junit}")
        self.assertEqual(job["artifacts"]["when"], "always", "the report is kept when tests fail")
        self.assertIn(f"`{test_dir}/{junit}`", self.job_rows["test"][3])
        self.assertIn("--output-junit", self.job_rows["test"][2])

    def test_check_job_reports_code_quality(self):
        job = self.jobs["check"]
        script = self.script("check")
        m = re.search(r"nastavnik check --content (\S+) --format codeclimate > (\S+)", script)
        self.assertTrue(m, script)
        self.assertEqual(m.group(1), "content", "paths in the report are relative to the repository")
        self.assertEqual(job["artifacts"]["reports"]["codequality"], m.group(2))
        self.assertEqual(job["artifacts"]["when"], "always", "the report is kept when the check fails")
        self.assertEqual(job.get("dependencies"), ["build"], "it uses the binary of the build job")
        self.assertIn(f"`{m.group(2)}`", self.job_rows["check"][3])

    def test_pages_job_publishes_public(self):
        job = self.jobs["pages"]
        self.assertEqual(job["stage"], "publish")
        self.assertIn("nastavnik build --content content --out public", self.script("pages"))
        self.assertEqual(job["artifacts"]["paths"], ["public"])
        self.assertNotIn("needs", job, "with stage order, pages waits for test and check")
        self.assertIn("`public/`", self.job_rows["pages"][3])

    def test_sanitizers_job_runs_the_sanitized_suite_with_junit(self):
        job = self.jobs["sanitizers"]
        self.assertEqual(job["stage"], "test")
        script = self.script("sanitizers")
        m = re.search(r"scripts/test-sanitizers\.sh --output-junit (\S+)", script)
        self.assertTrue(m, script)
        # test-sanitizers.sh hands its arguments to ctest, which writes into build-asan/.
        self.assertIn("--test-dir build-asan", (h.REPO / "scripts" / "test-sanitizers.sh").read_text(encoding="utf-8"))
        self.assertEqual(job["artifacts"]["reports"]["junit"], f"build-asan/{m.group(1)}")
        self.assertEqual(job["artifacts"]["when"], "always")
        self.assertIn("build-asan/", job["cache"]["paths"])
        self.assertTrue(any("NASTAVNIK_TEST_DEPS=1" in l for l in self.before("sanitizers")))
        self.assertEqual(job.get("rules"), self.jobs["test"].get("rules"), "it runs wherever the test job runs")
        self.assertIn(f"`build-asan/{m.group(1)}`", self.job_rows["sanitizers"][3])

    def test_fuzz_job_is_bounded_and_never_delays_publishing(self):
        job = self.jobs["fuzz"]
        self.assertEqual(self.ci["stages"][-1], job["stage"], "fuzzing runs after publishing")
        self.assertNotIn("needs", job, "with needs it would start before pages")
        self.assertIn('fuzz/run.sh "$FUZZ_SECONDS"', self.script("fuzz"))
        run = (h.REPO / "fuzz" / "run.sh").read_text(encoding="utf-8")
        self.assertIn("-max_total_time=", run, "each target runs for a bounded time")
        targets = re.search(r"targets=\(([a-z_ ]+)\)", run).group(1).split()
        built = re.search(r"set\(NASTAVNIK_FUZZ_TARGETS ([a-z_ ]+)\)",
                          (h.REPO / "fuzz" / "CMakeLists.txt").read_text(encoding="utf-8")).group(1).split()
        self.assertEqual(sorted(targets), sorted(built), "run.sh runs every target fuzz/CMakeLists.txt builds")
        self.assertTrue(any("NASTAVNIK_FUZZ_DEPS=1" in l for l in self.before("fuzz")), "clang-14 and libFuzzer")
        self.assertIn("build-fuzz/artifacts/", job["artifacts"]["paths"], "the inputs found are kept")
        self.assertEqual(job["artifacts"]["when"], "on_failure")
        self.assertTrue(0 < int(job["variables"]["FUZZ_SECONDS"]) * len(targets) < 3600, "bounded in every pipeline")
        seconds = {}
        for name, variables in SCENARIOS.items():
            rule = first_match(job["rules"], dict(variables, CI_DEFAULT_BRANCH=DEFAULT_BRANCH))
            self.assertIsNotNone(rule, name)
            seconds[name] = int((rule.get("variables") or job["variables"])["FUZZ_SECONDS"])
            schedule = variables["CI_PIPELINE_SOURCE"] == "schedule"
            self.assertEqual(rule.get("allow_failure", False), not schedule,
                             f"{name}: a warning in merge requests and pushes, a failure in schedules")
            self.assertLessEqual(seconds[name] * len(targets), int(job["timeout"].rstrip("h")) * 3600 - 600, name)
        self.assertEqual(seconds["schedule on the default branch"], 5 * seconds["merge request"])

    def test_rules_give_the_readme_pipelines(self):
        self.assertEqual(set(self.pipeline_rows), set(SCENARIOS), "README pipelines vs the scenarios of this test")
        for name, variables in SCENARIOS.items():
            with self.subTest(pipeline=name):
                env = dict(variables, CI_DEFAULT_BRANCH=DEFAULT_BRANCH)
                self.assertEqual(pipeline_jobs(self.ci, env), self.pipeline_rows[name])

    def test_pages_only_on_the_default_branch(self):
        for source in ("push", "schedule", "web", "merge_request_event"):
            for branch in ("main", "feature", None):
                if (source == "merge_request_event") != (branch is None):
                    continue  # GitLab sets CI_COMMIT_BRANCH in every pipeline but merge request ones
                env = {"CI_PIPELINE_SOURCE": source, "CI_DEFAULT_BRANCH": DEFAULT_BRANCH}
                if branch:
                    env["CI_COMMIT_BRANCH"] = branch
                jobs = pipeline_jobs(self.ci, env) or []
                self.assertEqual("pages" in jobs, branch == DEFAULT_BRANCH, env)

    def test_scheduled_pipelines(self):
        rules = [r.get("if", "") for r in self.jobs["pages"]["rules"]]
        self.assertTrue(any('$CI_PIPELINE_SOURCE == "schedule"' in r for r in rules), "a rule for schedules")
        other = pipeline_jobs(self.ci, {"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "feature",
                                        "CI_DEFAULT_BRANCH": DEFAULT_BRANCH})
        self.assertEqual(other, ["build", "check", "fuzz"], "a schedule on another branch publishes nothing")
        self.assertIn("Pipeline schedules", self.readme)
        self.assertIn("0 5 * * *", self.readme)
        guide = (h.REPO / "docs" / "pipeline.md").read_text(encoding="utf-8")
        self.assertIn("Расписания конвейеров", guide)
        self.assertIn("0 5 * * *", guide)

    def test_no_duplicate_pipelines_for_merge_requests(self):
        env = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "novost", "CI_OPEN_MERGE_REQUESTS": "group/site!7",
               "CI_DEFAULT_BRANCH": DEFAULT_BRANCH}
        self.assertIsNone(pipeline_jobs(self.ci, env), "a branch with an open merge request gets only the MR pipeline")

    def test_evaluator_itself(self):
        v = {"A": "x", "B": "x", "C": ""}
        self.assertTrue(evaluate('$A == "x"', v))
        self.assertTrue(evaluate("$A == $B", v))
        self.assertFalse(evaluate("$A != $B", v))
        self.assertFalse(evaluate("$C", v))
        self.assertFalse(evaluate("$D", v))
        self.assertTrue(evaluate('$D == null || $A == "y"', v))
        self.assertFalse(evaluate('$A == "x" && $D', v))


if __name__ == "__main__":
    unittest.main(verbosity=2)
