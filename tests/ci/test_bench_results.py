#!/usr/bin/python3
"""The speed figures in README.md are bench/results.md, quoted verbatim between the
markers `<!-- bench/results.md begins -->` and `<!-- bench/results.md ends -->` (by
bench/quote_results.py), and bench/results.md, written by bench/run.sh, has the date, the
machine and the ratios nastavnik / Hugo.

Run: NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_bench_results.py
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
REPO = Path(os.environ.get("NASTAVNIK_REPO") or Path(__file__).resolve().parents[2]).resolve()
RESULTS = REPO / "bench" / "results.md"
README = REPO / "README.md"
QUOTE = REPO / "bench" / "quote_results.py"
BEGIN = "<!-- bench/results.md begins -->"
END = "<!-- bench/results.md ends -->"
HOW = "regenerate it with bench/run.sh (see bench/README.md), then run bench/quote_results.py"


def results_text():
    if not RESULTS.is_file():
        raise AssertionError("bench/results.md is missing; " + HOW)
    return RESULTS.read_text(encoding="utf-8")


class ResultsFile(unittest.TestCase):
    """bench/results.md says when, where and what was measured."""

    def test_has_the_date(self):
        self.assertIsNotNone(re.search(r"^- date: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$", results_text(), re.M),
                             "bench/results.md has no '- date: YYYY-MM-DD HH:MM UTC' line; " + HOW)

    def test_describes_the_machine(self):
        text = results_text()
        m = re.search(r"^- machine: (.+)$", text, re.M)
        self.assertIsNotNone(m, "bench/results.md has no '- machine:' line; " + HOW)
        machine = m.group(1)
        for what, pattern in (("the number of CPU cores", r"\b\d+ CPU cores?\b"),
                              ("the RAM", r"\b\d+(\.\d+)? GiB RAM\b"),
                              ("the kernel", r"\bLinux \S+")):
            self.assertRegex(machine, pattern, "the machine line of bench/results.md lacks %s: %s" % (what, machine))
        for pattern, what in ((r"^- file systems: .*tmpfs", "the file systems of its work folders"),
                              (r"^- hugo: `hugo v", "the output of `hugo version`"),
                              (r"^- nastavnik: `nastavnik ", "the output of `nastavnik --version`")):
            self.assertIsNotNone(re.search(pattern, text, re.M), "bench/results.md lacks %s; %s" % (what, HOW))

    def test_has_the_ratios(self):
        text = results_text()
        header = re.search(r"^\|.*\bwall ratio\b.*\bmemory ratio\b.*\|$", text, re.M)
        self.assertIsNotNone(header, "bench/results.md has no table with a wall ratio and a memory ratio; " + HOW)
        columns = [c.strip() for c in header.group(0).strip("|").split("|")]
        rows = []
        for line in text[header.end():].lstrip("\n").splitlines():
            if not line.startswith("|"):
                break
            cells = [c.strip() for c in line.strip("|").split("|")]
            if set("".join(cells)) <= set("-: "):
                continue                       # the alignment row
            rows.append(dict(zip(columns, cells)))
        self.assertTrue(rows, "the table of bench/results.md has no rows")
        for row in rows:
            for col in ("wall ratio", "memory ratio"):
                self.assertRegex(row.get(col, ""), r"^\d+(\.\d+)?$", "not a ratio in column %r: %r" % (col, row))
        self.assertIn("Verdict", text, "bench/results.md has no verdict lines")


class ReadmeQuotesResults(unittest.TestCase):
    """README.md's figures are exactly bench/results.md."""

    def test_readme_block_is_results_md(self):
        readme = README.read_text(encoding="utf-8")
        if BEGIN not in readme and END not in readme:
            self.skipTest("README.md has no %s / %s markers yet: nothing to compare (add them where the "
                          "figures belong, then run bench/quote_results.py)" % (BEGIN, END))
        self.assertEqual(readme.count(BEGIN), 1, "README.md needs exactly one " + BEGIN)
        self.assertEqual(readme.count(END), 1, "README.md needs exactly one " + END)
        start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
        self.assertLess(start, end, "in README.md the end marker comes before the begin marker")
        block = readme[start:end].strip("\n")
        expected = results_text().strip("\n")
        if block != expected:
            import difflib
            diff = "".join(difflib.unified_diff(expected.splitlines(True), block.splitlines(True),
                                                "bench/results.md", "README.md (quoted)", n=1))
            self.fail("README.md does not quote bench/results.md verbatim; run bench/quote_results.py\n" + diff[:4000])


class QuoteScript(unittest.TestCase):
    """bench/quote_results.py replaces the quoted block and nothing else."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="quote-results-"))
        self.results = self.dir / "results.md"
        self.results.write_text("### Measured\n\n- date: 2026-01-01 00:00 UTC\n| a | b |\n", encoding="utf-8")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def quote(self, readme_text, *extra):
        readme = self.dir / "README.md"
        readme.write_bytes(readme_text.encode("utf-8"))
        proc = subprocess.run([sys.executable, str(QUOTE), "--readme", str(readme), "--results", str(self.results),
                               *extra], capture_output=True, text=True, timeout=60)
        return proc, readme.read_bytes().decode("utf-8")

    def test_replaces_only_the_block(self):
        before = "# Title\r\n\r\n## Speed\n\nintro  \n%s\nold figures\n%s\ntail\n\n" % (BEGIN, END)
        proc, after = self.quote(before)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        head, tail = before.split(BEGIN)[0], before.split(END)[1]
        self.assertTrue(after.startswith(head + BEGIN), after)
        self.assertTrue(after.endswith(END + tail), after)
        self.assertEqual(after[len(head + BEGIN):-len(END + tail)].strip("\r\n").replace("\r\n", "\n"),
                         self.results.read_text(encoding="utf-8").strip("\n"))
        proc, again = self.quote(after, "--check")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(again, after)

    def test_check_reports_a_stale_block(self):
        proc, after = self.quote("x\n%s\nold\n%s\n" % (BEGIN, END), "--check")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("old", after)

    def test_without_markers_changes_nothing_and_says_so(self):
        text = "# Title\n\nno markers here\n"
        proc, after = self.quote(text)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(after, text)
        self.assertIn("no", proc.stdout)
        self.assertIn("markers", proc.stdout)

    def test_malformed_markers_change_nothing(self):
        for text in ("a\n%s\nb\n" % BEGIN, "a\n%s\nb\n%s\n" % (END, BEGIN), "%s\n%s\n%s\n" % (BEGIN, END, END)):
            proc, after = self.quote(text)
            self.assertEqual(proc.returncode, 1, text)
            self.assertEqual(after, text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
