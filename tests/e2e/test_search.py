#!/usr/bin/python3
"""End-to-end: the search index (`nastavnik build --search-index`, Pagefind) is an output
like any other. The search fixture (tests/fixtures/minimal with tests/fixtures/search on
top) is built with the Pagefind of the repository's node_modules: pagefind/ is in the
output, byte for byte the same in two builds; it indexes exactly the pages that carry
data-pagefind-body (entries, free pages, the organisations' tabs and mentors pages), with
their organisation and collection as filters, and none of the names written without
consent. Without the option there is no pagefind/ and the search page says search is not
set up; a Pagefind that fails or is missing stops the build and leaves the published site
as it was; a section (`--org`) is not indexed and its form searches the portal.
The browser test (tests/browser/search.js) runs the queries.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_search.py
"""
import gzip
import json
import os
import re
import shutil
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

MODULES = e2e.REPO / "node_modules"
PAGEFIND = MODULES / "@pagefind" / "linux-x64" / "bin" / "pagefind_extended"
SEARCH_FIXTURE = e2e.REPO / "tests" / "fixtures" / "search"
HIDDEN = ["Зайцев", "Тимофей", "Белоусова", "Широков"]


def index_text(out: Path) -> str:
    """Every file of the index, ungzipped (Pagefind's .pf_* files are gzip)."""
    return "\n".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                     for p in sorted((out / "pagefind").rglob("*.pf_*")))


class SearchIndex(e2e.TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.assertTrue(PAGEFIND.is_file(), f"{PAGEFIND} is missing: run npm ci in the repository (scripts/setup.sh)")
        self.content = self.copy_minimal()
        shutil.copytree(SEARCH_FIXTURE, self.content, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
        self.out = self.tmp / "public"

    def build(self, out=None, *extra):
        return e2e.build(self.content, out or self.out, "--search-index", MODULES, *extra)

    def test_index_is_an_output_deterministic_and_of_the_right_pages(self):
        self.assertBuildOk(self.build())
        second = self.tmp / "again"
        self.assertBuildOk(self.build(second))
        self.assertEqual(e2e.tree_digest(self.out / "pagefind"), e2e.tree_digest(second / "pagefind"),
                         "two builds wrote different index files")
        self.assertEqual(e2e.tree_hash(self.out), e2e.tree_hash(second), "two builds differ")
        for name in ("pagefind.js", "pagefind-entry.json"):
            self.assertTrue((self.out / "pagefind" / name).is_file(), name)
        # Pagefind reads a mirror of the pages made in sorted order (its page numbers follow
        # the order of the folders' entries); the mirror is not published.
        self.assertFalse((self.out / ".nastavnik-search").exists())
        # Exactly the pages marked for the index, and what they tell it.
        marked = sorted(p.relative_to(self.out).parent.as_posix() + "/"
                        for p in self.out.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8"))
        entry = json.loads((self.out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        self.assertEqual(entry["languages"]["ru"]["page_count"], len(marked), marked)
        self.assertIn("school-7/news/den-nastavnika/", marked)
        self.assertIn("school-7/", marked)
        self.assertIn("school-7/kontakty/", marked)
        for not_indexed in ("", "news/", "orgs/", "search/", "school-7/news/", "admin/", "school-7/admin/", "accessibility/"):
            self.assertNotIn(not_indexed, marked)
        page = (self.out / "school-7" / "news" / "den-nastavnika" / "index.html").read_text(encoding="utf-8")
        # As the page shows them: typographed, with no-break spaces.
        self.assertIn('<span data-pagefind-filter="org">МБОУ СОШ №\u00a07</span>', page)
        self.assertIn('<span data-pagefind-filter="collection">Новости</span>', page)
        self.assertIn('<span data-pagefind-meta="date">20\u00a0ноября\u00a02025\u00a0г.</span>', page)
        text = index_text(self.out)
        self.assertIn("Орлова", text, "the consented mentor is not in the index: the check below reads nothing")
        for name in HIDDEN:
            self.assertNotIn(name, text)
        # The search page uses the index; it is not in the sitemap.
        search = (self.out / "search" / "index.html").read_text(encoding="utf-8")
        self.assertIn('data-pagefind="../pagefind/pagefind.js"', search)
        self.assertIn("Поиск работает с&nbsp;включённым JavaScript", search)
        self.assertNotIn("/search/", (self.out / "sitemap.xml").read_text(encoding="utf-8"))

    def test_the_environment_names_pagefind(self):
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", self.out, "--theme", e2e.THEME],
                                 cwd=self.tmp, extra_env={"NASTAVNIK_SEARCH_INDEX": str(PAGEFIND)})
        self.assertBuildOk(proc)
        self.assertTrue((self.out / "pagefind" / "pagefind.js").is_file())

    def test_without_the_index_the_search_page_says_so(self):
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", self.out, "--theme", e2e.THEME],
                                 cwd=self.tmp, extra_env={"NASTAVNIK_SEARCH_INDEX": ""})
        self.assertBuildOk(proc)
        self.assertFalse((self.out / "pagefind").exists())
        search = (self.out / "search" / "index.html").read_text(encoding="utf-8")
        self.assertIn("Поиск на&nbsp;этом сайте пока не&nbsp;настроен", search)
        self.assertIn('href="../orgs/"', search)
        self.assertNotIn("search.js", search)
        # Every page still has the form in its header, leading to that page.
        tab = (self.out / "school-7" / "index.html").read_text(encoding="utf-8")
        self.assertIn('<form class="site-search" role="search" action="../search/" method="get">', tab)

    def test_a_pagefind_that_fails_publishes_nothing(self):
        self.assertBuildOk(self.build())
        before = e2e.tree_hash(self.out)
        fake = self.tmp / "pagefind"
        fake.write_text("#!/bin/sh\necho 'Error: the index is on fire' >&2\nexit 3\n", encoding="utf-8")
        fake.chmod(0o755)
        (self.content / "school-7" / "news" / "2025-11-20-den-nastavnika.md").write_text(
            "---\ntitle: \"День наставника\"\ndate: 2025-11-20\n---\nДругой текст.\n", encoding="utf-8")
        proc = e2e.build(self.content, self.out, "--search-index", fake)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("поисковый индекс не построен: Pagefind", proc.stderr)
        self.assertIn("завершился с кодом 3", proc.stderr)
        self.assertIn("Error: the index is on fire", proc.stderr)
        self.assertIn("опубликованная папка не изменена", proc.stderr)
        self.assertEqual(e2e.tree_hash(self.out), before, "the published site changed")
        self.assertEqual([p.name for p in self.tmp.iterdir() if p.name.startswith("public.tmp-")], [])

    def test_no_pagefind_where_given_is_an_error(self):
        proc = e2e.build(self.content, self.out, "--search-index", self.tmp / "nowhere")
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("здесь нет программы Pagefind", proc.stderr)
        self.assertFalse(self.out.exists())

    def test_a_section_is_not_indexed_and_searches_the_portal(self):
        proc = e2e.build(self.content, self.out, "--search-index", MODULES, "--org", "school-7",
                         "--base-url", "https://school7.example.ru/nastavnichestvo/")
        self.assertBuildOk(proc)
        self.assertFalse((self.out / "pagefind").exists())
        self.assertFalse((self.out / "search").exists())
        tab = (self.out / "index.html").read_text(encoding="utf-8")
        self.assertIn('action="https://nastavnik.example.ru/search/"', tab)


if __name__ == "__main__":
    unittest.main(verbosity=2)
