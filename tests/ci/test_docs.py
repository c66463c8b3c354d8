#!/usr/bin/python3
"""The editors' guide in docs/: the field reference is exactly what `nastavnik reference`
generates from the schemas; every kind of problem in the Code Quality report has its
section in errors.md; the examples of the step-by-step guide pass `nastavnik check`; links
between the documents resolve.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_docs.py
"""
import difflib
import re
import sys
import unittest
from pathlib import Path

import yaml

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402

DOCS = h.REPO / "docs"


class Reference(unittest.TestCase):
    def setUp(self):
        h.ensure_binary()

    def test_committed_reference_is_what_the_tool_generates(self):
        proc = h.run(["reference"], cwd=h.REPO)
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        committed = (DOCS / "reference.md").read_text(encoding="utf-8")
        if committed != proc.stdout:
            diff = "".join(difflib.unified_diff(committed.splitlines(True), proc.stdout.splitlines(True),
                                                "docs/reference.md", "nastavnik reference", n=1))
            self.fail("docs/reference.md is out of date; regenerate it with\n"
                      "  build/nastavnik reference > docs/reference.md\n" + diff[:6000])

    def test_reference_covers_the_contract(self):
        text = (DOCS / "reference.md").read_text(encoding="utf-8")
        for location in ("site.yaml", "org.yaml", "news/*.md", "documents/*.md", "orders/*.md", "stories/*.md",
                         "practices/*.md", "pages/*.md", "mentors.yaml", "indicators.yaml", "roadmap.yaml"):
            self.assertIn(location, text)
        for field in ("`title`", "`base_url`", "`short_name`", "`topic`", "`file`", "`mentor.consent`", "`mentee.minor`",
                      "`period.from`", "`indicators[].values.<год>.numerator`", "`sections[].items[].status`", "`featured`"):
            self.assertIn(field, text)
        self.assertIn("`implementation` — о внедрении целевой модели наставничества", text)
        self.assertIn("`teacher-teacher` — «учитель – учитель»", text)


class ErrorGuide(unittest.TestCase):
    def test_every_check_name_is_explained(self):
        source = (h.REPO / "generator" / "cli" / "diagnostics_formats.cpp").read_text(encoding="utf-8")
        table = source[source.index("kinds[] = {"):]
        table = table[:table.index("};")]
        names = set(re.findall(r'\{"[^"]+", "([a-z-]+)"\}', table))
        names |= {"content-error", "content-warning"}
        self.assertGreater(len(names), 10)
        guide = (DOCS / "errors.md").read_text(encoding="utf-8")
        explained = set(re.findall(r"`nastavnik/([a-z-]+)`", guide))
        self.assertEqual(names - explained, set(), "check names without a section in docs/errors.md")
        self.assertEqual(explained - names, set(), "docs/errors.md names check names the tool never gives")


class GuideExamples(h.TempDirCase):
    """The Markdown examples of gitlab-editor.md, put into a copy of the minimal fixture."""

    def examples(self):
        text = (DOCS / "gitlab-editor.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```markdown\n(.*?)```", text, re.S)
        return [re.sub(r"(?m)^   ", "", b) for b in blocks]

    def test_examples_pass_check(self):
        examples = self.examples()
        self.assertGreaterEqual(len(examples), 3)
        org = self.content / "school-7"
        for i, example in enumerate(examples):
            if not example.startswith("---\n"):  # a piece of text: the body of a news item
                example = '---\ntitle: "Пример"\ndate: 2024-09-02\n---\n' + example
            fm = yaml.safe_load(example.split("---\n")[1])
            for linked in re.findall(r"\]\((files/[^)]+\.pdf)\)", example):
                (org / linked).write_bytes(h.tiny_pdf())
            if "topic" in fm:
                section = "orders"
            elif "mentor" in fm or "form" in fm:
                section = "stories"
            else:
                section = "news"
            h.write(org / section / f"primer-{i}.md", example)
            for key in ("file", "image"):
                if key in fm:
                    (org / fm[key]).write_bytes(h.tiny_pdf())
            for photo in fm.get("photos", []):
                (org / photo).write_bytes((org / "files" / "orlova.jpg").read_bytes())
        proc = self.nastavnik("check", "--content", "content")
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        self.assertEqual(proc.stderr, "", "no warnings either")

    def test_indicator_year_example_passes_check(self):
        text = (DOCS / "gitlab-editor.md").read_text(encoding="utf-8")
        blocks = [re.sub(r"(?m)^   ", "", b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S)]
        years = next(b for b in blocks if b.startswith("years:"))
        indicators = next(b for b in blocks if "- id:" in b)
        content = "title: \"Показатели\"\n" + years + "indicators:\n" + indicators
        h.write(self.content / "school-7" / "indicators.yaml", content)
        proc = self.nastavnik("check", "--content", "content")
        self.assertEqual(proc.returncode, 0, h.describe(proc) + "\n" + content)


class Links(unittest.TestCase):
    def test_relative_links_resolve(self):
        for doc in sorted(DOCS.glob("*.md")):
            text = doc.read_text(encoding="utf-8")
            # Examples in code (messages quoted, Markdown to type) are not links of the guide.
            text = re.sub(r"(?s)```.*?```", "", text)
            text = re.sub(r"`[^`\n]*`", "", text)
            for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
                if re.match(r"[a-z]+:", target):
                    continue
                self.assertTrue((doc.parent / target).exists(), f"{doc.name}: broken link {target}")
        readme = (h.REPO / "README.md").read_text(encoding="utf-8")
        for target in ("docs/README.md", "docs/pipeline.md"):
            self.assertIn(f"({target})", readme)
            self.assertTrue((h.REPO / target).is_file())


if __name__ == "__main__":
    unittest.main(verbosity=2)
