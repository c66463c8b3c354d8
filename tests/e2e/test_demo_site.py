#!/usr/bin/python3
"""End-to-end: the real demo content (content/) builds into a correct, private, deterministic site.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_demo_site.py
"""
import re
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SUB_PATH_BASE = "https://group.gitlab.io/project/"


def feeds_of(out):
    return [p for p in e2e.files_under(out, ".xml") if p.name != "sitemap.xml"]


class DemoSite(unittest.TestCase):
    """One build of content/ shared by the read-only checks."""

    @classmethod
    def setUpClass(cls):
        e2e.ensure_binary(cls)
        cls._tmp = tempfile.TemporaryDirectory(prefix="nastavnik-demo-")
        cls.tmp = Path(cls._tmp.name)
        cls.out = cls.tmp / "public"
        cls.proc = e2e.build(e2e.DEMO_CONTENT, cls.out)
        cls.site = e2e.load_yaml(e2e.DEMO_CONTENT / "site.yaml")
        cls.base_url = cls.site["base_url"]

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def setUp(self):
        if self.proc.returncode != 0:
            self.fail("the demo content does not build:\n" + e2e.describe(self.proc))

    # ---------------------------------------------------------------- basics --

    def test_build_succeeds_with_summary(self):
        self.assertEqual(self.proc.returncode, 0, e2e.describe(self.proc))
        self.assertRegex(self.proc.stdout, r"^Собрано \d+\s+страниц\w*\s+и\s+\d+\s+лент\w*\s+для\s+\d+\s+организац\w+\s+за\s+[\d,]+\s*с → ")
        self.assertNotIn("ошибка", self.proc.stderr)
        for name in ("index.html", "404.html", "rss.xml", "sitemap.xml", "robots.txt", "assets/style.css",
                     "orgs/index.html", "news/index.html"):
            self.assertTrue((self.out / name).is_file(), name)
        self.assertFalse(list(self.tmp.glob("public.tmp-*")), "a staging folder was left behind")

    def test_every_org_has_a_tab_and_feed(self):
        for org_dir in sorted(p for p in e2e.DEMO_CONTENT.iterdir() if p.is_dir()):
            with self.subTest(org=org_dir.name):
                self.assertTrue((self.out / org_dir.name / "index.html").is_file())
                self.assertTrue((self.out / org_dir.name / "rss.xml").is_file())

    def test_every_published_item_has_a_page(self):
        unpublished = {e["path"] for e in e2e.unpublished_entries(e2e.DEMO_CONTENT)}
        for entry in e2e.content_entries(e2e.DEMO_CONTENT):
            if entry["path"] in unpublished:
                continue
            with self.subTest(item=str(entry["path"].relative_to(e2e.DEMO_CONTENT))):
                self.assertTrue((self.out / entry["url"] / "index.html").is_file(), entry["url"])

    # ----------------------------------------------------------------- feeds --

    def test_feeds_parse_with_feedparser(self):
        feeds = feeds_of(self.out)
        self.assertGreater(len(feeds), 5)
        for path in feeds:
            rel = path.relative_to(self.out).as_posix()
            with self.subTest(feed=rel):
                parsed = feedparser.parse(path.read_bytes())
                self.assertEqual(parsed.bozo, 0, f"{rel}: {parsed.get('bozo_exception')}")
                self.assertTrue(parsed.entries, f"{rel} has no entries")
                self.assertTrue(parsed.feed.get("title"))
                for entry in parsed.entries:
                    self.assertTrue(entry.get("link", "").startswith(self.base_url), entry.get("link"))
                    target = e2e.url_to_file(self.out, self.base_url, entry.link)
                    self.assertTrue(target and target.is_file(), f"{rel}: item link {entry.link} has no page")
                    self.assertTrue(entry.get("id"), f"{rel}: item {entry.link} has no guid")
                    self.assertIsNotNone(entry.get("published_parsed"), f"{rel}: item {entry.link} has no pubDate")
                    self.assertTrue(entry.get("content") and entry.content[0].value.strip(),
                                    f"{rel}: item {entry.link} has no content:encoded")

    def test_feed_self_link_is_its_own_url(self):
        for path in feeds_of(self.out):
            rel = path.relative_to(self.out).as_posix()
            with self.subTest(feed=rel):
                channel = ET.parse(path).getroot().find("channel")
                selfs = [l.get("href") for l in channel.findall(f"{ATOM}link") if l.get("rel") == "self"]
                self.assertEqual(selfs, [self.base_url + rel])
                parsed = feedparser.parse(path.read_bytes())
                fp_selfs = [l.get("href") for l in parsed.feed.get("links", []) if l.get("rel") == "self"]
                self.assertEqual(fp_selfs, [self.base_url + rel])

    def test_feed_links_inside_content_are_absolute(self):
        # A feed reader has no page to resolve relative links against.
        for path in feeds_of(self.out):
            rel = path.relative_to(self.out).as_posix()
            for entry in feedparser.parse(path.read_bytes()).entries:
                for url in re.findall(r'(?:href|src)="([^"]*)"', entry.content[0].value):
                    with self.subTest(feed=rel, url=url):
                        self.assertRegex(url, r"^(https?:|mailto:|tel:|#)")
                        if url.startswith(self.base_url):
                            target = e2e.url_to_file(self.out, self.base_url, url)
                            self.assertTrue(target.is_file(), f"{url} → {target}")

    # --------------------------------------------------------------- sitemap --

    def test_sitemap_locs_exist(self):
        root = ET.parse(self.out / "sitemap.xml").getroot()
        self.assertEqual(root.tag, f"{SITEMAP_NS}urlset")
        locs = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
        self.assertGreater(len(locs), 20)
        self.assertEqual(len(locs), len(set(locs)), "duplicate <loc> in sitemap.xml")
        for loc in locs:
            with self.subTest(loc=loc):
                self.assertTrue(loc.startswith(self.base_url))
                self.assertTrue(e2e.url_to_file(self.out, self.base_url, loc).is_file())
        self.assertIn(self.base_url, locs)
        robots = (self.out / "robots.txt").read_text(encoding="utf-8")
        self.assertIn("Sitemap: " + self.base_url + "sitemap.xml", robots)

    # ----------------------------------------------------------------- links --

    def test_internal_links_resolve(self):
        problems = e2e.broken_links(self.out, self.base_url)
        self.assertEqual(problems, [], "\n".join(map(str, problems[:50])))

    def test_collection_pages_advertise_a_feed(self):
        orgs = {p.name for p in e2e.DEMO_CONTENT.iterdir() if p.is_dir()}
        checked = 0
        for page in e2e.files_under(self.out, ".html"):
            rel = page.relative_to(self.out).as_posix()
            parts = rel.split("/")
            needs_feed = (
                rel == "index.html"                                              # home
                or parts[0] in ("news", "practices")                            # portal lists
                or (parts[0] in orgs and len(parts) == 2)                       # org tab
                or (parts[0] in orgs and len(parts) >= 3 and parts[1] in e2e.COLLECTIONS)  # lists and items
            )
            if not needs_feed:
                continue
            checked += 1
            with self.subTest(page=rel):
                alternates = [l for l in e2e.parse_html(page).link_tags
                              if (l.get("rel") or "").lower() == "alternate" and l.get("type") == "application/rss+xml"]
                self.assertTrue(alternates, f"{rel} has no <link rel=alternate type=application/rss+xml>")
                for link in alternates:
                    kind, target = e2e.resolve_link(self.out, page, link["href"], self.base_url)
                    self.assertEqual(kind, "file")
                    self.assertTrue(target.is_file() and target.suffix == ".xml", f"{link['href']} → {target}")
        self.assertGreater(checked, 50)

    def test_html_is_relative_and_has_canonical(self):
        for page in e2e.files_under(self.out, ".html"):
            rel = page.relative_to(self.out).as_posix()
            with self.subTest(page=rel):
                parsed = e2e.parse_html(page)
                canon = [l.get("href") for l in parsed.link_tags if (l.get("rel") or "") == "canonical"]
                self.assertEqual(len(canon), 1)
                self.assertTrue(canon[0].startswith(self.base_url))
                for tag, attr, url in parsed.links:
                    if tag == "link" and url == canon[0]:
                        continue
                    if url.startswith(self.base_url):
                        self.fail(f"{rel}: internal link {url} is absolute; internal links must be relative")

    # ------------------------------------------------------- unpublished items --

    def test_drafts_and_future_items_are_absent(self):
        unpublished = e2e.unpublished_entries(e2e.DEMO_CONTENT)
        self.assertTrue(unpublished, "expected the demo content to hold at least one draft or future item")
        for entry in unpublished:
            rel = entry["path"].relative_to(e2e.DEMO_CONTENT).as_posix()
            with self.subTest(item=rel):
                self.assertFalse((self.out / entry["url"]).exists(), f"{rel} was published at {entry['url']}")
                slug_dirs = [p.relative_to(self.out).as_posix() for p in self.out.rglob(entry["slug"]) if p.is_dir()]
                self.assertEqual(slug_dirs, [], f"{rel}: its slug produced output folders")
                hits = e2e.find_in_outputs(self.out, str(entry["fm"]["title"]))
                self.assertEqual(hits, [], f"the title of {rel} appears in the output")
                url_hits = [p.relative_to(self.out).as_posix() for p, t in e2e.text_files(self.out) if entry["url"] in t]
                self.assertEqual(url_hits, [], f"links to {entry['url']} in the output")

    # ---------------------------------------------------------------- privacy --

    def test_non_consented_names_appear_nowhere(self):
        names = e2e.hidden_names(e2e.DEMO_CONTENT)
        self.assertGreaterEqual(len(names), 5, "expected non-consented people in the demo content")
        for name, where in names:
            with self.subTest(name=name, source=where):
                self.assertEqual(e2e.find_in_outputs(self.out, name), [], f"{name} ({where}) is published")

    def test_non_consented_surnames_appear_nowhere(self):
        # Stricter than the full name: the surname alone, in any case ("Поляковой"), unless a
        # consented person or a practice author has the same surname.
        public = {e2e.normalise(n.split()[0]).rstrip("аяы") for n in e2e.consented_names(e2e.DEMO_CONTENT) if n.split()}
        texts = [(p.relative_to(self.out).as_posix(), e2e.normalise(e2e.strip_tags(t))) for p, t in e2e.text_files(self.out)]
        for name, where in e2e.hidden_names(e2e.DEMO_CONTENT):
            if e2e.normalise(name.split()[0]).rstrip("аяы") in public:
                continue
            pattern = e2e.surname_pattern(name)
            with self.subTest(name=name, source=where):
                hits = [f"{rel}: …{t[max(0, m.start() - 40):m.end() + 20]}…" for rel, t in texts
                        for m in [pattern.search(t)] if m]
                self.assertEqual(hits, [], f"the surname of {name} ({where}) is published")

    def test_non_consented_mentor_photos_are_not_copied(self):
        for org_dir in sorted(p for p in e2e.DEMO_CONTENT.iterdir() if p.is_dir()):
            mentors = org_dir / "mentors.yaml"
            if not mentors.is_file():
                continue
            consented_photos = {Path(m["photo"]).name for m in e2e.load_yaml(mentors) or []
                                if m.get("photo") and m.get("consent") is True}
            for m in e2e.load_yaml(mentors) or []:
                if m.get("photo") and m.get("consent") is not True and Path(m["photo"]).name not in consented_photos:
                    stem = Path(m["photo"]).stem
                    with self.subTest(photo=f"{org_dir.name}/{m['photo']}"):
                        copies = [p for p in (self.out / org_dir.name).rglob("*") if p.is_file() and p.stem == stem]
                        self.assertEqual(copies, [])

    # ------------------------------------------------------------ determinism --

    def test_rebuilds_are_byte_identical(self):
        second = self.tmp / "second" / "public"
        serial = self.tmp / "serial" / "public"
        p2 = e2e.build(e2e.DEMO_CONTENT, second)
        p3 = e2e.build(e2e.DEMO_CONTENT, serial, "-j", "1")
        self.assertEqual(p2.returncode, 0, e2e.describe(p2))
        self.assertEqual(p3.returncode, 0, e2e.describe(p3))
        first = e2e.tree_digest(self.out)
        for other, label in ((second, "second build"), (serial, "-j 1 build")):
            digest = e2e.tree_digest(other)
            differing = sorted(k for k in set(first) | set(digest) if first.get(k) != digest.get(k))
            self.assertEqual(differing, [], f"{label} differs from the first")
            self.assertEqual(e2e.tree_hash(self.out), e2e.tree_hash(other), f"{label}: modes or folders differ")

    def test_rebuild_into_same_folder_is_identical(self):
        out = self.tmp / "again" / "public"
        self.assertEqual(e2e.build(e2e.DEMO_CONTENT, out).returncode, 0)
        before = e2e.tree_hash(out)
        proc = e2e.build(e2e.DEMO_CONTENT, out, "-j", "2")
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertEqual(e2e.tree_hash(out), before)
        self.assertFalse(list(out.parent.glob("public.tmp-*")))


class DemoSiteUnderSubPath(unittest.TestCase):
    """The same content published at https://group.gitlab.io/project/ (GitLab Pages)."""

    @classmethod
    def setUpClass(cls):
        e2e.ensure_binary(cls)
        cls._tmp = tempfile.TemporaryDirectory(prefix="nastavnik-subpath-")
        cls.tmp = Path(cls._tmp.name)
        content = e2e.copy_tree(e2e.DEMO_CONTENT, cls.tmp / "content")
        site_yaml = content / "site.yaml"
        text = site_yaml.read_text(encoding="utf-8")
        new_text, n = re.subn(r'(?m)^base_url:.*$', f'base_url: "{SUB_PATH_BASE}"', text)
        assert n == 1, "site.yaml has no base_url line"
        site_yaml.write_text(new_text, encoding="utf-8")
        cls.out = cls.tmp / "public"
        cls.proc = e2e.build(content, cls.out)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def setUp(self):
        self.assertEqual(self.proc.returncode, 0, e2e.describe(self.proc))

    def test_internal_links_resolve(self):
        problems = e2e.broken_links(self.out, SUB_PATH_BASE)
        self.assertEqual(problems, [], "\n".join(map(str, problems[:50])))

    def test_404_page_links_from_the_sub_path(self):
        for tag, attr, url in e2e.parse_html(self.out / "404.html").links:
            if url.startswith("/"):
                self.assertTrue(url.startswith("/project/"), url)

    def test_feeds_use_the_sub_path(self):
        for path in feeds_of(self.out):
            rel = path.relative_to(self.out).as_posix()
            with self.subTest(feed=rel):
                parsed = feedparser.parse(path.read_bytes())
                self.assertEqual(parsed.bozo, 0)
                self.assertTrue(parsed.feed.link.startswith(SUB_PATH_BASE), parsed.feed.link)
                channel = ET.parse(path).getroot().find("channel")
                selfs = [l.get("href") for l in channel.findall(f"{ATOM}link") if l.get("rel") == "self"]
                self.assertEqual(selfs, [SUB_PATH_BASE + rel])
                for entry in parsed.entries:
                    self.assertTrue(entry.link.startswith(SUB_PATH_BASE), entry.link)
                    self.assertTrue(e2e.url_to_file(self.out, SUB_PATH_BASE, entry.link).is_file(), entry.link)
                    for url in re.findall(r'(?:href|src)="([^"]*)"', entry.content[0].value):
                        if "nastavnik.example.ru" in url:
                            self.fail(f"{rel}: {url} still points at the old base_url")
                        if url.startswith(SUB_PATH_BASE):
                            self.assertTrue(e2e.url_to_file(self.out, SUB_PATH_BASE, url).is_file(), url)

    def test_sitemap_uses_the_sub_path(self):
        locs = [loc.text for loc in ET.parse(self.out / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
        self.assertTrue(locs)
        for loc in locs:
            with self.subTest(loc=loc):
                self.assertTrue(loc.startswith(SUB_PATH_BASE))
                self.assertTrue(e2e.url_to_file(self.out, SUB_PATH_BASE, loc).is_file())
        robots = (self.out / "robots.txt").read_text(encoding="utf-8")
        self.assertIn(f"Sitemap: {SUB_PATH_BASE}sitemap.xml", robots)

    def test_old_base_url_is_gone(self):
        hits = [p.relative_to(self.out).as_posix() for p, t in e2e.text_files(self.out) if "nastavnik.example.ru" in t]
        self.assertEqual(hits, [])

    def test_canonical_links_use_the_sub_path(self):
        for page in e2e.files_under(self.out, ".html"):
            canon = [l.get("href") for l in e2e.parse_html(page).link_tags if l.get("rel") == "canonical"]
            with self.subTest(page=page.relative_to(self.out).as_posix()):
                self.assertEqual(len(canon), 1)
                self.assertTrue(canon[0].startswith(SUB_PATH_BASE), canon[0])
                self.assertTrue(e2e.url_to_file(self.out, SUB_PATH_BASE, canon[0]).is_file(), canon[0])


if __name__ == "__main__":
    unittest.main(verbosity=2)
