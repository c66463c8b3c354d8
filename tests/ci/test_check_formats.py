#!/usr/bin/python3
"""`nastavnik check`: every error and warning in text (path:line:column, coloured only on a
terminal), json and codeclimate (GitLab Code Quality), exit codes, and --report.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_check_formats.py
"""
import json
import os
import pty
import re
import subprocess
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402

NEWS = "school-7/news/2025-11-20-den-nastavnika.md"
ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md"
LINE_RE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>ошибка|предупреждение): (?P<message>.+)$")


class CheckFormats(h.TempDirCase):
    def break_content(self):
        """Two errors and one warning, at known lines."""
        # An unknown key (warning) at line 4 of the news item, before its image line.
        h.replace_in(self.content / NEWS, "image: files/den-nastavnika.jpg", "imge: files/den-nastavnika.jpg")
        # A missing attachment in the order (error).
        order = (self.content / ORDER).read_text(encoding="utf-8")
        file_line = next(i for i, l in enumerate(order.splitlines(), 1) if l.startswith("file:"))
        h.replace_in(self.content / ORDER, re.search(r"file: (\S+)", order).group(1), "files/net-takogo.pdf")
        # A news item without its date (error).
        h.write(self.content / "school-7/news/2026-01-10-bez-daty.md", '---\ntitle: "Без даты"\n---\nТекст.\n')
        return file_line

    def check(self, *args, content="content"):
        return self.nastavnik("check", "--content", content, *args)

    # ------------------------------------------------------------------ text --

    def test_clean_content_passes_in_every_format(self):
        text = self.check()
        self.assertEqual(text.returncode, 0, h.describe(text))
        self.assertRegex(text.stdout, r"^Ошибок нет")
        js = self.check("--format", "json")
        self.assertEqual(js.returncode, 0, h.describe(js))
        self.assertEqual(json.loads(js.stdout), {"errors": 0, "warnings": 0, "diagnostics": []})
        cc = self.check("--format", "codeclimate")
        self.assertEqual(cc.returncode, 0, h.describe(cc))
        self.assertEqual(json.loads(cc.stdout), [])

    def test_text_lists_every_problem_with_positions(self):
        file_line = self.break_content()
        proc = self.check()
        self.assertEqual(proc.returncode, 1, h.describe(proc))
        self.assertEqual(proc.stdout, "")
        lines = [l for l in proc.stderr.splitlines() if LINE_RE.match(l)]
        found = {(m["path"], int(m["line"]), m["severity"]) for m in map(LINE_RE.match, lines)}
        self.assertIn((NEWS, 4, "предупреждение"), found, proc.stderr)
        self.assertIn((ORDER, file_line, "ошибка"), found, proc.stderr)
        self.assertTrue(any(p == "school-7/news/2026-01-10-bez-daty.md" and s == "ошибка" for p, _, s in found), proc.stderr)
        self.assertIn("«date»", proc.stderr)
        self.assertRegex(proc.stderr.splitlines()[-1], r"^Проверка не пройдена: 2\s+ошибки, 1\s+предупреждение\.$")
        self.assertNotIn("\x1b[", proc.stderr, "no colours when stderr is not a terminal")

    def test_warnings_alone_exit_0(self):
        h.replace_in(self.content / NEWS, "image: files/den-nastavnika.jpg", "imge: files/den-nastavnika.jpg")
        proc = self.check()
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        self.assertIn(f"{NEWS}:4:1: предупреждение: неизвестное поле «imge»", proc.stderr)
        # The photo the misspelt field named is now linked from nowhere: said too.
        self.assertIn("файл files/den-nastavnika.jpg не используется", proc.stderr)
        self.assertRegex(proc.stdout, r"2\s+предупреждения")

    def test_text_is_coloured_on_a_terminal(self):
        self.break_content()
        pid, fd = pty.fork()
        if pid == 0:  # child: stdout and stderr are the terminal
            env = h.env_for()
            env.pop("NO_COLOR", None)
            os.chdir(self.tmp)
            os.execve(str(h.BINARY), [str(h.BINARY), "check", "--content", "content"], env)
        output = b""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        _, status = os.waitpid(pid, 0)
        os.close(fd)
        self.assertEqual(os.waitstatus_to_exitcode(status), 1)
        text = output.decode("utf-8", "replace")
        self.assertIn("\x1b[1;31mошибка:\x1b[0m", text)
        self.assertIn("\x1b[1;33mпредупреждение:\x1b[0m", text)
        self.assertIn(f"\x1b[1m{NEWS}:4:1:\x1b[0m", text)

    # ------------------------------------------------------------------ json --

    def test_json_matches_text(self):
        self.break_content()
        text = self.check()
        proc = self.check("--format", "json")
        self.assertEqual(proc.returncode, 1, h.describe(proc))
        report = json.loads(proc.stdout)
        self.assertEqual(report["errors"], 2)
        self.assertEqual(report["warnings"], 1)
        expected = [LINE_RE.match(l) for l in text.stderr.splitlines() if LINE_RE.match(l)]
        got = report["diagnostics"]
        self.assertEqual(len(got), len(expected))
        for g, e in zip(got, expected):
            self.assertEqual(g["path"], e["path"])
            self.assertEqual(g["line"], int(e["line"]))
            self.assertEqual(g["column"], int(e["column"]))
            self.assertEqual(g["severity"], "error" if e["severity"] == "ошибка" else "warning")
            self.assertEqual(g["message"], e["message"])
        self.assertRegex(proc.stderr, r"Проверка не пройдена")

    # ----------------------------------------------------------- codeclimate --

    def codeclimate(self, content="content"):
        proc = self.check("--format", "codeclimate", content=content)
        issues = json.loads(proc.stdout)
        return proc, issues

    def test_codeclimate_is_a_gitlab_code_quality_report(self):
        file_line = self.break_content()
        proc, issues = self.codeclimate()
        self.assertEqual(proc.returncode, 1, h.describe(proc))
        self.assertIsInstance(issues, list)
        self.assertEqual(len(issues), 3)
        for issue in issues:
            for key in ("description", "check_name", "fingerprint", "severity", "location"):
                self.assertIn(key, issue)
            self.assertEqual(issue["type"], "issue")
            self.assertIn(issue["severity"], ("major", "minor"))
            self.assertRegex(issue["fingerprint"], r"^[0-9a-f]{32}$")
            path = issue["location"]["path"]
            self.assertTrue(path.startswith("content/school-7/"), path)
            self.assertTrue((self.tmp / path).is_file(), f"{path} is not a file of the repository")
            self.assertGreaterEqual(issue["location"]["lines"]["begin"], 1)
        by_path = {(i["location"]["path"], i["severity"]): i for i in issues}
        order = by_path[(f"content/{ORDER}", "major")]
        self.assertEqual(order["location"]["lines"]["begin"], file_line)
        self.assertEqual(order["check_name"], "nastavnik/missing-file")
        self.assertIn("net-takogo.pdf", order["description"])
        warning = by_path[(f"content/{NEWS}", "minor")]
        self.assertEqual(warning["location"]["lines"]["begin"], 4)
        self.assertEqual(warning["check_name"], "nastavnik/unknown-field")
        missing = by_path[("content/school-7/news/2026-01-10-bez-daty.md", "major")]
        self.assertEqual(missing["check_name"], "nastavnik/required-field")
        self.assertEqual(len({i["fingerprint"] for i in issues}), len(issues), "fingerprints are unique")

    def test_codeclimate_fingerprints_are_stable(self):
        self.break_content()
        _, first = self.codeclimate()
        _, again = self.codeclimate()
        self.assertEqual(first, again, "the same content gives the same report")
        # Lines inserted above a problem move it but keep its fingerprint.
        h.replace_in(self.content / ORDER, "---\n", "---\n# комментарий\n# ещё один\n")
        _, moved = self.codeclimate()
        before = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in first}
        after = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in moved}
        self.assertEqual(set(before), set(after))
        order_fp = next(i["fingerprint"] for i in first if i["location"]["path"].endswith(ORDER))
        self.assertEqual(after[order_fp], before[order_fp] + 2)

    def test_codeclimate_paths_follow_the_content_folder_as_given(self):
        self.break_content()
        for given, prefix in (("./content/", "content/"), (str(self.content), str(self.content) + "/")):
            with self.subTest(content=given):
                _, issues = self.codeclimate(content=given)
                self.assertTrue(issues)
                for issue in issues:
                    self.assertTrue(issue["location"]["path"].startswith(prefix), issue["location"]["path"])
        # The repository layout: content in a sub-folder of the repository.
        nested = self.tmp / "site" / "content"
        nested.parent.mkdir()
        self.content.rename(nested)
        _, issues = self.codeclimate(content="site/content")
        self.assertTrue(all(i["location"]["path"].startswith("site/content/school-7/") for i in issues), issues)

    # ---------------------------------------------------------------- report --

    def test_report_keeps_working(self):
        text = self.check("--report")
        self.assertEqual(text.returncode, 0, h.describe(text))
        self.assertTrue(text.stdout.strip(), "the monitoring report is printed")
        js = self.check("--report", "--format", "json")
        self.assertEqual(js.returncode, 0, h.describe(js))
        json.loads(js.stdout)
        bad = self.check("--report", "--format", "codeclimate")
        self.assertEqual(bad.returncode, 2, h.describe(bad))

    def test_unknown_format_is_a_usage_error(self):
        proc = self.check("--format", "xml")
        self.assertEqual(proc.returncode, 2, h.describe(proc))

    def test_help_names_the_formats(self):
        proc = self.nastavnik("check", "--help")
        self.assertEqual(proc.returncode, 0)
        for word in ("text", "json", "codeclimate", "--report", "Коды выхода"):
            self.assertIn(word, proc.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
