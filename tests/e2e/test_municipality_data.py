#!/usr/bin/python3
"""End-to-end: the data side of a municipality — indicator tables and their open data,
the department's totals, roadmaps as iCalendar, and the monitoring report.

The fixture tests/fixtures/municipality is a department `uo` and three schools:

  school-1  everything the monitoring checklist asks for; indicators 2023–2025 with a title
            that starts with "=" (a spreadsheet formula); a roadmap with past, cancelled and
            future dated items.
  school-2  no curator order, an expired regulation, news older than 90 days, indicators
            only for 2023–2024, no roadmap.
  school-3  no programme, no pairs order, no roadmap, no curator, no news; indicators miss
            2024 and have a zero denominator in 2025.

Totals are computed by hand below (TOTALS, NOT_REPORTED) and compared with what the
generator writes; the test also recomputes them from the YAML, so that a change to the
fixture that forgets the constants fails loudly.

"Today" is fixed: SOURCE_DATE_EPOCH=1764072000 = 2025-11-25 12:00 UTC (15:00 in Moscow).

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_municipality_data.py
"""
import csv
import datetime as dt
import html
import io
import json
import re
import shutil
import sys
import tempfile
import unittest
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402
import yaml  # noqa: E402
from icalendar import Calendar  # noqa: E402

FIXTURE = e2e.REPO / "tests" / "fixtures" / "municipality"
EPOCH = 1764072000                # 2025-11-25 12:00:00 UTC
TODAY = dt.date(2025, 11, 25)
BASE_URL = "https://nastavnik.example.ru/"
HOST = "nastavnik.example.ru"
DEPARTMENT = "uo"
SCHOOLS = ("school-1", "school-2", "school-3")
BOM = b"\xef\xbb\xbf"
NBSP = "\u00a0"

CSV_HEADER = ["Код организации", "Организация", "Код показателя", "Показатель", "Единица", "Год",
              "Числитель", "Знаменатель", "Значение", "Доля, %", "Цель", "Цель достигнута"]

# Hand-computed totals over the three schools (the department has no indicators.yaml).
#   young-teachers-covered (percent), numerator/denominator:
#     2023: school-1 8/10 + school-2 5/10 + school-3 4/10 = 17/30 → 56.7 %
#     2024: school-1 12/15 + school-2 15/25 (school-3 missing) = 27/40 → 67.5 %
#     2025: school-1 9/10 + school-3 0/0 (school-2 missing) = 9/10 → 90.0 %
#   mentors-trained (count): 2023: 4+3+2 = 9; 2024: 6+5 = 11; 2025: 7+1 = 8
#   pairs-formed (count, school-1 only): 2025: 5
TOTALS = {
    "young-teachers-covered": {2023: (17, 30, 56.7), 2024: (27, 40, 67.5), 2025: (9, 10, 90.0)},
    "mentors-trained": {2023: 9, 2024: 11, 2025: 8},
    "pairs-formed": {2025: 5},
}
NOT_REPORTED = {
    "young-teachers-covered": {"2023": [], "2024": ["school-3"], "2025": ["school-2"]},
    "mentors-trained": {"2023": [], "2024": ["school-3"], "2025": ["school-2"]},
    "pairs-formed": {"2025": ["school-2", "school-3"]},
}
FORMULA_TITLE = "=СУММ(A1) наставнических пар"

# What each school's tab lacks, item by item of themes/default/monitoring.yaml.
MONITORING = {
    "school-1": {"regulation": "present", "order-implementation": "present", "order-curator": "present",
                 "programme": "present", "order-pairs": "present", "roadmap": "present", "curator": "present",
                 "indicators": "present", "news": "present", "signed": "missing"},
    "school-2": {"regulation": "outdated", "order-implementation": "present", "order-curator": "missing",
                 "programme": "present", "order-pairs": "present", "roadmap": "missing", "curator": "present",
                 "indicators": "outdated", "news": "outdated", "signed": "missing"},
    "school-3": {"regulation": "present", "order-implementation": "present", "order-curator": "present",
                 "programme": "missing", "order-pairs": "missing", "roadmap": "missing", "curator": "missing",
                 "indicators": "present", "news": "missing", "signed": "missing"},
}
CHECKLIST_IDS = ["regulation", "order-implementation", "order-curator", "programme", "order-pairs", "roadmap",
                 "curator", "indicators", "news", "signed"]


# ------------------------------------------------------------------ helpers --

def plain(text: str) -> str:
    """Typography aside: no-break and narrow no-break spaces read as ordinary spaces."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


def share(numerator: int, denominator: int):
    """The share as the generator rounds it: half up to one decimal; None for 0 denominators."""
    if denominator == 0:
        return None
    return float((Decimal(100 * numerator) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def target_text(target) -> str:
    if target is None:
        return ""
    t = float(target)
    return str(int(t)) if t == int(t) else f"{t:.1f}"


def expected_rows(org_id: str):
    """indicators.csv rows of `org_id` as the YAML says they must be."""
    data = e2e.load_yaml(FIXTURE / org_id / "indicators.yaml")
    short_name = e2e.load_yaml(FIXTURE / org_id / "org.yaml")["short_name"]
    rows = []
    for ind in data["indicators"]:
        title = ind["title"]
        if title[:1] in "=+-@":
            title = "'" + title
        for year in sorted(ind["values"]):
            v = ind["values"][year]
            target = v.get("target")
            if ind["unit"] == "percent":
                s = share(v["numerator"], v["denominator"])
                met = "" if target is None or s is None else ("да" if s >= float(target) else "нет")
                rows.append([org_id, short_name, ind["id"], title, "percent", str(year), str(v["numerator"]),
                             str(v["denominator"]), "", "" if s is None else f"{s:.1f}", target_text(target), met])
            else:
                met = "" if target is None else ("да" if v["value"] >= float(target) else "нет")
                rows.append([org_id, short_name, ind["id"], title, "count", str(year), "", "", str(v["value"]), "",
                             target_text(target), met])
    return rows


def totals_from_yaml():
    """The totals recomputed from the fixture: {id: {year: (num, den) or value}}, not_reported."""
    totals, reported, years_of = {}, {}, {}
    for org in SCHOOLS:
        path = FIXTURE / org / "indicators.yaml"
        if not path.is_file():
            continue
        for ind in e2e.load_yaml(path)["indicators"]:
            t = totals.setdefault(ind["id"], {})
            for year, v in ind["values"].items():
                years_of.setdefault(ind["id"], set()).add(year)
                reported.setdefault((ind["id"], year), set()).add(org)
                if ind["unit"] == "percent":
                    n, d = t.get(year, (0, 0))
                    t[year] = (n + v["numerator"], d + v["denominator"])
                else:
                    t[year] = t.get(year, 0) + v["value"]
    missing = {i: {str(y): [o for o in SCHOOLS if o not in reported[(i, y)]] for y in sorted(ys)}
               for i, ys in years_of.items()}
    return totals, missing


def read_csv(path: Path):
    data = path.read_bytes()
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def section_after(page: str, heading: str, end_tag="</section>") -> str:
    i = page.find(heading)
    if i < 0:
        return ""
    j = page.find(end_tag, i + len(heading))
    return page[i:j if j >= 0 else len(page)]


def ics_physical_lines(data: bytes):
    return data.split(b"\r\n")


def ics_events(path: Path):
    """{UID: (DTSTART date, DTEND date or None, SUMMARY, STATUS)} of a calendar file."""
    cal = Calendar.from_ical(path.read_bytes())
    out = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        if uid in out:
            raise AssertionError(f"duplicate UID {uid} in {path}")
        end = ev.get("DTEND")
        out[uid] = (ev["DTSTART"].dt, end.dt if end is not None else None, str(ev["SUMMARY"]), str(ev.get("STATUS", "")))
    return out


def roadmap_items(org_id: str, content=FIXTURE):
    data = e2e.load_yaml(Path(content) / org_id / "roadmap.yaml")
    return [item for section in data["sections"] for item in section["items"]]


def expected_events(org_id: str, with_org_name: bool):
    short_name = e2e.load_yaml(FIXTURE / org_id / "org.yaml")["short_name"]
    out = {}
    for item in roadmap_items(org_id):
        if "start" not in item:
            continue
        uid = f"{org_id}.{e2e.slugify(str(item['id']))}@{HOST}"
        last = item.get("end", item["start"])
        summary = f"{short_name}: {item['title']}" if with_org_name else item["title"]
        status = "CANCELLED" if item.get("status") == "cancelled" else "CONFIRMED"
        out[uid] = (item["start"], last + dt.timedelta(days=1), summary, status)
    return out


def build(content, out):
    return e2e.build(content, out, epoch=EPOCH)


# ----------------------------------------------------------- the built site --

class MunicipalityBuild(unittest.TestCase):
    """One build of the fixture, read by every test of the class."""

    @classmethod
    def setUpClass(cls):
        e2e.ensure_binary()
        cls._tmp = tempfile.TemporaryDirectory(prefix="nastavnik-municipality-")
        cls.tmp = Path(cls._tmp.name)
        cls.out = cls.tmp / "public"
        proc = build(FIXTURE, cls.out)
        if proc.returncode != 0:
            cls._tmp.cleanup()
            raise AssertionError("the municipality fixture must build:\n" + e2e.describe(proc))

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    # ---------------------------------------------------------- the fixture --

    def test_hand_computed_totals_match_the_fixture(self):
        totals, missing = totals_from_yaml()
        self.assertEqual(totals["young-teachers-covered"], {y: (n, d) for y, (n, d, _) in TOTALS["young-teachers-covered"].items()})
        self.assertEqual(totals["mentors-trained"], TOTALS["mentors-trained"])
        self.assertEqual(totals["pairs-formed"], TOTALS["pairs-formed"])
        self.assertEqual(missing, NOT_REPORTED)
        for year, (n, d, s) in TOTALS["young-teachers-covered"].items():
            self.assertEqual(round(100 * n / d, 1), s, year)

    # ------------------------------------------------- indicators.csv / .json --

    def test_indicators_csv_of_each_school(self):
        for org in SCHOOLS:
            with self.subTest(org=org):
                path = self.out / org / "indicators.csv"
                self.assertTrue(path.is_file(), path)
                data, rows = read_csv(path)
                self.assertTrue(data.startswith(BOM), "UTF-8 BOM first, for Russian Excel")
                self.assertFalse(data.startswith(BOM + BOM))
                self.assertTrue(data.endswith(b"\r\n"))
                self.assertEqual(data.count(b"\n"), data.count(b"\r\n"), "every line ends with CRLF")
                self.assertEqual(data.count(b"\r"), data.count(b"\r\n"), "no bare CR")
                self.assertEqual(rows[0], CSV_HEADER)
                self.assertTrue(data[len(BOM):].startswith(
                    "Код организации,Организация,Код показателя,Показатель,Единица,Год,Числитель,Знаменатель,"
                    "Значение,\"Доля, %\",Цель,Цель достигнута\r\n".encode("utf-8")))
                got = [[plain(c) for c in row] for row in rows[1:]]
                self.assertEqual(got, expected_rows(org))

    def test_formula_title_neutralised_in_csv_intact_elsewhere(self):
        data, rows = read_csv(self.out / "school-1" / "indicators.csv")
        titles = [r[3] for r in rows[1:]]
        self.assertIn("'" + FORMULA_TITLE, titles)
        self.assertNotIn(FORMULA_TITLE, titles)
        for r in rows[1:]:
            for cell in r:
                self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t", "\r"), f"a CSV cell starts a formula: {cell!r}")
        _, total_rows = read_csv(self.out / DEPARTMENT / "indicators-total.csv")
        self.assertIn("'" + FORMULA_TITLE, [r[3] for r in total_rows[1:]])
        for r in total_rows[1:]:
            for cell in r:
                self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t", "\r"), f"a CSV cell starts a formula: {cell!r}")
        # HTML and JSON carry the title as written.
        page = html.unescape(page_text(self.out / "school-1" / "indicators" / "index.html"))
        self.assertIn(f">{FORMULA_TITLE}</h2>", page)
        self.assertIn(f">{FORMULA_TITLE}</title>", page)
        self.assertNotIn("'" + FORMULA_TITLE, page)
        dept = html.unescape(page_text(self.out / DEPARTMENT / "indicators" / "index.html"))
        self.assertIn(f"<h3>{FORMULA_TITLE}</h3>", dept)
        j = json.loads((self.out / "school-1" / "indicators.json").read_text(encoding="utf-8"))
        self.assertIn(FORMULA_TITLE, [i["title"] for i in j["indicators"]])

    def test_indicators_json_of_each_school(self):
        for org in SCHOOLS:
            with self.subTest(org=org):
                src = e2e.load_yaml(FIXTURE / org / "indicators.yaml")
                j = json.loads((self.out / org / "indicators.json").read_text(encoding="utf-8"))
                self.assertEqual(j["organisation"]["id"], org)
                self.assertEqual(j["organisation"]["url"], f"{BASE_URL}{org}/")
                self.assertEqual(plain(j["title"]), src["title"])
                self.assertEqual(j["years"], sorted(src["years"]))
                self.assertEqual([i["id"] for i in j["indicators"]], [i["id"] for i in src["indicators"]])
                for got, want in zip(j["indicators"], src["indicators"]):
                    self.assertEqual(plain(got["title"]), want["title"])
                    self.assertEqual(got["unit"], want["unit"])
                    self.assertEqual([v["year"] for v in got["values"]], sorted(want["values"]))
                    for v in got["values"]:
                        w = want["values"][v["year"]]
                        target = w.get("target")
                        self.assertEqual(v["target"], None if target is None else float(target))
                        if want["unit"] == "percent":
                            self.assertEqual((v["numerator"], v["denominator"]), (w["numerator"], w["denominator"]))
                            self.assertNotIn("value", v)
                            s = share(w["numerator"], w["denominator"])
                            self.assertEqual(v["share_percent"], s)
                            met = None if target is None or s is None else s >= float(target)
                        else:
                            self.assertEqual(v["value"], w["value"])
                            self.assertNotIn("numerator", v)
                            met = None if target is None else w["value"] >= float(target)
                        self.assertEqual(v["target_met"], met, (org, got["id"], v["year"]))

    def test_zero_denominator_in_json_and_csv(self):
        j = json.loads((self.out / "school-3" / "indicators.json").read_text(encoding="utf-8"))
        covered = next(i for i in j["indicators"] if i["id"] == "young-teachers-covered")
        v2025 = next(v for v in covered["values"] if v["year"] == 2025)
        self.assertEqual((v2025["numerator"], v2025["denominator"]), (0, 0))
        self.assertIn("share_percent", v2025)
        self.assertIsNone(v2025["share_percent"])
        self.assertEqual(v2025["target"], 50)
        self.assertIsNone(v2025["target_met"])
        _, rows = read_csv(self.out / "school-3" / "indicators.csv")
        row = next(r for r in rows if r[2] == "young-teachers-covered" and r[5] == "2025")
        self.assertEqual(row[6:], ["0", "0", "", "", "50", ""])

    def test_no_open_data_for_an_org_without_indicators(self):
        self.assertFalse((self.out / DEPARTMENT / "indicators.csv").exists())
        self.assertFalse((self.out / DEPARTMENT / "indicators.json").exists())

    # ------------------------------------------------------ department totals --

    def test_totals_csv(self):
        data, rows = read_csv(self.out / DEPARTMENT / "indicators-total.csv")
        self.assertTrue(data.startswith(BOM))
        self.assertEqual(data.count(b"\n"), data.count(b"\r\n"))
        self.assertEqual(rows[0], CSV_HEADER)
        totals = {}
        for r in rows[1:]:
            if r[0] != "total":
                continue
            self.assertEqual(r[1], "Итого")
            self.assertEqual(r[10:], ["", ""], "targets are not summed")
            year = int(r[5])
            if r[4] == "percent":
                self.assertEqual(r[8], "")
                totals.setdefault(r[2], {})[year] = (int(r[6]), int(r[7]), float(r[9]))
            else:
                self.assertEqual(r[6:8] + [r[9]], ["", "", ""])
                totals.setdefault(r[2], {})[year] = int(r[8])
        self.assertEqual(totals, TOTALS)
        # After the totals, each organisation's own rows, exactly as in its indicators.csv.
        own = [r for r in rows[1:] if r[0] != "total"]
        for org in SCHOOLS:
            with self.subTest(org=org):
                _, org_rows = read_csv(self.out / org / "indicators.csv")
                self.assertEqual(sorted(r for r in own if r[0] == org), sorted(org_rows[1:]))

    def test_totals_json(self):
        j = json.loads((self.out / DEPARTMENT / "indicators-total.json").read_text(encoding="utf-8"))
        by_id = {i["id"]: i for i in j["indicators"]}
        self.assertEqual(list(by_id), ["young-teachers-covered", "mentors-trained", "pairs-formed"])
        covered = by_id["young-teachers-covered"]
        self.assertEqual(covered["unit"], "percent")
        self.assertEqual(covered["years"], [2023, 2024, 2025])
        self.assertEqual({t["year"]: (t["numerator"], t["denominator"], t["share_percent"]) for t in covered["total"]},
                         TOTALS["young-teachers-covered"])
        for t in covered["total"]:
            self.assertNotIn("target", t)
        trained = by_id["mentors-trained"]
        self.assertEqual(trained["unit"], "count")
        self.assertEqual({t["year"]: t["value"] for t in trained["total"]}, TOTALS["mentors-trained"])
        self.assertEqual({t["year"]: t["value"] for t in by_id["pairs-formed"]["total"]}, TOTALS["pairs-formed"])
        for ind_id, want in NOT_REPORTED.items():
            self.assertEqual(by_id[ind_id]["not_reported"], want, ind_id)
        self.assertEqual([o["organisation"]["id"] for o in covered["organisations"]], list(SCHOOLS))
        self.assertEqual([o["organisation"]["id"] for o in by_id["pairs-formed"]["organisations"]], ["school-1"])

    def test_department_page_shows_totals_and_who_did_not_report(self):
        page = page_text(self.out / DEPARTMENT / "indicators" / "index.html")
        covered = section_after(page, "<h3>Доля молодых педагогов, охваченных наставничеством</h3>", "<h3>")
        self.assertTrue(covered, "no summary block for young-teachers-covered")
        total_row = re.search(r'<tr class="total">(.*?)</tr>', covered, re.S)
        self.assertIsNotNone(total_row, covered)
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", total_row.group(1))]
        self.assertEqual(cells, [f"17 из 30 (56,7{NBSP}%)", f"27 из 40 (67,5{NBSP}%)", f"9 из 10 (90,0{NBSP}%)"])
        self.assertIn(e2e.normalise("27 из 40 (67,5 %)"), e2e.normalise(e2e.strip_tags(page)))
        missing = [plain(html.unescape(m)) for m in re.findall(r"<li>(Не представили данные[^<]*)</li>", covered)]
        self.assertEqual(missing, ["Не представили данные за 2024 год: МБОУ СОШ № 3",
                                   "Не представили данные за 2025 год: МБОУ СОШ № 2"])
        self.assertNotIn("за 2023 год", covered)
        trained = section_after(page, "<h3>Наставники, прошедшие обучение</h3>", "<h3>")
        total_row = re.search(r'<tr class="total">(.*?)</tr>', trained, re.S)
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", total_row.group(1))]
        self.assertEqual(cells, ["9", "11", "8"])
        # Each school beside the total, with «нет данных» for the year it did not report.
        row3 = re.search(r'<tr><th scope="row"><a href="[^"]*school-3/indicators/">([^<]*)</a></th>(.*?)</tr>', covered, re.S)
        self.assertIsNotNone(row3)
        self.assertEqual([html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row3.group(2))],
                         [f"4 из 10 (40,0{NBSP}%)", "нет данных", "0 из 0"])
        self.assertIn("<caption>", covered)

    def test_indicator_pages_have_accessible_charts_and_tables(self):
        for org in SCHOOLS:
            with self.subTest(org=org):
                src = e2e.load_yaml(FIXTURE / org / "indicators.yaml")
                page = page_text(self.out / org / "indicators" / "index.html")
                svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", page, re.S)
                self.assertEqual(len(svgs), len(src["indicators"]), "one inline chart per indicator")
                captions = re.findall(r"<caption>(.*?)</caption>", page, re.S)
                self.assertEqual(len(captions), len(src["indicators"]), "one captioned table per indicator")
                for svg, ind, caption in zip(svgs, src["indicators"], captions):
                    open_tag = re.match(r"<svg\b[^>]*>", svg).group(0)
                    self.assertIn('role="img"', open_tag)
                    title = re.search(r'<title id="([^"]+)">(.*?)</title>', svg, re.S)
                    desc = re.search(r'<desc id="([^"]+)">(.*?)</desc>', svg, re.S)
                    self.assertIsNotNone(title, svg[:300])
                    self.assertIsNotNone(desc, svg[:300])
                    labelled = re.search(r'aria-labelledby="([^"]+)"', open_tag).group(1).split()
                    self.assertEqual(labelled, [title.group(1), desc.group(1)])
                    self.assertEqual(plain(html.unescape(title.group(2))), ind["title"])
                    self.assertIn(plain(ind["title"]), plain(html.unescape(caption)))
                    description = plain(html.unescape(desc.group(2)))
                    for year in src["years"]:
                        v = ind["values"].get(year)
                        if v is None:
                            self.assertIn(f"{year}: нет данных", description)
                            continue
                        if ind["unit"] == "percent":
                            s = share(v["numerator"], v["denominator"])
                            fact = "нет данных" if s is None else f"{s:.1f}".replace(".", ",") + " %"
                        else:
                            fact = str(v["value"])
                        self.assertIn(f"{year}: факт {fact}", description)
                        if "target" in v:
                            unit = " %" if ind["unit"] == "percent" else ""
                            self.assertIn(f"цель {target_text(v['target']).replace('.', ',')}{unit}", description)

    def test_indicators_pages_link_their_open_data(self):
        for org in SCHOOLS:
            with self.subTest(org=org):
                page = self.out / org / "indicators" / "index.html"
                for tag, attr, url in e2e.parse_html(page).links:
                    if url.endswith((".csv", ".json")):
                        kind, target = e2e.resolve_link(self.out, page, url, BASE_URL)
                        self.assertEqual(kind, "file")
                        self.assertTrue(target.is_file(), f"{url} → {target}")

    def test_department_indicators_page_links_only_existing_open_data(self):
        # Regression: the department has no indicators.yaml, so uo/indicators.csv and .json
        # are not written; the page once linked «Открытые данные: CSV · JSON» to them anyway
        # (csv_href/json_href set unconditionally in indicators_view).
        page = self.out / DEPARTMENT / "indicators" / "index.html"
        missing = []
        for tag, attr, url in e2e.parse_html(page).links:
            if url.endswith((".csv", ".json")):
                kind, target = e2e.resolve_link(self.out, page, url, BASE_URL)
                if kind != "file" or not target.is_file():
                    missing.append(url)
        self.assertEqual(missing, [])

    # ----------------------------------------------------------- roadmaps/ics --

    def test_school_calendar(self):
        path = self.out / "school-1" / "roadmap" / "roadmap.ics"
        data = path.read_bytes()
        self.assertTrue(data.startswith(b"BEGIN:VCALENDAR\r\n"))
        self.assertTrue(data.endswith(b"END:VCALENDAR\r\n"))
        self.assertEqual(data.count(b"\n"), data.count(b"\r\n"))
        for line in ics_physical_lines(data):
            self.assertLessEqual(len(line), 75, line.decode("utf-8", "replace"))
            line.decode("utf-8")  # folding never splits a UTF-8 sequence... per physical line
        events = ics_events(path)
        want = expected_events("school-1", with_org_name=False)
        self.assertEqual(set(events), set(want))
        for uid, (start, end, summary, status) in want.items():
            got = events[uid]
            self.assertEqual(got[0], start, uid)
            self.assertEqual(got[1], end, uid)
            self.assertEqual(plain(got[2]), summary, uid)
            self.assertEqual(got[3], status, uid)

    def test_department_calendar_merges_every_organisation(self):
        path = self.out / DEPARTMENT / "roadmap" / "roadmap.ics"
        data = path.read_bytes()
        for line in ics_physical_lines(data):
            self.assertLessEqual(len(line), 75, line.decode("utf-8", "replace"))
        events = ics_events(path)
        want = {**expected_events(DEPARTMENT, with_org_name=True), **expected_events("school-1", with_org_name=True)}
        self.assertEqual(set(events), set(want))
        for uid, (start, end, summary, status) in want.items():
            self.assertEqual(events[uid][:2], (start, end), uid)
            self.assertEqual(plain(events[uid][2]), summary, uid)
            self.assertEqual(events[uid][3], status, uid)
        self.assertEqual({uid.split(".")[0].split("-")[0] for uid in events}, {"uo", "school"})
        # Schools without a roadmap have no calendar.
        for org in ("school-2", "school-3"):
            self.assertFalse((self.out / org / "roadmap").exists(), org)

    def test_uids_stable_when_items_are_reordered(self):
        content = e2e.copy_tree(FIXTURE, self.tmp / "reordered")
        for org in (DEPARTMENT, "school-1"):
            path = content / org / "roadmap.yaml"
            data = e2e.load_yaml(path)
            data["sections"].reverse()
            for section in data["sections"]:
                section["items"].reverse()
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            self.assertNotEqual(roadmap_items(org, content), roadmap_items(org))
        out = self.tmp / "reordered-public"
        proc = build(content, out)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        for rel in ("school-1/roadmap/roadmap.ics", f"{DEPARTMENT}/roadmap/roadmap.ics"):
            with self.subTest(calendar=rel):
                self.assertEqual(ics_events(out / rel), ics_events(self.out / rel))
                # Events are sorted by date and UID: the file does not depend on YAML order.
                self.assertEqual((out / rel).read_bytes(), (self.out / rel).read_bytes())

    def test_tab_shows_the_next_event_and_not_past_ones(self):
        page = page_text(self.out / "school-1" / "index.html")
        block = section_after(page, "Ближайшие мероприятия")
        self.assertTrue(block, "no «Ближайшие мероприятия» on the tab")
        items = [plain(html.unescape(re.sub(r"<[^>]+>", "", li))) for li in re.findall(r"<li>(.*?)</li>", block, re.S)]
        self.assertTrue(items, block)
        upcoming = sorted((i for i in roadmap_items("school-1")
                           if "start" in i and i.get("status") not in ("done", "cancelled")
                           and i.get("end", i["start"]) >= TODAY), key=lambda i: i["start"])
        self.assertEqual(upcoming[0]["title"], "Педагогическая мастерская «Первые шаги»")
        self.assertTrue(items[0].startswith(upcoming[0]["title"]), items)
        self.assertIn("3 декабря 2025 г.", items[0])
        titles = " | ".join(items)
        for past in (i for i in roadmap_items("school-1") if "start" in i and i.get("end", i["start"]) < TODAY):
            self.assertNotIn(past["title"], titles)
        self.assertNotIn("Встреча с выпускниками-наставниками", titles, "a cancelled item is not upcoming")
        self.assertEqual(len(items), len(upcoming))

    # -------------------------------------------------------------- monitoring --

    def run_check(self, *extra):
        cwd = Path(tempfile.mkdtemp(prefix="check-", dir=self.tmp))
        proc = e2e.run_nastavnik(["check", "--content", FIXTURE, "--report", *extra], cwd=cwd, epoch=EPOCH)
        self.assertEqual(list(cwd.iterdir()), [], "check writes nothing")
        return proc

    def test_monitoring_json(self):
        proc = self.run_check("--format", "json")
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        report = json.loads(proc.stdout)
        self.assertEqual(report["date"], TODAY.isoformat())
        self.assertEqual([i["id"] for i in report["items"]], CHECKLIST_IDS)
        orgs = {o["id"]: o for o in report["organisations"]}
        self.assertEqual(list(orgs), list(SCHOOLS), "every organisation but the department")
        for org, want in MONITORING.items():
            with self.subTest(org=org):
                got = {k: v["status"] for k, v in orgs[org]["checks"].items()}
                self.assertEqual(got, want)
                self.assertEqual(orgs[org]["present"], sum(s == "present" for s in want.values()))
                self.assertEqual(orgs[org]["total"], len(CHECKLIST_IDS))
                for item, check in orgs[org]["checks"].items():
                    self.assertEqual(check["title"], {"present": "есть", "outdated": "устарело", "missing": "нет"}[check["status"]])
                    if check["status"] == "missing":
                        self.assertIsNone(check["url"], item)
                    elif check["url"] is not None:
                        self.assertTrue(check["url"].startswith(f"{BASE_URL}{org}/"), check["url"])
                        target = e2e.url_to_file(self.out, BASE_URL, check["url"])
                        self.assertTrue(target.is_file(), f"{item}: {check['url']}")
        s2 = orgs["school-2"]["checks"]
        self.assertEqual(plain(s2["regulation"]["detail"]), "утратил силу 31 декабря 2024 г.")
        self.assertEqual(plain(s2["news"]["detail"]), "от 15 мая 2025 г.")
        self.assertEqual(s2["indicators"]["detail"], "последние данные за 2024 год")
        self.assertEqual(orgs["school-1"]["checks"]["indicators"]["detail"], "за 2025 год")
        # No document of the fixture carries an electronic signature (tests/e2e/test_signatures.py signs some).
        self.assertRegex(orgs["school-1"]["checks"]["signed"]["detail"], r"^подписано 0 из [1-9]\d*$")
        self.assertEqual(proc.stderr, "")

    def test_monitoring_text(self):
        proc = self.run_check()
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        text = plain(proc.stdout)
        self.assertIn("Мониторинг вкладок «Наставничество» на 25 ноября 2025 г.", text)
        blocks = {}
        for block in text.split("\n\n")[1:]:
            m = re.match(r"(.+) \(([a-z0-9-]+)\): (\d+) из (\d+)", block)
            self.assertIsNotNone(m, block)
            blocks[m.group(2)] = block
        self.assertEqual(list(blocks), list(SCHOOLS))
        self.assertRegex(blocks["school-2"], r"(?m)^  нет\s+Приказ о назначении куратора$")
        self.assertRegex(blocks["school-2"], r"(?m)^  устарело\s+Положение о наставничестве — утратил силу")
        self.assertRegex(blocks["school-2"], r"(?m)^  устарело\s+Новость за последние 90 дней")
        self.assertRegex(blocks["school-3"], r"(?m)^  нет\s+Контакты куратора$")
        # School 1 has every item but signatures (no document of the fixture is signed).
        self.assertEqual(re.findall(r"(?m)^  (?:нет|устарело)\s+(.*)$", blocks["school-1"]),
                         ["Документы и приказы с электронной подписью — подписано 0 из 4"])
        self.assertIn("МБОУ СОШ № 1 (school-1): 9 из 10", text)
        self.assertIn("МБОУ СОШ № 2 (school-2): 4 из 10", text)
        self.assertIn("МБОУ СОШ № 3 (school-3): 4 из 10", text)

    def test_monitoring_page(self):
        path = self.out / DEPARTMENT / "monitoring" / "index.html"
        self.assertTrue(path.is_file())
        page = page_text(path)
        self.assertRegex(page, r"<table\b")
        self.assertIn("<caption>", page)
        for org, want in MONITORING.items():
            with self.subTest(org=org):
                row = re.search(r'<tr><th scope="row"><a href="[^"]*/' + re.escape(org) + r'/">[^<]*</a></th>(.*?)</tr>', page, re.S)
                self.assertIsNotNone(row, org)
                classes = re.findall(r'<td class="check-([a-z]+)"', row.group(1))
                self.assertEqual(classes, [want[i] for i in CHECKLIST_IDS])

    def test_monitoring_page_date_sentence(self):
        # format_date_ru already ends with «г.»: no second full stop after it.
        page = page_text(self.out / DEPARTMENT / "monitoring" / "index.html")
        sentence = re.search(r"<p>(Состояние на.*?)</p>", page, re.S)
        self.assertIsNotNone(sentence)
        text = plain(html.unescape(e2e.strip_tags(sentence.group(1))))
        self.assertTrue(text.startswith("Состояние на 25 ноября 2025 г."), text)
        self.assertNotIn("г..", text)


# ---------------------------------------------------------- calendar UIDs --

class MergedCalendarUids(e2e.TempDirTestCase):
    def test_uids_unique_across_organisations(self):
        # Org `school-1` item «1.1» and org `school-1-1` item «1» must not share a UID in the
        # department's merged calendar (a calendar client would keep only one of them).
        content = e2e.copy_tree(FIXTURE, self.tmp / "content")
        e2e.write(content / "school-1-1" / "org.yaml",
                  'name: "Филиал школы № 1"\nshort_name: "Филиал СОШ № 1"\nkind: school\n')
        e2e.write(content / "school-1-1" / "roadmap.yaml",
                  'title: "Дорожная карта филиала"\nsections:\n  - title: "Раздел"\n    items:\n'
                  '      - id: "1"\n        title: "Совещание филиала"\n        start: 2026-01-15\n        status: planned\n')
        out = self.tmp / "public"
        proc = build(content, out)
        self.assertBuildOk(proc)
        cal = Calendar.from_ical((out / DEPARTMENT / "roadmap" / "roadmap.ics").read_bytes())
        uids = [str(ev["UID"]) for ev in cal.walk("VEVENT")]
        self.assertEqual(len(uids), len(set(uids)), sorted(uids))


# ---------------------------------------------------------- bad indicators --

class BadIndicators(e2e.TempDirTestCase):
    """A wrong indicators.yaml stops the build with the exact message, and OUT stays as it was."""

    FILE = "school-2/indicators.yaml"

    def setUp(self):
        super().setUp()
        self.content = e2e.copy_tree(FIXTURE, self.tmp / "content")
        self.out = self.tmp / "public"
        proc = build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, "the unmodified fixture must build:\n" + e2e.describe(proc))
        self.before = e2e.tree_hash(self.out)

    def replace_line(self, line_no, old, new):
        path = self.content / self.FILE
        lines = path.read_text(encoding="utf-8").split("\n")
        self.assertIn(old, lines[line_no - 1], f"fixture {self.FILE} changed: line {line_no} is {lines[line_no - 1]!r}")
        lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
        path.write_text("\n".join(lines), encoding="utf-8")

    def assertRejected(self, message):
        proc = build(self.content, self.out)
        report = e2e.describe(proc)
        self.assertEqual(proc.returncode, 1, report)
        lines = proc.stderr.splitlines()
        self.assertIn(message, lines, report)
        self.assertEqual(len([l for l in lines if ": ошибка: " in l]), 1, report)
        self.assertRegex(lines[-1], r"^Сборка остановлена: 1\s+ошибк", report)
        self.assertEqual(proc.stdout, "", report)
        self.assertEqual(e2e.tree_hash(self.out), self.before, "the previous site in OUT was changed")
        leftovers = sorted(p.name for p in self.tmp.iterdir() if p.name.startswith("public.tmp-"))
        self.assertEqual(leftovers, [], "a staging folder was left next to OUT")
        check = e2e.run_nastavnik(["check", "--content", self.content, "--report", "--format", "json"], cwd=self.tmp, epoch=EPOCH)
        self.assertEqual(check.returncode, 1, e2e.describe(check))
        self.assertIn(message, check.stderr.splitlines())
        self.assertEqual(check.stdout, "", "no report for content with errors")

    def test_numerator_above_denominator(self):
        self.replace_line(9, "numerator: 15,", "numerator: 26,")
        self.assertRejected(f"{self.FILE}:9:25: ошибка: числитель 26 больше знаменателя 25, "
                            "проверьте значения: доля не может превышать 100 %")

    def test_negative_count(self):
        self.replace_line(15, "value: 5", "value: -5")
        self.assertRejected(f"{self.FILE}:15:21: ошибка: отрицательное значение в поле «value», укажите число 0 или больше")

    def test_year_outside_years(self):
        self.replace_line(14, "2023:", "2022:")
        self.assertRejected(f"{self.FILE}:14:7: ошибка: год 2022 не указан в списке years, "
                            "добавьте его в years или исправьте год")

    def test_duplicate_id(self):
        self.replace_line(10, "id: mentors-trained", "id: young-teachers-covered")
        self.assertRejected(f"{self.FILE}:10:9: ошибка: показатель с кодом «young-teachers-covered» уже есть в строке 4, "
                            "у каждого показателя должен быть свой id")

    def test_percent_without_denominator(self):
        self.replace_line(8, "{numerator: 5, denominator: 10}", "{numerator: 5}")
        self.assertRejected(f"{self.FILE}:8:7: ошибка: у доли (unit: percent) нет знаменателя за 2023 год, "
                            "добавьте denominator — число, от которого считается доля")


if __name__ == "__main__":
    unittest.main()
