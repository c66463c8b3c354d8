#!/usr/bin/python3
"""The pipeline file, read with PyYAML, is what the README's «GitLab CI» section says: its
jobs and stages, what each leaves (artifacts, reports), which jobs each kind of pipeline
runs and what each job waits for (evaluated with tests/ci/gitlab_rules.py for the scenarios
of test_ci_rules.py), the measured times it quotes from bench/ci_content_pipeline.md, and
the CI minutes it counts from them. docs/pipeline.md (the curators' page) says the same.

Run: NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_ci_pipeline.py
"""
import re
import shlex
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402
import gitlab_rules as g  # noqa: E402
import test_ci_rules as rules  # noqa: E402

IMAGE = "buildpack-deps:bookworm-curl"
# The README's rows of «which pipelines run which jobs» → the scenarios of test_ci_rules.py
# that each stands for (all of them must give the row's jobs).
README_PIPELINES = {
    ("merge request", "content only"): ["merge request, content only", "merge request, an order and its PDF"],
    ("merge request", "anything else"): ["merge request, generator", "merge request, theme", "merge request, tests",
                                         "merge request, pipeline file"],
    ("push to the default branch", "content only"): ["push to the default branch, content only"],
    ("push to the default branch", "anything else"): ["push to the default branch, generator",
                                                      "push to the default branch, theme",
                                                      "pipeline run by hand on the default branch"],
    ("push to another branch without a merge request", "any"): [
        "push to another branch without a merge request, content only",
        "push to another branch without a merge request, generator", "first push of a new branch"],
    ("schedule on the default branch", "daily rebuild"): ["daily rebuild schedule"],
    ("schedule on the default branch", "`NASTAVNIK_SCHEDULE=fuzz`"): ["fuzz schedule"],
}
BENCH = h.REPO / "bench" / "ci_content_pipeline.md"


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


def names(cell):
    return [] if cell == "nothing" else [n.strip().strip("`") for n in cell.split(",")]


def number(text):
    return float(text.replace("\u202f", "").replace(" ", "").replace("*", ""))


class Pipeline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ci = g.load(h.REPO / ".gitlab-ci.yml")
        cls.jobs = g.jobs_of(cls.ci)
        cls.readme = readme_section()
        cls.job_rows = {r[0].strip("`"): r for r in table_rows(cls.readme, "job | stage |")}
        cls.guide = (h.REPO / "docs" / "pipeline.md").read_text(encoding="utf-8")

    def script(self, job):
        return "\n".join(g.commands(self.jobs[job]))

    def test_image_and_stages(self):
        self.assertEqual(self.ci["image"], IMAGE)
        self.assertIn(f"`{IMAGE}`", self.readme)
        self.assertNotIn("image", self.ci.get("default", {}))
        self.assertTrue(all(j["image"] == IMAGE for j in self.jobs.values()), "one image for every job")
        self.assertEqual(self.ci["stages"], ["build", "test", "check", "publish", "fuzz"])
        intro = self.readme.split("\n\n")[1]
        for stage in self.ci["stages"]:
            self.assertIn(f"`{stage}`", intro, "the README lists the stages")

    def test_jobs_and_stages_are_the_readme_table(self):
        self.assertEqual(set(self.jobs), set(self.job_rows), "jobs of .gitlab-ci.yml vs the README table")
        for name, row in self.job_rows.items():
            self.assertEqual(self.jobs[name]["stage"], row[1], name)
        self.assertIn("pages", self.jobs, "GitLab Pages publishes the artifacts of a job named pages")
        for name in self.jobs:
            self.assertIn(f"`{name}`", self.guide, f"docs/pipeline.md does not name the job {name}")

    def test_pipelines_are_the_readme_table(self):
        rows = table_rows(self.readme, "pipeline | change | jobs")
        self.assertEqual({(r[0], r[1]) for r in rows}, set(README_PIPELINES), "README rows vs this test's map")
        for pipeline, change, jobs in rows:
            for scenario in README_PIPELINES[(pipeline, change)]:
                with self.subTest(row=(pipeline, change), scenario=scenario):
                    got = rules.pipeline(scenario, self.ci)
                    self.assertEqual(list(got or {}), names(jobs))

    def test_waits_are_the_readme_table(self):
        rows = {r[0].strip("`"): names(r[1]) for r in table_rows(self.readme, "job | waits for")}
        self.assertEqual(set(rows), set(self.jobs))
        for name, job in self.jobs.items():
            needs = [n if isinstance(n, str) else n["job"] for n in job.get("needs", [])]
            self.assertIn("needs", job, f"{name}: with needs, a job starts when what it needs is done")
            self.assertEqual(needs, rows[name], name)

    def test_build_job_bundles_and_uploads_the_generator(self):
        job = self.jobs["build"]
        script = self.script("build")
        self.assertIn("cmake -S . -B build", script)
        self.assertIn("--target nastavnik", script)
        self.assertLess(script.index("nastavnik-bundle.sh pack"), script.index("nastavnik-bundle.sh upload"))
        self.assertIn("build/", job["cache"]["paths"])
        self.assertIn("$CI_COMMIT_REF_SLUG", job["cache"]["key"])
        self.assertEqual(job["artifacts"]["paths"], ["dist/"])
        self.assertIn("`dist/`", self.job_rows["build"][3])
        self.assertIn("build/", self.job_rows["build"][2])
        test_cache = self.jobs["test"]["cache"]
        self.assertEqual(test_cache["key"], job["cache"]["key"], "the test job reuses the build folder")
        self.assertEqual(test_cache.get("policy"), "pull")
        bundle = (h.REPO / "scripts" / "ci" / "nastavnik-bundle.sh").read_text(encoding="utf-8")
        self.assertIn("packages/generic/", bundle)
        self.assertIn("JOB-TOKEN: ${CI_JOB_TOKEN", bundle)

    def test_engineering_jobs_install_what_they_need(self):
        for name in ("build", "test", "sanitizers", "fuzz"):
            self.assertTrue(any("scripts/setup.sh" in line for line in self.jobs[name]["before_script"]), name)
        self.assertTrue(any("NASTAVNIK_TEST_DEPS=1" in l for l in self.jobs["test"]["before_script"]))
        self.assertTrue(any("NASTAVNIK_TEST_DEPS=1" in l for l in self.jobs["sanitizers"]["before_script"]))
        self.assertTrue(any("NASTAVNIK_FUZZ_DEPS=1" in l for l in self.jobs["fuzz"]["before_script"]))
        for name in ("check", "preview", "pages"):
            self.assertNotIn("before_script", self.jobs[name], f"{name} installs nothing")
            self.assertTrue(self.script(name).startswith("scripts/ci/nastavnik-bundle.sh ensure"), name)

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

    def test_sanitizers_job_runs_the_sanitized_suite_with_junit(self):
        job = self.jobs["sanitizers"]
        m = re.search(r"scripts/test-sanitizers\.sh --output-junit (\S+)", self.script("sanitizers"))
        self.assertTrue(m)
        # test-sanitizers.sh hands its arguments to ctest, which writes into build-asan/.
        self.assertIn("--test-dir build-asan", (h.REPO / "scripts" / "test-sanitizers.sh").read_text(encoding="utf-8"))
        self.assertEqual(job["artifacts"]["reports"]["junit"], f"build-asan/{m.group(1)}")
        self.assertEqual(job["artifacts"]["when"], "always")
        self.assertIn("build-asan/", job["cache"]["paths"])
        self.assertEqual(job["rules"], self.jobs["test"]["rules"], "it runs wherever the test job runs")
        self.assertIn(f"`build-asan/{m.group(1)}`", self.job_rows["sanitizers"][3])

    def test_check_job_prints_lines_and_reports_code_quality(self):
        job = self.jobs["check"]
        m = re.search(r"scripts/ci/check\.sh (\S+) (\S+)", self.script("check"))
        self.assertTrue(m, self.script("check"))
        self.assertEqual(m.group(1), "content", "paths in the report are relative to the repository")
        self.assertEqual(job["artifacts"]["reports"]["codequality"], m.group(2))
        self.assertEqual(job["artifacts"]["when"], "always", "the report is kept when the check fails")
        self.assertIn(f"`{m.group(2)}`", self.job_rows["check"][3])
        check = (h.REPO / "scripts" / "ci" / "check.sh").read_text(encoding="utf-8")
        self.assertIn("--format text", check)
        self.assertIn("--format codeclimate", check)
        self.assertIn("файл:строка:столбец", self.job_rows["check"][2])

    def test_pages_job_checks_and_publishes_public(self):
        job = self.jobs["pages"]
        script = self.script("pages")
        self.assertLess(script.index("scripts/ci/check.sh content gl-code-quality-report.json"),
                        script.index("dist/nastavnik build --content content --out public"))
        self.assertIn("public", job["artifacts"]["paths"])
        self.assertEqual(job["artifacts"]["reports"]["codequality"], "gl-code-quality-report.json",
                         "the target branch's report the merge request widget compares with")
        self.assertIn("`public/`", self.job_rows["pages"][3])

    def test_preview_job_is_linked_from_the_merge_request(self):
        job = self.jobs["preview"]
        self.assertIn("scripts/ci/preview.sh preview content", self.script("preview"))
        self.assertEqual(job["artifacts"]["paths"], ["preview/"])
        self.assertIn(f"«{job['artifacts']['expose_as']}»", self.job_rows["preview"][3])
        self.assertIn(f"«{job['artifacts']['expose_as']}»", self.guide)
        self.assertTrue(job["environment"]["url"].endswith("/artifacts/file/preview/index.html"))
        self.assertIn("`preview/", self.job_rows["preview"][3])

    def test_fuzz_job_runs_every_target_in_its_schedule(self):
        job = self.jobs["fuzz"]
        self.assertEqual(self.ci["stages"][-1], job["stage"])
        self.assertIn('fuzz/run.sh "$FUZZ_SECONDS"', self.script("fuzz"))
        run = (h.REPO / "fuzz" / "run.sh").read_text(encoding="utf-8")
        self.assertIn("-max_total_time=", run, "each target runs for a bounded time")
        targets = re.search(r"targets=\(([a-z_ ]+)\)", run).group(1).split()
        built = re.search(r"set\(NASTAVNIK_FUZZ_TARGETS ([a-z_ ]+)\)",
                          (h.REPO / "fuzz" / "CMakeLists.txt").read_text(encoding="utf-8")).group(1).split()
        self.assertEqual(sorted(targets), sorted(built), "run.sh runs every target fuzz/CMakeLists.txt builds")
        self.assertIn("build-fuzz/artifacts/", job["artifacts"]["paths"], "the inputs found are kept")
        self.assertIn(f"{job['variables']['FUZZ_SECONDS']} s", self.job_rows["fuzz"][2])
        self.assertIn(f"every target for {job['variables']['FUZZ_SECONDS']} s", self.readme)
        minutes = int(re.search(r"about (\d+) minutes a run", self.readme).group(1))
        self.assertGreaterEqual(minutes, len(targets) * int(job["variables"]["FUZZ_SECONDS"]) / 60 + 5,
                                "the README's minutes of a fuzz run cover every target and the build")
        self.assertIn(f"около {minutes} минут", self.guide)
        for text in (self.readme, self.guide):
            self.assertIn("NASTAVNIK_SCHEDULE", text)

    def test_schedules_are_documented(self):
        self.assertIn("Pipeline schedules", self.readme)
        self.assertIn("0 5 * * *", self.readme)
        self.assertIn("Расписания конвейеров", self.guide)
        self.assertIn("0 5 * * *", self.guide)
        self.assertIn("`fuzz`", self.guide)

    def test_no_duplicate_pipelines_for_merge_requests(self):
        env = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "novost", "CI_OPEN_MERGE_REQUESTS": "group/site!7",
               "CI_DEFAULT_BRANCH": rules.DEFAULT_BRANCH}
        self.assertIsNone(g.evaluate_pipeline(self.ci, g.Pipeline(env, ["content/x.md"])),
                          "a branch with an open merge request gets only the merge request pipeline")

    def test_free_tier_promises(self):
        """What GitLab Free shows (the Code Quality widget) and what it does not (marks in the diff)."""
        self.assertIn("GitLab Free shows this widget", self.readme)
        self.assertIn("Ultimate", self.readme)
        self.assertRegex(self.guide, r"Free")
        self.assertIn("Ultimate", self.guide)
        self.assertNotIn("значок стоит прямо у строки", self.guide)
        editor = (h.REPO / "docs" / "gitlab-editor.md").read_text(encoding="utf-8")
        self.assertNotIn("рядом со строкой будет значок", editor)


class Figures(unittest.TestCase):
    """The README quotes bench/ci_content_pipeline.md, and counts the CI minutes from the rules."""

    @classmethod
    def setUpClass(cls):
        cls.readme = readme_section()
        cls.bench = BENCH.read_text(encoding="utf-8")
        cls.ci = g.load(h.REPO / ".gitlab-ci.yml")

    def figure(self, text, label):
        m = re.search(re.escape(label) + r"[^*\n]*\*\*([\d.]+) s\*\*", text)
        self.assertTrue(m, f"no figure for {label!r}")
        return float(m.group(1))

    def test_readme_quotes_the_bench(self):
        for label in ("merge request with a content change (`check` + `preview`)",
                      "push to the default branch"):
            measured = self.figure(self.bench, label)
            self.assertEqual(self.figure(self.readme, label), measured, label)
            self.assertLessEqual(measured, 90, f"{label}: the jobs of a content-only pipeline take ≤ 90 s in all")
        for label in ("`check`", "`preview`", "`pages`"):
            row = next(l for l in self.bench.splitlines() if l.startswith(f"| {label} |"))
            total = float(row.strip("|").split("|")[-1])
            self.assertLess(total, 60, f"{label}: under a minute, so one whole minute billed")
        m = re.search(r"`check` builds it: ([\d.]+) s in all", self.bench)
        if m:
            self.assertIn(f"builds it: {m.group(1)} s", self.readme)
        m = re.search(r"of the runtime libraries \(.*?\) in the same image: ([\d.]+) s downloading them, ([\d.]+) s", self.bench)
        if m:
            self.assertIn(f"{m.group(1)} s for the install alone ({m.group(2)} s with the archives cached)", self.readme)

    def test_minutes_are_counted_from_the_rules(self):
        per_change = sum(len(rules.pipeline(s, self.ci)) for s in (
            "push to another branch without a merge request, content only", "merge request, content only",
            "push to the default branch, content only"))
        per_day = len(rules.pipeline("daily rebuild schedule", self.ci))
        rows = {r[0].replace("*", ""): r for r in table_rows(self.readme, "what | pipelines | jobs | minutes a month")}
        school_changes = rows["school: 20 content changes"]
        self.assertEqual(school_changes[2], f"20 × {per_change}")
        self.assertEqual(number(school_changes[3]), 20 * per_change)
        self.assertEqual(rows["school: daily rebuild"][2], f"30 × {per_day}")
        self.assertEqual(number(rows["school: daily rebuild"][3]), 30 * per_day)
        school = number(rows["school, in all"][3])
        self.assertEqual(school, 20 * per_change + 30 * per_day)
        self.assertLessEqual(school, 150, "a school stays within 150 minutes a month")
        department = next(r for k, r in rows.items() if k.startswith("department with 20 schools"))
        self.assertEqual(department[1], f"400 × {per_change} + 30 × {per_day}")
        self.assertEqual(number(department[3]), 400 * per_change + 30 * per_day)
        self.assertIn("cost factor 1", self.readme)


if __name__ == "__main__":
    unittest.main(verbosity=2)
