#!/usr/bin/python3
"""End-to-end: hostile and broken input. Content comes from many hands through a web
editor and themes are copied and changed by schools: whatever they hold, the generator
refuses with a clear Russian message naming the file, exits non-zero and leaves the
previous site exactly as it was; or it builds a site where nothing hostile survives
unescaped.

Every rejecting test starts from tests/fixtures/minimal already built into OUT (a copy of
one build made once for the whole file), breaks something and builds again into OUT.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_hostile_input.py
"""
import csv
import html
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

NEWS = "school-7/news/2025-11-20-den-nastavnika.md"
ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md"
STORY = "school-7/stories/pervyy-god.md"
ORG = "school-7/org.yaml"
MENTORS = "school-7/mentors.yaml"

# Documented limits (README «Limits»): mirrored here so that a change is a conscious one.
MAX_FILE = 4 * 1024 * 1024
MAX_LINE = 64 * 1024
MAX_DEPTH = 64

_built = {}


def built_minimal():
    """One build of the minimal fixture per test run: (folder, tree hash)."""
    if "out" not in _built:
        tmp = Path(tempfile.mkdtemp(prefix="nastavnik-hostile-base-"))
        proc = e2e.build(e2e.MINIMAL, tmp / "public")
        if proc.returncode != 0:
            raise AssertionError("the minimal fixture must build:\n" + e2e.describe(proc))
        _built["tmp"] = tmp
        _built["out"] = tmp / "public"
        _built["hash"] = e2e.tree_hash(tmp / "public")
    return _built["out"], _built["hash"]


def tearDownModule():
    if "tmp" in _built:
        shutil.rmtree(_built["tmp"], ignore_errors=True)


class HostileCase(e2e.TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.content = self.copy_minimal()
        base, base_hash = built_minimal()
        self.out = self.tmp / "public"
        shutil.copytree(base, self.out, symlinks=True)
        self.before = e2e.tree_hash(self.out)
        self.assertEqual(self.before, base_hash)

    def path(self, rel) -> Path:
        return self.content / rel

    def write(self, rel, text):
        return e2e.write(self.path(rel), text)

    def write_bytes(self, rel, data):
        p = self.path(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        return p

    def replace(self, rel, old, new):
        p = self.path(rel)
        text = p.read_text(encoding="utf-8")
        self.assertIn(old, text, f"fixture {rel} changed: {old!r} not found")
        p.write_text(text.replace(old, new, 1), encoding="utf-8")

    def assertOutUntouched(self):
        self.assertEqual(e2e.tree_hash(self.out), self.before, "the previous site in OUT was changed")
        leftovers = sorted(p.name for p in self.tmp.iterdir() if p.name.startswith("public.tmp-"))
        self.assertEqual(leftovers, [], "a staging folder was left next to OUT")

    def assertRejected(self, prefix, *parts, timeout=120, theme=e2e.THEME):
        """Exit 1, a stderr line starting with `prefix` that holds every one of `parts`,
        OUT untouched. Returns the matching lines."""
        started = time.monotonic()
        proc = e2e.build(self.content, self.out, theme=theme)
        elapsed = time.monotonic() - started
        report = e2e.describe(proc)
        self.assertEqual(proc.returncode, 1, report)
        self.assertLess(elapsed, timeout, "took too long to refuse")
        lines = proc.stderr.splitlines()
        matching = [l for l in lines if l.startswith(prefix)]
        self.assertTrue(matching, f"no stderr line starts with {prefix!r}\n{report}")
        for part in parts:
            self.assertTrue(any(part in l for l in matching), f"{part!r} missing from {matching}\n{report}")
        for line in matching:
            self.assertRegex(line, r": ошибка: [а-яёА-ЯЁ«]", "the message is Russian")
        self.assertOutUntouched()
        return matching


# ------------------------------------------------------------------ encodings --

class Encodings(HostileCase):
    def test_invalid_utf8_in_yaml(self):
        p = self.path(ORG)
        p.write_bytes(p.read_bytes().replace("Черногорск".encode(), "Черногорск".encode("cp1251")))
        self.assertRejected(f"{ORG}:4:8: ошибка: ", "UTF-8")

    def test_invalid_utf8_in_markdown_body(self):
        p = self.path(NEWS)
        p.write_bytes(p.read_bytes() + b"\n\xd0\xd0 \xff\xfe\n")
        self.assertRejected(f"{NEWS}:8:1: ошибка: ", "UTF-8")

    def test_utf16_file(self):
        p = self.path(NEWS)
        p.write_bytes(p.read_text(encoding="utf-8").encode("utf-16"))
        self.assertRejected(f"{NEWS}:1:", "ошибка")

    def test_bom_and_crlf_are_accepted_everywhere(self):
        for p in sorted(self.content.rglob("*")):
            if p.suffix in (".md", ".yaml"):
                p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n"))
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertEqual(e2e.tree_hash(self.out), self.before, "a BOM and CRLF change nothing in the output")

    def test_lone_cr_line_ends_are_accepted(self):
        for p in sorted(self.content.rglob("*.md")):
            p.write_bytes(p.read_bytes().replace(b"\n", b"\r"))
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertEqual(e2e.tree_hash(self.out), self.before)

    def test_nul_byte(self):
        for rel, data, where in ((NEWS, b"\n\x00\n", "8:1"), (ORG, b"city: \"\x00\"\n", "11:8")):
            with self.subTest(file=rel):
                original = self.path(rel).read_bytes()
                self.path(rel).write_bytes(original + data)
                self.assertRejected(f"{rel}:{where}: ошибка: ", "нулевой байт")
                self.path(rel).write_bytes(original)

    def test_control_characters(self):
        for char in ("\x0b", "\x0c", "\x1b", "\x7f", "\u0085", "\ufffe", "\u200b", "\u2028", "\u202e", "\u2067", "\ufeff"):
            with self.subTest(char=hex(ord(char))):
                self.replace(NEWS, "День наставника в школе", "День" + char + "наставника в школе")
                self.assertRejected(f"{NEWS}:2:13: ошибка: ", "управляющий символ", f"U+{ord(char):04X}")
                self.replace(NEWS, "День" + char + "наставника в школе", "День наставника в школе")

    def test_control_characters_from_yaml_escapes(self):
        for escape, shown in (("\\x01", "U+0001"), ("\\e[31m", "U+001B"), ("\\0", "U+0000"), ("\\uD800", "YAML"),
                              ("\\u202E", "U+202E")):
            with self.subTest(escape=escape):
                original = self.path(NEWS).read_text(encoding="utf-8")
                self.replace(NEWS, '"День наставника в школе"', f'"День наставника {escape} в школе"')
                self.assertRejected(f"{NEWS}:2:", shown)
                self.path(NEWS).write_text(original, encoding="utf-8")


# ---------------------------------------------------------------------- YAML --

class Yaml(HostileCase):
    def test_syntax_errors(self):
        cases = [
            (ORG, 'short_name: "МБОУ СОШ № 7"', 'short_name: "МБОУ СОШ № 7', f"{ORG}:2:13: ошибка: ", "кавычк"),
            (ORG, "kind: school", "kind: school: yes", f"{ORG}:3:", "синтаксиса YAML"),
            (ORG, "forms: [teacher-teacher, teacher-student]", "forms: [teacher-teacher, teacher-student", f"{ORG}:", "YAML"),
            (MENTORS, "  position: \"учитель математики\"", "\tposition: \"учитель математики\"", f"{MENTORS}:", "YAML"),
            (NEWS, "date: 2025-11-20", "date: 2025-11-20\nпросто строка без двоеточия", f"{NEWS}:", "YAML"),
            (STORY, "period: {from: 2024-09-02, to: 2025-04-10}", "period: {from: 2024-09-02, to: 2025-04-10", f"{STORY}:", "скобк"),
        ]
        for rel, old, new, prefix, part in cases:
            with self.subTest(file=rel, new=new):
                original = self.path(rel).read_text(encoding="utf-8")
                self.replace(rel, old, new)
                self.assertRejected(prefix, part)
                self.path(rel).write_text(original, encoding="utf-8")

    def test_billion_laughs(self):
        lol = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        for i in range(1, 10):
            prev, cur = chr(96 + i), chr(97 + i)
            lol += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        for rel, text, where in (
            (MENTORS, "- name: &n \"x\"\n  position: *n\n" + "\n".join("- {position: *n}" for _ in range(100)) + "\n", "1:9"),
            ("school-7/roadmap.yaml", lol + "title: *j\nsections: []\n", "1:4"),
            (NEWS, "---\n" + lol + "title: *j\ndate: 2025-11-20\n---\nТекст.\n", "2:4"),
        ):
            with self.subTest(file=rel):
                original = self.path(rel).read_bytes() if self.path(rel).exists() else None
                self.write(rel, text)
                self.assertRejected(f"{rel}:{where}: ошибка: ", "метки YAML (&имя)", "напишите значение полностью", timeout=30)
                if original is None:
                    self.path(rel).unlink()
                else:
                    self.path(rel).write_bytes(original)

    def test_second_document_is_refused_not_dropped(self):
        self.write(MENTORS, self.path(MENTORS).read_text(encoding="utf-8") + "---\n- name: \"Новиков Н.Н.\"\n  position: \"учитель\"\n")
        self.assertRejected(f"{MENTORS}:13:1: ошибка: ", "второй документ YAML")

    def test_alias_without_anchor_and_anchor_as_text(self):
        self.replace(NEWS, 'title: "День наставника в школе"', "title: *Важно* день наставника")
        self.assertRejected(f"{NEWS}:2:8: ошибка: ", "YAML")
        self.replace(NEWS, "title: *Важно* день наставника", 'title: "*Важно* & день наставника"')
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))

    def test_deep_nesting(self):
        cases = [
            ("flow lists", "tags: " + "[\n" * 100_000 + "]\n" * 100_000),
            ("flow maps", "tags: " + "{a:\n" * 5000 + "x\n" + "}\n" * 5000),
            ("block maps", "tags:\n" + "".join(" " * (2 * i) + "a:\n" for i in range(1, 200))),
            ("just over the limit", "tags: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"),
        ]
        for name, nested in cases:
            with self.subTest(case=name):
                original = self.path(NEWS).read_text(encoding="utf-8")
                self.replace(NEWS, "date: 2025-11-20\n", "date: 2025-11-20\n" + nested)
                self.assertRejected(f"{NEWS}:", f"вложенность глубже {MAX_DEPTH} уровней", timeout=30)
                self.path(NEWS).write_text(original, encoding="utf-8")

    def test_nesting_below_the_limit_is_only_a_type_error(self):
        self.replace(NEWS, "date: 2025-11-20\n", "date: 2025-11-20\ntags: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
        self.assertRejected(f"{NEWS}:4:", "элемент списка «tags» должен быть текстом")

    def test_too_many_values(self):
        self.write("school-7/roadmap.yaml", "title: x\nsections:\n" + "- {}\n" * 120_000)
        self.assertRejected("school-7/roadmap.yaml:", "больше 100000 значений", timeout=60)

    def test_duplicate_keys(self):
        cases = [
            (ORG, 'city: "Черногорск"', 'city: "Черногорск"\ncity: "Абакан"', f"{ORG}:5:1: ошибка: ", "«city» указано дважды"),
            (ORG, '  email: "uvr@school7.example.ru"', '  email: "uvr@school7.example.ru"\n  email: "x@y.ru"', f"{ORG}:9:3: ошибка: ",
             "«curator.email» указано дважды"),
            (MENTORS, "  role: subject", "  role: subject\n  role: other", f"{MENTORS}:5:3: ошибка: ", "«role» указано дважды"),
            (STORY, "period: {from: 2024-09-02, to: 2025-04-10}", "period: {from: 2024-09-02, to: 2025-04-10, from: 2024-01-01}",
             f"{STORY}:8:", "«period.from» указано дважды"),
        ]
        for rel, old, new, prefix, part in cases:
            with self.subTest(file=rel, new=new):
                original = self.path(rel).read_text(encoding="utf-8")
                self.replace(rel, old, new)
                self.assertRejected(prefix, part)
                self.path(rel).write_text(original, encoding="utf-8")

    def test_duplicate_years_and_roadmap_keys(self):
        self.write("school-7/indicators.yaml", "years: [2023, 2024]\nindicators:\n  - id: x\n    title: \"x\"\n    unit: count\n"
                                               "    values:\n      2023: {value: 1}\n      2023: {value: 2}\n")
        self.write("school-7/roadmap.yaml", "title: \"Карта\"\nsections:\n  - title: \"Раздел\"\n    items:\n"
                                            "      - title: \"Дело\"\n        status: done\n        status: planned\n")
        lines = self.assertRejected("school-7/", "указано дважды")
        self.assertTrue(any(l.startswith("school-7/indicators.yaml:8:7: ошибка: ") for l in lines), lines)
        self.assertTrue(any(l.startswith("school-7/roadmap.yaml:7:9: ошибка: ") for l in lines), lines)

    def test_impossible_dates(self):
        cases = [
            (NEWS, "date: 2025-11-20", "date: 2023-02-29", "«2023-02-29»"),
            (NEWS, "date: 2025-11-20", "date: 2025-04-31", "«2025-04-31»"),
            (NEWS, "date: 2025-11-20", "date: 2025-13-01", "«2025-13-01»"),
            (NEWS, "date: 2025-11-20", "date: 0000-01-01", "«0000-01-01»"),
            (NEWS, "date: 2025-11-20", "date: 2025-00-10", "«2025-00-10»"),
            (STORY, "to: 2025-04-10", "to: 2025-02-30", "«2025-02-30»"),
        ]
        for rel, old, new, part in cases:
            with self.subTest(new=new):
                original = self.path(rel).read_text(encoding="utf-8")
                self.replace(rel, old, new)
                self.assertRejected(f"{rel}:", part, "не существует")
                self.path(rel).write_text(original, encoding="utf-8")
        self.replace(NEWS, "date: 2025-11-20", "date: 2024-02-29")  # a leap day is a date
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))


# -------------------------------------------------------------------- limits --

class Limits(HostileCase):
    def test_huge_markdown_file(self):
        self.replace(NEWS, "В школе прошёл", ("x" * 1000 + "\n") * (MAX_FILE // 1001 + 1) + "В школе прошёл")
        self.assertGreater(self.path(NEWS).stat().st_size, MAX_FILE)
        self.assertRejected(f"{NEWS}: ошибка: ", "файл слишком большой", "не более 4,0 МБ")

    def test_huge_yaml_file(self):
        self.write(MENTORS, "# " + "x" * 1000 + "\n" * 0 + ("\n# " + "y" * 1000) * (MAX_FILE // 1000 + 10))
        self.assertRejected(f"{MENTORS}: ошибка: ", "файл слишком большой")

    def test_file_at_the_limit_is_read(self):
        self.write(MENTORS, "# \n" + ("# " + "x" * 1000 + "\n") * ((MAX_FILE - 100) // 1003) + "[]\n")
        self.assertLessEqual(self.path(MENTORS).stat().st_size, MAX_FILE)
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))

    def test_huge_line(self):
        self.replace(NEWS, "В школе прошёл", "Первая строка.\n\n" + "слово " * (MAX_LINE // 11 + 1) + "\n\nВ школе прошёл")
        self.assertRejected(f"{NEWS}:8:1: ошибка: ", "строка слишком длинная", "не более 64 КБ")

    def test_wide_table(self):
        row = "|" + "a|" * 30000 + "\n"  # 60 KB, under the line limit
        self.replace(NEWS, "В школе прошёл", row + "|" + "-|" * 30000 + "\n" + row * 2 + "\nВ школе прошёл")
        self.assertRejected(f"{NEWS}:6:1: ошибка: ", "таблица шире 100 столбцов", timeout=30)

    def test_slug_longer_than_a_file_name_may_be(self):
        # 301 characters: as a folder of the output it would fail only when written, past 255 bytes.
        self.replace(NEWS, "date: 2025-11-20", "date: 2025-11-20\nslug: " + "ab-" * 100 + "c")
        self.assertRejected(f"{NEWS}:4:7: ошибка: ", "длиннее 100 символов", "например")

    def test_slug_at_the_limit_is_published(self):
        slug = "a" * 100
        self.replace(NEWS, "date: 2025-11-20", "date: 2025-11-20\nslug: " + slug)
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertTrue((self.out / "school-7/news" / slug / "index.html").is_file())

    def test_huge_line_in_yaml(self):
        self.replace(ORG, 'city: "Черногорск"', 'city: "' + "ы" * (MAX_LINE // 2 + 1) + '"')
        self.assertRejected(f"{ORG}:4:1: ошибка: ", "строка слишком длинная")


# ----------------------------------------------------- wrong types, all fields --

# The content contract as a table, from generator/contract/declarations.cpp. Keys nest with '.';
# '[]' marks the items of a list of maps. test_table_covers_the_schemas keeps it in step.
COMMON = {"draft": "Bool", "summary": "Text", "tags": "TextList", "image": "FilePath", "slug": "Slug", "namesakes": "TextList"}
SCHEMAS = {
    "site": {"title": "Text", "base_url": "Url", "department": "Slug", "description": "Text", "timezone": "Text", "ocr": "Bool",
             "editor": "Map", "editor.repo": "Text", "editor.gitlab": "Url", "editor.app_id": "Text", "editor.branch": "Text",
             "editor.content": "Text"},
    "org": {"name": "Text", "short_name": "Text", "kind": "Choice", "city": "Text", "site": "Url", "emblem": "FilePath", "curator": "Map",
            "curator.name": "Text", "curator.position": "Text", "curator.consent": "Bool", "curator.email": "Email",
            "curator.phone": "Text", "forms": "ChoiceList", "namesakes": "TextList"},
    "index": {"title": "Text", **COMMON},
    "news": {"title": "Text", "date": "Date", **COMMON},
    "documents": {"title": "Text", "type": "Choice", "date": "Date", "number": "Text", "approved_by": "Text",
                  "file": "FilePath", "valid_until": "Date", **COMMON},
    "orders": {"title": "Text", "number": "Text", "date": "Date", "issuer": "Text", "topic": "Choice", "file": "FilePath", **COMMON},
    "stories": {"title": "Text", "date": "Date", "form": "Choice", "model": "Text", "mentor": "Map", "mentor.name": "Text",
                "mentor.position": "Text", "mentor.consent": "Bool", "mentor.minor": "Bool", "mentee": "Map",
                "mentee.name": "Text", "mentee.position": "Text", "mentee.consent": "Bool", "mentee.minor": "Bool",
                "period": "Map", "period.from": "Date", "period.to": "Date", "results": "TextList", "photos": "FilePathList",
                **COMMON},
    "practices": {"title": "Text", "date": "Date", "form": "Choice", "authors": "TextList", "results": "TextList",
                  "files": "FilePathList", "featured": "Bool", **COMMON},
    "pages": {"title": "Text", "date": "Date", "weight": "Integer", **COMMON},
    "mentors": {"name": "Text", "position": "Text", "forms": "ChoiceList", "role": "Choice", "photo": "FilePath", "consent": "Bool",
                "namesakes": "TextList"},
    "indicators": {"title": "Text", "years": "IntegerList", "namesakes": "TextList", "indicators": "MapList", "indicators[].id": "Slug",
                   "indicators[].title": "Text", "indicators[].unit": "Choice", "indicators[].values": "YearMap",
                   "indicators[].values.2023.numerator": "Integer", "indicators[].values.2023.denominator": "Integer",
                   "indicators[].values.2023.value": "Integer", "indicators[].values.2023.target": "Number"},
    "roadmap": {"title": "Text", "approved_by": "Text", "namesakes": "TextList", "sections": "MapList", "sections[].title": "Text",
                "sections[].items": "MapList", "sections[].items[].id": "Text", "sections[].items[].title": "Text",
                "sections[].items[].when": "Text", "sections[].items[].start": "Date", "sections[].items[].end": "Date",
                "sections[].items[].responsible": "TextList", "sections[].items[].result": "Text",
                "sections[].items[].status": "Choice"},
}

# A value of the wrong type for each field type, and a word the message must hold.
WRONG = {
    "Text": ({"a": 1}, "набор полей"),
    "Date": ("31.12.2024", "ГГГГ-ММ-ДД"),
    "Bool": ("да", "true или false"),
    "Integer": ("десять", "целым числом"),
    "Number": ("десять", "числом"),
    "Choice": ("zzz", "недопустимое значение «zzz»"),
    "TextList": ({"a": 1}, "списком"),
    "ChoiceList": (["zzz"], "недопустимое значение «zzz»"),
    "FilePath": ({"a": 1}, "набор полей"),
    "FilePathList": ({"a": 1}, "списком"),
    "Url": ("ftp://example.ru/", "https://"),
    "Email": ("нет почты", "электронной почты"),
    "Slug": ("Заглавные Буквы", "строчные латинские буквы"),
    "Map": ("строка", "вложенных полей"),
    "MapList": ("строка", "списком"),
    "YearMap": ([1, 2], "по годам"),
    "IntegerList": ("строка", "списком чисел"),
}

# A valid document of each kind that uses every field.
PERSON = {"name": "Петрова Анна", "position": "учитель", "consent": True, "minor": False}
BASE = {
    "org": {"name": "Школа № 9", "short_name": "СОШ № 9", "kind": "school", "city": "Город", "site": "https://school9.example.ru/",
            "curator": {"name": "Иванова И.И.", "position": "завуч", "consent": True, "email": "a@b.ru", "phone": "+7 000"},
            "forms": ["teacher-teacher"]},
    "index": {"title": "Вкладка", "draft": False, "summary": "Описание", "tags": ["a"], "image": "files/foto.jpg", "slug": "x"},
    "news": {"title": "Новость", "date": "2025-01-10", "draft": False, "summary": "Описание", "tags": ["a"],
             "image": "files/foto.jpg", "slug": "novost"},
    "documents": {"title": "Документ", "type": "regulation", "date": "2024-01-10", "number": "1", "approved_by": "Приказ",
                  "file": "files/dok.pdf", "valid_until": "2030-01-01"},
    "orders": {"title": "Приказ", "number": "1-о", "date": "2024-01-10", "issuer": "Школа", "topic": "implementation",
               "file": "files/dok.pdf"},
    "stories": {"title": "История", "date": "2025-01-10", "form": "teacher-teacher", "model": "учитель – учитель",
                "mentor": dict(PERSON), "mentee": dict(PERSON), "period": {"from": "2024-09-01", "to": "2025-05-01"},
                "results": ["Итог"], "photos": ["files/foto.jpg"]},
    "practices": {"title": "Практика", "date": "2025-01-10", "form": "teacher-teacher", "authors": ["Автор"],
                  "results": ["Итог"], "files": ["files/dok.pdf"], "featured": True},
    "pages": {"title": "Страница", "date": "2025-01-10", "weight": 5},
    "mentors": {"name": "Петров П.П.", "position": "учитель", "forms": ["teacher-teacher"], "role": "subject",
                "photo": "files/foto.jpg", "consent": True},
    "indicators": {"title": "Показатели", "years": [2023], "indicators": [
        {"id": "pokazatel", "title": "Показатель", "unit": "count",
         "values": {2023: {"numerator": 1, "denominator": 2, "value": 3, "target": 4}}}]},
    "roadmap": {"title": "Карта", "approved_by": "Приказ", "sections": [
        {"title": "Раздел", "items": [{"id": "1.1", "title": "Дело", "when": "Весна", "start": "2025-03-01",
                                        "end": "2025-04-01", "responsible": ["Я"], "result": "Итог", "status": "done"}]}]},
}
SECTION_OF = {"news": "news", "documents": "documents", "orders": "orders", "stories": "stories", "practices": "practices",
              "pages": "pages"}


def dump(doc) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


def set_path(doc, path, value):
    """Sets a '.'-separated path where '[]' steps into the first item of a list."""
    parts = path.replace("[]", ".[]").split(".")
    node = doc
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "[]":
            if last:
                raise ValueError(path)
            node = node[0]
            continue
        key = part
        if isinstance(node, dict) and key not in node and part.isdigit() and int(part) in node:
            key = int(part)
        if last:
            node[key] = value
        else:
            node = node[key]


class WrongTypes(HostileCase):
    """Every field of every schema given a value of the wrong type: exit 1 and a message at
    the file that names the field. Mutations of one schema go into as many files (or org
    folders) as there are fields, all checked in one run."""

    def add_files(self, org_dir):
        (org_dir / "files").mkdir(parents=True, exist_ok=True)
        shutil.copy(self.path("school-7/files/orlova.jpg"), org_dir / "files" / "foto.jpg")
        (org_dir / "files" / "dok.pdf").write_bytes(e2e.tiny_pdf())

    def run_batch(self, schema, files):
        """files: {relative path: (field, expected words)}; all written, one check run."""
        proc = e2e.run_nastavnik(["check", "--content", self.content], cwd=self.tmp)
        report = e2e.describe(proc)
        self.assertEqual(proc.returncode, 1, report)
        lines = proc.stderr.splitlines()
        for rel, (field, words) in files.items():
            with self.subTest(schema=schema, field=field):
                mine = [l for l in lines if l.startswith(rel + ":") and ": ошибка: " in l]
                self.assertTrue(mine, f"{schema}.{field}: no error for {rel}\n{report}")
                key = field.split(".")[-1].replace("[]", "")
                self.assertTrue(any(re.search(r"«([\w.\[\]]*\.)?" + re.escape(key) + "»", l) for l in mine),
                                f"{schema}.{field}: the message does not name the field\n{mine}")
                self.assertTrue(any(words in l for l in mine), f"{schema}.{field}: {words!r} not in\n{mine}")
                self.assertTrue(all(re.match(re.escape(rel) + r":\d+:\d+: ошибка: ", l) for l in mine), mine)

    def test_table_covers_the_schemas(self):
        source = (e2e.REPO / "generator/contract/declarations.cpp").read_text(encoding="utf-8")
        # c.text("title", …), c.date("date", …), c.maps("items", …): every declared key.
        keys = set(re.findall(r'\bc\.\w+\("(\w+)", &', source))
        self.assertIn("valid_until", keys, "the declarations are no longer written as c.kind(\"key\", &Record::member)")
        ours = set()
        for fields in SCHEMAS.values():
            for path in fields:
                ours.add(path.replace("[]", "").split(".")[-1])
        ours.discard("2023")
        self.assertEqual(sorted(keys - ours), [], "declarations.cpp has fields the table does not test")
        # One contract per kind of file, as all_contracts() lists them.
        listed = source[source.index("all_contracts() {"):]
        self.assertEqual(len(re.findall(r"&\w+_contract\(\)", listed[:listed.index("}")])), len(SCHEMAS))

    def test_markdown_schemas(self):
        for schema in ("news", "documents", "orders", "stories", "practices", "pages"):
            files = {}
            for n, (field, kind) in enumerate(SCHEMAS[schema].items()):
                doc = json.loads(json.dumps(BASE[schema]))
                value, words = WRONG[kind]
                set_path(doc, field, value)
                rel = f"school-7/{SECTION_OF[schema]}/wrong-{n}.md"
                if field != "slug":
                    doc["slug"] = f"w-{schema}-{n}"
                files[rel] = (field, words)
                e2e.write(self.path(rel), "---\n" + dump(doc) + "---\nТекст.\n")
            self.add_files(self.path("school-7"))
            shutil.copy(self.path("school-7/files/orlova.jpg"), self.path("school-7/files/foto.jpg"))
            (self.path("school-7/files/dok.pdf")).write_bytes(e2e.tiny_pdf())
            self.run_batch(schema, files)
            for rel in files:
                self.path(rel).unlink()
        self.assertOutUntouched()

    def test_org_folder_schemas(self):
        names = {"org": "org.yaml", "index": "_index.md", "mentors": "mentors.yaml", "indicators": "indicators.yaml",
                 "roadmap": "roadmap.yaml"}
        for schema, file_name in names.items():
            files = {}
            folders = []
            for n, (field, kind) in enumerate(SCHEMAS[schema].items()):
                org = f"w{n}-{schema}"
                folders.append(org)
                org_dir = self.path(org)
                self.add_files(org_dir)
                doc = json.loads(json.dumps(BASE[schema]))
                value, words = WRONG[kind]
                set_path(doc, field, value)
                if schema != "org":
                    e2e.write(org_dir / "org.yaml", dump(BASE["org"]))
                if schema == "index":
                    text = "---\n" + dump(doc) + "---\nТекст.\n"
                elif schema == "mentors":
                    text = dump([doc])
                else:
                    text = dump(doc)
                e2e.write(org_dir / file_name, text)
                files[f"{org}/{file_name}"] = (field, words)
            self.run_batch(schema, files)
            for org in folders:
                shutil.rmtree(self.path(org))

    def test_site_fields(self):
        site = yaml.safe_load(self.path("site.yaml").read_text(encoding="utf-8"))
        for field, kind in SCHEMAS["site"].items():
            with self.subTest(field=field):
                doc = json.loads(json.dumps(site))
                doc["editor"] = {"repo": "uo/site", "gitlab": "https://gitlab.example.ru/", "app_id": "1", "branch": "main",
                                 "content": "content"}
                value, words = WRONG[kind]
                set_path(doc, field, value)
                self.write("site.yaml", dump(doc))
                lines = self.assertRejected("site.yaml:", words)
                self.assertTrue(any(f"«{field}»" in l for l in lines), lines)
        self.write("site.yaml", dump(site))

    def test_missing_required_fields_everywhere(self):
        # The same table, required keys removed: a message naming the key.
        cases = [("news", "title"), ("news", "date"), ("documents", "type"), ("orders", "number"), ("orders", "file"),
                 ("orders", "topic"), ("stories", "form"), ("practices", "form"), ("pages", "title")]
        files = {}
        for n, (schema, field) in enumerate(cases):
            doc = json.loads(json.dumps(BASE[schema]))
            del doc[field]
            doc["slug"] = f"req-{n}"
            rel = f"school-7/{SECTION_OF[schema]}/req-{n}.md"
            e2e.write(self.path(rel), "---\n" + dump(doc) + "---\nТекст.\n")
            files[rel] = (field, "нет обязательного поля")
        self.add_files(self.path("school-7"))
        self.run_batch("required", files)


# ------------------------------------------------------------------- paths --

TRAVERSALS = [
    ("../../uo-gorod/files/polozhenie.pdf", "за пределы"),
    ("files/../../uo-gorod/files/polozhenie.pdf", "за пределы"),
    ("files/../../../../../../etc/passwd", "за пределы"),
    ("/etc/passwd", "абсолютный"),
    ("C:\\Windows\\win.ini", "абсолютный"),
    ("~/secret.pdf", "абсолютный"),
    ("files\\..\\..\\secret.pdf", "обратная косая"),
    ("files/./../org.yaml", "за пределы"),
]


class Paths(HostileCase):
    def setUp(self):
        super().setUp()
        (self.tmp / "secret.pdf").write_bytes(e2e.tiny_pdf("SECRET"))

    def test_traversal_in_every_path_field(self):
        """Each hostile path in every path field at once (one build per path): every file
        is named in an error. Links in Markdown bodies are attachments only under files/;
        other links stay links and copy nothing."""
        fields = [
            (ORDER, "file: files/prikaz-45.pdf", "file: {}", True),
            ("uo-gorod/documents/polozhenie.md", "file: files/polozhenie.pdf", "file: {}", True),
            (NEWS, "image: files/den-nastavnika.jpg", "image: {}", True),
            (STORY, "results:", "photos: [{}]\nresults:", True),
            ("school-7/practices/vzaimoposeshchenie.md", "files: [files/praktika.pdf]", "files: [{}]", True),
            (MENTORS, "  photo: files/orlova.jpg", "  photo: {}", True),
            ("school-7/pages/kontakty.md", "Телефон школы", "[файл]({}) Телефон школы", False),
            ("school-7/_index.md", "\n---\n", "\n---\n![фото]({})\n", False),
        ]
        originals = {rel: self.path(rel).read_text(encoding="utf-8") for rel, *_ in fields}
        for value, words in TRAVERSALS:
            with self.subTest(value=value):
                # A story with a hidden minor may have no photos at all: give consent.
                self.replace(STORY, "minor: true, consent: false", "minor: false, consent: true")
                expected = []
                for rel, old, template, yaml_field in fields:
                    shown = json.dumps(value, ensure_ascii=False) if yaml_field else value
                    self.replace(rel, old, template.format(shown))
                    if yaml_field or value.startswith("files/"):
                        expected.append((rel, words if yaml_field else None))
                proc = e2e.build(self.content, self.out)
                report = e2e.describe(proc)
                self.assertEqual(proc.returncode, 1, report)
                errors = [l for l in proc.stderr.splitlines() if ": ошибка: " in l]
                for rel, part in expected:
                    mine = [l for l in errors if l.startswith(rel + ":")]
                    self.assertTrue(mine, f"{rel}: no error for {value!r}\n{report}")
                    if part:
                        self.assertTrue(any(part in l for l in mine), f"{rel}: {part!r} not in {mine}")
                self.assertOutUntouched()
                for rel, text in originals.items():
                    self.path(rel).write_text(text, encoding="utf-8")
        # The links that are not attachments: the site builds, and nothing from outside
        # the content folder is copied.
        for rel, old, template, yaml_field in fields:
            if not yaml_field:
                self.replace(rel, old, template.format("/etc/passwd"))
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        for p in e2e.files_under(self.out):
            self.assertNotIn(b"SECRET", p.read_bytes(), p)

    def test_symlinks_leaving_the_content_folder(self):
        outside = self.tmp / "outside"
        (outside / "news").mkdir(parents=True)
        e2e.write(outside / "news" / "2025-01-01-x.md", '---\ntitle: "Чужое"\ndate: 2025-01-01\n---\nСЕКРЕТ\n')
        e2e.write(outside / "org.yaml", 'name: "x"\nshort_name: "x"\nkind: school\n')
        (outside / "secret.jpg").write_bytes(b"\xff\xd8\xffSECRET")
        cases = [
            ("school-7/files/vneshniy.jpg", self.tmp / "secret.pdf", "image: files/vneshniy.jpg"),
            ("school-7/files", outside, None),
            ("school-7/pages", outside / "news", None),
            ("chuzhaya", outside, None),
            ("school-7/files/petlya.pdf", "petlya.pdf", "image: files/petlya.pdf"),
            ("school-7/news/ssylka.md", "/etc/passwd", None),
        ]
        for link, target, image in cases:
            with self.subTest(link=link):
                p = self.path(link)
                saved = None
                if p.exists() and not p.is_symlink():
                    saved = self.tmp / "saved"
                    shutil.move(str(p), saved)
                os.symlink(target, p)
                original = self.path(NEWS).read_text(encoding="utf-8")
                if image:
                    self.replace(NEWS, "image: files/den-nastavnika.jpg", image)
                proc = e2e.build(self.content, self.out)
                report = e2e.describe(proc)
                self.assertEqual(proc.returncode, 1, report)
                self.assertTrue(any(l.startswith(link.rsplit("/", 1)[0] if image else link) for l in proc.stderr.splitlines())
                                or any(NEWS in l for l in proc.stderr.splitlines()), report)
                self.assertRegex(proc.stderr, r"ссылк|не найден")
                self.assertOutUntouched()
                p.unlink()
                if saved:
                    shutil.move(str(saved), p)
                self.path(NEWS).write_text(original, encoding="utf-8")

    def test_strange_file_names(self):
        cases = [
            ("school-7/news/\x1b[31mкрасный.md", "school-7/news", "управляющие символы"),
            ("school-7/news/строка\nдве.md", "school-7/news", "управляющие символы"),
            ("school-7/news/\u2025.md", "school-7/news/\u2025.md", "адрес"),
            ("school-7/news/-.md", "school-7/news/-.md", "адрес"),
            ("sch\x07ool", ".", "управляющие символы"),
        ]
        for name, shown, words in cases:
            with self.subTest(name=repr(name)):
                p = self.content / name
                if name.endswith(".md"):
                    e2e.write(p, '---\ntitle: "Новость"\ndate: 2025-01-01\n---\nТекст.\n')
                else:
                    p.mkdir()
                proc = e2e.build(self.content, self.out)
                report = e2e.describe(proc)
                self.assertEqual(proc.returncode, 1, report)
                shown_line = shown.replace("\x1b", "\\x1B").replace("\n", "\\x0A").replace("\x07", "\\x07")
                self.assertTrue(any(l.startswith(shown_line) and words in l for l in proc.stderr.splitlines()) or
                                any(words in l for l in proc.stderr.splitlines()), report)
                self.assertNotIn("\x1b", proc.stderr, "a file name must not reach the terminal raw")
                self.assertNotIn("\x07", proc.stderr)
                self.assertOutUntouched()
                if p.is_dir():
                    p.rmdir()
                else:
                    p.unlink()

    def test_file_name_with_invalid_utf8(self):
        os.makedirs(self.content / "school-7" / "news", exist_ok=True)
        name = os.path.join(os.fsencode(self.content / "school-7" / "news"), b"\xff\xfe.md")
        with open(name, "wb") as f:
            f.write('---\ntitle: "x"\ndate: 2025-01-01\n---\n'.encode())
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("school-7/news: ошибка: ", proc.stderr)
        self.assertIn("неверную кодировку", proc.stderr)
        self.assertOutUntouched()


# ------------------------------------------------------------- hostile text --

SCRIPT = '<script>alert("{}")</script>'


def marker(field):
    return SCRIPT.format(field)


class HostileText(HostileCase):
    """Script in every text field: the site builds (a title may well speak of <script>), and
    in every output the values are escaped for their context. Raw HTML and dangerous links in
    Markdown are errors: see MarkupInMarkdown."""

    def setUp(self):
        super().setUp()
        c = self.content
        q = lambda field: json.dumps(marker(field), ensure_ascii=False)  # noqa: E731
        e2e.write(c / "site.yaml", f"title: {q('site-title')}\nbase_url: \"https://nastavnik.example.ru/\"\n"
                                   f"department: uo-gorod\ndescription: {q('site-description')}\n")
        self.replace(ORG, 'short_name: "МБОУ СОШ № 7"', f"short_name: {q('org-short')}")
        self.replace(ORG, 'name: "Муниципальное', f"name: {q('org-name')}\nx_name: \"Муниципальное")
        self.replace(ORG, 'city: "Черногорск"', f"city: {q('org-city')}")
        self.replace(ORG, '  position: "заместитель директора по УВР"', f"  position: {q('curator-position')}\n  phone: {q('curator-phone')}")
        self.replace(ORG, "  consent: false", "  consent: true")
        self.replace(ORG, '  name: "Белоусова Надежда Игоревна"', f"  name: {q('curator-name')}")
        self.replace(NEWS, 'title: "День наставника в школе"',
                     f"title: {q('news-title')}\nsummary: {q('news-summary')}\ntags: [{q('news-tag')}]")
        self.replace(STORY, 'title: "Учитель и ученик: подготовка к олимпиаде"', f"title: {q('story-title')}")
        self.replace(STORY, 'model: "учитель – одарённый ученик"', f"model: {q('story-model')}")
        self.replace(STORY, '"учитель математики", consent: true', f"{q('mentor-position')}, consent: true")
        self.replace(STORY, 'results: ["Призёр муниципального этапа олимпиады по математике"]', f"results: [{q('story-result')}]")
        self.replace("school-7/practices/vzaimoposeshchenie.md", 'authors: ["Орлова А.С."]', f"authors: [{q('practice-author')}]")
        self.replace(ORDER, 'number: "45-о"', f"number: {q('order-number')}\nissuer: {q('order-issuer')}")
        self.replace("uo-gorod/documents/polozhenie.md", 'approved_by: "Приказ управления образования от 26.04.2022 № 725"',
                     f"approved_by: {q('document-approved-by')}")
        self.replace(MENTORS, '  position: "учитель математики"', f"  position: {q('mentor-list-position')}")
        self.replace(MENTORS, '- name: "Орлова Анна Сергеевна"', f"- name: {q('mentor-list-name')}")
        e2e.write(c / "school-7/indicators.yaml",
                  f"title: {q('indicators-title')}\nyears: [2024]\nindicators:\n"
                  f"  - id: pokazatel\n    title: {q('indicator-title')}\n    unit: count\n    values:\n      2024: {{value: 3, target: 5}}\n")
        e2e.write(c / "uo-gorod/indicators.yaml",
                  f"years: [2024]\nindicators:\n  - id: pokazatel\n    title: {q('indicator-title-dept')}\n    unit: count\n"
                  f"    values:\n      2024: {{value: 1}}\n")
        e2e.write(c / "school-7/roadmap.yaml",
                  f"title: {q('roadmap-title')}\napproved_by: {q('roadmap-approved')}\nsections:\n"
                  f"  - title: {q('roadmap-section')}\n    items:\n"
                  f"      - id: {q('roadmap-id')}\n        title: {q('roadmap-item')}\n        when: {q('roadmap-when')}\n"
                  f"        start: 2026-12-01\n        end: 2026-12-20\n        responsible: [{q('roadmap-responsible')}]\n"
                  f"        result: {q('roadmap-result')}\n        status: planned\n")
        # What Markdown may hold: an HTML comment (dropped), code that shows markup as text,
        # text with < and > that is no HTML.
        self.replace(NEWS, "В школе прошёл",
                     "<!-- <script>alert('raw-comment')</script> -->\n\n"
                     "Код `<script>alert('code-span')</script>` и 5 < 6 > 4, <ФИО наставника>.\n\n"
                     "В школе прошёл")
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.fields = ["site-title", "site-description", "org-short", "org-name", "org-city", "curator-position",
                       "curator-phone", "curator-name", "news-title", "news-summary", "news-tag", "story-title",
                       "story-model", "mentor-position", "story-result", "practice-author", "order-number", "order-issuer",
                       "document-approved-by", "mentor-list-position", "mentor-list-name", "indicators-title",
                       "indicator-title", "indicator-title-dept", "roadmap-title", "roadmap-approved", "roadmap-section",
                       "roadmap-id", "roadmap-item", "roadmap-when", "roadmap-responsible", "roadmap-result"]

    def outputs(self, suffix):
        return [(p, p.read_text(encoding="utf-8-sig")) for p in e2e.files_under(self.out, suffix)]

    def test_no_script_in_html_and_every_field_shows_as_text(self):
        theme_text = "".join(p.read_text(encoding="utf-8") for p in sorted(e2e.THEME.rglob("*.mustache")))
        seen = set()
        for p, text in self.outputs(".html"):
            rel = p.relative_to(self.out).as_posix()
            for attrs, body in re.findall(r"(?is)<script\b([^>]*)>(.*?)</script", text):
                if attrs.strip():
                    self.assertRegex(attrs, r'^ src="[./]*assets/site\.js" defer$', f"{rel}: a script that is not the theme's")
                else:
                    self.assertIn(body, theme_text, f"{rel}: an inline script the theme did not write")
            self.assertNotRegex(text, r"(?i)<(iframe|object|embed)\b", rel)
            self.assertNotRegex(text, r"(?i)\son\w+\s*=", f"{rel}: an event handler attribute")
            for attr, value in re.findall(r'(?i)\s(href|src)="([^"]*)"', text):
                self.assertNotRegex(html.unescape(value).strip().lower(), r"^(javascript|vbscript|data):", f"{rel}: {attr}={value}")
            self.assertNotIn("raw-comment", text, "an HTML comment is dropped")
            decoded = html.unescape(re.sub(r"<[^>]*>", "", text))
            for field in self.fields:
                if marker(field) in decoded or e2e.normalise(marker(field)) in e2e.normalise(decoded):
                    seen.add(field)
        # Every value shows somewhere as the text it is (typography may turn its quotes).
        missing = sorted(set(self.fields) - seen - {"mentor-list-name-hidden"})
        self.assertEqual(missing, [], "values that appear nowhere as text")
        news = (self.out / "school-7/news/den-nastavnika/index.html").read_text(encoding="utf-8")
        self.assertIn("<code>&lt;script&gt;alert(", news, "markup in a code span shows as text")
        self.assertIn("&lt;ФИО наставника&gt;", news, "< > around words that are no HTML tag are text")

    def test_feeds_and_sitemap(self):
        for p, text in self.outputs(".xml"):
            rel = p.relative_to(self.out).as_posix()
            self.assertNotRegex(text, r"(?i)<script", f"{rel}: raw <script in XML")
            root = ET.fromstring(text.encode("utf-8"))
            for el in root.iter():
                tag = el.tag.split("}")[-1]
                value = el.text or ""
                if tag == "encoded":
                    # HTML inside the feed: after XML decoding it must still hold no markup.
                    self.assertNotRegex(value, r"(?i)<script", f"{rel}: <{tag}> holds a script once XML-decoded")
                    self.assertNotRegex(value, r"(?i)javascript:", f"{rel}: <{tag}> holds a javascript: link")
                if tag in ("loc", "link", "guid"):
                    self.assertNotRegex(value, r"[<>\"\s]", f"{rel}: <{tag}> is not a clean URL")

    def test_feed_descriptions_are_html_escaped(self):
        # <description> is HTML to feed readers: the plain-text summary is escaped for HTML
        # before XML escapes it again.
        for p, text in self.outputs(".xml"):
            for el in ET.fromstring(text.encode("utf-8")).iter("description"):
                self.assertNotIn("<script", el.text or "", p.relative_to(self.out).as_posix())

    def test_open_data(self):
        titles = []

        def strings(node):
            if isinstance(node, dict):
                for v in node.values():
                    yield from strings(v)
            elif isinstance(node, list):
                for v in node:
                    yield from strings(v)
            elif isinstance(node, str):
                yield node

        for p, text in self.outputs(".json"):
            titles += [s for s in strings(json.loads(text)) if "indicator-title" in s]
        # JSON is data: the value comes back exactly (typography aside) once parsed.
        self.assertTrue(any(e2e.normalise(marker("indicator-title")) == e2e.normalise(t) for t in titles), titles)
        found = False
        for p, text in self.outputs(".csv"):
            for row in csv.reader(io.StringIO(text, newline="")):
                for cell in row:
                    self.assertFalse(cell[:1] in ("=", "+", "-", "@"), f"{p.name}: formula-like cell {cell!r}")
                    found = found or "indicator-title" in cell
        self.assertTrue(found, "the indicator title is in the CSV")

    def test_calendar(self):
        icals = list(e2e.files_under(self.out, ".ics"))
        self.assertTrue(icals)
        for p in icals:
            raw = p.read_bytes()
            self.assertNotIn(b"\n", raw.replace(b"\r\n", b""), "bare line feeds")
            unfolded = raw.decode("utf-8").replace("\r\n ", "")
            for line in unfolded.split("\r\n"):
                if line.startswith(("SUMMARY", "DESCRIPTION", "LOCATION")):
                    value = line.split(":", 1)[1]
                    self.assertNotRegex(value, r"(?<!\\)[;,]", f"{p.name}: unescaped ; or , in {line!r}")
            try:
                import icalendar
            except ImportError:
                continue
            cal = icalendar.Calendar.from_ical(raw)
            summaries = [str(e.get("summary")) for e in cal.walk("VEVENT")]
            self.assertTrue(any(marker("roadmap-item") in e2e.normalise(s) or "roadmap-item" in s for s in summaries), summaries)


class MarkupInMarkdown(HostileCase):
    """Raw HTML and javascript:-like links in a body would vanish from the page without a
    word: each is an error at its line, and nothing is published."""

    def fresh(self):
        self.tearDown()
        self.setUp()

    def reject_body(self, rel, anchor, inserted, *parts):
        self.replace(rel, anchor, inserted + anchor)
        text = self.path(rel).read_text(encoding="utf-8")
        line = text[:text.index(inserted)].count("\n") + 1
        return self.assertRejected(f"{rel}:{line}:", *parts)

    def test_raw_html_blocks_and_inline(self):
        for html, quoted in (("<script>alert('raw-body')</script>", "<script>"),
                             ("<div onclick=\"alert('raw-div')\">x</div>", "<div onclick="),
                             ("<iframe src=\"https://evil.example/\"></iframe>", "<iframe"),
                             ("Текст <img src=\"x\" onerror=\"alert('raw-img')\"> и текст", "<img src="),
                             ("Строка<br>вторая", "<br>"),
                             ("Это <b>важно</b>", "<b>")):
            with self.subTest(html=html):
                self.fresh()
                lines = self.reject_body(NEWS, "В школе прошёл", html + "\n\n", "разметка HTML", f"«{quoted}", "Markdown")
                self.assertEqual(len(lines), 1, "one message per line, not per tag")

    def test_dangerous_links_and_images(self):
        for md, url, kind in (("[ссылка](javascript:alert('js-link'))", "javascript:alert(", "ссылка"),
                              ("[вторая](JaVaScRiPt:alert(2))", "JaVaScRiPt:alert(2)", "ссылка"),
                              ("[сущности](&#106;avascript:alert(3))", "javascript:alert(3)", "ссылка"),
                              ("<javascript:alert(4)>", "javascript:alert(4)", "ссылка"),
                              ("![картинка](vbscript:msgbox('vb'))", "vbscript:msgbox", "картинка"),
                              ("[данные](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html", "ссылка"),
                              ("![точка](data:image/png;base64,iVBORw0KGgo=)", "data:image/png", "картинка"),
                              ("[файл](file:///etc/passwd)", "file:///etc/passwd", "ссылка")):
            with self.subTest(md=md):
                self.fresh()
                self.reject_body(NEWS, "В школе прошёл", "Смотрите " + md + ".\n\n", f"{kind} с небезопасным адресом",
                                 f"«{url}", "https://")

    def test_reference_definition_and_org_tab(self):
        # Reported where the address is written: the reference's definition.
        self.replace(NEWS, "В школе прошёл", "[подробнее][ref]\n\n[ref]: javascript:alert(5)\n\nВ школе прошёл")
        text = self.path(NEWS).read_text(encoding="utf-8")
        line = text[:text.index("[ref]: javascript")].count("\n") + 1
        self.assertRejected(f"{NEWS}:{line}:8:", "небезопасным адресом")  # at the address itself
        self.fresh()
        text = self.path("school-7/_index.md").read_text(encoding="utf-8")
        self.write("school-7/_index.md", text + "\n<table><tr><td>Таблица из Word</td></tr></table>\n")
        line = text.count("\n") + 2
        self.assertRejected(f"school-7/_index.md:{line}:1:", "разметка HTML", "«<table>")

    def test_markup_kind_in_the_code_quality_report(self):
        self.replace(NEWS, "В школе прошёл", "<div>x</div>\n\nВ школе прошёл")
        proc = e2e.run_nastavnik(["check", "--content", str(self.content), "--format", "codeclimate"])
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        issues = json.loads(proc.stdout)
        self.assertEqual([i["check_name"] for i in issues if "HTML" in i["description"]], ["nastavnik/markup"])


# -------------------------------------------------------------------- themes --

class Themes(HostileCase):
    def copy_theme(self):
        theme = self.tmp / "theme"
        shutil.copytree(e2e.THEME, theme)
        return theme

    def test_partial_including_itself(self):
        theme = self.copy_theme()
        p = theme / "templates/partials/footer.mustache"
        p.write_text(p.read_text(encoding="utf-8") + "{{> footer}}", encoding="utf-8")
        self.assertRejected(f"{theme}/templates/partials/footer.mustache", "включает сам себя", timeout=30, theme=theme)

    def test_two_partials_including_each_other(self):
        theme = self.copy_theme()
        (theme / "templates/partials/a.mustache").write_text("{{> b}}", encoding="utf-8")
        (theme / "templates/partials/b.mustache").write_text("{{> a}}", encoding="utf-8")
        p = theme / "templates/partials/footer.mustache"
        p.write_text("{{> a}}" + p.read_text(encoding="utf-8"), encoding="utf-8")
        self.assertRejected(f"{theme}/templates/partials/", "зацикливание", timeout=30, theme=theme)

    def test_missing_partial(self):
        theme = self.copy_theme()
        p = theme / "templates/list.mustache"
        p.write_text("{{> net-takogo}}\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
        self.assertRejected(f"{theme}/templates/list.mustache:1:1: ошибка: ", "«net-takogo»", "создайте файл", theme=theme)

    def test_unbalanced_section(self):
        theme = self.copy_theme()
        p = theme / "templates/entry.mustache"
        p.write_text("{{#title}}\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
        self.assertRejected(f"{theme}/templates/entry.mustache", "ошибка в шаблоне", theme=theme)

    def test_symlink_in_theme_leaving_it(self):
        # A link in static/ to any file of the machine would publish it under assets/.
        theme = self.copy_theme()
        secret = self.tmp / "secret.txt"
        secret.write_text("SECRET-OF-THE-MACHINE", encoding="utf-8")
        os.symlink(secret, theme / "static" / "leak.txt")
        proc = e2e.build(self.content, self.out, theme=theme)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("leak.txt", proc.stderr)
        self.assertOutUntouched()

    def test_symlink_inside_the_theme_is_followed(self):
        theme = self.copy_theme()
        (theme / "static" / "shared").mkdir()
        (theme / "static" / "shared" / "note.txt").write_text("THEME-OWN-FILE", encoding="utf-8")
        os.symlink("shared/note.txt", theme / "static" / "note-link.txt")
        proc = e2e.build(self.content, self.out, theme=theme)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertEqual((self.out / "assets" / "note-link.txt").read_text(encoding="utf-8"), "THEME-OWN-FILE")

    def test_missing_layout(self):
        theme = self.copy_theme()
        (theme / "templates/layout.mustache").unlink()
        self.assertRejected(f"{theme}/templates/layout.mustache", "layout.mustache", theme=theme)


if __name__ == "__main__":
    unittest.main()
