#!/usr/bin/python3
"""End-to-end: a small picture of a PDF's first page on the document's page.

A curator attaches an order as a PDF; the order's page shows its first page small, inside
the link to the file, so that a reader sees the letterhead before opening it. The picture
is a WebP published beside the file (prikaz-45.pdf → prikaz-45.pdf.webp), 320 pixels wide
for a box of 160 CSS pixels whose height the page reserves; it is decorative (alt=""),
drawn once and then taken from the cache, the same bytes from either. `check` writes no
thumbnail to the cache; a Word document, and a PDF poppler cannot open, get none; lists
show none.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_document_thumbnails.py
"""
import html.parser
import subprocess
import sys
import unittest
import zipfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

ORDER_FILE = "school-7/files/prikaz-45.pdf"
ORDER_FOLDER = "school-7/orders/o-vnedrenii"
ORDERS_LIST = "school-7/orders/index.html"
DOCUMENT = "school-7/documents/2024-08-30-programma.md"
DOCUMENT_FOLDER = "school-7/documents/programma"


def a4_pdf(lines) -> bytes:
    """A one-page A4 PDF of these lines (Helvetica, so ASCII only), as an order is printed."""
    stream = "BT /F1 16 Tf 72 770 Td 22 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    return e2e.one_page_pdf(stream.encode(), 595, 842)


def docx(path: Path, text: str):
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body><w:p><w:r><w:t>{text}</w:t>'
                                        "</w:r></w:p></w:body></w:document>")


def picture_size(path: Path):
    """Width, height and loader as libvips' own client reads them."""
    out = subprocess.run(["vipsheader", "-a", str(path)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    return int(fields["width"]), int(fields["height"]), fields.get("vips-loader", "")


class Images(html.parser.HTMLParser):
    """Every <img> of the page, with the href of the link around it."""

    def __init__(self):
        super().__init__()
        self.images, self.link = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.link = dict(attrs).get("href")
        elif tag == "img":
            self.images.append(dict(attrs, link=self.link))

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = None


def images_of(page: Path):
    parser = Images()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.images


class Thumbnails(e2e.MutatedMinimalCase):

    def build(self, out, cache):
        proc = e2e.build(self.content, out, "--cache", cache)
        self.assertBuildOk(proc)
        return proc

    def test_a_pdf_s_first_page_is_shown_small_in_its_link_and_drawn_once(self):
        self.path(ORDER_FILE).write_bytes(a4_pdf(["ORDER No 45-o", "On the mentoring model", "", "The director"]))
        cache = self.tmp / "cache"
        self.build(self.out, cache)
        thumbnail = self.out / ORDER_FOLDER / "prikaz-45.pdf.webp"
        self.assertTrue(thumbnail.is_file(), sorted(p.name for p in (self.out / ORDER_FOLDER).iterdir()))
        width, height, loader = picture_size(thumbnail)
        self.assertEqual(loader, "webpload")
        self.assertEqual((width, height), (320, 453))  # A4: 320 × 842 / 595
        data = thumbnail.read_bytes()
        self.assertLessEqual(len(data), 15 * 1024)
        for chunk in (b"EXIF", b"XMP ", b"ICCP"):
            self.assertNotIn(chunk, data, "no metadata in the thumbnail")

        shown = [i for i in images_of(self.out / ORDER_FOLDER / "index.html") if "document-page" in i.get("class", "")]
        self.assertEqual(len(shown), 1, shown)
        img = shown[0]
        self.assertTrue(img["src"].endswith(f"{ORDER_FOLDER}/prikaz-45.pdf.webp") or img["src"] == "prikaz-45.pdf.webp", img)
        self.assertTrue(img["link"].endswith("prikaz-45.pdf"), "inside the link to the file")
        self.assertEqual(img["alt"], "", "decorative: the link's text names the file")
        self.assertEqual((img["width"], img["height"]), ("160", str((height + 1) // 2)), "the box at half the pixels")
        self.assertEqual((img["loading"], img["decoding"]), ("lazy", "async"))
        self.assertNotIn("document-page", (self.out / ORDERS_LIST).read_text(encoding="utf-8"), "lists show no thumbnail")

        kept = [p for p in (cache / "documents").glob("*.page1-v1.webp") if p.read_bytes() == data]
        self.assertEqual(len(kept), 1, "the thumbnail is kept in the cache")
        # From the cache, and drawn again in a fresh one: the same site, byte for byte.
        self.build(self.tmp / "warm", cache)
        self.build(self.tmp / "cold", self.tmp / "fresh-cache")
        self.assertEqual(e2e.tree_hash(self.tmp / "warm"), e2e.tree_hash(self.out))
        self.assertEqual(e2e.tree_hash(self.tmp / "cold"), e2e.tree_hash(self.out))

    def test_check_writes_no_thumbnail_to_the_cache(self):
        cache = self.tmp / "check-cache"
        proc = e2e.run_nastavnik(["check", "--content", self.content, "--cache", cache], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertEqual(sorted(str(p) for p in cache.rglob("*.webp")) if cache.exists() else [], [])

    def test_a_word_document_and_an_unreadable_pdf_have_none(self):
        docx(self.path("school-7/files/programma.docx"), "Programma nastavnichestva")
        self.replace(DOCUMENT, "file: files/programma.pdf", "file: files/programma.docx")
        self.path("school-7/files/programma.pdf").unlink()
        self.path(ORDER_FILE).write_bytes(b"%PDF-1.4\n% cut short\n%%EOF\n")
        proc = self.build(self.out, self.tmp / "cache")
        self.assertIn("не удалось прочитать", proc.stderr, "the text part tells about the unreadable file")
        for folder, name in ((DOCUMENT_FOLDER, "programma.docx"), (ORDER_FOLDER, "prikaz-45.pdf")):
            self.assertTrue((self.out / folder / name).is_file())
            self.assertEqual(sorted(p.name for p in (self.out / folder).glob("*.webp")), [])
            self.assertNotIn("document-page", (self.out / folder / "index.html").read_text(encoding="utf-8"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
