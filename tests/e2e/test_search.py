#!/usr/bin/python3
"""End-to-end: the search index (`nastavnik build --search-index`, generator/search/) is
an output like any other. The search fixture (tests/fixtures/minimal with
tests/fixtures/search on top) is built with the stemmer of the repository's node_modules:
search/data/ is in the output, byte for byte the same in two builds; it indexes exactly the
pages that carry data-search-body (entries, free pages, the organisations' tabs and mentors
pages), with their organisation and collection as filters, and none of the names written
without consent. The search page's stemmer (snowball-stemmer.jsx, run here by node) and the
build's (libstemmer) give every word of the demo site the same term, so every word of every
page is found. Without the option there is no index and the search page says search is not
set up; a stemmer that is missing stops the build and leaves the published site as it was;
a section (`--org`) is not indexed and its form searches the portal.
The browser test (tests/browser/search.js) runs the queries.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_search.py
"""
import gzip
import json
import shutil
import subprocess
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

MODULES = e2e.REPO / "node_modules"
STEMMER = MODULES / "snowball-stemmer.jsx" / "dest" / "russian-stemmer.global.min.js"
SEARCH_FIXTURE = e2e.REPO / "tests" / "fixtures" / "search"
HIDDEN = ["Зайцев", "Тимофей", "Белоусова", "Широков"]


def index_files(out: Path) -> dict:
    """Every file of the index as text: the .bin files are gzip, the pages' .json are not."""
    return {p.relative_to(out).as_posix(): (gzip.decompress(p.read_bytes()) if p.suffix == ".bin" else p.read_bytes()).decode("utf-8")
            for p in sorted((out / "search" / "data").rglob("*")) if p.is_file()}


def read_terms(out: Path) -> dict:
    """term → [(page, weight)], from the chunks, as search.js reads them."""
    data = out / "search" / "data"
    meta = json.loads(gzip.decompress((data / "meta.bin").read_bytes()))
    terms = {}
    for first, name in meta["chunks"]:
        b = gzip.decompress((data / name).read_bytes())
        p = 0

        def varint():
            nonlocal p
            v, shift = 0, 0
            while True:
                c = b[p]
                p += 1
                v |= (c & 0x7F) << shift
                shift += 7
                if not c & 0x80:
                    return v
        while p < len(b):
            n = varint()
            term = b[p:p + n].decode("utf-8")
            p += n
            pages, page = [], 0
            for _ in range(varint()):
                page += varint()
                pages.append((page, b[p]))
                p += 1
            terms[term] = pages
    return terms


class SearchIndex(e2e.TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.assertTrue(STEMMER.is_file(), f"{STEMMER} is missing: run npm ci in the repository (scripts/setup.sh)")
        self.content = self.copy_minimal()
        shutil.copytree(SEARCH_FIXTURE, self.content, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
        self.out = self.tmp / "public"

    def build(self, out=None, *extra):
        return e2e.build(self.content, out or self.out, "--search-index", MODULES, *extra)

    def test_index_is_an_output_deterministic_and_of_the_right_pages(self):
        self.assertBuildOk(self.build())
        second = self.tmp / "again"
        self.assertBuildOk(self.build(second))
        self.assertEqual(e2e.tree_digest(self.out / "search" / "data"), e2e.tree_digest(second / "search" / "data"),
                         "two builds wrote different index files")
        self.assertEqual(e2e.tree_hash(self.out), e2e.tree_hash(second), "two builds differ")
        data = self.out / "search" / "data"
        meta = json.loads(gzip.decompress((data / "meta.bin").read_bytes()))
        self.assertIn("RussianStemmer", (data / "stemmer.js").read_text(encoding="utf-8"))
        self.assertIn("The MIT License", (data / "stemmer.js").read_text(encoding="utf-8"))
        # Exactly the pages marked for the index, each with a page file naming its address.
        marked = sorted(p.relative_to(self.out).parent.as_posix() + "/"
                        for p in self.out.rglob("index.html") if "data-search-body" in p.read_text(encoding="utf-8"))
        marked = ["" if m == "./" else m for m in marked]
        files = sorted(json.loads(p.read_text(encoding="utf-8"))["u"] for p in (data / meta["set"]).glob("*.json"))
        self.assertEqual(files, sorted(marked))
        self.assertEqual(meta["pages"], len(marked))
        self.assertIn("school-7/news/den-nastavnika/", marked)
        self.assertIn("school-7/", marked)
        self.assertIn("school-7/kontakty/", marked)
        for not_indexed in ("", "news/", "orgs/", "search/", "school-7/news/", "admin/", "school-7/admin/", "accessibility/"):
            self.assertNotIn(not_indexed, marked)
        page = (self.out / "school-7" / "news" / "den-nastavnika" / "index.html").read_text(encoding="utf-8")
        # As the page shows them: typographed, with no-break spaces.
        self.assertIn('<main id="main" tabindex="-1" data-search-body data-search-org="МБОУ СОШ №\u00a07" '
                      'data-search-collection="Новости" data-search-date="20\u00a0ноября\u00a02025\u00a0г.">', page)
        news = next(json.loads(p.read_text(encoding="utf-8")) for p in (data / meta["set"]).glob("*.json")
                    if json.loads(p.read_text(encoding="utf-8"))["u"] == "school-7/news/den-nastavnika/")
        self.assertEqual(news["t"], "День наставника в\u00a0школе")
        self.assertEqual((news["o"], news["c"], news["d"]), ("МБОУ СОШ №\u00a07", "Новости", "20\u00a0ноября\u00a02025\u00a0г."))
        self.assertIn("прошёл", news["x"])
        # The filters are terms: the school's pages, the news.
        terms = read_terms(self.out)
        self.assertIn("~o:МБОУ СОШ №\u00a07", terms)
        self.assertIn("~c:Новости", terms)
        # Stop words are not indexed; the text of the order's PDF is.
        self.assertNotIn("и", terms)
        self.assertIn("аттестацион", terms)
        text = "\n".join(index_files(self.out).values())
        self.assertIn("Орлова", text, "the consented mentor is not in the index: the check below reads nothing")
        for name in HIDDEN:
            self.assertNotIn(name, text)
            self.assertNotIn(name.lower(), text)
        # The search page uses the index; it is not in the sitemap.
        search = (self.out / "search" / "index.html").read_text(encoding="utf-8")
        self.assertIn('data-index="../search/data/"', search)
        self.assertIn('<script src="../search/data/stemmer.js" defer></script>', search)
        self.assertIn("Поиск работает с&nbsp;включённым JavaScript", search)
        self.assertNotIn("/search/", (self.out / "sitemap.xml").read_text(encoding="utf-8"))

    def test_the_browser_stems_every_word_of_the_demo_as_the_build_does(self):
        """Every word on every page of the demo site, normalised and stemmed as search.js does
        it (in node, with the published stemmer and the theme's rules), is a term of the index:
        a reader who types any word of a page finds it."""
        out = self.tmp / "demo"
        self.assertBuildOk(e2e.build(e2e.REPO / "content", out, "--search-index", MODULES))
        data = out / "search" / "data"
        meta = json.loads(gzip.decompress((data / "meta.bin").read_bytes()))
        texts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((data / meta["set"]).glob("*.json"))]
        words_file = self.tmp / "words.txt"
        # A page file's text is cut at a character: its last word may be a part of one.
        words_file.write_text("\n".join(t["t"] + " " + t["x"].rsplit(" ", 1)[0] for t in texts), encoding="utf-8")
        script = r"""
const fs = require('fs');
const src = fs.readFileSync(process.argv[1], 'utf8');
const theme = fs.readFileSync(process.argv[2], 'utf8');
const RussianStemmer = new Function(src + '; return RussianStemmer;')();
// The rules of the theme's search.js: its WORD and normal(), taken from the file itself.
const WORD = new RegExp(theme.match(/var WORD = \/(.*)\/gu;/)[1], 'gu');
const body = theme.match(/function normal\(raw, longest\) \{([\s\S]*?)\n  \}/)[1];
const normal = new Function('raw', 'longest', body);
const stop = new Set(JSON.parse(process.argv[4]));
const s = new RussianStemmer();
const out = new Set();
for (const raw of fs.readFileSync(process.argv[3], 'utf8').match(WORD) || []) {
  const w = normal(raw, 32);
  if (w && !stop.has(w)) out.add(s.stemWord(w));
}
console.log(JSON.stringify([...out]));
"""
        proc = subprocess.run(["node", "-e", script, str(data / "stemmer.js"), str(e2e.THEME / "static" / "search.js"),
                               str(words_file), json.dumps(meta["stop"])], capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        browser = set(json.loads(proc.stdout))
        indexed = set(read_terms(out))
        self.assertGreater(len(browser), 1000, "too few words: the check reads nothing")
        self.assertEqual(sorted(browser - indexed), [], "words the browser stems to a term the index does not have")

    def test_the_environment_names_the_stemmer(self):
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", self.out, "--theme", e2e.THEME],
                                 cwd=self.tmp, extra_env={"NASTAVNIK_SEARCH_INDEX": str(STEMMER)})
        self.assertBuildOk(proc)
        self.assertTrue((self.out / "search" / "data" / "meta.bin").is_file())

    def test_without_the_index_the_search_page_says_so(self):
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", self.out, "--theme", e2e.THEME],
                                 cwd=self.tmp, extra_env={"NASTAVNIK_SEARCH_INDEX": ""})
        self.assertBuildOk(proc)
        self.assertFalse((self.out / "search" / "data").exists())
        search = (self.out / "search" / "index.html").read_text(encoding="utf-8")
        self.assertIn("Поиск на&nbsp;этом сайте пока не&nbsp;настроен", search)
        self.assertIn('href="../orgs/"', search)
        self.assertNotIn("search.js", search)
        # Every page still has the form in its header, leading to that page.
        tab = (self.out / "school-7" / "index.html").read_text(encoding="utf-8")
        self.assertIn('<form class="site-search" role="search" action="../search/" method="get">', tab)

    def test_no_stemmer_where_given_is_an_error_and_publishes_nothing(self):
        self.assertBuildOk(self.build())
        before = e2e.tree_hash(self.out)
        proc = e2e.build(self.content, self.out, "--search-index", self.tmp / "nowhere")
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("здесь нет файла snowball-stemmer.jsx/dest/russian-stemmer.global.min.js", proc.stderr)
        self.assertIn("nowhere", proc.stderr)
        self.assertEqual(e2e.tree_hash(self.out), before, "the published site changed")

    def test_a_section_is_not_indexed_and_searches_the_portal(self):
        proc = e2e.build(self.content, self.out, "--search-index", MODULES, "--org", "school-7",
                         "--base-url", "https://school7.example.ru/nastavnichestvo/")
        self.assertBuildOk(proc)
        self.assertFalse((self.out / "search").exists())
        tab = (self.out / "index.html").read_text(encoding="utf-8")
        self.assertIn('action="https://nastavnik.example.ru/search/"', tab)


if __name__ == "__main__":
    unittest.main(verbosity=2)
