#!/usr/bin/python3
"""End-to-end: bad content is refused with a precise Russian message, and nothing is written.

Every test copies tests/fixtures/minimal, builds it once into OUT (a good previous site),
applies one mutation and builds again into the same OUT. A rejected build must exit 1,
print `path:line:column: ошибка: ...` (path relative to the content folder), leave OUT
byte-identical and leave no OUT.tmp-* folder behind.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_bad_input.py
"""
import os
import re
import shutil
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

NEWS = "school-7/news/2025-11-20-den-nastavnika.md"   # title line 2, date line 3, image line 4, body line 6
ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md"   # title 2, number 3, date 4, topic 5, file 6
STORY = "school-7/stories/pervyy-god.md"              # mentee line 7, results line 9, body line 11


BadInputCase = e2e.MutatedMinimalCase


class FrontMatter(BadInputCase):
    def test_missing_required_title(self):
        self.replace(NEWS, 'title: "День наставника в школе"\n', "")
        self.assertRejected(f"{NEWS}:2:1: ошибка: ", "нет обязательного поля «title»", "добавьте строку title:")

    def test_missing_required_order_file(self):
        self.replace(ORDER, "file: files/prikaz-45.pdf\n", "")
        self.assertRejected(f"{ORDER}:2:1: ошибка: ", "«file»")

    def test_malformed_date(self):
        self.replace(NEWS, "date: 2025-11-20", "date: 20.11.2025")
        self.assertRejected(f"{NEWS}:3:7: ошибка: ", "«20.11.2025»", "ГГГГ-ММ-ДД", "2025-11-20")

    def test_impossible_date(self):
        self.replace(NEWS, "date: 2025-11-20", "date: 2025-02-30")
        self.assertRejected(f"{NEWS}:3:7: ошибка: ", "«2025-02-30»", "не существует")

    def test_unknown_topic_with_suggestion(self):
        self.replace(ORDER, "topic: implementation", "topic: implementaton")
        self.assertRejected(f"{ORDER}:5:8: ошибка: ", "«implementaton»", "возможно, имелось в виду «implementation»")

    def test_yaml_syntax_error_unquoted_colon(self):
        self.replace(ORDER, 'title: "О внедрении целевой модели наставничества"', "title: Приказ: о наставничестве")
        # column 14: the second colon, counted in characters, not bytes
        self.assertRejected(f"{ORDER}:2:14: ошибка: ", "ошибка синтаксиса YAML", "кавычки")

    def test_missing_front_matter(self):
        self.path(NEWS).write_text("День наставника прошёл в школе.\n", encoding="utf-8")
        self.assertRejected(f"{NEWS}:1:1: ошибка: ", "---")

    def test_unclosed_front_matter(self):
        self.path(NEWS).write_text('---\ntitle: "День наставника"\ndate: 2025-11-20\nТекст новости.\n', encoding="utf-8")
        self.assertRejected(f"{NEWS}:1:1: ошибка: ", "не закрыт", "---")

    def test_duplicate_key(self):
        self.replace(NEWS, "date: 2025-11-20", 'date: 2025-11-20\ntitle: "Ещё один заголовок"')
        self.assertRejected(f"{NEWS}:4:1: ошибка: ", "«title» указано дважды", "строке 2")

    def test_invalid_utf8(self):
        p = self.path(NEWS)
        data = p.read_bytes()
        self.assertIn("прошёл".encode(), data)
        p.write_bytes(data.replace("прошёл".encode(), "прошёл".encode("cp1251")))
        self.assertRejected(f"{NEWS}:6:9: ошибка: ", "UTF-8")

    def test_utf8_error_position_after_bom_and_crlf(self):
        p = self.path(NEWS)
        p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n").replace(b"date: 2025-11-20", b"date: 20.11.2025"))
        self.assertRejected(f"{NEWS}:3:7: ошибка: ", "«20.11.2025»")

    def test_bad_boolean(self):
        self.replace(NEWS, "date: 2025-11-20", "date: 2025-11-20\ndraft: да")
        self.assertRejected(f"{NEWS}:4:8: ошибка: ", "true или false")


class Attachments(BadInputCase):
    def test_missing_attachment_file(self):
        self.replace(ORDER, "file: files/prikaz-45.pdf", "file: files/prikaz-46.pdf")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "«files/prikaz-46.pdf»", "не найден")

    def test_missing_file_linked_from_markdown(self):
        self.append(NEWS, "\n[Положение](files/net-takogo.pdf)\n")
        self.assertRejected(f"{NEWS}:8:1: ошибка: ", "«files/net-takogo.pdf»", "не найден")

    def test_attachment_path_with_dotdot(self):
        self.replace(ORDER, "file: files/prikaz-45.pdf", "file: files/../../uo-gorod/files/polozhenie.pdf")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "выходит за пределы")

    def test_absolute_attachment_path(self):
        self.replace(ORDER, "file: files/prikaz-45.pdf", "file: /etc/passwd")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "«/etc/passwd»", "абсолютный")

    def test_symlink_in_files_leaving_the_content_folder(self):
        outside = self.tmp / "outside.pdf"
        outside.write_bytes(e2e.tiny_pdf("outside"))
        os.symlink(outside, self.path("school-7/files/vneshniy.pdf"))
        self.replace(ORDER, "file: files/prikaz-45.pdf", "file: files/vneshniy.pdf")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "«files/vneshniy.pdf»", "ссылка за пределы")

    def test_symlink_to_another_orgs_file(self):
        os.symlink(self.path("uo-gorod/files/polozhenie.pdf"), self.path("school-7/files/chuzhoy.pdf"))
        self.replace(ORDER, "file: files/prikaz-45.pdf", "file: files/chuzhoy.pdf")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "«files/chuzhoy.pdf»")

    def test_symlinked_markdown_file_leaving_the_content_folder(self):
        outside = e2e.write(self.tmp / "outside.md", '---\ntitle: "Внешняя"\ndate: 2025-01-01\n---\nТекст.\n')
        os.symlink(outside, self.path("school-7/news/vneshnyaya.md"))
        self.assertRejected("school-7/news/vneshnyaya.md: ошибка: ", "символическая ссылка")

    def test_disallowed_format_exe(self):
        self.path("school-7/files/setup.exe").write_bytes(b"MZ\x90\x00" + b"\0" * 60)
        self.replace(ORDER, "file: files/prikaz-45.pdf", "file: files/setup.exe")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "«files/setup.exe»", "не допускается", "PDF")

    def test_attachment_over_15_mb(self):
        with open(self.path("school-7/files/prikaz-45.pdf"), "r+b") as f:
            f.truncate(15 * 1024 * 1024 + 1)
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "слишком большой", "15 МБ")

    def test_attachment_outside_files_folder(self):
        self.replace(ORDER, "file: files/prikaz-45.pdf", "file: org.yaml")
        self.assertRejected(f"{ORDER}:6:7: ошибка: ", "files/")

    def test_markdown_link_with_dotdot(self):
        self.append(NEWS, "\n[Положение](../uo-gorod/files/polozhenie.pdf)\n")
        self.assertRejected(f"{NEWS}:8:", "..")


class Urls(BadInputCase):
    def test_duplicate_url_two_files_same_slug(self):
        shutil.copy(self.path(NEWS), self.path("school-7/news/den-nastavnika.md"))
        self.assertRejected("school-7/news/den-nastavnika.md:1:1: ошибка: ", "/school-7/news/den-nastavnika/",
                            f"совпадает с адресом файла {NEWS}", errors=1)

    def test_duplicate_url_cyrillic_file_name(self):
        shutil.copy(self.path(NEWS), self.path("school-7/news/День-наставника.md"))
        self.assertRejected("school-7/news/День-наставника.md:1:1: ошибка: ", "совпадает с адресом файла", errors=1)

    def test_duplicate_url_from_slug_field(self):
        e2e.write(self.path("school-7/news/2025-12-01-drugaya.md"),
                  '---\ntitle: "Другая новость"\ndate: 2025-11-01\nslug: den-nastavnika\n---\nТекст.\n')
        self.assertRejected("school-7/news/2025-12-01-drugaya.md:4:7: ошибка: ", "совпадает с адресом файла")

    def test_free_page_with_reserved_slug(self):
        self.path("school-7/pages/kontakty.md").rename(self.path("school-7/pages/mentors.md"))
        self.assertRejected("school-7/pages/mentors.md:1:1: ошибка: ", "«mentors»")

    def test_org_folder_with_uppercase_name(self):
        self.path("school-7").rename(self.path("School-7"))
        self.assertRejected("School-7: ошибка: ", "«School-7»", "«school-7»")

    def test_org_folder_with_cyrillic_name(self):
        self.path("school-7").rename(self.path("Школа-7"))
        self.assertRejected("Школа-7: ошибка: ", "«Школа-7»", "«shkola-7»")

    def test_org_folder_named_like_a_portal_section(self):
        self.path("school-7").rename(self.path("news"))
        self.assertRejected("news: ошибка: ", "news")


class SiteAndOrgFiles(BadInputCase):
    def test_missing_site_yaml(self):
        self.path("site.yaml").unlink()
        self.assertRejected("site.yaml: ошибка: ", "нет файла site.yaml", "base_url")

    def test_missing_org_yaml(self):
        self.path("school-7/org.yaml").unlink()
        self.assertRejected("school-7/org.yaml: ошибка: ", "org.yaml", "short_name")

    def test_base_url_without_trailing_slash(self):
        self.replace("site.yaml", 'base_url: "https://nastavnik.example.ru/"', 'base_url: "https://nastavnik.example.ru"')
        self.assertRejected("site.yaml:2:11: ошибка: ", "base_url", "«https://nastavnik.example.ru/»")

    def test_base_url_not_absolute(self):
        self.replace("site.yaml", 'base_url: "https://nastavnik.example.ru/"', 'base_url: "nastavnik.example.ru/"')
        self.assertRejected("site.yaml:2:11: ошибка: ", "https://")

    def test_department_pointing_to_missing_folder(self):
        self.replace("site.yaml", "department: uo-gorod", "department: uo-goroda")
        self.assertRejected("site.yaml:3:13: ошибка: ", "«uo-goroda»")

    def test_unknown_timezone(self):
        self.replace("site.yaml", 'timezone: "Europe/Moscow"', 'timezone: "Europe/Moskva"')
        self.assertRejected("site.yaml:5:11: ошибка: ", "«Europe/Moskva»")

    def test_org_kind_unknown(self):
        self.replace("school-7/org.yaml", "kind: school", "kind: shkola")
        self.assertRejected("school-7/org.yaml:3:7: ошибка: ", "«shkola»")


class Privacy(BadInputCase):
    def test_minor_without_consent_with_photos(self):
        self.copy_jpg("para.jpg")
        self.replace(STORY, "results:", "photos: [files/para.jpg]\nresults:")
        self.assertRejected(f"{STORY}:9:9: ошибка: ", "несовершеннолетний", "photos")

    def test_minor_mentor_without_consent_with_photos(self):
        self.copy_jpg("para.jpg")
        self.replace(STORY, 'position: "учитель математики", consent: true}',
                     'position: "ученица 11 класса", minor: true, consent: false}')
        self.replace(STORY, "results:", "photos: [files/para.jpg]\nresults:")
        self.assertRejected(f"{STORY}:9:9: ошибка: ", "несовершеннолетний")

    def test_minor_without_consent_with_image(self):
        self.copy_jpg("para.jpg")
        self.replace(STORY, "results:", "image: files/para.jpg\nresults:")
        self.assertRejected(f"{STORY}:9:", "несовершеннолет")

    def test_minor_without_consent_with_photo_in_body(self):
        self.copy_jpg("para.jpg")
        self.append(STORY, "\n![Пара на занятии](files/para.jpg)\n")
        self.assertRejected(f"{STORY}:13:", "несовершеннолет")


class Reporting(BadInputCase):
    def test_all_errors_are_reported_at_once(self):
        self.replace(NEWS, "date: 2025-11-20", "date: 2025-13-01")
        self.replace(ORDER, "topic: implementation", "topic: vnedrenie")
        self.replace("uo-gorod/documents/polozhenie.md", "file: files/polozhenie.pdf", "file: files/polozhenie-net.pdf")
        proc = self.assertRejected(f"{NEWS}:3:7: ошибка: ", "«2025-13-01»", errors=3)
        err = proc.stderr.splitlines()
        self.assertTrue(any(l.startswith(f"{ORDER}:5:8: ошибка: ") for l in err), proc.stderr)
        self.assertTrue(any(l.startswith("uo-gorod/documents/polozhenie.md:7:7: ошибка: ") for l in err), proc.stderr)
        # sorted by path, one per line
        paths = [l.split(":")[0] for l in err if ": ошибка: " in l]
        self.assertEqual(paths, sorted(paths))

    def test_unknown_key_is_a_warning(self):
        self.replace(NEWS, 'title: "День наставника в школе"', 'titel: "День наставника"\ntitle: "День наставника в школе"')
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        warnings = [l for l in proc.stderr.splitlines() if l.startswith(f"{NEWS}:2:1: предупреждение: ")]
        self.assertTrue(warnings, proc.stderr)
        self.assertIn("«titel»", warnings[0])
        self.assertIn("«title»", warnings[0])
        self.assertNotIn(": ошибка: ", proc.stderr)
        self.assertTrue(proc.stdout.startswith("Собрано "), proc.stdout)
        self.assertTrue((self.out / "school-7/news/den-nastavnika/index.html").is_file())

    def test_bom_and_crlf_are_accepted(self):
        p = self.path(NEWS)
        p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n"))
        q = self.path("school-7/org.yaml")
        q.write_bytes(b"\xef\xbb\xbf" + q.read_bytes().replace(b"\n", b"\r\n"))
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        self.assertEqual(proc.stderr, "")
        page = (self.out / "school-7/news/den-nastavnika/index.html").read_text(encoding="utf-8")
        self.assertIn(e2e.normalise("День наставника в школе"), e2e.normalise(page))
        self.assertNotIn("\ufeff", page)
        self.assertNotIn("\r", page)
        self.assertEqual(self.before, e2e.tree_hash(self.out), "BOM and CRLF change nothing in the output")

    def test_missing_content_folder(self):
        proc = e2e.run_nastavnik(["build", "--content", self.tmp / "net-takoy-papki", "--out", self.out], cwd=self.tmp)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("ошибка", proc.stderr)
        self.assertOutUntouched()


class CommandLine(e2e.TempDirTestCase):
    def test_unknown_option_exits_2(self):
        proc = e2e.run_nastavnik(["build", "--bogus"], cwd=self.tmp)
        self.assertEqual(proc.returncode, 2, e2e.describe(proc))
        self.assertIn("--bogus", proc.stderr)
        self.assertIn("неверная командная строка", proc.stderr)
        self.assertEqual(list(self.tmp.iterdir()), [], "nothing is written")

    def test_missing_command_exits_2(self):
        proc = e2e.run_nastavnik([], cwd=self.tmp)
        self.assertEqual(proc.returncode, 2, e2e.describe(proc))

    def test_bad_jobs_value_exits_2(self):
        proc = e2e.run_nastavnik(["build", "-j", "много"], cwd=self.tmp)
        self.assertEqual(proc.returncode, 2, e2e.describe(proc))

    def test_help_is_russian(self):
        for args in (["--help"], ["build", "--help"], ["check", "--help"]):
            with self.subTest(args=args):
                proc = e2e.run_nastavnik(args, cwd=self.tmp)
                self.assertEqual(proc.returncode, 0, e2e.describe(proc))
                self.assertIn("Использование", proc.stdout)
                self.assertIn("nastavnik", proc.stdout)
        build_help = e2e.run_nastavnik(["build", "--help"], cwd=self.tmp).stdout
        for option in ("--content", "--out", "--theme", "-j", "--stats", "-q", "-v"):
            self.assertIn(option, build_help)
        self.assertIn("Коды выхода", build_help)
        self.assertIn("--content", e2e.run_nastavnik(["check", "--help"], cwd=self.tmp).stdout)
        self.assertIn("build", e2e.run_nastavnik(["--help"], cwd=self.tmp).stdout)

    def test_help_has_no_english_headings(self):
        for args in (["--help"], ["build", "--help"]):
            out = e2e.run_nastavnik(args, cwd=self.tmp).stdout
            self.assertNotRegex(out, r"(?m)^(Options|Subcommands|Positionals):", f"{args}:\n{out}")

    def test_help_descriptions_are_aligned(self):
        out = e2e.run_nastavnik(["build", "--help"], cwd=self.tmp).stdout
        columns = set()
        for line in out.splitlines():
            m = re.match(r"^  (-\S+(?: \S+)?)( {2,})\S", line)
            if m:
                columns.add(len(m.group(1)) + len(m.group(2)))
        self.assertEqual(len(columns), 1, out)

    def test_usage_errors_are_russian(self):
        for args in (["build", "--bogus"], [], ["build", "-j", "много"]):
            err = e2e.run_nastavnik(args, cwd=self.tmp).stderr
            english = [w for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"-[-\w]+|nastavnik|help", " ", err))]
            self.assertEqual(english, [], f"{args}: {err}")


if __name__ == "__main__":
    unittest.main(verbosity=2)
