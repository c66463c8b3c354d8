"""Shared helpers for the tests in tests/ci: the command line (check, new, serve,
reference), the pipeline file and the editors' guide.

Run with Debian's python (/usr/bin/python3, which has python3-yaml).

Environment:
  NASTAVNIK       path to the binary      (default: <repo>/build/nastavnik)
  NASTAVNIK_REPO  the repository root     (default: two levels above this file)
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

REPO = Path(os.environ.get("NASTAVNIK_REPO") or Path(__file__).resolve().parents[2]).resolve()
BINARY = Path(os.environ.get("NASTAVNIK") or REPO / "build" / "nastavnik").resolve()
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
DEMO = REPO / "content"

# 2026-11-25 12:00:00 UTC, "today" for every test.
EPOCH = 1795608000


def env_for(epoch=EPOCH, extra=None):
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    env["NO_COLOR"] = "1"
    env.pop("NASTAVNIK_THEME", None)
    if extra:
        env.update(extra)
    return env


def run(args, *, cwd=None, epoch=EPOCH, extra_env=None, timeout=300, binary=None):
    """Runs nastavnik; CompletedProcess with text output. A binary being relinked by a
    concurrent build ("text file busy") is retried."""
    binary = binary or BINARY
    for attempt in range(240):
        try:
            proc = subprocess.run([str(binary), *[str(a) for a in args]], cwd=str(cwd) if cwd else None,
                                  env=env_for(epoch, extra_env), capture_output=True, text=True, encoding="utf-8",
                                  errors="replace", timeout=timeout)
            if proc.returncode < 0 and attempt < 4:
                time.sleep(1)
                continue
            return proc
        except OSError as e:
            if attempt == 239 or e.errno not in (errno.EACCES, errno.ETXTBSY, errno.ENOEXEC, errno.ENOENT):
                raise
            time.sleep(0.5)


def describe(proc) -> str:
    return f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"


def ensure_binary(wait_seconds=120):
    deadline = time.monotonic() + wait_seconds
    while (not BINARY.is_file() or not os.access(BINARY, os.X_OK)) and time.monotonic() < deadline:
        time.sleep(0.5)
    if not BINARY.is_file():
        raise AssertionError(f"nastavnik binary not found at {BINARY}; build it or set NASTAVNIK=")


def write(path, text):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def replace_in(path, old, new):
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise AssertionError(f"{old!r} not in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tiny_pdf(text: str = "Prikaz o nastavnichestve") -> bytes:
    """A small valid PDF with a line of (Latin) text: a page without any is a scan, which the
    build warns about."""
    stream = b"BT /F1 12 Tf 10 50 Td (" + text.encode("ascii") + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += str(i).encode() + b" 0 obj\n" + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objs) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size " + str(len(objs) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    return out


class TempDirCase(unittest.TestCase):
    """A fresh temporary folder per test; `self.content` is a copy of the minimal fixture
    at tmp/content."""

    def setUp(self):
        ensure_binary()
        self._tmp = tempfile.TemporaryDirectory(prefix="nastavnik-ci-")
        self.tmp = Path(self._tmp.name)
        self.content = self.tmp / "content"
        shutil.copytree(MINIMAL, self.content)

    def tearDown(self):
        self._tmp.cleanup()

    def nastavnik(self, *args, **kwargs):
        kwargs.setdefault("cwd", self.tmp)
        return run(list(args), **kwargs)
