#!/usr/bin/python3
"""`nastavnik new`: a file for each kind with its front matter filled or marked, today's
date in the site's time zone, a transliterated name, no overwriting; the new file passes
`nastavnik check` except on the lines the editor must fill in, and once they are filled
the site builds with it.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_new_command.py
"""
import re
import sys
import unittest
from pathlib import Path

import yaml

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402

ORG = "school-7"
# kind, folder, title, expected file name (today is 2026-11-25 in Moscow)
KINDS = [
    ("news", "news", "Школа молодого педагога: первое занятие", "2026-11-25-shkola-molodogo-pedagoga-pervoe-zanyatie.md"),
    ("order", "orders", "О закреплении наставнических пар на 2026/2027 учебный год",
     "o-zakreplenii-nastavnicheskikh-par-na-2026-2027-uchebnyy-god.md"),
    ("document", "documents", "Положение о наставничестве", "polozhenie-o-nastavnichestve.md"),
    ("story", "stories", "Первый год в профессии: Ёлкина и наставник", "pervyy-god-v-professii-elkina-i-nastavnik.md"),
    ("practice", "practices", "Педагогический дуэт «Урок вдвоём»", "pedagogicheskiy-duet-urok-vdvoem.md"),
    ("page", "pages", "Контакты куратора", "kontakty-kuratora.md"),
]
# What the editor writes on each kind of placeholder line, by the key on that line.
FILL = {
    "number": 'number: "17-о"',
    "form": "form: teacher-teacher",
    "topic": "topic: pairs",
    "type": "type: regulation",
}
CHECK_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<column>\d+): ошибка: ")
TODO_LINE = re.compile(r"^  строка (\d+): ")


def front_matter(path):
    text = Path(path).read_text(encoding="utf-8")
    assert text.startswith("---\n"), text
    fm, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(fm), body


class NewCommand(h.TempDirCase):
    def new(self, kind, title, *extra, epoch=h.EPOCH):
        return self.nastavnik("new", kind, "--org", ORG, "--content", "content", title, *extra, epoch=epoch)

    def test_creates_each_kind_with_its_front_matter(self):
        for kind, folder, title, name in KINDS:
            with self.subTest(kind=kind):
                proc = self.new(kind, title)
                self.assertEqual(proc.returncode, 0, h.describe(proc))
                path = self.content / ORG / folder / name
                self.assertTrue(path.is_file(), f"{path} not created\n{h.describe(proc)}")
                self.assertIn(f"content/{ORG}/{folder}/{name}", proc.stdout)
                fm, body = front_matter(path)
                self.assertEqual(fm["title"], title)
                if kind != "page" or "date" in fm:
                    self.assertEqual(str(fm["date"]), "2026-11-25")
                self.assertEqual(body.strip(), "", "the body is left to the editor")
        order, _ = front_matter(self.content / ORG / "orders" / KINDS[1][3])
        self.assertEqual(order["topic"], "pairs", "the topic is guessed from the title")
        self.assertIsNone(order["number"], "the number is left for the editor")
        self.assertEqual(order["file"], "files/o-zakreplenii-nastavnicheskikh-par-na-2026-2027-uchebnyy-god.pdf")
        document, _ = front_matter(self.content / ORG / "documents" / "polozhenie-o-nastavnichestve.md")
        self.assertEqual(document["type"], "regulation")
        story, _ = front_matter(self.content / ORG / "stories" / KINDS[3][3])
        self.assertIs(story["mentor"]["consent"], False, "no name is published without consent")
        self.assertIs(story["mentee"]["consent"], False)
        text = (self.content / ORG / "orders" / KINDS[1][3]).read_text(encoding="utf-8")
        self.assertRegex(text, r"(?m)^number: +# впишите номер приказа")
        self.assertRegex(text, r"(?m)^file: files/\S+\.pdf +# загрузите файл")

    def test_new_file_passes_check_except_the_marked_lines(self):
        for kind, folder, title, name in KINDS:
            with self.subTest(kind=kind):
                proc = self.new(kind, title)
                self.assertEqual(proc.returncode, 0, h.describe(proc))
                todo = {int(m.group(1)) for m in map(TODO_LINE.match, proc.stdout.splitlines()) if m}
                rel = f"{ORG}/{folder}/{name}"
                path = self.content / rel
                lines = path.read_text(encoding="utf-8").splitlines()
                for n in todo:
                    self.assertRegex(lines[n - 1], r"# (впишите|загрузите)", f"line {n} of {rel} is not marked")
                check = self.nastavnik("check", "--content", "content")
                errors = [m for m in map(CHECK_LINE.match, check.stderr.splitlines()) if m]
                # Every error is on a marked line of the new file; nothing else breaks.
                for m in errors:
                    self.assertEqual(m["path"], rel, check.stderr)
                    self.assertIn(int(m["line"]), todo, f"error on an unmarked line:\n{check.stderr}\n{path.read_text()}")
                self.assertEqual(check.returncode, 1 if todo else 0, h.describe(check))
                # The editor fills the marked lines (and uploads the file): check passes.
                for n in todo:
                    key = lines[n - 1].split(":", 1)[0]
                    if key == "file":
                        target = lines[n - 1].split()[1]
                        (self.content / ORG / target).write_bytes(h.tiny_pdf())
                    else:
                        lines[n - 1] = FILL[key]
                path.write_text("\n".join(lines) + "\nТекст материала.\n", encoding="utf-8")
                check = self.nastavnik("check", "--content", "content")
                self.assertEqual(check.returncode, 0, h.describe(check) + "\n" + path.read_text())
                self.assertNotIn(rel, check.stderr, "no warnings either")
        out = self.tmp / "public"
        build = self.nastavnik("build", "--content", "content", "--out", out)
        self.assertEqual(build.returncode, 0, h.describe(build))
        news = out / ORG / "news" / "shkola-molodogo-pedagoga-pervoe-zanyatie" / "index.html"
        self.assertTrue(news.is_file())
        self.assertIn("Школа молодого педагога", news.read_text(encoding="utf-8"))

    def test_refuses_to_overwrite(self):
        proc = self.new("news", "День открытых дверей")
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        path = self.content / ORG / "news" / "2026-11-25-den-otkrytykh-dverey.md"
        path.write_text("---\ntitle: \"Моя правка\"\ndate: 2026-11-25\n---\nТекст редактора.\n", encoding="utf-8")
        before = path.read_bytes()
        again = self.new("news", "День открытых дверей")
        self.assertEqual(again.returncode, 1, h.describe(again))
        self.assertIn("уже есть", again.stderr)
        self.assertIn("не перезаписывается", again.stderr)
        self.assertEqual(path.read_bytes(), before)
        # The same title on another day would give the same address: refused too.
        other_day = self.new("news", "День открытых дверей", epoch=h.EPOCH + 86400)
        self.assertEqual(other_day.returncode, 1, h.describe(other_day))
        self.assertIn("тем же адресом", other_day.stderr)
        self.assertFalse((self.content / ORG / "news" / "2026-11-26-den-otkrytykh-dverey.md").exists())

    def test_date_is_today_in_the_site_time_zone(self):
        # 2026-11-24 22:30 UTC: already the 25th in Moscow (UTC+3), still the 24th in UTC.
        late = 1795559400
        proc = self.new("news", "Поздняя новость", epoch=late)
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        self.assertTrue((self.content / ORG / "news" / "2026-11-25-pozdnyaya-novost.md").is_file(), proc.stdout)
        site = self.content / "site.yaml"
        text = re.sub(r"(?m)^timezone:.*\n?", "", site.read_text(encoding="utf-8"))
        site.write_text(text.rstrip("\n") + "\ntimezone: Europe/London\n", encoding="utf-8")
        proc = self.new("news", "Лондонская новость", epoch=late)
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        self.assertTrue((self.content / ORG / "news" / "2026-11-24-londonskaya-novost.md").is_file(), proc.stdout)
        fm, _ = front_matter(self.content / ORG / "news" / "2026-11-24-londonskaya-novost.md")
        self.assertEqual(str(fm["date"]), "2026-11-24")
        # --date overrides it.
        proc = self.new("order", "О назначении куратора", "--date", "2024-09-02")
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        fm, _ = front_matter(self.content / ORG / "orders" / "o-naznachenii-kuratora.md")
        self.assertEqual(str(fm["date"]), "2024-09-02")
        self.assertEqual(fm["topic"], "curator")

    def test_quotes_in_titles_stay_valid_yaml(self):
        title = 'Конкурс "Наставник года" \\ итоги'
        proc = self.new("news", title)
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        path = next((self.content / ORG / "news").glob("2026-11-25-konkurs-*.md"))
        fm, _ = front_matter(path)
        self.assertEqual(fm["title"], title)

    def test_wrong_requests(self):
        unknown_org = self.nastavnik("new", "news", "--org", "school-99", "--content", "content", "Заголовок")
        self.assertEqual(unknown_org.returncode, 1, h.describe(unknown_org))
        self.assertIn("school-99", unknown_org.stderr)
        self.assertIn("school-7", unknown_org.stderr, "the known organisations are listed")
        unknown_kind = self.nastavnik("new", "poem", "--org", ORG, "--content", "content", "Заголовок")
        self.assertEqual(unknown_kind.returncode, 2, h.describe(unknown_kind))
        no_title = self.nastavnik("new", "news", "--org", ORG, "--content", "content")
        self.assertEqual(no_title.returncode, 2, h.describe(no_title))
        empty_slug = self.new("news", "«—»")
        self.assertEqual(empty_slug.returncode, 1, h.describe(empty_slug))
        bad_date = self.new("news", "Новость", "--date", "25.11.2026")
        self.assertEqual(bad_date.returncode, 2, h.describe(bad_date))
        self.assertEqual(sorted(p.name for p in (self.content / ORG / "news").iterdir()),
                         sorted(p.name for p in (h.MINIMAL / ORG / "news").iterdir()), "nothing was created")

    def test_help_has_an_example_for_each_kind(self):
        proc = self.nastavnik("new", "--help")
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        self.assertIn("Использование", proc.stdout)
        for kind, folder, _, _ in KINDS:
            self.assertRegex(proc.stdout, rf'nastavnik new {kind} --org \S+ "[^"]+"')
            self.assertIn(f"/{folder}/", proc.stdout)
        self.assertNotRegex(proc.stdout, r"(?m)^(Options|Positionals|Subcommands):")


if __name__ == "__main__":
    unittest.main(verbosity=2)
