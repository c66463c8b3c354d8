#!/usr/bin/python3
"""End-to-end over tests/fixtures/minimal: pages, slugs, pagination, attachments, privacy.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_minimal_site.py
"""
import datetime as dt
import re
import shutil
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

BASE = e2e.MINIMAL_BASE_URL
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def main_html(path) -> str:
    """The <main> element of a page (navigation and footer left out)."""
    text = Path(path).read_text(encoding="utf-8")
    m = re.search(r"<main\b.*?</main>", text, re.S)
    return m.group(0) if m else text


def item_links(out, page, section_pattern):
    """Links of <main> on `page` to item pages matching `section_pattern` ("school-7/news/"),
    as site-relative URLs, in order of appearance, without repeats."""
    found = []
    for href in re.findall(r'href="([^"]*)"', main_html(page)):
        kind, target = e2e.resolve_link(out, page, href, BASE)
        if kind != "file":
            continue
        rel = target.relative_to(out).as_posix()
        m = re.fullmatch(re.escape(section_pattern) + r"([a-z0-9-]+)/index\.html", rel)
        if m and m.group(1) != "page" and rel not in found:
            found.append(rel)
    return found


def text_of(path) -> str:
    return e2e.normalise(e2e.strip_tags(main_html(path)))


class MinimalSite(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        e2e.ensure_binary(cls)
        cls._tmp = tempfile.TemporaryDirectory(prefix="nastavnik-minimal-")
        cls.tmp = Path(cls._tmp.name)
        cls.out = cls.tmp / "public"
        cls.proc = e2e.build(e2e.MINIMAL, cls.out)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def setUp(self):
        self.assertEqual(self.proc.returncode, 0, e2e.describe(self.proc))

    def test_fixture_builds_cleanly(self):
        self.assertEqual(self.proc.stderr.strip(), "", "the fixture should build without warnings")
        self.assertRegex(self.proc.stdout, r"^Собрано \d+\s+страниц\w*\s+и\s+\d+\s+лент\w*\s+для\s+2\s+организаций")
        check = e2e.run_nastavnik(["check", "--content", e2e.MINIMAL], cwd=self.tmp)
        self.assertEqual(check.returncode, 0, e2e.describe(check))

    def test_expected_pages_exist(self):
        expected = [
            "index.html", "404.html", "rss.xml", "sitemap.xml", "robots.txt", "assets/style.css",
            "orgs/index.html", "news/index.html", "practices/index.html",
            "uo-gorod/index.html", "uo-gorod/rss.xml",
            "uo-gorod/news/index.html", "uo-gorod/news/rss.xml", "uo-gorod/news/start-goda/index.html",
            "uo-gorod/documents/index.html", "uo-gorod/documents/polozhenie/index.html",
            "school-7/index.html", "school-7/rss.xml", "school-7/mentors/index.html",
            "school-7/news/index.html", "school-7/news/rss.xml",
            "school-7/news/den-nastavnika/index.html", "school-7/news/itogi-konkursa/index.html",
            "school-7/documents/index.html", "school-7/documents/programma/index.html",
            "school-7/orders/index.html", "school-7/orders/rss.xml", "school-7/orders/o-vnedrenii/index.html",
            "school-7/stories/index.html", "school-7/stories/pervyy-god/index.html",
            "school-7/practices/index.html", "school-7/practices/vzaimoposeshchenie/index.html",
            "school-7/kontakty/index.html",
        ]
        missing = [p for p in expected if not (self.out / p).is_file()]
        self.assertEqual(missing, [])

    def test_no_pages_for_empty_sections(self):
        for p in ("uo-gorod/orders", "uo-gorod/stories", "uo-gorod/practices", "uo-gorod/mentors", "school-7/pages"):
            self.assertFalse((self.out / p).exists(), p)

    def test_slugs(self):
        # date prefix dropped; Cyrillic file name transliterated; slug: in front matter wins.
        self.assertTrue((self.out / "school-7/news/den-nastavnika/index.html").is_file())
        self.assertFalse((self.out / "school-7/news/2025-11-20-den-nastavnika").exists())
        self.assertTrue((self.out / "school-7/news/itogi-konkursa/index.html").is_file())
        self.assertEqual([p.name for p in (self.out / "school-7/news").iterdir() if not p.name.isascii()], [])
        self.assertTrue((self.out / "uo-gorod/news/seminar-nastavnikov/index.html").is_file())
        self.assertFalse((self.out / "uo-gorod/news/seminar").exists())
        # free pages live right under the org
        self.assertTrue((self.out / "school-7/kontakty/index.html").is_file())
        self.assertFalse((self.out / "school-7/pages").exists())

    def test_draft_and_future_are_not_published(self):
        for slug, title in (("chernovik", "Черновик о секретном слёте наставников"),
                            ("zimniy-slet", "Будущая новость о зимнем слёте наставников")):
            with self.subTest(slug=slug):
                self.assertFalse((self.out / "school-7/news" / slug).exists())
                self.assertEqual([p for p in self.out.rglob(slug)], [])
                self.assertEqual(e2e.find_in_outputs(self.out, title), [])
                self.assertEqual(e2e.find_in_outputs(self.out, slug), [])
        counted = text_of(self.out / "school-7/news/index.html")
        self.assertIn("2 новости", counted)

    def test_home_page(self):
        home = text_of(self.out / "index.html")
        # the department tab
        self.assertIn(e2e.normalise("Управление образования координирует внедрение"), home)
        self.assertIn(e2e.normalise("Кравцова Елена Викторовна"), home)  # consented curator
        # the list of organisations
        self.assertIn(e2e.normalise("МБОУ СОШ № 7"), home)
        self.assertIn(e2e.normalise("УО города"), home)
        # latest news of all organisations, newest first
        news = item_links(self.out, self.out / "index.html", "school-7/news/")
        self.assertIn("school-7/news/den-nastavnika/index.html", news)
        self.assertIn("school-7/news/itogi-konkursa/index.html", news)
        # featured practice
        practices = item_links(self.out, self.out / "index.html", "school-7/practices/")
        self.assertEqual(practices, ["school-7/practices/vzaimoposeshchenie/index.html"])
        featured = item_links(self.out, self.out / "practices/index.html", "school-7/practices/")
        self.assertEqual(featured, ["school-7/practices/vzaimoposeshchenie/index.html"])

    def test_portal_news_newest_first(self):
        order = []
        for href in re.findall(r'href="([^"]*)"', main_html(self.out / "news/index.html")):
            kind, target = e2e.resolve_link(self.out, self.out / "news/index.html", href, BASE)
            rel = target.relative_to(self.out).as_posix() if kind == "file" else ""
            if re.fullmatch(r"[a-z0-9-]+/news/[a-z0-9-]+/index\.html", rel) and rel not in order:
                order.append(rel)
        self.assertEqual(order, [
            "school-7/news/den-nastavnika/index.html",       # 2025-11-20
            "uo-gorod/news/seminar-nastavnikov/index.html",  # 2025-10-01
            "uo-gorod/news/start-goda/index.html",           # 2025-09-01
            "school-7/news/itogi-konkursa/index.html",       # 2025-05-15
        ])

    def test_attachments_are_copied_next_to_their_page(self):
        pairs = {
            "school-7/orders/o-vnedrenii/prikaz-45.pdf": "school-7/files/prikaz-45.pdf",
            "school-7/documents/programma/programma.pdf": "school-7/files/programma.pdf",
            "uo-gorod/documents/polozhenie/polozhenie.pdf": "uo-gorod/files/polozhenie.pdf",
            "school-7/practices/vzaimoposeshchenie/praktika.pdf": "school-7/files/praktika.pdf",
        }
        for out_rel, src_rel in pairs.items():
            with self.subTest(file=out_rel):
                self.assertTrue((self.out / out_rel).is_file())
                self.assertEqual((self.out / out_rel).read_bytes(), (e2e.MINIMAL / src_rel).read_bytes())
        # Photos are published re-encoded in their sizes (test_photos.py), never as uploaded.
        for out_rel in ("school-7/news/den-nastavnika/den-nastavnika-1.jpg", "school-7/news/den-nastavnika/den-nastavnika-1.webp",
                        "school-7/mentors/orlova-1.jpg", "school-7/mentors/orlova-1.webp"):
            with self.subTest(file=out_rel):
                self.assertTrue((self.out / out_rel).is_file())
        self.assertFalse((self.out / "school-7/news/den-nastavnika/den-nastavnika.jpg").exists())
        page = self.out / "school-7/orders/o-vnedrenii/index.html"
        targets = [e2e.resolve_link(self.out, page, url, BASE)[1] for _, _, url in e2e.parse_html(page).links]
        self.assertIn(self.out / "school-7/orders/o-vnedrenii/prikaz-45.pdf", targets, "the order page links its PDF")
        # no files/ folder is published as such
        self.assertEqual([p for p in self.out.rglob("files") if p.is_dir()], [])

    def test_order_page_and_register(self):
        register = text_of(self.out / "school-7/orders/index.html")
        self.assertIn("45-о", register)
        html = main_html(self.out / "school-7/orders/index.html")
        row = next((r for r in re.findall(r"<tr\b.*?</tr>", html, re.S) if "45-о" in r), None)
        self.assertIsNotNone(row, "the register has no row for order 45-о")
        row_text = e2e.normalise(e2e.strip_tags(row)) + " " + row
        self.assertTrue(any(d in row_text for d in ("2024-09-02", "02.09.2024", "2 сентября 2024")), row)
        self.assertIn(e2e.normalise("О внедрении целевой модели наставничества"), row_text)
        order = text_of(self.out / "school-7/orders/o-vnedrenii/index.html")
        self.assertIn("45-о", order)
        self.assertIn(e2e.normalise("МБОУ СОШ № 7"), order)  # issuer defaults to short_name

    def test_mentors_page_hides_names_without_consent(self):
        page = self.out / "school-7/mentors/index.html"
        text = text_of(page)
        self.assertIn(e2e.normalise("Орлова Анна Сергеевна"), text)
        self.assertIn(e2e.normalise("учитель физики высшей категории"), text)
        self.assertEqual(e2e.find_in_outputs(self.out, "Широков Павел Андреевич"), [])
        self.assertEqual(e2e.find_in_outputs(self.out, "Широков"), [])
        self.assertFalse((self.out / "school-7/mentors/shirokov.jpg").exists())
        self.assertEqual([p for p in self.out.rglob("shirokov*")], [])

    def test_curator_without_consent_is_not_named(self):
        tab = text_of(self.out / "school-7/index.html")
        self.assertIn(e2e.normalise("заместитель директора по УВР"), tab)
        self.assertEqual(e2e.find_in_outputs(self.out, "Белоусова Надежда Игоревна"), [])
        self.assertEqual(e2e.find_in_outputs(self.out, "Белоусова"), [])
        dept = text_of(self.out / "uo-gorod/index.html")
        self.assertIn(e2e.normalise("Кравцова Елена Викторовна"), dept)

    def test_story_names_only_with_consent(self):
        story = text_of(self.out / "school-7/stories/pervyy-god/index.html")
        self.assertIn(e2e.normalise("Орлова Анна Сергеевна"), story)
        self.assertIn(e2e.normalise("ученик 8 «Б» класса"), story)
        self.assertEqual(e2e.find_in_outputs(self.out, "Зайцев Тимофей"), [])
        self.assertEqual(e2e.find_in_outputs(self.out, "Зайцев"), [])
        self.assertEqual(e2e.find_in_outputs(self.out, "Тимофей"), [])

    def test_all_hidden_names_of_the_fixture(self):
        names = e2e.hidden_names(e2e.MINIMAL)
        self.assertEqual(sorted(n for n, _ in names),
                         sorted(["Белоусова Надежда Игоревна", "Широков Павел Андреевич", "Зайцев Тимофей"]))
        for name, where in names:
            with self.subTest(name=name):
                self.assertEqual(e2e.find_in_outputs(self.out, name), [], where)

    def test_links_resolve(self):
        problems = e2e.broken_links(self.out, BASE)
        self.assertEqual(problems, [], "\n".join(map(str, problems)))

    def test_feeds(self):
        portal = feedparser.parse((self.out / "rss.xml").read_bytes())
        self.assertEqual(portal.bozo, 0)
        links = [e.link for e in portal.entries]
        self.assertIn(BASE + "school-7/news/den-nastavnika/", links)
        self.assertIn(BASE + "school-7/orders/o-vnedrenii/", links)
        self.assertNotIn(BASE + "school-7/news/chernovik/", links)
        self.assertNotIn(BASE + "school-7/news/zimniy-slet/", links)
        self.assertFalse(any("/kontakty/" in l for l in links), "free pages are not feed items")
        orders = feedparser.parse((self.out / "school-7/orders/rss.xml").read_bytes())
        self.assertEqual([e.link for e in orders.entries], [BASE + "school-7/orders/o-vnedrenii/"])
        content = orders.entries[0].content[0].value
        self.assertIn(BASE + "school-7/orders/o-vnedrenii/prikaz-45.pdf", content)
        news = feedparser.parse((self.out / "school-7/news/rss.xml").read_bytes())
        self.assertEqual([e.link for e in news.entries],
                         [BASE + "school-7/news/den-nastavnika/", BASE + "school-7/news/itogi-konkursa/"])
        # midnight of the item's date in the site's timezone (Europe/Moscow, +0300)
        self.assertEqual(news.entries[0].published, "Thu, 20 Nov 2025 00:00:00 +0300")
        self.assertEqual(tuple(news.entries[0].published_parsed[:4]), (2025, 11, 19, 21))

    def test_sitemap(self):
        locs = [l.text for l in ET.parse(self.out / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
        self.assertIn(BASE, locs)
        self.assertIn(BASE + "school-7/news/itogi-konkursa/", locs)
        self.assertIn(BASE + "school-7/kontakty/", locs)
        self.assertNotIn(BASE + "404.html", locs)
        for loc in locs:
            self.assertTrue(e2e.url_to_file(self.out, BASE, loc).is_file(), loc)

    def test_aria_labelledby_points_to_existing_ids(self):
        # Every aria-labelledby names ids that exist (the tab's blocks once pointed at
        # "block-<title>", an id no element had).
        for page in e2e.files_under(self.out, ".html"):
            parsed = e2e.parse_html(page)
            refs = re.findall(r'aria-labelledby="([^"]*)"', page.read_text(encoding="utf-8"))
            for ref in refs:
                for one in ref.split():
                    self.assertIn(one, parsed.ids, f"{page.relative_to(self.out)}: aria-labelledby={ref!r}")


class Pagination(e2e.TempDirTestCase):
    """45 news items in one org: 20 per page."""

    def setUp(self):
        super().setUp()
        self.content = self.copy_minimal()
        news = self.content / "school-7" / "news"
        for f in news.glob("*.md"):
            f.unlink()
        start = dt.date(2025, 1, 1)
        self.titles = {}
        for i in range(1, 46):
            day = start + dt.timedelta(days=3 * i)
            slug = f"novost-{i:02d}"
            self.titles[slug] = f"Новость номер {i:02d}"
            e2e.write(news / f"{day.isoformat()}-{slug}.md",
                      f'---\ntitle: "Новость номер {i:02d}"\ndate: {day.isoformat()}\n---\nТекст новости {i}.\n')
        self.out = self.tmp / "public"
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))

    def test_org_news_pages(self):
        base = self.out / "school-7" / "news"
        self.assertTrue((base / "index.html").is_file())
        self.assertTrue((base / "page/2/index.html").is_file())
        self.assertTrue((base / "page/3/index.html").is_file())
        self.assertFalse((base / "page/4").exists())
        self.assertFalse((base / "page/1").exists(), "page 1 is the list itself")
        expected = [f"school-7/news/novost-{i:02d}/index.html" for i in range(45, 0, -1)]
        pages = [base / "index.html", base / "page/2/index.html", base / "page/3/index.html"]
        got = [item_links(self.out, p, "school-7/news/") for p in pages]
        self.assertEqual(got[0], expected[:20], "page 1 must list the 20 newest, newest first")
        self.assertEqual(got[1], expected[20:40])
        self.assertEqual(got[2], expected[40:])
        for slug in self.titles:
            self.assertTrue((base / slug / "index.html").is_file())

    def test_pagination_links(self):
        base = self.out / "school-7" / "news"
        page2 = base / "page/2/index.html"
        targets = set()
        for href in re.findall(r'href="([^"]*)"', main_html(page2)):
            kind, target = e2e.resolve_link(self.out, page2, href, BASE)
            if kind == "file":
                targets.add(target.relative_to(self.out).as_posix())
        self.assertIn("school-7/news/index.html", targets)
        self.assertIn("school-7/news/page/3/index.html", targets)
        self.assertEqual(e2e.broken_links(self.out, BASE), [])

    def test_portal_news_is_paginated_too(self):
        # 45 school news + 2 department news = 47 items → 3 pages
        self.assertTrue((self.out / "news/page/2/index.html").is_file())
        self.assertTrue((self.out / "news/page/3/index.html").is_file())
        self.assertFalse((self.out / "news/page/4").exists())

    def test_sitemap_lists_every_page(self):
        locs = [l.text for l in ET.parse(self.out / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
        for url in ("school-7/news/", "school-7/news/page/2/", "school-7/news/page/3/", "news/page/3/"):
            self.assertIn(BASE + url, locs)


class PublicationDate(e2e.TempDirTestCase):
    """"Today" is the build date in site.yaml's timezone."""

    def make(self, timezone):
        content = self.copy_minimal()
        site = content / "site.yaml"
        site.write_text(re.sub(r'(?m)^timezone:.*$', f'timezone: "{timezone}"', site.read_text(encoding="utf-8")),
                        encoding="utf-8")
        for day in ("2026-11-25", "2026-11-26"):
            e2e.write(content / "school-7/news" / f"{day}-novost-{day[-2:]}.md",
                      f'---\ntitle: "Новость за {day}"\ndate: {day}\n---\nТекст.\n')
        return content

    # 2026-11-24 21:30 UTC = 2026-11-25 00:30 in Moscow, still 2026-11-24 in London.
    EPOCH = int(dt.datetime(2026, 11, 24, 21, 30, tzinfo=dt.timezone.utc).timestamp())

    def test_moscow_midnight_has_passed(self):
        out = self.tmp / "public"
        proc = e2e.build(self.make("Europe/Moscow"), out, epoch=self.EPOCH)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertTrue((out / "school-7/news/novost-25/index.html").is_file(), "dated today: published")
        self.assertFalse((out / "school-7/news/novost-26").exists(), "dated tomorrow: not yet")

    def test_london_is_still_yesterday(self):
        out = self.tmp / "public"
        proc = e2e.build(self.make("Europe/London"), out, epoch=self.EPOCH)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertFalse((out / "school-7/news/novost-25").exists())
        self.assertFalse((out / "school-7/news/novost-26").exists())

    def test_future_item_appears_on_its_day(self):
        out = self.tmp / "public"
        noon = int(dt.datetime(2026, 12, 15, 9, 0, tzinfo=dt.timezone.utc).timestamp())
        proc = e2e.build(e2e.MINIMAL, out, epoch=noon)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertTrue((out / "school-7/news/zimniy-slet/index.html").is_file())
        self.assertFalse((out / "school-7/news/chernovik").exists(), "a draft stays a draft")


class IndexImage(e2e.TempDirTestCase):
    def test_image_of_the_tab_is_published(self):
        # `image:` of _index.md is copied and shown on the tab.
        content = self.copy_minimal()
        shutil.copy(content / "school-7/files/orlova.jpg", content / "school-7/files/fasad.jpg")
        index = content / "school-7/_index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("---\n", "---\nimage: files/fasad.jpg\n", 1),
                         encoding="utf-8")
        out = self.tmp / "public"
        proc = e2e.build(content, out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        copies = [p.relative_to(out).as_posix() for p in out.rglob("fasad*")]
        self.assertTrue(copies, "the tab's image was not copied")
        page = out / "school-7/index.html"
        targets = [e2e.resolve_link(out, page, url, BASE)[1] for _, _, url in e2e.parse_html(page).links]
        self.assertTrue(any(t is not None and t.name.startswith("fasad") for t in targets), "the tab does not show its image")


class OutputFolder(e2e.TempDirTestCase):
    def test_rebuild_replaces_stale_files(self):
        out = self.tmp / "public"
        e2e.write(out / "stale.html", "old site")
        proc = e2e.build(e2e.MINIMAL, out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertFalse((out / "stale.html").exists(), "--out is replaced as a whole")
        self.assertTrue((out / "index.html").is_file())
        self.assertEqual(list(self.tmp.glob("public.tmp-*")), [])

    def test_check_writes_nothing(self):
        proc = e2e.run_nastavnik(["check", "--content", e2e.MINIMAL], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertEqual(sorted(p.name for p in self.tmp.iterdir()), [])

    def test_quiet(self):
        proc = e2e.build(e2e.MINIMAL, self.tmp / "public", "-q")
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertEqual(proc.stdout, "")


if __name__ == "__main__":
    unittest.main(verbosity=2)
