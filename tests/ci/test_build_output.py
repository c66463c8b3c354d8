#!/usr/bin/python3
"""What a build prints: one summary with Russian number grouping and plurals, a progress
line on a terminal only, --quiet and --verbose.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_build_output.py
"""
import os
import pty
import re
import select
import sys
import time
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402

SUMMARY = re.compile(r"^Собрано (?P<pages>[\d\u202f\u00a0 ]+)\u00a0(?P<pages_word>страниц[аы]?) и (?P<feeds>\d+)\u00a0лент[аы]? "
                     r"для (?P<orgs>\d+)\u00a0организаци[ий] за (?P<seconds>\d+(,\d)?)\u00a0с → (?P<out>.+)$")
NEWS_ITEMS = 1100


def plural(n, one, few, many):
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def russian_integer(n):
    """Russian typography: numbers of five digits and more are grouped by thousands with a
    narrow no-break space («12 345»), shorter ones are not («1234»)."""
    digits = str(n)
    if len(digits) <= 4:
        return digits
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return "\u202f".join(groups)


def run_on_terminal(args, cwd, env_extra, timeout=300):
    """Runs the binary with stdout and stderr on a pseudo-terminal; (exit code, output)."""
    pid, fd = pty.fork()
    if pid == 0:
        env = h.env_for(extra=env_extra)
        env.pop("NO_COLOR", None)
        os.chdir(cwd)
        os.execve(str(h.BINARY), [str(h.BINARY), *map(str, args)], env)
    output = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


class BuildOutput(h.TempDirCase):
    def add_news(self, count):
        news = self.content / "school-7" / "news"
        for i in range(count):
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            (news / f"{day}-novost-{i}.md").write_text(
                f'---\ntitle: "Новость номер {i}"\ndate: {day}\n---\nТекст новости {i}.\n', encoding="utf-8")

    def test_summary_groups_thousands_and_agrees_in_number(self):
        self.add_news(NEWS_ITEMS)
        out = self.tmp / "public"
        proc = self.nastavnik("build", "--content", "content", "--out", out)
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 1, "one summary line")
        m = SUMMARY.match(lines[0])
        self.assertTrue(m, lines[0])
        pages_text = m["pages"]
        pages = int(re.sub(r"\D", "", pages_text))
        self.assertEqual(pages_text, russian_integer(pages), "numbers are written as text/russian.h format_integer does")
        # The browser editor's pages (admin/index.html) are not the site's.
        html = sum(1 for p in out.rglob("*.html") if p.parent.name != "admin")
        self.assertEqual(pages, html, "the summary counts the HTML pages written")
        self.assertGreater(pages, NEWS_ITEMS)
        self.assertEqual(m["pages_word"], plural(pages, "страница", "страницы", "страниц"))
        self.assertEqual(int(m["orgs"]), 2)
        self.assertEqual(m["out"], str(out))
        self.assertEqual(proc.stderr, "", "nothing else is printed")
        self.assertNotIn("\r", proc.stdout + proc.stderr, "no progress line when not on a terminal")

    def test_quiet_and_verbose(self):
        quiet = self.nastavnik("build", "--content", "content", "--out", self.tmp / "q", "-q")
        self.assertEqual(quiet.returncode, 0, h.describe(quiet))
        self.assertEqual(quiet.stdout + quiet.stderr, "")
        verbose = self.nastavnik("build", "--content", "content", "--out", self.tmp / "v", "-v")
        self.assertEqual(verbose.returncode, 0, h.describe(verbose))
        self.assertRegex(verbose.stdout, r"^Собрано ")
        for stage in ("scan", "load", "assemble", "plan", "render", "publish", "всего"):
            self.assertIn(stage, verbose.stderr)
        self.assertRegex(verbose.stderr, r"материалов \(\.md\): \d+")
        self.assertRegex(verbose.stderr, r"файлов записано: \d+")
        check = self.nastavnik("check", "--content", "content", "-q")
        self.assertEqual(check.returncode, 0, h.describe(check))
        self.assertEqual(check.stdout + check.stderr, "")

    def test_errors_are_counted_in_russian(self):
        for i in range(3):
            h.write(self.content / "school-7" / "news" / f"bad-{i}.md", '---\ntitle: "Без даты"\n---\n')
        proc = self.nastavnik("build", "--content", "content", "--out", self.tmp / "public")
        self.assertEqual(proc.returncode, 1, h.describe(proc))
        self.assertRegex(proc.stderr.splitlines()[-1], r"^Сборка остановлена: 3\u00a0ошибки\. Папка .+ не изменена\.$")
        self.assertEqual(proc.stdout, "")

    def test_progress_line_on_a_terminal(self):
        self.add_news(3000)
        code, text = run_on_terminal(["build", "--content", "content", "--out", self.tmp / "public"], self.tmp,
                                     {"NASTAVNIK_PROGRESS_DELAY_MS": "0"})
        self.assertEqual(code, 0, text)
        self.assertRegex(text, r"\r\x1b\[2K(Чтение материалов|Запись сайта): [\d\u202f\u00a0 ]+ из [\d\u202f\u00a0 ]+ \(\d+\u00a0%\)",
                         "a progress line is drawn")
        self.assertIn("\r\x1b[2KСобрано ", text.replace("\r\n", "\n"), "the line is erased before the summary")
        # --quiet: no progress line either.
        code, text = run_on_terminal(["build", "--content", "content", "--out", self.tmp / "public", "-q"], self.tmp,
                                     {"NASTAVNIK_PROGRESS_DELAY_MS": "0"})
        self.assertEqual(code, 0, text)
        self.assertEqual(text, "")


if __name__ == "__main__":
    unittest.main(verbosity=2)
