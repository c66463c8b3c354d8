"""Shared helpers for the end-to-end tests of nastavnik.

Each test builds a content tree in a temporary folder, runs the real binary with
subprocess and reads the output with ordinary clients (feedparser, xml.etree,
html.parser). Run with Debian's python (/usr/bin/python3), which has python3-feedparser
and python3-yaml.

Environment:
  NASTAVNIK       path to the binary      (default: <repo>/build/nastavnik)
  NASTAVNIK_REPO  the repository root     (default: two levels above this file)
"""
from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import html
import html.parser
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.parse
from pathlib import Path

import yaml

REPO = Path(os.environ.get("NASTAVNIK_REPO") or Path(__file__).resolve().parents[2]).resolve()
BINARY = Path(os.environ.get("NASTAVNIK") or REPO / "build" / "nastavnik").resolve()
THEME = REPO / "themes" / "default"
DEMO_CONTENT = REPO / "content"
MINIMAL = REPO / "tests" / "fixtures" / "minimal"

# 2026-11-25 12:00:00 UTC: every test fixes "today" so that results never depend on the clock.
# (1764072000, sometimes quoted for this date, is 2025-11-25.)
EPOCH = 1795608000
TODAY = _dt.date(2026, 11, 25)

MINIMAL_BASE_URL = "https://nastavnik.example.ru/"
SECTIONS = ("news", "documents", "orders", "stories", "practices", "pages")
COLLECTIONS = ("news", "documents", "orders", "stories", "practices")


# ------------------------------------------------------------------ running --

def run_nastavnik(args, *, cwd=None, epoch=EPOCH, extra_env=None, timeout=300):
    """Runs the binary; returns subprocess.CompletedProcess with text stdout/stderr."""
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    env["NO_COLOR"] = "1"
    env.pop("NASTAVNIK_THEME", None)
    if extra_env:
        env.update(extra_env)
    # Others may be relinking the binary while the tests run: a brief "text file busy" or
    # "permission denied" is retried rather than reported as a test failure.
    attempts = 240
    for attempt in range(attempts):
        try:
            proc = subprocess.run([str(BINARY), *[str(a) for a in args]], cwd=str(cwd) if cwd else None, env=env,
                                  capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout)
            # Killed by a signal: possibly a half-written binary; a real crash repeats.
            if proc.returncode < 0 and attempt < 4:
                time.sleep(1)
                continue
            return proc
        except OSError as e:
            if attempt == attempts - 1 or e.errno not in (errno.EACCES, errno.ETXTBSY, errno.ENOEXEC, errno.ENOENT):
                raise
            time.sleep(0.5)


def build(content, out, *extra, epoch=EPOCH, theme=THEME, cwd=None):
    """`nastavnik build --content CONTENT --out OUT [--theme THEME] EXTRA...`.

    cwd defaults to the parent of OUT, so that the binary never picks up a themes/ folder
    from wherever the tests happen to run."""
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    args = ["build", "--content", content, "--out", out]
    if theme is not None:
        args += ["--theme", theme]
    args += list(extra)
    return run_nastavnik(args, cwd=cwd or Path(out).parent, epoch=epoch)


def describe(proc) -> str:
    return f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"


def copy_tree(src, dst):
    shutil.copytree(src, dst, symlinks=True)
    return Path(dst)


def ensure_binary(test=None, wait_seconds=120):
    """Fails unless the binary exists; waits a while first, as a concurrent relink removes
    and rewrites it."""
    deadline = time.monotonic() + wait_seconds
    while (not BINARY.is_file() or not os.access(BINARY, os.X_OK)) and time.monotonic() < deadline:
        time.sleep(0.5)
    if not BINARY.is_file() or not os.access(BINARY, os.X_OK):
        raise AssertionError(f"nastavnik binary not found at {BINARY}; build it with cmake --build build "
                             "or set NASTAVNIK=/path/to/nastavnik")


# ------------------------------------------------------------- output trees --

def tree_hash(root) -> str:
    """A hash of a whole folder: paths, kinds, modes, file contents and symlink targets."""
    root = Path(root)
    h = hashlib.sha256()
    if not root.exists():
        return "missing"
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        h.update(b"D\0" + rel_dir.encode() + b"\0")
        for name in sorted(filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]):
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix().encode()
            if p.is_symlink():
                h.update(b"L\0" + rel + b"\0" + os.readlink(p).encode() + b"\0")
            else:
                h.update(b"F\0" + rel + b"\0" + oct(p.stat().st_mode & 0o777).encode() + b"\0")
                h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def tree_digest(root) -> dict:
    """{relative path: sha256} of every file, for readable diffs on failure."""
    root = Path(root)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def files_under(root, suffix=None):
    """Files under `root` whose names end with `suffix`. The site's pages, for ".html": the
    browser editor's pages (admin/, Decap CMS's) are not the site's, and tests/e2e/test_editor.py
    checks them."""
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file() and (suffix is None or p.name.endswith(suffix))
                  and not (suffix == ".html" and is_editor_page(root, p)))


def is_editor_page(root, path) -> bool:
    """An admin/ page: the department's (admin/index.html) or an organisation's."""
    parts = Path(path).relative_to(root).parts
    return len(parts) in (2, 3) and parts[-2] == "admin" and parts[-1] == "index.html"


def text_files(root):
    """(path, text) for every output file that decodes as UTF-8 (HTML, XML, CSS, robots.txt...)."""
    for p in files_under(root):
        data = p.read_bytes()
        if b"\0" in data:
            continue
        try:
            yield p, data.decode("utf-8")
        except UnicodeDecodeError:
            continue


# --------------------------------------------------------------- text match --

_QUOTES = dict.fromkeys(map(ord, "\"'«»„“”‘’`"), None)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u200b]+")


def normalise(text: str) -> str:
    """For searching a human string in output: entities decoded (twice: RSS content:encoded
    holds escaped HTML), quotes dropped, dashes unified, any run of spaces (also non-breaking)
    one space, lower case."""
    text = html.unescape(html.unescape(text))
    text = text.translate(_QUOTES)
    text = text.replace("\u2014", "-").replace("\u2013", "-").replace("\u2011", "-")
    text = text.replace("ё", "е").replace("Ё", "Е")
    return _SPACES.sub(" ", text).strip().casefold()


def strip_tags(text: str) -> str:
    return re.sub(r"<[^>]*>", " ", text)


def find_in_outputs(root, needle: str):
    """Output files whose text (raw or with tags stripped) contains `needle` after normalise()."""
    n = normalise(needle)
    hits = []
    for p, text in text_files(root):
        if n in normalise(text) or n in normalise(strip_tags(text)):
            hits.append(p.relative_to(root).as_posix())
    return hits


# ------------------------------------------------------------------ content --

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "№": "n",
}
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def slugify(text: str) -> str:
    latin = "".join(_TRANSLIT.get(c, c) for c in text.lower())
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", latin)).strip("-")


def slug_from_file_name(name: str) -> str:
    stem = name[:-3] if name.endswith(".md") else name
    if _DATE_PREFIX.match(stem) and len(stem) > 11:
        stem = stem[11:]
    return slugify(stem)


def read_front_matter(path):
    """(front matter dict, body) of a Markdown file; BOM and CRLF tolerated."""
    text = Path(path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    if not text.startswith("---"):
        return {}, text
    parts = text.split("\n---", 1)
    fm_text = parts[0][3:]
    body = parts[1].split("\n", 1)[1] if len(parts) > 1 and "\n" in parts[1] else ""
    return (yaml.safe_load(fm_text) or {}), body


def load_yaml(path):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8-sig"))


def as_date(value):
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def today_for(content, epoch=EPOCH) -> _dt.date:
    """The build date as the generator sees it: the epoch in site.yaml's timezone."""
    from zoneinfo import ZoneInfo
    site = load_yaml(Path(content) / "site.yaml") or {}
    zone = ZoneInfo(site.get("timezone") or "Europe/Moscow")
    return _dt.datetime.fromtimestamp(epoch, tz=zone).date()


def content_entries(content):
    """Every Markdown item of every org: dicts with org, section, path, slug, url, fm, body."""
    content = Path(content)
    out = []
    for org_dir in sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for section in SECTIONS:
            for md in sorted((org_dir / section).glob("*.md")):
                fm, body = read_front_matter(md)
                slug = str(fm["slug"]) if fm.get("slug") else slug_from_file_name(md.name)
                url = f"{org_dir.name}/{slug}/" if section == "pages" else f"{org_dir.name}/{section}/{slug}/"
                out.append({"org": org_dir.name, "section": section, "path": md, "slug": slug, "url": url,
                            "fm": fm, "body": body})
    return out


def unpublished_entries(content, epoch=EPOCH):
    """Drafts and items dated after the build date."""
    today = today_for(content, epoch)
    out = []
    for e in content_entries(content):
        d = as_date(e["fm"].get("date"))
        if e["fm"].get("draft") is True or (d is not None and d > today):
            out.append(e)
    return out


def hidden_names(content):
    """Every person name given without consent: curators, story mentors/mentees, mentors.yaml."""
    content = Path(content)
    names = []

    def person(p, where):
        if isinstance(p, dict) and p.get("name") and p.get("consent") is not True:
            names.append((str(p["name"]).strip(), where))

    for org_dir in sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith(".")):
        org_yaml = org_dir / "org.yaml"
        if org_yaml.is_file():
            person((load_yaml(org_yaml) or {}).get("curator"), f"{org_dir.name}/org.yaml curator")
        mentors = org_dir / "mentors.yaml"
        if mentors.is_file():
            for i, m in enumerate(load_yaml(mentors) or []):
                person(m, f"{org_dir.name}/mentors.yaml #{i + 1}")
        for md in sorted((org_dir / "stories").glob("*.md")):
            fm, _ = read_front_matter(md)
            for role in ("mentor", "mentee"):
                person(fm.get(role), f"{md.relative_to(content).as_posix()} {role}")
    return names


def consented_names(content):
    """Names that may be published: consented people and practice authors."""
    content = Path(content)
    names = []

    def person(p):
        if isinstance(p, dict) and p.get("name") and p.get("consent") is True:
            names.append(str(p["name"]).strip())

    for org_dir in sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (org_dir / "org.yaml").is_file():
            person((load_yaml(org_dir / "org.yaml") or {}).get("curator"))
        if (org_dir / "mentors.yaml").is_file():
            for m in load_yaml(org_dir / "mentors.yaml") or []:
                person(m)
        for md in sorted((org_dir / "stories").glob("*.md")):
            fm, _ = read_front_matter(md)
            person(fm.get("mentor"))
            person(fm.get("mentee"))
        for md in sorted((org_dir / "practices").glob("*.md")):
            fm, _ = read_front_matter(md)
            authors = fm.get("authors") or []
            names.extend(str(a) for a in (authors if isinstance(authors, list) else [authors]))
    return names


_SURNAME_ENDINGS = ("", "а", "у", "е", "ы", "ом", "ым", "ой", "ою", "ого", "ому", "ых", "ем", "ей", "ими", "им")


def surname_pattern(name: str):
    """A regex for the first word of `name` (the surname) in any grammatical case, as a
    whole word, over normalise()d text."""
    surname = normalise(name.split()[0])
    stem = surname[:-1] if surname.endswith(("а", "я")) else surname
    endings = sorted(set(_SURNAME_ENDINGS), key=len, reverse=True)
    return re.compile(r"(?<!\w)" + re.escape(stem) + "(?:" + "|".join(endings) + r")(?!\w)")


# ------------------------------------------------------------------- links --

class LinkCollector(html.parser.HTMLParser):
    """Collects every href/src (and srcset) of a page, and the <link> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []       # (tag, attribute, value)
        self.link_tags = []   # dicts of <link> attributes
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link":
            self.link_tags.append(a)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name) is not None:
                self.links.append((tag, name, a[name]))
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.links.append((tag, "srcset", part.strip().split()[0]))

    handle_startendtag = handle_starttag


def parse_html(path) -> LinkCollector:
    c = LinkCollector()
    c.feed(Path(path).read_text(encoding="utf-8"))
    c.close()
    return c


def base_path(base_url: str) -> str:
    """"https://group.gitlab.io/project/" → "/project/"."""
    return urllib.parse.urlsplit(base_url).path or "/"


def target_file(out_root: Path, rel_path: str):
    """The file a site-relative path serves: folders → index.html."""
    rel_path = urllib.parse.unquote(rel_path)
    p = out_root / rel_path if rel_path else out_root
    if rel_path == "" or rel_path.endswith("/") or p.is_dir():
        p = p / "index.html"
    return p


def resolve_link(out_root: Path, page: Path, url: str, base_url: str):
    """Maps a link on `page` to (kind, path or reason).

    kind is "external" (other sites, mailto:, tel:, fragments), "file" (a Path in out_root)
    or "bad" (a link that cannot be right)."""
    url = url.strip()
    if not url:
        return "bad", "empty link"
    if url.startswith("#"):
        return "external", None
    split = urllib.parse.urlsplit(url)
    if split.scheme in ("mailto", "tel"):
        return "external", None
    if split.scheme in ("http", "https"):
        if url.startswith(base_url):
            rest = urllib.parse.urlsplit(url[len(base_url):]).path
            return "file", target_file(out_root, rest)
        return "external", None
    if split.scheme or split.netloc:
        return "bad", f"unexpected scheme in {url!r}"
    path = split.path
    if path.startswith("/"):
        prefix = base_path(base_url)
        if not path.startswith(prefix):
            return "bad", f"root-relative link {url!r} outside the site's path {prefix!r}"
        return "file", target_file(out_root, path[len(prefix):])
    page_dir = page.parent.relative_to(out_root).as_posix()
    joined = os.path.normpath(os.path.join(page_dir, urllib.parse.unquote(path))) if path else page_dir
    if joined == "." :
        joined = ""
    if joined.startswith(".."):
        return "bad", f"link {url!r} leaves the site root"
    if path.endswith("/") and joined:
        joined += "/"
    return "file", target_file(out_root, joined)


def broken_links(out_root, base_url):
    """Every (page, url, problem) whose target does not exist; also root-relative links
    outside 404.html (which is served at any depth and may use them)."""
    out_root = Path(out_root)
    problems = []
    for page in files_under(out_root, ".html"):
        rel_page = page.relative_to(out_root).as_posix()
        for tag, attr, url in parse_html(page).links:
            kind, what = resolve_link(out_root, page, url, base_url)
            if kind == "external":
                continue
            if kind == "bad":
                problems.append((rel_page, url, what))
                continue
            if url.startswith("/") and rel_page != "404.html":
                problems.append((rel_page, url, "root-relative link: internal links must be relative"))
            if not what.is_file():
                problems.append((rel_page, url, f"missing {what.relative_to(out_root).as_posix() if str(what).startswith(str(out_root)) else what}"))
    return problems


def url_to_file(out_root, base_url, url):
    """An absolute URL of the site → the output file that serves it (or None if not under base_url)."""
    if not url.startswith(base_url):
        return None
    return target_file(Path(out_root), urllib.parse.urlsplit(url[len(base_url):]).path)


# ------------------------------------------------------------- test base --

class TempDirTestCase(unittest.TestCase):
    """A fresh temporary folder per test, removed afterwards."""

    def setUp(self):
        ensure_binary(self)
        self._tmp = tempfile.TemporaryDirectory(prefix="nastavnik-e2e-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def assertBuildOk(self, proc):
        self.assertEqual(proc.returncode, 0, describe(proc))

    def copy_minimal(self, name="content") -> Path:
        return copy_tree(MINIMAL, self.tmp / name)


class MutatedMinimalCase(TempDirTestCase):
    """tests/fixtures/minimal copied and built once into OUT (a good previous site); each test
    changes the copy and asserts what the next build does."""

    def setUp(self):
        super().setUp()
        self.content = self.copy_minimal()
        self.out = self.tmp / "public"
        proc = build(self.content, self.out)
        self.assertEqual(proc.returncode, 0, "the unmodified fixture must build:\n" + describe(proc))
        self.before = tree_hash(self.out)

    # ------------------------------------------------------------ mutations --

    def path(self, rel) -> Path:
        return self.content / rel

    def replace(self, rel, old, new):
        p = self.path(rel)
        text = p.read_text(encoding="utf-8")
        self.assertIn(old, text, f"fixture {rel} changed: {old!r} not found")
        p.write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, rel, text):
        p = self.path(rel)
        p.write_text(p.read_text(encoding="utf-8") + text, encoding="utf-8")

    def copy_jpg(self, name):
        shutil.copy(self.path("school-7/files/orlova.jpg"), self.path(f"school-7/files/{name}"))

    # ------------------------------------------------------------ assertions --

    def assertOutUntouched(self):
        self.assertEqual(tree_hash(self.out), self.before, "the previous site in OUT was changed")
        leftovers = sorted(p.name for p in self.tmp.iterdir() if p.name.startswith("public.tmp-"))
        self.assertEqual(leftovers, [], "a staging folder was left next to OUT")

    def assertRejected(self, prefix, *parts, errors=None):
        """Build fails with exit 1 and a stderr line starting with `prefix` (e.g.
        "school-7/news/x.md:3:7: ошибка: ") that contains every one of `parts`."""
        proc = build(self.content, self.out)
        report = describe(proc)
        self.assertEqual(proc.returncode, 1, report)
        lines = proc.stderr.splitlines()
        matching = [l for l in lines if l.startswith(prefix)]
        self.assertTrue(matching, f"no stderr line starts with {prefix!r}\n{report}")
        for part in parts:
            self.assertTrue(any(part in l for l in matching), f"{part!r} missing from {matching}\n{report}")
        self.assertRegex(lines[-1], r"^Сборка остановлена: \d+\s+ошиб", report)
        if errors is not None:
            self.assertEqual(len([l for l in lines if ": ошибка: " in l]), errors, report)
            self.assertRegex(lines[-1], rf"^Сборка остановлена: {errors}\s+ошиб", report)
        self.assertEqual(proc.stdout, "", "nothing is reported as built")
        self.assertOutUntouched()
        # `check` finds the same problem and writes nothing either.
        check = run_nastavnik(["check", "--content", self.content], cwd=self.tmp)
        self.assertEqual(check.returncode, 1, describe(check))
        self.assertTrue(any(l.startswith(prefix) for l in check.stderr.splitlines()), describe(check))
        self.assertOutUntouched()
        return proc


def write(path, text, encoding="utf-8"):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def tiny_pdf(text="nastavnik test") -> bytes:
    """A valid one-page PDF with a correct cross-reference table."""
    return one_page_pdf(b"BT /F1 12 Tf 10 50 Td (" + text.encode("ascii") + b") Tj ET")


def one_page_pdf(stream: bytes, width=200, height=100) -> bytes:
    """A one-page PDF of `width` × `height` points drawing the content `stream` (Helvetica as
    /F1, so ASCII text only)."""
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R " % (width, height) +
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def pdf_of(objs) -> bytes:
    """A PDF of these objects (1 0 R is the catalog), with a correct cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += str(i).encode() + b" 0 obj\n" + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objs) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size " + str(len(objs) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n"
    out += str(xref).encode() + b"\n%%EOF\n"
    return out
