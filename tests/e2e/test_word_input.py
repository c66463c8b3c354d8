#!/usr/bin/python3
"""End-to-end: text pasted from Word and phones is published as the curator meant it, or
stopped with a Russian message at file:line:column that says what to do.

Word turns straight quotes into curly ones (“ ” „ ‘ ’), hyphens into dashes (— –), list
items into bullets, and spaces into no-break ones; curators type `title: Приказ #125`
without quotes. Each test copies tests/fixtures/minimal, builds it once into OUT (a good
previous site), changes one file the way a paste does and builds again: accepted input
must show on the page as meant (quotes as «ёлочки», „лапки“ inside), refused input must
exit 1 with the message at its character and leave OUT untouched.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_word_input.py
"""
import json
import re
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

NEWS = "school-7/news/2025-11-20-den-nastavnika.md"   # title line 2, date line 3, image line 4, body line 6
ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md"   # title 2, number 3, date 4, topic 5, file 6
STORY = "school-7/stories/pervyy-god.md"              # model 5, mentor 6, mentee 7, results 9, body 11
INDEX = "school-7/_index.md"

NEWS_TITLE = 'title: "День наставника в школе"'
NEWS_PAGE = "school-7/news/den-nastavnika/index.html"
ORDER_PAGE = "school-7/orders/o-vnedrenii/index.html"
STORY_PAGE = "school-7/stories/pervyy-god/index.html"
MENTOR = 'mentor: {name: "Орлова Анна Сергеевна", position: "учитель математики", consent: true}'
RESULTS = 'results: ["Призёр муниципального этапа олимпиады по математике"]'
WORD_QUOTES = "“”‘’‟"


def main_html(path) -> str:
    """The <main> element of a page, no-break spaces made plain ones."""
    text = Path(path).read_text(encoding="utf-8")
    m = re.search(r"<main\b.*?</main>", text, re.S)
    return (m.group(0) if m else text).replace("\u00a0", " ").replace("&nbsp;", " ")


class Accepted(e2e.MutatedMinimalCase):
    """What Word pastes that YAML and Markdown can read: published with «ёлочки»."""

    def build_ok(self):
        proc = e2e.build(self.content, self.out)
        self.assertBuildOk(proc)
        return proc

    def assertNoWordQuotes(self, html):
        text = re.sub(r"„[^„“]*“", "", e2e.strip_tags(html))  # „лапки“ inside «ёлочки» are ours
        self.assertFalse([c for c in WORD_QUOTES if c in text], html)

    def test_curly_quotes_around_a_title_become_guillemets(self):
        # Word's curly quotes are no YAML quotes: the title is the text with them.
        self.replace(NEWS, NEWS_TITLE, "title: “День наставника в школе”")
        self.build_ok()
        page = main_html(self.out / NEWS_PAGE)
        self.assertIn("<h1>«День наставника в школе»</h1>", page)
        self.assertNoWordQuotes(page)
        feed = (self.out / "school-7/news/rss.xml").read_text(encoding="utf-8").replace("\u00a0", " ")
        self.assertIn("«День наставника в школе»", feed)
        self.assertNotIn("“", feed)

    def test_order_number_pasted_from_word(self):
        self.replace(ORDER, 'number: "45-о"', "number: № “231-о”")
        self.build_ok()
        page = main_html(self.out / ORDER_PAGE)
        self.assertIn("№ «231-о»", page)
        self.assertNoWordQuotes(page)
        register = main_html(self.out / "school-7/orders/index.html")
        self.assertIn("№ «231-о»", register)

    def test_nested_quotes_become_lapki_inside_guillemets(self):
        self.replace(ORDER, 'title: "О внедрении целевой модели наставничества"',
                     "title: 'Об утверждении “Положения о наставничестве” в \"МБОУ СОШ № 7\"'")
        self.replace(STORY, RESULTS, 'results: ["Проект “Школа „Успех“” завершён", \'Конкурс "Учитель года"\']')
        self.replace(STORY, 'model: "учитель – одарённый ученик"', "model: ‘учитель – ученик’")
        self.build_ok()
        order = main_html(self.out / ORDER_PAGE)
        self.assertIn("<h1>Об утверждении «Положения о наставничестве» в «МБОУ СОШ № 7»</h1>", order)
        story = main_html(self.out / STORY_PAGE)
        self.assertIn("Проект «Школа „Успех“» завершён", story)
        self.assertIn("Конкурс «Учитель года»", story)
        self.assertIn("«учитель — ученик»", story)
        self.assertNoWordQuotes(story)

    def test_quotes_in_the_text_and_what_stays_as_written(self):
        self.replace(NEWS, "В школе прошёл День наставника: открытые уроки и мастер-классы.",
                     "Конкурс “Наставник года”, проект \"Школа \"Успех\"\", д'Артаньян и O’Neil. "
                     "Код `title: \"x\"`, [ссылка \"в кавычках\"](https://example.ru/?q=\"a\" \"заголовок\"), "
                     "адрес https://example.ru/?q=\"b\"&x=1.")
        self.build_ok()
        page = main_html(self.out / NEWS_PAGE)
        self.assertIn("Конкурс «Наставник года», проект «Школа „Успех“», д'Артаньян и O’Neil.", page)
        self.assertIn("<code>title: &quot;x&quot;</code>", page)
        self.assertIn('href="https://example.ru/?q=%22a%22"', page)
        self.assertIn('title="заголовок"', page)
        self.assertIn(">ссылка «в кавычках»</a>", page)
        self.assertIn(">https://example.ru/?q=&quot;b&quot;&amp;x=1</a>", page)
        self.assertNoWordQuotes(page.replace("O’Neil", ""))

    def test_comments_as_nastavnik_new_writes_them_stay_comments(self):
        self.replace(NEWS, "date: 2025-11-20", "date: 2025-11-20  # Дата новости, ГГГГ-ММ-ДД.\n"
                                               "summary:   # впишите краткое описание\n"
                                               "# tags: [конкурс]  # Метки")
        self.build_ok()
        page = main_html(self.out / NEWS_PAGE)
        self.assertIn("<h1>День наставника в школе</h1>", page)
        self.assertIn('datetime="2025-11-20"', page)

    def test_a_new_file_from_nastavnik_new_builds(self):
        proc = e2e.run_nastavnik(["new", "news", "--org", "school-7", "--content", self.content,
                                  "Конкурс “Наставник года” № 5"], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        made = sorted(self.path("school-7/news").glob("*konkurs-nastavnik*.md"))
        self.assertEqual(len(made), 1, e2e.describe(proc))
        self.assertIn("  # ", made[0].read_text(encoding="utf-8"))  # its hints are comments after values
        self.build_ok()
        pages = sorted(self.out.glob("school-7/news/*konkurs-nastavnik*/index.html"))
        self.assertEqual(len(pages), 1)
        self.assertIn("<h1>Конкурс «Наставник года» № 5</h1>", main_html(pages[0]))


class Refused(e2e.MutatedMinimalCase):
    """What a paste makes YAML misread: an error at its character, with the fix."""

    def assertCheckName(self, name):
        """The Code Quality report files the error under `name` (and its section of docs/errors.md)."""
        proc = e2e.run_nastavnik(["check", "--content", self.content, "--format", "codeclimate"], cwd=self.tmp)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        names = [issue["check_name"] for issue in json.loads(proc.stdout) if issue["severity"] == "major"]
        self.assertEqual(names, [name], e2e.describe(proc))

    def test_hash_in_an_unquoted_title(self):
        # «title: Приказ » is 14 characters: the # is the 15th.
        self.replace(ORDER, 'title: "О внедрении целевой модели наставничества"', "title: Приказ #125 о наставничестве")
        self.assertRejected(f"{ORDER}:2:15: ошибка: ", "обрывается на «Приказ»",
                            'заключите всё значение в кавычки: title: "Приказ #125 о наставничестве"', errors=1)

    def test_hash_after_a_single_space(self):
        self.replace(ORDER, 'title: "О внедрении целевой модели наставничества"', "title: Приказ # 125 о наставничестве")
        self.assertRejected(f"{ORDER}:2:15: ошибка: ", 'title: "Приказ # 125 о наставничестве"',
                            "если это комментарий, отделите # от значения двумя пробелами", errors=1)

    def test_tab_in_the_indentation(self):
        self.replace(STORY, MENTOR, 'mentor:\n\tname: "Орлова Анна Сергеевна"\n\tposition: "учитель математики"\n'
                                    "\tconsent: true")
        self.assertRejected(f"{STORY}:7:1: ошибка: ", "отступ сделан табуляцией, замените табуляцию пробелами")

    def test_no_space_after_the_colon(self):
        self.replace(NEWS, NEWS_TITLE, 'title:"День наставника в школе"')
        self.assertRejected(f"{NEWS}:2:6: ошибка: ", "поставьте пробел после двоеточия",
                            'title: "День наставника в школе"', errors=1)

    def test_no_break_space_after_the_colon(self):
        self.replace(NEWS, NEWS_TITLE, 'title:\u00a0"День наставника в школе"')
        self.assertRejected(f"{NEWS}:2:7: ошибка: ", "неразрывный пробел", "замените его обычным пробелом", errors=1)

    def test_no_break_spaces_in_the_indentation(self):
        self.replace(STORY, MENTOR, 'mentor:\n\u00a0\u00a0name: "Орлова Анна Сергеевна"\n'
                                    '\u00a0\u00a0position: "учитель математики"\n\u00a0\u00a0consent: true')
        self.assertRejected(f"{STORY}:7:1: ошибка: ", "отступ сделан неразрывными пробелами", "замените их обычными пробелами")

    def test_colon_look_alike(self):
        self.replace(NEWS, NEWS_TITLE, "title： День наставника в школе")
        self.assertRejected(f"{NEWS}:2:6: ошибка: ", "похожий на двоеточие", "title: День наставника в школе", errors=1)

    def test_dashes_in_place_of_list_markers(self):
        self.replace(STORY, RESULTS, "results:\n  — Призёр муниципального этапа\n  — Открытый урок")
        self.assertRejected(f"{STORY}:10:3: ошибка: ", "элемент списка начинается со знака «—»",
                            "напишите - Призёр муниципального этапа", errors=1)
        self.assertCheckName("nastavnik/yaml-syntax")

    def test_quotes_inside_quotes(self):
        # «title: "День » is 13 characters: the quote that ends the value early is the 14th.
        self.replace(NEWS, NEWS_TITLE, 'title: "День "наставника" в школе"')
        self.assertRejected(f"{NEWS}:2:14: ошибка: ", "кавычки внутри кавычек", "(День «наставника» в школе)",
                            "одинарные кавычки", errors=1)

    def test_word_quotes_around_a_date(self):
        self.replace(NEWS, "date: 2025-11-20", "date: “2025-11-20”")
        self.assertRejected(f"{NEWS}:3:7: ошибка: ", "которые ставит Word", "без этих кавычек: date: 2025-11-20", errors=1)
        self.assertCheckName("nastavnik/value")

    def test_blank_line_before_the_front_matter(self):
        p = self.path(NEWS)
        p.write_text("\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
        self.assertRejected(f"{NEWS}:1:1: ошибка: ", "перед первой строкой --- есть пустые строки",
                            "файл должен начинаться прямо со строки ---", errors=1)

    def test_bom_and_blank_lines_before_the_front_matter(self):
        p = self.path(NEWS)
        p.write_bytes(b"\xef\xbb\xbf\r\n  \r\n" + p.read_bytes().replace(b"\n", b"\r\n"))
        self.assertRejected(f"{NEWS}:1:1: ошибка: ", "есть пустые строки", errors=1)

    def test_blank_line_before_the_front_matter_of_a_landing_text(self):
        # Its front matter is optional: without the check its fields would be published as text.
        p = self.path(INDEX)
        p.write_text("\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
        self.assertRejected(f"{INDEX}:1:1: ошибка: ", "есть пустые строки", errors=1)

    def test_dashes_word_made_of_the_fences(self):
        p = self.path(NEWS)
        p.write_text(p.read_text(encoding="utf-8").replace("---\n", "—\n"), encoding="utf-8")
        self.assertRejected(f"{NEWS}:1:1: ошибка: ", "первая строка файла должна состоять из трёх дефисов ---",
                            "знак «—»", errors=1)
        self.assertCheckName("nastavnik/front-matter")

    def test_dash_word_made_of_the_closing_fence(self):
        p = self.path(NEWS)
        text = p.read_text(encoding="utf-8")
        p.write_text("---\n" + text[4:].replace("---\n", "–-\n", 1), encoding="utf-8")
        self.assertRejected(f"{NEWS}:5:1: ошибка: ", "строка, закрывающая поля", "знак «–»", errors=1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
