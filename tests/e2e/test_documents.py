#!/usr/bin/python3
"""End-to-end: what is inside an attached document reaches the reader.

A curator attaches an order as a PDF (saved from Word, or printed: here Chromium prints
Russian HTML to PDF, as any office program would), a programme as DOCX or ODT, or a scan
of signed paper. The order's page then shows the document's text under its link (a
screen reader reads it, the site's search finds it), the register tells format, size and
pages, a scan is told at the entry that links it (searching and copying the text is what
Рособрнадзор's order № 1493 asks), and a child's name without consent inside a PDF stops
the build like one in the page's own text. Each test copies tests/fixtures/minimal, builds
it once, changes it as a curator would and builds again.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_documents.py
"""
import html
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md"       # file: line 6
DOCUMENT = "school-7/documents/2024-08-30-programma.md"   # file: line 5
ORDER_PAGE = "school-7/orders/o-vnedrenii/index.html"
DOCUMENT_PAGE = "school-7/documents/programma/index.html"
ORDERS_LIST = "school-7/orders/index.html"

ORDER_TEXT = ("Приказ № 45-о «О внедрении целевой модели наставничества». "
              "Назначить куратором внедрения заместителя директора по учебно-воспитательной работе. "
              "Утвердить дорожную карту наставничества на 2024/2025 учебный год.")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def printed_pdf(folder: Path, name: str, paragraphs) -> Path:
    """A PDF with a text layer, as Word's «Сохранить как PDF» makes one: Chromium prints HTML."""
    source = folder / (name + ".html")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    source.write_text(f"<!doctype html><html lang=ru><meta charset=utf-8><body style='font: 14pt DejaVu Serif'>{body}</body></html>",
                      encoding="utf-8")
    out = folder / name
    proc = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                           f"--print-to-pdf={out}", source.as_uri()], capture_output=True, text=True, timeout=120)
    if not out.exists():
        raise AssertionError("Chromium did not print the PDF:\n" + proc.stderr)
    return out


def photographed_pdf(folder: Path, name: str, paragraphs) -> Path:
    """A scan of printed paper: the text as a picture (Chromium's screenshot), printed into a
    PDF that holds only that picture, no text layer."""
    source = folder / (name + ".text.html")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    source.write_text(f"<!doctype html><html lang=ru><meta charset=utf-8><body style='font: 22px DejaVu Serif; margin: 40px; "
                      f"background: #fff; color: #000'>{body}</body></html>", encoding="utf-8")
    picture = folder / (name + ".png")
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--screenshot={picture}",
                    "--window-size=1000,500", source.as_uri()], capture_output=True, timeout=120)
    if not picture.exists():
        raise AssertionError("Chromium did not take the screenshot")
    page = folder / (name + ".page.html")
    page.write_text(f"<!doctype html><html><body style='margin:0'><img src='{picture.as_uri()}' style='width:100%'></body></html>",
                    encoding="utf-8")
    out = folder / name
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                    page.as_uri()], capture_output=True, timeout=120)
    if not out.exists():
        raise AssertionError("Chromium did not print the scan")
    return out


def scan_pdf(pages=2) -> bytes:
    """A PDF of pages without text, as a scanner writes them (the picture left out)."""
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    for i in range(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R >>".encode())
        stream = b"0.9 g 50 50 495 742 re f"
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    return e2e.pdf_of(objs)


def docx(path: Path, paragraphs, hidden=(), pages=None):
    """A Word document: paragraphs, and runs Word hides (formatting «скрытый»)."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    runs = "".join(f'<w:p><w:r><w:t xml:space="preserve">{html.escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    runs += "".join(f'<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>{html.escape(h)}</w:t></w:r></w:p>' for h in hidden)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{runs}</w:body></w:document>')
        if pages:
            z.writestr("docProps/app.xml", f'<?xml version="1.0"?><Properties><Pages>{pages}</Pages></Properties>')


def odt(path: Path, paragraphs):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                                            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>')
        body = "".join(f"<text:p>{html.escape(p)}</text:p>" for p in paragraphs)
        z.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                                  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                                  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                                  f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")


def page_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    m = re.search(r"<main\b.*?</main>", text, re.S)
    return html.unescape(e2e.strip_tags(m.group(0) if m else text)).replace("\u00a0", " ")


class Documents(e2e.MutatedMinimalCase):

    def setUp(self):
        super().setUp()
        self.assertTrue(chromium(), "Chromium prints the PDFs: NASTAVNIK_TEST_DEPS=1 scripts/setup.sh installs it")

    def build_ok(self):
        proc = e2e.build(self.content, self.out)
        self.assertBuildOk(proc)
        return proc

    def test_an_orders_text_is_shown_under_its_link_and_its_pages_in_the_register(self):
        printed_pdf(self.tmp, "order.pdf", [ORDER_TEXT, "Директор школы — подпись."])
        shutil.copy(self.tmp / "order.pdf", self.path("school-7/files/prikaz-45.pdf"))
        proc = self.build_ok()
        self.assertNotIn("скан", proc.stderr)
        page = self.out / ORDER_PAGE
        text = page_text(page)
        self.assertIn("Текстовая версия", text)
        for phrase in ("Назначить куратором внедрения заместителя директора", "«О внедрении целевой модели наставничества»"):
            self.assertIn(phrase, text)
        # Under the link to the file, in the list of files.
        raw = page.read_text(encoding="utf-8")
        self.assertLess(raw.index("prikaz-45.pdf"), raw.index("Текстовая версия"))
        self.assertRegex(text, r"\(PDF, [\d,]+ (Б|КБ), 1 страница\)")
        self.assertRegex(page_text(self.out / ORDERS_LIST), r"\(PDF, [\d,]+ (Б|КБ), 1 страница\)")

    def test_a_word_document_s_text_without_its_hidden_runs(self):
        docx(self.path("school-7/files/programma.docx"),
             ["Программа наставничества МБОУ СОШ № 7 на 2024–2026 годы.", "Форма «учитель — учитель»: сопровождение молодых специалистов."],
             hidden=["Черновая пометка для себя"], pages=4)
        self.replace(DOCUMENT, "file: files/programma.pdf", "file: files/programma.docx")
        self.path("school-7/files/programma.pdf").unlink()
        self.build_ok()
        text = page_text(self.out / DOCUMENT_PAGE)
        self.assertIn("Форма «учитель — учитель»: сопровождение молодых специалистов.", text)
        self.assertNotIn("Черновая пометка", text)
        self.assertRegex(text, r"\(DOCX, [\d,]+ (Б|КБ), 4 страницы\)")

    def test_an_opendocument_text_is_shown(self):
        odt(self.path("school-7/files/programma.odt"), ["Положение о наставничестве, принятое педсоветом."])
        self.replace(DOCUMENT, "file: files/programma.pdf", "file: files/programma.odt")
        self.path("school-7/files/programma.pdf").unlink()
        self.build_ok()
        text = page_text(self.out / DOCUMENT_PAGE)
        self.assertIn("Положение о наставничестве, принятое педсоветом.", text)
        self.assertRegex(text, r"\(ODT, [\d,]+ (Б|КБ)\)")

    def test_a_scan_is_told_at_the_entry_that_links_it(self):
        self.path("school-7/files/prikaz-45.pdf").write_bytes(scan_pdf(pages=3))
        proc = self.build_ok()
        warnings = [l for l in proc.stderr.splitlines() if l.startswith(ORDER + ":6:")]
        self.assertTrue(warnings, e2e.describe(proc))
        self.assertIn("предупреждение", warnings[0])
        for part in ("скан без текстового слоя", "поиском", "экранного доступа", "№ 1493"):
            self.assertIn(part, warnings[0])
        text = page_text(self.out / ORDER_PAGE)
        self.assertNotIn("Текстовая версия", text)
        self.assertRegex(text, r"\(PDF, [\d,]+ (Б|КБ), 3 страницы\)")

    def test_a_long_text_is_collapsed_by_the_script_and_whole_without_it(self):
        paragraphs = [f"Пункт {n}. Наставник и наставляемый составляют индивидуальный план развития и отчитываются о его выполнении." for n in range(1, 60)]
        printed_pdf(self.tmp, "long.pdf", paragraphs)
        shutil.copy(self.tmp / "long.pdf", self.path("school-7/files/prikaz-45.pdf"))
        self.build_ok()
        raw = (self.out / ORDER_PAGE).read_text(encoding="utf-8")
        self.assertRegex(raw, r'class="document-text long"')
        self.assertIn("Пункт 59.", page_text(self.out / ORDER_PAGE))

    def test_a_hidden_child_s_name_inside_a_pdf_stops_the_build(self):
        # Зайцев Тимофей: the mentee of stories/pervyy-god.md, a minor without consent.
        printed_pdf(self.tmp, "order.pdf", [ORDER_TEXT, "Закрепить за наставником ученика 8 «Б» класса Зайцева Тимофея."])
        shutil.copy(self.tmp / "order.pdf", self.path("school-7/files/prikaz-45.pdf"))
        self.assertRejected(ORDER + ":6:", "в тексте файла «files/prikaz-45.pdf»", "Зайцева Тимофея", "consent: true")

    def test_a_documents_text_is_read_once_and_kept_in_the_cache(self):
        printed_pdf(self.tmp, "order.pdf", [ORDER_TEXT])
        shutil.copy(self.tmp / "order.pdf", self.path("school-7/files/prikaz-45.pdf"))
        cache = self.tmp / "cache"
        env = {"NASTAVNIK_CACHE": str(cache)}
        run = lambda out: e2e.run_nastavnik(["build", "--content", self.content, "--out", out, "--theme", e2e.THEME],
                                            cwd=self.tmp, extra_env=env)
        self.assertBuildOk(run(self.out))
        kept = [p for p in (cache / "documents").glob("*.txt") if "Назначить куратором" in p.read_text(encoding="utf-8")]
        self.assertEqual(len(kept), 1, "the order's text is kept under its hash")
        # The next build takes the text from there, not from the PDF (a fresh CI checkout with
        # its cache restored reads no PDF again): what the cache says is what the page shows.
        kept[0].write_text(kept[0].read_text(encoding="utf-8").replace("Назначить куратором", "Назначить из кеша"), encoding="utf-8")
        self.assertBuildOk(run(self.tmp / "again"))
        self.assertIn("Назначить из кеша", page_text(self.tmp / "again" / ORDER_PAGE))

    def test_a_damaged_pdf_is_told(self):
        good = self.path("school-7/files/prikaz-45.pdf").read_bytes()
        self.path("school-7/files/prikaz-45.pdf").write_bytes(good[:40])
        proc = self.build_ok()
        self.assertTrue([l for l in proc.stderr.splitlines() if l.startswith(ORDER + ":6:") and "не удалось прочитать" in l], e2e.describe(proc))


class Recognition(e2e.MutatedMinimalCase):
    """site.yaml's `ocr: true`: a scan gets a Russian text layer once, kept in the cache."""

    SCAN_TEXT = ["Приказ № 45-о", "О внедрении целевой модели наставничества в школе"]

    def setUp(self):
        super().setUp()
        self.assertTrue(chromium(), "Chromium prints the PDFs: NASTAVNIK_TEST_DEPS=1 scripts/setup.sh installs it")
        self.cache = self.tmp / "cache"
        self.append("site.yaml", "ocr: true\n")
        photographed_pdf(self.tmp, "scan.pdf", self.SCAN_TEXT)
        shutil.copy(self.tmp / "scan.pdf", self.path("school-7/files/prikaz-45.pdf"))

    def build_with(self, out, path=None):
        env = {"NASTAVNIK_CACHE": str(self.cache)}
        if path is not None:
            env["PATH"] = path
        return e2e.run_nastavnik(["build", "--content", self.content, "--out", out, "--theme", e2e.THEME], cwd=self.tmp,
                                 extra_env=env, timeout=600)

    def test_a_scan_is_recognised_once_and_published_searchable(self):
        self.assertTrue(shutil.which("ocrmypdf"), "OCRmyPDF is installed by NASTAVNIK_TEST_DEPS=1 scripts/setup.sh")
        proc = self.build_with(self.out)
        self.assertBuildOk(proc)
        self.assertNotIn("скан", proc.stderr, "a recognised scan is no longer a scan")
        text = page_text(self.out / ORDER_PAGE).lower()
        self.assertIn("текстовая версия", text)
        for word in ("приказ", "внедрении", "наставничества"):
            self.assertIn(word, text)
        published = (self.out / "school-7/orders/o-vnedrenii/prikaz-45.pdf").read_bytes()
        self.assertNotEqual(published, (self.tmp / "scan.pdf").read_bytes(), "the searchable PDF is published, not the scan")
        self.assertTrue(published.startswith(b"%PDF"))
        kept = list((self.cache / "documents").glob("*.pdf"))
        self.assertEqual(len(kept), 1, "the recognised scan is kept in the cache")
        # The next build (a fresh checkout in CI, its cache restored) recognises nothing: it
        # does not even need OCRmyPDF, and publishes the same bytes.
        again = self.tmp / "again"
        proc = self.build_with(again, path="/nonexistent")
        self.assertBuildOk(proc)
        self.assertEqual((again / "school-7/orders/o-vnedrenii/prikaz-45.pdf").read_bytes(), published)
        self.assertEqual(e2e.tree_hash(again), e2e.tree_hash(self.out))

    def test_without_ocrmypdf_the_scan_is_told_why(self):
        proc = self.build_with(self.out, path="/nonexistent")
        self.assertBuildOk(proc)
        warnings = [l for l in proc.stderr.splitlines() if l.startswith(ORDER + ":6:")]
        self.assertTrue(warnings, e2e.describe(proc))
        self.assertIn("распознавание (ocr: true) не сработало", warnings[0])
        self.assertIn("OCRmyPDF не установлена", warnings[0])


if __name__ == "__main__":
    unittest.main(verbosity=2)
