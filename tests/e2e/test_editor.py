#!/usr/bin/python3
"""End-to-end: `nastavnik build` writes the browser editor (Decap CMS): admin/ of every
organisation and the department's admin/ with every organisation, each with its config.yml
made from the contract; Decap CMS's files once in assets/decap-cms/ when the build is given
them; noindex, not in the sitemap. What the forms write passes `nastavnik check`, and a new
item's address is the one `nastavnik new` gives its title.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_editor.py
"""
import json
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DATA_FILES = {"org": "org.yaml", "index": "_index.md", "indicators": "indicators.yaml", "roadmap": "roadmap.yaml"}
# Decap CMS's widgets the configuration may use.
WIDGETS = {"string", "datetime", "boolean", "number", "select", "file", "image", "list", "object", "markdown"}
EDITOR = """
editor:
  repo: uo-chernogorsk/nastavnichestvo
  gitlab: https://gitlab.example.ru/
  app_id: "4f1c0a"
"""


def organisations(content: Path):
    return sorted(p.name for p in content.iterdir() if p.is_dir())


def walk_fields(fields, where=""):
    """Every field of a form, nested ones too, as (path, field)."""
    for f in fields:
        path = f"{where}.{f['name']}" if where else f["name"]
        yield path, f
        if "fields" in f:
            yield from walk_fields(f["fields"], path)
        if "field" in f:
            yield from walk_fields([f["field"]], path)


class DemoEditor(unittest.TestCase):
    """The demo content with an editor block in site.yaml, built once with stand-in files of
    Decap CMS (the real ones are 6 MB; tests/browser drives them)."""

    @classmethod
    def setUpClass(cls):
        e2e.ensure_binary(cls)
        cls._tmp = tempfile.TemporaryDirectory(prefix="nastavnik-editor-")
        cls.tmp = Path(cls._tmp.name)
        cls.content = e2e.copy_tree(e2e.DEMO_CONTENT, cls.tmp / "content")
        with open(cls.content / "site.yaml", "a", encoding="utf-8") as f:
            f.write(EDITOR)
        cls.modules = cls.tmp / "node_modules"  # as npm ci lays it out
        dist = cls.modules / "decap-cms" / "dist"
        dist.mkdir(parents=True)
        for name in ("decap-cms.js", "121.decap-cms.js", "f728dc876b39e5273411.wasm",  # published
                     "decap-cms.js.map", "cms.js", "121.cms.js", "cms.css", "decap-cms.js.LICENSE.txt"):  # not
            (dist / name).write_text(f"/* {name} */", encoding="utf-8")
        browser = cls.modules / "js-yaml" / "dist" / "browser"
        browser.mkdir(parents=True)
        for name in ("js-yaml.umd.min.js", "js-yaml.esm.min.mjs", "js-yaml.umd.min.js.map"):
            (browser / name).write_text(f"/* {name} */", encoding="utf-8")
        cls.out = cls.tmp / "public"
        cls.proc = e2e.build(cls.content, cls.out, "--editor-assets", cls.modules)
        cls.orgs = organisations(cls.content)
        cls.site = e2e.load_yaml(cls.content / "site.yaml")

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def setUp(self):
        self.assertEqual(self.proc.returncode, 0, e2e.describe(self.proc))

    def config(self, folder: str):
        path = self.out / folder / "admin" / "config.yml"
        self.assertTrue(path.is_file(), path)
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    def test_each_organisation_gets_its_own_collections(self):
        for org in self.orgs:
            with self.subTest(org=org):
                config = self.config(org)
                names = [c["name"] for c in config["collections"]]
                self.assertEqual(names, list(e2e.SECTIONS) + ["data", "mentors"])
                for c in config["collections"]:
                    self.assertEqual(c["media_folder"], f"/content/{org}/files")
                    self.assertEqual(c["public_folder"], "files")
                    if c["name"] not in ("data", "mentors"):
                        self.assertEqual(c["folder"], f"content/{org}/{c['name']}")
                        self.assertTrue((self.content / org / c["name"]).is_dir() or c["create"])
                # mentors.yaml, a list at its root, through the format the editor page registers;
                # offered to every organisation, the first save makes it.
                [mentors] = config["collections"][-1]["files"]
                self.assertEqual(config["collections"][-1]["format"], "nastavnik-mentors")
                self.assertEqual(mentors["file"], f"content/{org}/mentors.yaml")
                [field] = mentors["fields"]
                self.assertEqual((field["name"], field["widget"]), ("mentors", "list"))
                self.assertEqual([f["name"] for f in field["fields"]][:6],
                                 ["name", "position", "forms", "role", "photo", "consent"])
                files = {f["name"]: f["file"] for f in config["collections"][-2]["files"]}
                expected = {name: f"content/{org}/{file}" for name, file in DATA_FILES.items()
                            if name in ("org", "index") or (self.content / org / file).is_file()}
                self.assertEqual(files, expected)
                self.assertEqual(config["site_url"], self.site["base_url"] + org + "/")

    def test_the_departments_editor_shows_every_organisation(self):
        config = self.config("")
        folders = {c["folder"] for c in config["collections"] if "folder" in c}
        self.assertEqual(folders, {f"content/{org}/{s}" for org in self.orgs for s in e2e.SECTIONS})
        self.assertEqual(len(config["collections"]), len(self.orgs) * (len(e2e.SECTIONS) + 2))
        for c in config["collections"]:
            org = c["media_folder"].split("/")[2]
            self.assertTrue(c["name"].startswith(org + "-"), c["name"])
        # Each form is written once and named for the other organisations (YAML anchors):
        # read back, every organisation has its own page's forms.
        text = (self.out / "admin" / "config.yml").read_text(encoding="utf-8")
        self.assertIn("fields: &news\n", text)
        self.assertEqual(text.count("fields: *news\n"), len(self.orgs) - 1)
        for org in self.orgs:
            own = {c["name"]: c for c in self.config(org)["collections"]}
            for name, c in own.items():
                with self.subTest(org=org, collection=name):
                    [dept] = [d for d in config["collections"] if d["name"] == f"{org}-{name}"]
                    forms = lambda c: [f["fields"] for f in c["files"]] if "files" in c else [c["fields"]]
                    self.assertEqual(forms(dept), forms(c))

    def test_gitlab_login_editorial_workflow_russian(self):
        for folder in [""] + self.orgs:
            with self.subTest(page=folder + "/admin/"):
                config = self.config(folder)
                self.assertEqual(config["backend"], {
                    "name": "gitlab", "repo": "uo-chernogorsk/nastavnichestvo", "branch": "main", "auth_type": "pkce",
                    "app_id": "4f1c0a", "base_url": "https://gitlab.example.ru", "api_root": "https://gitlab.example.ru/api/v4"})
                self.assertEqual(config["publish_mode"], "editorial_workflow")
                self.assertEqual(config["locale"], "ru")

    def test_forms_use_decaps_widgets_with_russian_labels(self):
        cyrillic = re.compile(r"^[«А-ЯЁа-яё0-9]")
        for c in self.config("school-1")["collections"]:
            forms = [c] if "fields" in c else c["files"]
            for form in forms:
                for path, f in walk_fields(form["fields"]):
                    with self.subTest(form=form["name"], field=path):
                        self.assertIn(f["widget"], WIDGETS)
                        self.assertRegex(f["label"], cyrillic)
                        for option in f.get("options", []):
                            self.assertRegex(option["label"], cyrillic)
                        if f["widget"] == "datetime":
                            self.assertEqual(f["format"], "YYYY-MM-DD")
                        if "pattern" in f:
                            re.compile(f["pattern"][0])

    def test_pages_are_noindex_and_load_the_cms(self):
        for folder in [""] + self.orgs:
            page = self.out / folder / "admin" / "index.html"
            with self.subTest(page=page.relative_to(self.out).as_posix()):
                html = page.read_text(encoding="utf-8")
                self.assertIn('<meta name="robots" content="noindex, nofollow">', html)
                sources = re.findall(r'<script src="([^"]+)"', html)
                self.assertEqual([(page.parent / src).resolve() for src in sources],
                                 [(self.out / "assets/decap-cms" / name).resolve()
                                  for name in ("js-yaml.umd.min.js", "decap-cms.js")])
                self.assertIn('CMS.registerCustomFormat("nastavnik-mentors"', html)

    def test_only_the_cms_bundle_its_chunks_webassembly_and_the_yaml_reader_are_published(self):
        published = sorted(p.name for p in (self.out / "assets" / "decap-cms").iterdir())
        self.assertEqual(published, ["121.decap-cms.js", "decap-cms.js", "f728dc876b39e5273411.wasm", "js-yaml.umd.min.js"])

    def test_absent_from_the_sitemap(self):
        locs = [loc.text for loc in ET.parse(self.out / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
        self.assertTrue(locs)
        self.assertEqual([loc for loc in locs if "/admin/" in loc or "decap" in loc], [])

    def test_the_summary_counts_the_sites_pages_only(self):
        pages = len(e2e.files_under(self.out, ".html"))  # without the editor's
        self.assertRegex(self.proc.stdout, rf"Собрано {pages}\xa0", self.proc.stdout)


class WithoutTheCms(e2e.TempDirTestCase):
    def test_the_page_says_the_editor_is_not_installed_and_loads_nothing(self):
        out = self.tmp / "public"
        proc = e2e.build(e2e.DEMO_CONTENT, out)
        self.assertBuildOk(proc)
        html = (out / "school-1" / "admin" / "index.html").read_text(encoding="utf-8")
        self.assertIn("Редактор в браузере не установлен", html.replace("\xa0", " "))
        self.assertNotIn("<script", html)
        self.assertFalse((out / "assets" / "decap-cms").exists())
        # No editor block in site.yaml: the configuration still loads, without a project.
        config = yaml.safe_load((out / "school-1" / "admin" / "config.yml").read_text(encoding="utf-8"))
        self.assertNotIn("repo", config["backend"])

    def test_a_folder_without_the_cms_is_refused(self):
        empty = self.tmp / "empty"
        empty.mkdir()
        proc = e2e.build(e2e.DEMO_CONTENT, self.tmp / "public", "--editor-assets", empty)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("нет decap-cms/dist/decap-cms.js и js-yaml/dist/browser/js-yaml.umd.min.js", proc.stderr)
        self.assertIn("node_modules", proc.stderr)
        self.assertFalse((self.tmp / "public").exists())

    def test_a_wrong_gitlab_address_is_an_error_in_site_yaml(self):
        content = self.copy_minimal()
        with open(content / "site.yaml", "a", encoding="utf-8") as f:
            f.write("editor:\n  repo: uo/site\n  gitlab: gitlab.example.ru\n")
        proc = e2e.run_nastavnik(["check", "--content", content], cwd=self.tmp)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn("поле «editor.gitlab» должно быть адресом сайта, начинающимся с https://", proc.stderr)


class WhatTheFormsWrite(e2e.TempDirTestCase):
    """Files as Decap CMS writes them: its YAML (quoted strings, `""` for a cleared field),
    named after the `slug` field that the editor page fills from the title."""

    TITLES = [
        "День наставника в школе № 1",
        "Ёлка: «Новогодний» калейдоскоп — 2026/2027",
        "Приказ № 125-о от 01.09.2024 «О наставничестве»",
        "Щедрость, подъём и объём: итоги года",
        "Сетевое взаимодействие образовательных организаций муниципалитета в рамках реализации "
        "целевой модели наставничества педагогических работников",
        "Гуманітарний табір «Ї-Є-Ґ»",
    ]

    def page_slugs(self, titles):
        """nastavnikSlug of each title, run by node from an editor page of a built site."""
        out = self.tmp / "editor-site"
        modules = self.tmp / "node_modules"
        for rel, name in (("decap-cms/dist", "decap-cms.js"), ("js-yaml/dist/browser", "js-yaml.umd.min.js")):
            (modules / rel).mkdir(parents=True, exist_ok=True)
            (modules / rel / name).write_text("/* stand-in */", encoding="utf-8")
        self.assertBuildOk(e2e.build(self.copy_minimal("editor-content"), out, "--editor-assets", modules))
        html = (out / "school-7" / "admin" / "index.html").read_text(encoding="utf-8")
        script = html[html.index("var nastavnikLetters"):html.index("CMS.registerEventListener")]
        run = subprocess.run(["node", "-e", script + "process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map(nastavnikSlug)))",
                              json.dumps(titles)], capture_output=True, text=True, encoding="utf-8")
        self.assertEqual(run.returncode, 0, run.stderr)
        return json.loads(run.stdout)

    def test_the_editor_names_a_new_file_as_new_does(self):
        made = self.copy_minimal("made")
        expected = []
        for n, title in enumerate(self.TITLES):
            before = set((made / "school-7" / "news").glob("*.md"))
            proc = e2e.run_nastavnik(["new", "news", "--org", "school-7", title, "--content", made,
                                      "--date", f"2026-11-{10 + n}"], cwd=self.tmp)
            self.assertEqual(proc.returncode, 0, e2e.describe(proc))
            [created] = set((made / "school-7" / "news").glob("*.md")) - before
            expected.append(created.stem[len("2026-11-10-"):])
        self.assertEqual(self.page_slugs(self.TITLES), expected)

    def test_a_news_item_from_the_form_passes_check_at_the_address_new_gives(self):
        title = self.TITLES[0]
        made = self.copy_minimal("made")
        proc = e2e.run_nastavnik(["new", "news", "--org", "school-7", title, "--content", made, "--date", "2026-11-20"],
                                 cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        # The file the form writes: named {{year}}-{{month}}-{{day}}-{{fields.slug}}, the slug
        # field filled by the page.
        [slug] = self.page_slugs([title])
        self.assertEqual(slug, "den-nastavnika-v-shkole-n-1")
        content = self.copy_minimal()
        (content / "school-7" / "news" / f"2026-11-20-{slug}.md").write_text(
            f'---\ntitle: "{title}"\ndate: 2026-11-20\ndraft: false\nsummary: ""\ntags: []\n'
            f'image: ""\nslug: "{slug}"\nnamesakes: []\n---\nПрошёл **День наставника**.\n', encoding="utf-8")
        proc = e2e.run_nastavnik(["check", "--content", content], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        out, out_new = self.tmp / "public", self.tmp / "public-new"
        self.assertBuildOk(e2e.build(content, out))
        self.assertBuildOk(e2e.build(made, out_new))
        new_pages = {p.parent.name for p in (out_new / "school-7" / "news").glob("*/index.html")}
        form_pages = {p.parent.name for p in (out / "school-7" / "news").glob("*/index.html")}
        self.assertEqual(form_pages, new_pages)
        self.assertIn(slug, form_pages)


if __name__ == "__main__":
    unittest.main(verbosity=2)
