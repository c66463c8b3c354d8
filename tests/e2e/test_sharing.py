#!/usr/bin/python3
"""End-to-end: pages shared in VK, Telegram or a parents' chat, and bookmarked.

Every HTML page carries OpenGraph tags (og:type, og:title, og:description, og:url,
og:image, og:site_name, og:locale) and twitter:card, with absolute URLs: og:url is the page
itself, og:image a file the build wrote. Every page links an icon and a touch icon that
exist, and /favicon.ico is at the site root (browsers ask for it whatever the page links).
An organisation's emblem (org.yaml `emblem:`) is the icon and the picture of its pages, the
department's stands for the portal; without either the theme's own are used.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_sharing.py
"""
import html.parser
import re
import subprocess
import shutil
import struct
import sys
import unittest
import zlib
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

PORTAL = e2e.MINIMAL_BASE_URL                         # tests/fixtures/minimal/site.yaml
DEMO = "https://nastavnik.example.ru/"
SECTION = "https://school7.example.ru/nastavnichestvo/"
REQUIRED = ("og:type", "og:title", "og:description", "og:url", "og:image", "og:site_name", "og:locale")


class Head(html.parser.HTMLParser):
    """The <meta> and <link> elements of a page's head."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}   # property or name → [content, ...]
        self.links = []  # (rel, href, type, sizes)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta.setdefault(key, []).append(a.get("content") or "")
        elif tag == "link":
            self.links.append(((a.get("rel") or "").lower(), a.get("href") or "", a.get("type") or "", a.get("sizes") or ""))

    handle_startendtag = handle_starttag

    def one(self, key):
        values = self.meta.get(key, [])
        return values[0] if len(values) == 1 else None

    def hrefs(self, rel):
        return [href for r, href, _, _ in self.links if rel in r.split()]


def head_of(page: Path) -> Head:
    h = Head()
    h.feed(page.read_text(encoding="utf-8"))
    h.close()
    return h


def png(width, height, rgb=(120, 30, 30)) -> bytes:
    """A plain PNG of one colour, made without an imaging library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    row = b"\0" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def png_size(path: Path):
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


def jpeg_size(path: Path):
    """(width, height) from a JPEG's frame header."""
    data = path.read_bytes()
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None


class SharingChecks(e2e.TempDirTestCase):
    def check_site(self, out: Path, base_url: str, *, own_only=None):
        """Every HTML page of `out` (published at `base_url`) is shared and bookmarked well.
        `own_only`: files that must resolve in `out` (others may point at the portal)."""
        pages = e2e.files_under(out, ".html")
        self.assertGreater(len(pages), 3)
        problems = []
        for page in pages:
            rel = page.relative_to(out).as_posix()
            h = head_of(page)
            for key in REQUIRED:
                if not h.one(key):
                    problems.append(f"{rel}: {key} missing, empty or repeated")
            if h.one("twitter:card") != "summary_large_image":
                problems.append(f"{rel}: twitter:card {h.meta.get('twitter:card')}")
            if h.one("og:locale") != "ru_RU":
                problems.append(f"{rel}: og:locale {h.meta.get('og:locale')}")
            url = h.one("og:url") or ""
            if not url.startswith(base_url):
                problems.append(f"{rel}: og:url {url!r} is not an absolute URL of the site")
            elif e2e.url_to_file(out, base_url, url) != page:
                problems.append(f"{rel}: og:url {url!r} is another page")
            if url != (h.hrefs("canonical") or [None])[0]:
                problems.append(f"{rel}: og:url {url!r} differs from the canonical link")
            image = h.one("og:image") or ""
            target = e2e.url_to_file(out, base_url, image)
            if not image.startswith("https://"):
                problems.append(f"{rel}: og:image {image!r} is not absolute")
            elif target is None:
                if own_only is None or not image.startswith(PORTAL):
                    problems.append(f"{rel}: og:image {image!r} is outside the site")
            elif not target.is_file():
                problems.append(f"{rel}: og:image {image!r} names no file")
            if not (h.one("og:image:alt") or "").strip():
                problems.append(f"{rel}: og:image without og:image:alt")
            # Icons: a link rel=icon and a touch icon, each resolving to a file.
            for rel_name in ("icon", "apple-touch-icon"):
                hrefs = h.hrefs(rel_name)
                if not hrefs:
                    problems.append(f"{rel}: no <link rel={rel_name}>")
                for href in hrefs:
                    kind, file = e2e.resolve_link(out, page, href, base_url)
                    if kind == "external" and own_only is not None and href.startswith(PORTAL):
                        continue
                    if kind != "file" or not file.is_file():
                        problems.append(f"{rel}: {rel_name} {href!r} resolves to nothing ({file})")
        self.assertEqual(problems, [], "\n".join(problems[:30]))
        return pages


class PortalSharing(SharingChecks):
    @classmethod
    def setUpClass(cls):
        e2e.ensure_binary()

    def setUp(self):
        super().setUp()
        self.content = self.copy_minimal()
        self.out = self.tmp / "public"
        self.assertBuildOk(e2e.build(self.content, self.out))

    def test_every_page_has_opengraph_and_icons(self):
        self.check_site(self.out, PORTAL)

    def test_favicon_at_the_root_and_the_theme_pictures(self):
        ico = self.out / "favicon.ico"
        self.assertTrue(ico.is_file(), "browsers ask every site for /favicon.ico")
        data = ico.read_bytes()
        self.assertEqual(data[:4], b"\0\0\1\0", "favicon.ico is not an ICO file")
        count = struct.unpack("<H", data[4:6])[0]
        sizes = {data[6 + 16 * i] or 256 for i in range(count)}
        self.assertIn(32, sizes)
        self.assertIn(16, sizes)
        self.assertEqual(png_size(self.out / "assets" / "apple-touch-icon.png"), (180, 180))
        # Without an emblem anywhere the theme's picture is shared, in the size VK and
        # Telegram ask for, and said so.
        h = head_of(self.out / "orgs" / "index.html")
        self.assertEqual(h.one("og:image"), PORTAL + "assets/share.png")
        self.assertEqual(png_size(self.out / "assets" / "share.png"), (1200, 630))
        self.assertEqual((h.one("og:image:width"), h.one("og:image:height")), ("1200", "630"))
        self.assertIn("image/svg+xml", [t for r, _, t, _ in h.links if r == "icon"])

    def test_an_entry_is_an_article_with_its_summary_and_its_image(self):
        page = self.out / "school-7" / "news" / "den-nastavnika" / "index.html"
        h = head_of(page)
        self.assertEqual(h.one("og:type"), "article")
        self.assertEqual(e2e.normalise(h.one("og:title")), e2e.normalise("День наставника в школе"))
        self.assertIn(e2e.normalise("В школе прошёл День наставника"), e2e.normalise(h.one("og:description")))
        self.assertEqual(h.one("og:description"), h.one("description"), "og:description is the page's summary")
        # The news item's image (den-nastavnika.jpg; its largest published size once photos
        # are resized), a file of the page's folder.
        self.assertRegex(h.one("og:image"), "^" + re.escape(PORTAL + "school-7/news/den-nastavnika/den-nastavnika") + r"[-\w]*\.jpg$")
        self.assertTrue(e2e.url_to_file(self.out, PORTAL, h.one("og:image")).is_file())
        self.assertEqual(h.one("article:published_time"), "2025-11-20")
        # Its size, when given, is the file's.
        if "og:image:width" in h.meta:
            file = e2e.url_to_file(self.out, PORTAL, h.one("og:image"))
            self.assertEqual((int(h.one("og:image:width")), int(h.one("og:image:height"))), jpeg_size(file))
        # A list is a website, not an article.
        self.assertEqual(head_of(self.out / "school-7" / "news" / "index.html").one("og:type"), "website")


class Emblems(SharingChecks):
    def setUp(self):
        super().setUp()
        self.content = self.copy_minimal()
        (self.content / "school-7" / "files" / "Герб школы.png").write_bytes(png(64, 64))
        (self.content / "uo-gorod" / "files" / "gerb-uo.png").write_bytes(png(48, 48, (20, 60, 120)))
        self.org_yaml = self.content / "school-7" / "org.yaml"
        self.org_yaml.write_text(self.org_yaml.read_text(encoding="utf-8") + 'emblem: "files/Герб школы.png"\n', encoding="utf-8")
        dept = self.content / "uo-gorod" / "org.yaml"
        dept.write_text(dept.read_text(encoding="utf-8") + "emblem: files/gerb-uo.png\n", encoding="utf-8")

    def test_the_emblem_is_the_icon_and_the_picture_of_its_organisations_pages(self):
        out = self.tmp / "public"
        proc = e2e.build(self.content, out)
        self.assertBuildOk(proc)
        unused = [l for l in (proc.stdout + proc.stderr).splitlines() if "не используется" in l and ("Герб" in l or "gerb" in l)]
        self.assertEqual(unused, [], "an emblem is a used file")
        self.check_site(out, PORTAL)
        # Re-encoded like every photo (its own width, 64 px: no larger file is made), never
        # the upload itself.
        emblem = out / "school-7" / "gerb-shkoly-64.jpg"
        self.assertTrue(emblem.is_file(), sorted(p.name for p in (out / "school-7").iterdir()))
        self.assertFalse((out / "school-7" / "gerb-shkoly.png").exists())
        for rel in ("school-7/index.html", "school-7/orders/index.html", "school-7/kontakty/index.html"):
            with self.subTest(page=rel):
                h = head_of(out / rel)
                self.assertEqual(h.one("og:image"), PORTAL + "school-7/gerb-shkoly-64.jpg")
                self.assertEqual((h.one("og:image:width"), h.one("og:image:height")), ("64", "64"))
                icons = [(href, t) for r, href, t, _ in h.links if r == "icon"]
                self.assertEqual(len(icons), 1, icons)
                kind, file = e2e.resolve_link(out, out / rel, icons[0][0], PORTAL)
                self.assertEqual((kind, file, icons[0][1]), ("file", emblem, "image/jpeg"))  # opaque: no PNG needed
                kind, file = e2e.resolve_link(out, out / rel, h.hrefs("apple-touch-icon")[0], PORTAL)
                self.assertEqual(file, emblem)
        # An entry's own image comes before the emblem.
        news = head_of(out / "school-7" / "news" / "den-nastavnika" / "index.html")
        self.assertRegex(news.one("og:image"), "^" + re.escape(PORTAL + "school-7/news/den-nastavnika/den-nastavnika") + r"[-\w]*\.jpg$")
        # The department's emblem stands for the portal's own pages.
        for rel in ("index.html", "orgs/index.html", "uo-gorod/documents/index.html"):
            with self.subTest(page=rel):
                self.assertEqual(head_of(out / rel).one("og:image"), PORTAL + "uo-gorod/gerb-uo-48.jpg")

    def test_the_emblem_shared_with_the_tab_is_published_once(self):
        index = self.content / "school-7" / "_index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("---\nВ школе", 'image: "files/Герб школы.png"\n---\nВ школе', 1),
                         encoding="utf-8")
        out = self.tmp / "public"
        self.assertBuildOk(e2e.build(self.content, out))
        self.check_site(out, PORTAL)
        # The tab's picture and the emblem of every other page are one file.
        tab = head_of(out / "school-7" / "index.html").one("og:image")
        self.assertEqual(head_of(out / "school-7" / "orders" / "index.html").one("og:image"), tab)
        self.assertEqual([p.name for p in (out / "school-7").iterdir() if p.name.startswith("gerb-shkoly-2")], [])

    def test_a_section_shares_its_own_addresses(self):
        out = self.tmp / "section"
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", out, "--org", "school-7",
                                  "--base-url", SECTION], cwd=self.tmp)
        self.assertBuildOk(proc)
        self.check_site(out, SECTION, own_only=True)
        h = head_of(out / "orders" / "index.html")
        self.assertEqual(h.one("og:url"), SECTION + "orders/")
        self.assertEqual(h.one("og:image"), SECTION + "gerb-shkoly-64.jpg")

    @unittest.skipUnless(shutil.which("vips") and shutil.which("exiftool"), "needs libvips-tools and exiftool (scripts/setup.sh)")
    def test_a_phone_photo_as_emblem_is_published_small_and_without_its_gps(self):
        photo = self.content / "school-7" / "files" / "gerb.jpg"
        subprocess.run(["vips", "black", str(self.tmp / "g.v"), "900", "700", "--bands", "3"], check=True)
        subprocess.run(["vips", "linear", str(self.tmp / "g.v"), str(photo), "1", "90"], check=True)
        subprocess.run(["exiftool", "-q", "-overwrite_original", "-GPSLatitude=53.72", "-GPSLatitudeRef=N", "-GPSLongitude=91.44",
                        "-GPSLongitudeRef=E", "-Model=iPhone 14", str(photo)], check=True)
        self.org_yaml.write_text(self.org_yaml.read_text(encoding="utf-8").rsplit("emblem:", 1)[0] + "emblem: files/gerb.jpg\n",
                                 encoding="utf-8")
        out = self.tmp / "public"
        self.assertBuildOk(e2e.build(self.content, out))
        self.check_site(out, PORTAL)
        h = head_of(out / "school-7" / "orders" / "index.html")
        self.assertEqual(h.one("og:image"), PORTAL + "school-7/gerb-900.jpg")
        icons = [(href, t) for r, href, t, _ in h.links if r == "icon"]
        self.assertEqual(len(icons), 1, icons)
        kind, icon = e2e.resolve_link(out, out / "school-7" / "orders" / "index.html", icons[0][0], PORTAL)
        self.assertEqual((icon.name, icons[0][1]), ("gerb-240.jpg", "image/jpeg"))
        published = sorted((out / "school-7").glob("gerb*"))
        self.assertFalse((out / "school-7" / "gerb.jpg").exists())
        tags = subprocess.run(["exiftool", "-a", "-G1", "-s", *map(str, published)], capture_output=True, text=True, check=True).stdout
        self.assertNotIn("GPS", tags)
        self.assertNotIn("iPhone", tags)

    def test_a_wrong_emblem_is_an_error_at_its_line(self):
        for value, words in (("files/net-takogo.png", "не найден"), ("files/../org.yaml", "за пределы"),
                             ("files/prikaz-45.pdf", "изображением")):
            with self.subTest(value=value):
                self.org_yaml.write_text(self.org_yaml.read_text(encoding="utf-8").rsplit("emblem:", 1)[0] + f"emblem: {value}\n",
                                         encoding="utf-8")
                lines = self.org_yaml.read_text(encoding="utf-8").splitlines()
                line = next(i for i, l in enumerate(lines, 1) if l.startswith("emblem:"))
                proc = e2e.build(self.content, self.tmp / "out")
                self.assertEqual(proc.returncode, 1, e2e.describe(proc))
                errors = [l for l in proc.stderr.splitlines() + proc.stdout.splitlines() if f"school-7/org.yaml:{line}:" in l]
                self.assertTrue(any(words in l for l in errors), e2e.describe(proc))


class DemoSharing(SharingChecks):
    """The demo site: every page type of a real municipality."""

    def test_every_page_of_the_demo_site(self):
        out = self.tmp / "public"
        self.assertBuildOk(e2e.build(e2e.DEMO_CONTENT, out, epoch=1764072000))
        pages = self.check_site(out, DEMO)
        self.assertGreater(len(pages), 100)
        self.assertTrue((out / "favicon.ico").is_file())


if __name__ == "__main__":
    unittest.main(verbosity=2)
