#!/usr/bin/python3
"""End-to-end: what curators upload and name as they do is published as they meant, or
stopped with an error at the place that links it; nothing is dropped or damaged in silence.

Files whose content is not what their name says (an empty PDF, an iPhone photo renamed to
.jpg, a Word document saved as .pdf), uploads nothing links, a news file ending in .MD, a
date decades ahead, a link to a file with a space in its name, and the same news a year
later.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_uploads.py
"""
import shutil
import struct
import sys
import unittest
import zlib
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

NEWS = "school-7/news/2025-11-20-den-nastavnika.md"   # title line 2, date line 3, image line 4, body line 6
ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md"   # file line 6
DOCX = e2e.DEMO_CONTENT / "tehnikum-birobidzhan" / "files" / "dogovor-nastavnik-predpriyatie.docx"

# The first bytes of a photo taken by an iPhone (HEIC in an ISO media `ftyp` box).
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00\x00\x00\x08free" + bytes(range(256)) * 4


def tiny_png() -> bytes:
    """A valid 1×1 PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


class Uploads(e2e.MutatedMinimalCase):
    def build_ok(self):
        """Builds into OUT; the build must succeed. Returns the process."""
        proc = e2e.build(self.content, self.out)
        self.assertBuildOk(proc)
        return proc

    def warnings(self, proc, prefix):
        return [l for l in proc.stderr.splitlines() if l.startswith(prefix) and ": предупреждение: " in l]

    # ------------------------------------------------------ content vs name --

    def test_empty_pdf_is_refused_where_it_is_linked(self):
        self.path("school-7/files/prikaz-45.pdf").write_bytes(b"")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "«files/prikaz-45.pdf» пустой (0 байт)", "загрузите его заново")

    # iPhone photos are the photo pipeline's (image/): decoded and published converted.
    # Whatever it makes of these bytes (they only begin like a photo), the file is named as
    # what it is and a photo is never told to be saved as a PDF.
    def test_heic_photo_renamed_to_jpg_is_named_as_a_heic_photo(self):
        self.path("school-7/files/den-nastavnika.jpg").write_bytes(HEIC)
        proc = e2e.build(self.content, self.out)
        lines = [l for l in proc.stderr.splitlines() if l.startswith(f"{NEWS}:4:8: ")]
        self.assertTrue(any("«files/den-nastavnika.jpg» — на самом деле фотография HEIC с iPhone" in l for l in lines), e2e.describe(proc))
        self.assertNotIn("как PDF", proc.stderr)
        self.assertNotIn("не допускается", proc.stderr)

    def test_heic_upload_is_not_refused_for_its_format(self):
        self.path("school-7/files/foto.heic").write_bytes(HEIC)
        self.replace(NEWS, "image: files/den-nastavnika.jpg", "image: files/foto.heic")
        proc = e2e.build(self.content, self.out)
        self.assertNotIn("как PDF", proc.stderr)
        self.assertNotIn("не допускается", proc.stderr)
        self.assertNotIn("на самом деле", proc.stderr)

    def test_word_document_renamed_to_pdf_is_refused_naming_what_it_is(self):
        shutil.copy(DOCX, self.path("school-7/files/prikaz-45.pdf"))
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "«files/prikaz-45.pdf» — на самом деле документ Word (DOCX), а не PDF",
                            "переименуйте его в prikaz-45.docx", errors=1)

    def test_text_saved_as_pdf_is_refused(self):
        self.path("school-7/files/prikaz-45.pdf").write_text("Приказ № 45 — текст будет позже\n", encoding="utf-8")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "на самом деле текстовый файл", "сохраните его как PDF")

    def test_png_named_jpg_is_published_with_a_warning(self):
        png = tiny_png()
        self.path("school-7/files/den-nastavnika.jpg").write_bytes(png)
        proc = self.build_ok()
        warnings = self.warnings(proc, f"{NEWS}:4:8: ")
        self.assertEqual(len(warnings), 1, proc.stderr)
        self.assertIn("на самом деле изображение PNG", warnings[0])
        self.assertIn("переименуйте его в den-nastavnika.png", warnings[0])
        folder = self.out / "school-7" / "news" / "den-nastavnika"
        self.assertTrue([p for p in folder.iterdir() if p.suffix in (".jpg", ".png", ".webp")], "the picture is published")

    # ---------------------------------------------------------- unused files --

    def test_uploaded_file_linked_from_nowhere_is_named(self):
        self.path("school-7/files/otchet-2024.pdf").write_bytes(e2e.tiny_pdf("otchet"))
        proc = self.build_ok()
        self.assertEqual(proc.stderr.splitlines(), [
            "school-7/files/otchet-2024.pdf: предупреждение: файл files/otchet-2024.pdf не используется: "
            "на него нет ссылки ни в одном материале; добавьте ссылку или удалите файл"])
        self.assertEqual(e2e.files_under(self.out, "otchet-2024.pdf"), [], "an unused file is not published")
        # Linked from the text, it is used.
        self.append(NEWS, "\n[Отчёт за 2024 год](files/otchet-2024.pdf)\n")
        proc = self.build_ok()
        self.assertEqual(proc.stderr, "")

    # --------------------------------------------------------- content files --

    def test_news_file_with_upper_case_extension_is_published(self):
        self.path(NEWS).rename(self.path("school-7/news/2025-11-20-den-nastavnika.MD"))
        proc = self.build_ok()
        self.assertEqual(proc.stderr, "", "no warning: the file is published")
        page = self.out / "school-7" / "news" / "den-nastavnika" / "index.html"
        self.assertIn("День наставника", page.read_text(encoding="utf-8"))

    def test_text_file_in_a_section_folder_is_refused(self):
        e2e.write(self.path("school-7/news/novost.txt"), "Новость о конкурсе\n")
        self.assertRejected("school-7/news/novost.txt: ошибка: ", "файл .txt не публикуется", "файле .md")

    def test_word_file_in_a_section_folder_is_refused(self):
        shutil.copy(DOCX, self.path("school-7/news/novost.docx"))
        self.assertRejected("school-7/news/novost.docx: ошибка: ", "документ DOCX не публикуется как материал", "папку files/")

    # ----------------------------------------------------------------- dates --

    def test_date_far_in_the_future_is_a_warning_and_the_item_waits(self):
        self.replace(NEWS, "date: 2025-11-20", "date: 2062-12-03")
        proc = self.build_ok()
        # The fixture's own news of next month (2026-12-15) waits without a word.
        self.assertEqual(proc.stderr.splitlines(), [
            f"{NEWS}:3:7: предупреждение: дата 2062-12-03 больше чем на год впереди: материал не появится на сайте "
            "до этого дня; если в дате опечатка, исправьте её"])
        self.assertFalse((self.out / "school-7" / "news" / "den-nastavnika").exists())
        # check -v lists every item that waits for its date.
        verbose = e2e.run_nastavnik(["check", "--content", self.content, "-v"], cwd=self.tmp)
        self.assertEqual(verbose.returncode, 0, e2e.describe(verbose))
        self.assertIn("ждут даты публикации: 2", verbose.stderr)
        self.assertIn(f"{NEWS} (2062-12-03)", verbose.stderr)
        self.assertIn("school-7/news/2026-12-15-zimniy-slet.md (2026-12-15)", verbose.stderr)

    # ----------------------------------------------------------------- links --

    def test_link_to_a_file_with_a_space_in_its_name_is_a_link(self):
        self.path("school-7/files/Приказ 125.pdf").write_bytes(e2e.tiny_pdf("prikaz 125"))
        self.append(NEWS, "\nПодробнее: [приказ](files/Приказ 125.pdf), [он же](<files/Приказ 125.pdf>).\n")
        proc = self.build_ok()
        self.assertEqual(proc.stderr, "")
        page = (self.out / "school-7" / "news" / "den-nastavnika" / "index.html").read_text(encoding="utf-8")
        self.assertIn('<a href="prikaz-125.pdf">приказ</a>', page)
        self.assertNotIn("](files/", page, "raw Markdown published")
        self.assertTrue((self.out / "school-7" / "news" / "den-nastavnika" / "prikaz-125.pdf").is_file())
        self.assertEqual(e2e.broken_links(self.out, e2e.MINIMAL_BASE_URL), [])

    def test_link_markdown_does_not_recognise_is_refused_not_published_as_text(self):
        self.append(NEWS, "\nСм. [приказ] (files/prikaz-45.pdf).\n")
        self.assertRejected(f"{NEWS}:8:5: ошибка: ", "«[приказ] (files/prikaz-45.pdf)» не распознана", "уберите пробел между «]» и «(»")

    # -------------------------------------------------------- yearly events --

    def test_the_same_news_a_year_later_gets_its_own_address(self):
        text = self.path(NEWS).read_text(encoding="utf-8")
        e2e.write(self.path("school-7/news/2026-11-20-den-nastavnika.md"),
                  text.replace("date: 2025-11-20", "date: 2026-11-20").replace("в школе прошёл", "в школе снова прошёл"))
        proc = self.build_ok()
        self.assertEqual(proc.stderr, "")
        news = self.out / "school-7" / "news"
        # Last year's item keeps the address it was published at; this year's adds its year.
        self.assertIn("2025", (news / "den-nastavnika" / "index.html").read_text(encoding="utf-8"))
        self.assertIn("2026", (news / "den-nastavnika-2026" / "index.html").read_text(encoding="utf-8"))

    def test_new_names_next_years_news_so_that_no_address_moves(self):
        proc = e2e.run_nastavnik(["new", "news", "--org", "school-7", "--content", self.content, "--date", "2026-11-20",
                                  "День наставника"], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        created = self.path("school-7/news/2026-11-20-den-nastavnika-2026.md")
        self.assertTrue(created.is_file(), e2e.describe(proc))
        self.assertIn("den-nastavnika-2026", proc.stdout)
        self.build_ok()
        self.assertTrue((self.out / "school-7" / "news" / "den-nastavnika-2026" / "index.html").is_file())
        self.assertIn("2025", (self.out / "school-7" / "news" / "den-nastavnika" / "index.html").read_text(encoding="utf-8"))
        # Run again for the same day: the file is there, nothing is made twice.
        again = e2e.run_nastavnik(["new", "news", "--org", "school-7", "--content", self.content, "--date", "2026-11-20",
                                   "День наставника"], cwd=self.tmp)
        self.assertEqual(again.returncode, 1, e2e.describe(again))
        self.assertIn("уже есть", again.stderr)
        self.assertEqual(sorted(p.name for p in self.path("school-7/news").iterdir() if "den-nastavnika" in p.name),
                         ["2025-11-20-den-nastavnika.md", "2026-11-20-den-nastavnika-2026.md"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
