#!/usr/bin/python3
"""End-to-end: `nastavnik build --org ORG --base-url URL` writes one organisation's section
for its own website (https://school7.example.ru/nastavnichestvo/): its pages, feeds, data
files, attachments and the theme's assets at paths relative to the section; links to the
portal and to other organisations absolute to the portal's base_url.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_org_section.py
"""
import sys
import unittest
import urllib.parse
from pathlib import Path

import feedparser

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

PORTAL = "https://nastavnik.example.ru/"          # tests/fixtures/minimal/site.yaml
SECTION = "https://school7.example.ru/nastavnichestvo/"


def text_of(path: Path) -> str:
    return e2e.normalise(e2e.strip_tags(path.read_text(encoding="utf-8")))


class Section(e2e.TempDirTestCase):
    @classmethod
    def setUpClass(cls):
        e2e.ensure_binary()

    def setUp(self):
        super().setUp()
        self.content = self.copy_minimal()
        self.portal = self.tmp / "public"
        self.assertBuildOk(e2e.build(self.content, self.portal))
        self.out = self.tmp / "section"
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", self.out, "--org", "school-7",
                                  "--base-url", SECTION.rstrip("/")], cwd=self.tmp)
        self.assertBuildOk(proc)
        self.proc = proc

    def test_the_section_holds_the_organisations_outputs_at_its_root(self):
        written = sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file())
        in_portal = sorted(p.relative_to(self.portal / "school-7").as_posix()
                           for p in (self.portal / "school-7").rglob("*") if p.is_file())
        own = [p for p in written if not p.startswith("assets/") and p != "sitemap.xml"]
        self.assertEqual(own, in_portal, "the section is the organisation's folder of the portal, moved to the root")
        self.assertIn("assets/style.css", written)
        for portal_only in ("robots.txt", "404.html", "orgs/index.html", "uo-gorod/index.html", "school-7/index.html"):
            self.assertNotIn(portal_only, written)
        self.assertIn("для 1\xa0организации", self.proc.stdout)

    def test_pages_say_what_the_portals_pages_say(self):
        for page in ("index.html", "news/den-nastavnika/index.html", "stories/pervyy-god/index.html", "mentors/index.html"):
            with self.subTest(page=page):
                # The page's printed address is the section's.
                section = text_of(self.out / page).replace(SECTION, PORTAL + "school-7/")
                self.assertEqual(section, text_of(self.portal / "school-7" / page))

    def test_links_resolve_inside_the_section_or_point_to_the_portal(self):
        problems = e2e.broken_links(self.out, SECTION)
        self.assertEqual(problems, [], "\n".join(map(str, problems)))
        tab = e2e.parse_html(self.out / "index.html").links
        urls = [u for _, _, u in tab]
        self.assertIn(PORTAL, urls, "the portal's home is linked where it is")
        self.assertIn("news/", urls)
        self.assertIn("assets/style.css", urls)
        for _, _, url in tab:
            split = urllib.parse.urlsplit(url)
            if split.scheme in ("http", "https"):
                self.assertTrue(url.startswith((PORTAL, SECTION, "https://school7.example.ru")) or "example" not in url, url)
            self.assertFalse(url.startswith("/"), f"root-relative link {url}: the section must work under any path")
        # Every portal link names a page the portal build has.
        for page in e2e.files_under(self.out, ".html"):
            for _, _, url in e2e.parse_html(page).links:
                if url.startswith(PORTAL):
                    target = e2e.url_to_file(self.portal, PORTAL, url)
                    self.assertTrue(target and target.is_file(), f"{page.relative_to(self.out)} → {url}")

    def test_canonical_feeds_and_sitemap_use_the_sections_address(self):
        self.assertIn(f'<link rel="canonical" href="{SECTION}news/"', (self.out / "news/index.html").read_text(encoding="utf-8"))
        feed = feedparser.parse((self.out / "rss.xml").read_bytes())
        self.assertEqual(feed.bozo, 0)
        self.assertEqual(feed.feed.link, SECTION)
        self.assertIn(SECTION + "news/den-nastavnika/", [e.link for e in feed.entries])
        for e in feed.entries:
            self.assertTrue(e.link.startswith(SECTION), e.link)
            self.assertTrue(e2e.url_to_file(self.out, SECTION, e.link).is_file(), e.link)
        sitemap = (self.out / "sitemap.xml").read_text(encoding="utf-8")
        locs = [l.split("</loc>")[0] for l in sitemap.split("<loc>")[1:]]
        self.assertIn(SECTION, locs)
        for loc in locs:
            self.assertTrue(loc.startswith(SECTION), loc)
            self.assertTrue(e2e.url_to_file(self.out, SECTION, loc).is_file(), loc)

    def test_the_departments_section_links_the_schools_on_the_portal(self):
        out = self.tmp / "dept"
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", out, "--org", "uo-gorod",
                                  "--base-url", "https://uo.example.ru/nastavnichestvo/"], cwd=self.tmp)
        self.assertBuildOk(proc)
        urls = [u for _, _, u in e2e.parse_html(out / "index.html").links]
        self.assertIn(PORTAL + "orgs/", urls, "the list of organisations is on the portal")
        self.assertIn("monitoring/", urls, "the department's own monitoring page is in its section")
        self.assertEqual(e2e.broken_links(out, "https://uo.example.ru/nastavnichestvo/"), [])

    def test_the_output_is_deterministic(self):
        again = self.tmp / "again"
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", again, "--org", "school-7",
                                  "--base-url", SECTION], cwd=self.tmp)
        self.assertBuildOk(proc)
        self.assertEqual(e2e.tree_hash(again), e2e.tree_hash(self.out))


class DemoSections(e2e.TempDirTestCase):
    def test_every_demo_organisations_section_has_no_broken_link(self):
        orgs = sorted(p.name for p in e2e.DEMO_CONTENT.iterdir() if (p / "org.yaml").is_file())
        self.assertGreaterEqual(len(orgs), 3)
        for org in orgs:
            with self.subTest(org=org):
                out = self.tmp / org
                url = f"https://{org}.example.ru/nastavnichestvo/"
                proc = e2e.run_nastavnik(["build", "--content", e2e.DEMO_CONTENT, "--out", out, "--org", org, "--base-url", url],
                                         cwd=self.tmp)
                self.assertBuildOk(proc)
                self.assertTrue((out / "index.html").is_file())
                self.assertEqual(e2e.broken_links(out, url), [])


class BaseUrl(e2e.TempDirTestCase):
    def test_base_url_alone_moves_the_whole_portal(self):
        content = self.copy_minimal()
        out = self.tmp / "preview"
        url = "https://group.gitlab.io/-/project/-/jobs/1/artifacts/public/"
        proc = e2e.run_nastavnik(["build", "--content", content, "--out", out, "--base-url", url], cwd=self.tmp)
        self.assertBuildOk(proc)
        self.assertIn(f'<link rel="canonical" href="{url}school-7/"', (out / "school-7/index.html").read_text(encoding="utf-8"))
        self.assertTrue((out / "uo-gorod/index.html").is_file())
        self.assertIn(url + "sitemap.xml", (out / "robots.txt").read_text(encoding="utf-8"))


class Mistakes(e2e.TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.content = self.copy_minimal()
        self.out = self.tmp / "section"
        e2e.write(self.out / "old.html", "предыдущая сборка")

    def run_build(self, *args):
        return e2e.run_nastavnik(["build", "--content", self.content, "--out", self.out, *args], cwd=self.tmp)

    def assertUntouched(self):
        self.assertEqual(sorted(p.name for p in self.out.iterdir()), ["old.html"])

    def test_unknown_organisation(self):
        proc = self.run_build("--org", "school-1", "--base-url", SECTION)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("организации «school-1» нет", proc.stderr)
        self.assertIn("school-7", proc.stderr)
        self.assertIn("uo-gorod", proc.stderr)
        self.assertUntouched()

    def test_org_needs_base_url(self):
        proc = self.run_build("--org", "school-7")
        self.assertEqual(proc.returncode, 2, e2e.describe(proc))
        self.assertIn("--base-url", proc.stderr)
        self.assertUntouched()

    def test_base_url_must_be_an_absolute_address(self):
        for bad in ("school7.example.ru/nastavnichestvo/", "/nastavnichestvo/", "https:///x/", "https://school 7.ru/",
                    "ftp://school7.example.ru/"):
            with self.subTest(url=bad):
                proc = self.run_build("--org", "school-7", "--base-url", bad)
                self.assertEqual(proc.returncode, 2, e2e.describe(proc))
                self.assertIn("неверная командная строка: --base-url", proc.stderr)
                self.assertUntouched()

    def test_content_errors_still_stop_the_section(self):
        news = self.content / "school-7/news/2025-11-20-den-nastavnika.md"
        news.write_text(news.read_text(encoding="utf-8").replace("date: 2025-11-20", "date: 2025-13-01"), encoding="utf-8")
        proc = self.run_build("--org", "school-7", "--base-url", SECTION)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("2025-13-01", proc.stderr)
        self.assertUntouched()


if __name__ == "__main__":
    unittest.main(verbosity=2)
