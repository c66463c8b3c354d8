#!/usr/bin/python3
"""Prints the demo's attached PDFs (content/*/files/*.pdf) as documents with a Russian text
layer, the way a school saves an order from Word: the organisation, the kind of document,
its number and date, its title and the entry's text. The demo's pages then show a real
«Текстовая версия», and the site's search finds the words of the orders.

Each PDF named by an entry's `file:` or `files:` is printed by headless Chromium from HTML
made of that entry; a PDF no entry names is left as it is.

    /usr/bin/python3 tools/demo-documents/print_pdfs.py [content]
"""
import datetime as dt
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
KINDS = {"orders": "Приказ", "documents": "Документ", "practices": "Описание практики", "news": "Приложение", "pages": "Приложение"}


def front_matter(path: Path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n?(.*)", text, re.S)
    return (yaml.safe_load(m.group(1)) or {}, m.group(2)) if m else ({}, text)


def russian_date(value) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year} г."


def paragraphs(markdown: str):
    for block in re.split(r"\n\s*\n", markdown):
        block = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", block)          # images
        block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)      # links: their text
        block = re.sub(r"^#+\s*|^\s*[-*]\s+|[*_`>|]", "", block, flags=re.M).strip()
        block = re.sub(r"\s+", " ", block)
        if block:
            yield block


def page(org_name: str, section: str, fm: dict, body: str) -> str:
    parts = [f"<p class=org>{html.escape(org_name)}</p>"]
    if section == "orders":
        parts.append("<h1>ПРИКАЗ</h1>")
        parts.append(f"<p class=meta>от {russian_date(fm['date'])} № {html.escape(str(fm.get('number', '')))}</p>")
        parts.append(f"<h2>{html.escape(fm['title'])}</h2>")
    else:
        parts.append(f"<h1>{html.escape(fm['title'])}</h1>")
        if fm.get("date"):
            parts.append(f"<p class=meta>{russian_date(fm['date'])}</p>")
    parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs(body)]
    if section == "orders":
        parts.append("<p>В целях реализации целевой модели наставничества (распоряжение Минпросвещения России "
                     "от 25.12.2019 № Р-145) ПРИКАЗЫВАЮ:</p>")
        parts.append(f"<p>1. Принять к исполнению решения по вопросу «{html.escape(fm['title'])}».</p>")
        parts.append("<p>2. Куратору наставничества разместить приказ в разделе «Наставничество» официального сайта.</p>")
        parts.append("<p>Контроль исполнения приказа оставляю за собой.</p><p class=sign>Руководитель организации</p>")
    style = ("body{font:13pt/1.45 'DejaVu Serif',serif;margin:2.5cm 2cm} .org{text-align:center;font-weight:bold}"
             "h1{text-align:center;font-size:15pt} h2{font-size:13pt;text-align:center}"
             ".meta{text-align:center} .sign{margin-top:2em}")
    return f"<!doctype html><html lang=ru><meta charset=utf-8><style>{style}</style><body>{''.join(parts)}</body></html>"


def main():
    content = Path(sys.argv[1] if len(sys.argv) > 1 else "content")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("нужен Chromium: NASTAVNIK_TEST_DEPS=1 scripts/setup.sh")
    printed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for org_dir in sorted(p for p in content.iterdir() if (p / "org.yaml").exists()):
            org_name = (yaml.safe_load((org_dir / "org.yaml").read_text(encoding="utf-8")) or {}).get("name", org_dir.name)
            for md in sorted(org_dir.glob("*/*.md")):
                section = md.parent.name
                if section not in KINDS:
                    continue
                fm, body = front_matter(md)
                files = fm.get("files") or []
                files = ([fm["file"]] if fm.get("file") else []) + (files if isinstance(files, list) else [files])
                for rel in files:
                    if not str(rel).lower().endswith(".pdf"):
                        continue
                    target = org_dir / rel
                    source = Path(tmp) / (target.stem + ".html")
                    source.write_text(page(org_name, section, fm, body), encoding="utf-8")
                    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                    f"--print-to-pdf={target}", source.as_uri()], capture_output=True, timeout=120, check=True)
                    printed += 1
    print(f"напечатано PDF: {printed}")


if __name__ == "__main__":
    main()
