#!/usr/bin/python3
"""End-to-end: a document signed with the head's electronic signature shows the stamp.

A curator puts the detached signature the school's signing software saved beside the
order (files/prikaz-45.pdf.sig, CMS in DER, PEM or CryptoPro's bare Base64). The keys and
certificates here are made with the real `openssl` tool (tests/e2e/signing.py): GOST R
34.10-2012 through Debian's gost engine, RSA and ECDSA. A valid signature is shown as the
stamp Russian sites use and published beside the file; a file changed after signing, a
certificate not valid when signing, or a .sig that is no signature stops the build at the
entry that links the file.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_signatures.py
"""
import datetime as dt
import html
import re
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402
import signing  # noqa: E402

ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md"   # file: line 6
ORDER_PAGE = "school-7/orders/o-vnedrenii/index.html"
ORDERS_LIST = "school-7/orders/index.html"
PDF = "school-7/files/prikaz-45.pdf"
MONITORING = "uo-gorod/monitoring/index.html"
HEAD = {"CN": "МБОУ СОШ № 7", "SN": "Иванова", "GN": "Мария Петровна", "title": "Директор", "O": "МБОУ СОШ № 7 г. Энска"}


def main_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    m = re.search(r"<main\b.*?</main>", text, re.S)
    return html.unescape(e2e.strip_tags(m.group(0) if m else text)).replace("\u00a0", " ")


class Signatures(e2e.MutatedMinimalCase):

    def sign(self, kind, fmt="der", extension=".sig", **certificate):
        key, cert = signing.make_certificate(self.tmp / "keys", kind, HEAD, **certificate)
        return signing.sign(self.path(PDF), key, cert, self.path(PDF + extension), fmt=fmt)

    def assertStamp(self, extension=".sig"):
        proc = e2e.build(self.content, self.out)
        self.assertBuildOk(proc)
        self.assertNotIn(".sig", proc.stderr, "the signature is linked by its file, never an unused upload")
        text = main_text(self.out / ORDER_PAGE)
        self.assertIn("Документ подписан электронной подписью", text)
        self.assertRegex(text, r"Владелец\s+Иванова Мария Петровна, Директор")
        self.assertRegex(text, r"Организация\s+МБОУ СОШ № 7 г. Энска")
        self.assertRegex(text, r"Сертификат\s+[0-9A-F]{8,}")
        self.assertRegex(text, r"Действителен\s+с \d+ \w+ \d{4} г. по \d+ \w+ \d{4} г.")
        self.assertRegex(text, r"Подписан\s+\d+ \w+ \d{4} г.")
        # Published beside the file, the bytes as uploaded; the register says it is signed.
        published = self.out / "school-7/orders/o-vnedrenii" / ("prikaz-45.pdf" + extension)
        self.assertEqual(published.read_bytes(), self.path(PDF + extension).read_bytes())
        self.assertRegex((self.out / ORDER_PAGE).read_text(encoding="utf-8"), f'href="[^"]*/prikaz-45\\.pdf\\{extension}">Файл электронной подписи</a>')
        self.assertIn("с электронной подписью", main_text(self.out / ORDERS_LIST))
        return text

    def test_a_gost_signature_shows_the_stamp(self):
        self.assertIn("подписано 0 из 2", main_text(self.out / MONITORING))
        self.sign("gost2012_256")
        self.assertStamp()
        # The department's monitoring counts the signed files: the order is, the programme not.
        self.assertIn("подписано 1 из 2", main_text(self.out / MONITORING))

    def test_a_gost_512_signature_in_base64_as_cryptopro_saves_it(self):
        self.sign("gost2012_512", fmt="base64")
        self.assertStamp()

    def test_an_rsa_signature_in_pem(self):
        self.sign("rsa", fmt="pem")
        self.assertStamp()

    def test_an_ecdsa_signature_named_p7s(self):
        self.sign("ecdsa", extension=".p7s")
        self.assertStamp(".p7s")

    def test_a_file_changed_after_signing_stops_the_build(self):
        self.sign("gost2012_256")
        self.path(PDF).write_bytes(self.path(PDF).read_bytes().replace(b"Prikaz", b"Prikas"))
        self.assertRejected(ORDER + ":6:", "электронная подпись «files/prikaz-45.pdf.sig»", "не подходит к файлу", "Иванова Мария Петровна")

    def test_another_file_s_signature_stops_the_build(self):
        key, cert = signing.make_certificate(self.tmp / "keys", "rsa", HEAD)
        signing.sign(self.path("school-7/files/programma.pdf"), key, cert, self.path(PDF + ".sig"))
        self.assertRejected(ORDER + ":6:", "не подходит к файлу")

    def test_a_certificate_expired_before_signing_stops_the_build(self):
        self.sign("rsa", not_before=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400), days=30)
        self.assertRejected(ORDER + ":6:", "не действовал в момент подписания", "действителен с")

    def test_a_sig_that_is_no_signature_stops_the_build(self):
        self.path(PDF + ".sig").write_text("подпись директора\n", encoding="utf-8")
        self.assertRejected(ORDER + ":6:", "«files/prikaz-45.pdf.sig» не похож на электронную подпись")

    def test_an_unsigned_file_has_no_stamp(self):
        proc = e2e.build(self.content, self.out)
        self.assertBuildOk(proc)
        self.assertNotIn("электронной подписью", main_text(self.out / ORDER_PAGE))


if __name__ == "__main__":
    unittest.main(verbosity=2)
