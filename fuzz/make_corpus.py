#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into fuzz/corpus/<target>/ from the demo
content (content/), the default theme and a few hand-made hostile inputs.

Run from anywhere: python3 fuzz/make_corpus.py. The output is deterministic; seeds are
named by the SHA-1 of their bytes, as libFuzzer names what it adds.
"""
import hashlib
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
THEME = REPO / "themes" / "default"
OUT = REPO / "fuzz" / "corpus"
MAX_SEED = 48 * 1024


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = data[:MAX_SEED]
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def split_front_matter(text):
    if not text.startswith("---\n"):
        return "", text
    end = text.find("\n---\n", 3)
    if end < 0:
        return text, ""
    return text[4:end + 1], text[end + 5:]


HOSTILE_STRINGS = [
    "<script>alert(1)</script>",
    "\"><script>alert(document.cookie)</script>",
    "' onmouseover='alert(1)' x='",
    "\" onfocus=\"alert(1)\" autofocus=\"",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "]]><script>alert(1)</script><![CDATA[",
    "--><script>alert(1)</script><!--",
    "&lt;script&gt; &amp; &#60;script&#62;",
    "=HYPERLINK(\"http://evil.example/\",\"Нажми\")",
    "+7 (3902) 12-34-56",
    "-1+1",
    "@SUM(1+1)",
    "Запятая, точка с запятой; обратная косая \\ черта",
    "{{title}} {{{body_html}}} {{#x}}{{/x}} {{>layout}}",
    "Иванова Мария Петровна",
    "МБОУ «СОШ № 1» — «лучшая» школа",
    "\u202eRTL override\u202c",
    "\u200b\u2028\u2029",
    "a" * 200,
    "ё" * 100,
    "",
    " ",
    "\\n\\r\\t",
    "'single' \"double\" `back`",
    "<svg onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "%3Cscript%3E",
    "BEGIN:VEVENT",
    "END:VCALENDAR",
]


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    md_files = sorted(CONTENT.rglob("*.md"))
    yaml_files = sorted(CONTENT.rglob("*.yaml"))

    # front_matter: whole Markdown files, also with a BOM and CRLF line ends.
    for p in md_files:
        text = p.read_text(encoding="utf-8")
        put("front_matter", text)
    for p in md_files[:5]:
        text = p.read_text(encoding="utf-8")
        put("front_matter", "\ufeff" + text.replace("\n", "\r\n"))
    put("front_matter", "---\ntitle: x\n...\nbody")
    put("front_matter", "---\r\n---\r\n")
    put("front_matter", b"---\ntitle: \"\xff\xfe\"\n---\n")

    # yaml_schemas: every YAML file and every front matter; and the hostile classics.
    for p in yaml_files:
        put("yaml_schemas", p.read_text(encoding="utf-8"))
    for p in md_files:
        put("yaml_schemas", p.read_text(encoding="utf-8"))
    lol = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    for i in range(1, 9):
        lol += f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    put("yaml_schemas", lol)
    put("yaml_schemas", "title: " + "[" * 200 + "]" * 200 + "\n")
    put("yaml_schemas", "title: x\ntitle: y\ndate: 2023-02-29\n")
    put("yaml_schemas", "title: \"\\x01\\uD800\"\nyears: [2022, 99999999999]\n")
    put("yaml_schemas", "indicators:\n  - id: x\n    unit: percent\n    values: {2022: {numerator: 20, denominator: 10}}\nyears: [2022]\n")

    # markdown: bodies of the demo content, and hostile Markdown.
    for p in md_files:
        _, body = split_front_matter(p.read_text(encoding="utf-8"))
        if body.strip():
            put("markdown", body)
    for text in [
        "<script>alert(1)</script>\n\n<div onclick=\"x()\">x</div>",
        "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) ![z](vbscript:x) [d](data:text/html,<script>)",
        "[a](<javascript:alert(1)>) <javascript:alert(1)> www.example.com/<script>",
        "| a | b |\n|---|---|\n| <b>x</b> | [l](files/a.pdf) |\n",
        "a" + "<!--" * 200,
        "*" * 300 + "a" + "_" * 300,
        "[" * 300 + "a" + "]" * 300,
        "> " * 100 + "цитата",
        "- " * 100 + "список",
        "[link](files/../../etc/passwd) ![img](files/b.jpg \"title\")",
        "&#0; &#x0; &#xD800; &#1114112;",
        "«Кавычки» \"кавычки\" - тире -- и ... многоточие, 5 %, № 7",
    ]:
        put("markdown", text)

    # render: lines of strings for every text field.
    put("render", "\n".join(HOSTILE_STRINGS))
    put("render", "\n".join(reversed(HOSTILE_STRINGS)))
    put("render", "\n".join(s for s in HOSTILE_STRINGS if s.isprintable()))
    put("render", "\n".join(["Наставничество", "Портал", "Школа № 1", "СОШ № 1", "Черногорск"] * 10))

    # theme: the first byte picks a template (in the order of the embedded theme: by path).
    templates = sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*.mustache"))
    for i, rel in enumerate(templates):
        put("theme", bytes([i]) + (THEME / rel).read_bytes())
    put("theme", bytes([0]) + b"{{> breadcrumbs}}{{> missing}}")
    put("theme", bytes([1]) + b"{{#items}}{{title}}{{/items}}{{/oops}}")
    put("theme", bytes([2]) + b"{{=<% %>=}}<% title %>{{{body_html}}}")

    # build: each demo organisation as the one organisation "school".
    site_yaml = (CONTENT / "site.yaml").read_text(encoding="utf-8")
    site_yaml = "\n".join(l for l in site_yaml.splitlines() if not l.startswith("department:")) + "\n"
    for org in sorted(p for p in CONTENT.iterdir() if p.is_dir()):
        parts = ["#### site.yaml\n" + site_yaml]
        size = 0
        for p in sorted(org.rglob("*")):
            if not p.is_file() or p.suffix not in (".md", ".yaml"):
                continue
            text = p.read_text(encoding="utf-8")
            if size + len(text) > 24 * 1024:
                continue
            size += len(text)
            parts.append(f"#### school/{p.relative_to(org).as_posix()}\n{text}")
        put("build", "".join(parts))
    put("build", "#### school/news/2025-01-10-x.md\n---\ntitle: \"<script>alert(1)</script>\"\ndate: 2025-01-10\n"
                 "image: files/c.jpg\n---\n[x](javascript:alert(1)) <b>raw</b> [f](files/c.pdf)\n"
                 "@@@@ school/files/c.pdf -> ../../../secret.pdf\n@@@@ school/files/c.jpg -> ../../../secret.jpg\n")
    put("build", "#### school/documents/d.md\n---\ntitle: \"Документ\"\ntype: other\ndate: 2024-01-01\nfile: ../../../secret.pdf\n---\n"
                 "#### school/pages/p.md\n---\ntitle: \"Страница\"\nimage: /etc/passwd\n---\n![x](files/../../../secret.jpg)\n"
                 "@@@@ school/pages/q.md -> ../../../secret\n@@@@ school/news -> ../../\n")
    put("build", "#### school/news/\x01\x1b[31m.md\n---\ntitle: x\ndate: 2025-01-10\n---\n"
                 "#### school/news/2025-01-10-.md\n---\ntitle: y\ndate: 2025-01-10\n---\n")
    # image: the demo's photos and fuzz/seeds/image (made with libvips and exiftool: an
    # iPhone's EXIF with GPS and orientation 6, HEIC, AVIF, WebP with alpha, CMYK, 16-bit
    # PNG, GIF), each whole, cut short, and with its frame size patched to 10 000 × 9 000.
    photos = [p.read_bytes() for p in sorted(CONTENT.glob("*/files/*.jpg"))[:4]]
    photos += [p.read_bytes() for p in sorted((REPO / "fuzz" / "seeds" / "image").iterdir())]
    for data in photos:
        put("image", data)
        put("image", data[: len(data) * 2 // 3])
        sof = data.find(b"\xff\xc0")
        if sof > 0:
            put("image", data[:sof + 5] + (9000).to_bytes(2, "big") + (10000).to_bytes(2, "big") + data[sof + 9:])
    put("image", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    put("image", b"<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>")
    # document: the demo's PDFs, DOCX and ODT (each whole and cut short, behind the byte that
    # names its kind), and the demo's PDF with a signature made for other bytes.
    kinds = {".pdf": 0, ".docx": 1, ".odt": 2}
    documents = sorted(p for p in CONTENT.glob("*/files/*") if p.suffix in kinds)
    for p in documents[:3] + [p for p in documents if p.suffix != ".pdf"]:
        data = p.read_bytes()
        put("document", bytes([kinds[p.suffix]]) + data)
        put("document", bytes([kinds[p.suffix]]) + data[: len(data) // 2])
    put("document", b"\x01PK\x03\x04" + b"\x00" * 40)
    put("document", b"\x03\x80" + documents[0].read_bytes()[:2000] + b"-----BEGIN CMS-----\nMIIB\n-----END CMS-----\n")

    # search: pages as the theme marks them, with texts of the demo, and hostile markup.
    main_open = '<main id="main" tabindex="-1" data-search-body data-search-org="МБОУ СОШ №&nbsp;1" data-search-collection="Новости" data-search-date="1 мая">'
    for p in sorted(CONTENT.rglob("*.md"))[:6]:
        _, body = split_front_matter(p.read_text(encoding="utf-8"))
        paragraphs = "".join(f"<p>{x}</p>" for x in body.split("\n\n") if x.strip())
        put("search", f"<html><body><header>Шапка</header>{main_open}<h1>{p.stem}</h1>{paragraphs}</main></body></html>")
    put("search", main_open + '<h1>Н<em>а</em>ставник &amp; «ёлка»</h1><p data-search-ignore>Зайцев<p>'
        '<div hidden><div>скрыто</div></div><script>"<p>"</script><!-- --><p>настав\u00adник наста\u0301вник и\u0306</p></main>')
    put("search", "<main data-search-body><h1>" + "а" * 40 + " x&#x10FFFF;&#0;&#xD800;&bogus; <b <i>'\"</main>")
    put("search", "<main data-search-body=x data-search-org='a\"b'><div data-search-ignore><div>")
    count = {t.name: len(list(t.iterdir())) for t in sorted(OUT.iterdir())}
    print("seeds:", ", ".join(f"{k} {v}" for k, v in count.items()))


if __name__ == "__main__":
    main()
