#!/usr/bin/python3
"""`nastavnik serve`: builds, serves on 127.0.0.1, rebuilds on every change of the content or
the theme, tells open pages over server-sent events, shows content errors in the page while
the last good site stays served, injects its script only into responses (never into files),
and stops cleanly on SIGINT.

Every wait has a deadline; the server is killed if a test fails half-way.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/ci/test_serve.py
"""
import http.client
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402

NEWS = "school-7/news/2025-11-20-den-nastavnika.md"
NEWS_URL = "/school-7/news/den-nastavnika/"
MARKER = "data-nastavnik-serve"
STARTUP_SECONDS = 120
EVENT_SECONDS = 60


def norm(text):
    """No-break spaces (typography) as plain ones, for searching text."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


class Server:
    """A running `nastavnik serve`, its output collected by reader threads."""

    def __init__(self, args, cwd, env_extra=None):
        env = h.env_for(extra=env_extra)
        self.proc = subprocess.Popen([str(h.BINARY), "serve", *map(str, args)], cwd=str(cwd), env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                     errors="replace", start_new_session=True)
        self.stdout, self.stderr = [], []
        self.lines = queue.Queue()
        for stream, sink in ((self.proc.stdout, self.stdout), (self.proc.stderr, self.stderr)):
            threading.Thread(target=self._pump, args=(stream, sink), daemon=True).start()
        self.port = None
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and self.port is None:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
        if self.port is None:
            self.kill()
            raise AssertionError("serve did not print its address:\n" + self.output())

    def _pump(self, stream, sink):
        for line in stream:
            sink.append(line)
            self.lines.put(line)

    def output(self):
        return "--- stdout ---\n" + "".join(self.stdout) + "--- stderr ---\n" + "".join(self.stderr)

    def get(self, path):
        """(status, headers, body text); errors are returned, not raised."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as r:
                return r.status, dict(r.headers), norm(r.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), norm(e.read().decode("utf-8"))

    def stop(self, sig=signal.SIGINT, timeout=20):
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"serve did not stop within {timeout} s after {sig!r}\n" + self.output())

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


class Events:
    """A server-sent events stream, read one event at a time with a deadline."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=EVENT_SECONDS)
        self.conn.request("GET", "/__nastavnik/events", headers={"Accept": "text/event-stream"})
        self.response = self.conn.getresponse()
        assert self.response.status == 200, self.response.status
        assert self.response.getheader("Content-Type", "").startswith("text/event-stream")

    def next(self, deadline_seconds=EVENT_SECONDS):
        """The next `build` event's data as a dict."""
        deadline = time.monotonic() + deadline_seconds
        event, data = None, []
        while time.monotonic() < deadline:
            line = self.response.readline().decode("utf-8")
            if line == "":
                raise AssertionError("the event stream was closed")
            line = line.rstrip("\r\n")
            if line == "":
                if event == "build" and data:
                    return json.loads("\n".join(data))
                event, data = None, []
            elif line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        raise AssertionError("no build event in time")

    def close(self):
        self.conn.close()


class Serve(h.TempDirCase):
    def setUp(self):
        super().setUp()
        self.theme = self.tmp / "theme"
        shutil.copytree(h.REPO / "themes" / "default", self.theme)
        self.out = self.tmp / "serve-out"
        self.server = None
        self.events = None

    def tearDown(self):
        if self.events:
            self.events.close()
        if self.server:
            self.server.kill()
        super().tearDown()

    def wait_for(self, predicate, what, seconds=EVENT_SECONDS):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.2)
        self.fail(f"timed out waiting for {what}\n" + self.server.output())

    def test_live_preview_round_trip(self):
        self.server = s = Server(["--content", "content", "--theme", self.theme, "--port", "0", "--out", self.out], self.tmp)

        # A page, with the reload script injected into the response only.
        status, headers, home = s.get("/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/html"))
        self.assertIn(MARKER, home)
        self.assertIn("/__nastavnik/events", home)
        self.assertLess(home.index(MARKER), home.rindex("</body>"), "the script goes inside <body>")
        status, _, page = s.get(NEWS_URL)
        self.assertEqual(status, 200)
        self.assertIn("День наставника в школе", page)
        on_disk = [p for p in self.out.rglob("*") if p.is_file() and MARKER.encode() in p.read_bytes()]
        self.assertEqual(on_disk, [], "nothing serve-specific is written to the built files")
        status, headers, css = s.get("/assets/style.css")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/css"))
        self.assertNotIn(MARKER, css)
        status, headers, _ = s.get("/school-7")
        self.assertEqual(status, 200, "a folder without its slash is redirected to it")
        self.assertEqual(s.get("/no/such/page/")[0], 404)
        self.assertEqual(s.get("/../../etc/passwd")[0] in (400, 404), True)

        self.events = Events(s.port)
        first = self.events.next()
        self.assertTrue(first["ok"])
        generation = first["generation"]

        # A change to the content: rebuilt, an event, the new text served.
        h.replace_in(self.content / NEWS, "День наставника в школе", "День наставника: обновлено")
        event = self.events.next()
        self.assertEqual(event["generation"], generation + 1)
        self.assertTrue(event["ok"], event)
        status, _, page = s.get(NEWS_URL)
        self.assertIn("День наставника: обновлено", page)
        self.assertNotIn("nastavnik-errors", page)
        self.assertIn(f"var g={generation + 1};", page, "the page knows its build")

        # An error: shown in the page and in the terminal; the last good site is served.
        h.replace_in(self.content / NEWS, "date: 2025-11-20\n", "date: 20.11.2025\n")
        event = self.events.next()
        self.assertEqual(event["generation"], generation + 2)
        self.assertFalse(event["ok"], event)
        self.assertGreaterEqual(event["errors"], 1)
        status, _, page = s.get(NEWS_URL)
        self.assertEqual(status, 200)
        self.assertIn("День наставника: обновлено", page, "the last good page is still served")
        self.assertIn('id="nastavnik-errors"', page)
        self.assertIn(NEWS, page, "the overlay names the file")
        self.assertIn("последняя удачная сборка", page)
        self.assertIn(f"var g={generation + 2};", page)
        status, _, state = s.get("/__nastavnik/status")
        state = json.loads(state)
        self.assertFalse(state["ok"])
        self.assertTrue(state["have_site"])
        self.assertTrue(any(d["path"] == NEWS and d["severity"] == "error" for d in state["report"]["diagnostics"]))
        self.wait_for(lambda: any(l.startswith(f"{NEWS}:3:") and "ошибка" in l for l in s.stderr), "the error in the terminal")
        self.wait_for(lambda: any("Сайт не пересобран" in l for l in s.stderr), "the terminal summary")
        on_disk = [p for p in self.out.rglob("*") if p.is_file() and b"nastavnik-errors" in p.read_bytes()]
        self.assertEqual(on_disk, [])

        # Fixed again: the overlay goes away.
        h.replace_in(self.content / NEWS, "date: 20.11.2025\n", "date: 2025-11-20\n")
        event = self.events.next()
        self.assertTrue(event["ok"], event)
        status, _, page = s.get(NEWS_URL)
        self.assertNotIn("nastavnik-errors", page)

        # The theme is watched too, and new folders in the content.
        with open(self.theme / "static" / "style.css", "a", encoding="utf-8") as f:
            f.write("\n/* serve-test-marker */\n")
        self.assertTrue(self.events.next()["ok"])
        self.assertIn("serve-test-marker", s.get("/assets/style.css")[2])
        h.write(self.content / "school-7" / "stories" / "novaya.md",
                '---\ntitle: "Новая история наставничества"\ndate: 2026-01-15\nform: teacher-teacher\n---\nТекст.\n')
        self.assertTrue(self.events.next()["ok"])
        self.assertIn("Новая история наставничества", s.get("/school-7/stories/novaya/")[2])

        self.events.close()
        self.events = None
        code = s.stop(signal.SIGINT)
        self.assertEqual(code, 0, s.output())
        self.assertIn("Остановлено", "".join(s.stdout))
        self.assertTrue((self.out / "index.html").is_file(), "an --out folder given by the user is kept")

    def test_first_build_with_errors_then_fixed(self):
        news = self.content / NEWS
        h.replace_in(news, "date: 2025-11-20\n", "")
        tmpdir = self.tmp / "tmp"
        tmpdir.mkdir()
        self.server = s = Server(["--content", "content", "--port", "0"], self.tmp, env_extra={"TMPDIR": str(tmpdir)})
        status, _, page = s.get("/")
        self.assertEqual(status, 503)
        self.assertIn('id="nastavnik-errors"', page)
        self.assertIn("сайт ещё не собран", page)
        self.assertIn(NEWS, page)
        self.assertIn(MARKER, page)
        temp_sites = list(tmpdir.glob("nastavnik-serve-*"))
        self.assertEqual(len(temp_sites), 1, "the site is built in a temporary folder")
        self.events = Events(s.port)
        self.assertFalse(self.events.next()["ok"])
        h.replace_in(news, "title:", "date: 2025-11-20\ntitle:")
        self.assertTrue(self.events.next()["ok"])
        status, _, page = s.get(NEWS_URL)
        self.assertEqual(status, 200)
        self.assertNotIn("nastavnik-errors", page)
        self.events.close()
        self.events = None
        self.assertEqual(s.stop(signal.SIGTERM), 0, s.output())
        self.assertEqual(list(tmpdir.iterdir()), [], "the temporary folder is removed on exit")

    def test_port_in_use_is_reported(self):
        tmpdir = self.tmp / "tmp"
        tmpdir.mkdir()
        env = {"TMPDIR": str(tmpdir)}  # whatever happens, temporary sites stay in self.tmp
        self.server = first = Server(["--content", "content", "--port", "0"], self.tmp, env_extra=env)
        second = h.run(["serve", "--content", "content", "--port", str(first.port)], cwd=self.tmp, timeout=60, extra_env=env)
        self.assertEqual(second.returncode, 1, h.describe(second))
        self.assertIn("порт", second.stderr)
        self.assertEqual(first.stop(), 0)
        self.assertEqual(list(tmpdir.iterdir()), [])

    def test_out_inside_the_content_is_refused(self):
        proc = h.run(["serve", "--content", "content", "--port", "0", "--out", "content/public"], cwd=self.tmp, timeout=60)
        self.assertEqual(proc.returncode, 1, h.describe(proc))
        self.assertIn("--out", proc.stderr)
        self.assertFalse((self.content / "public").exists())

    def test_published_build_has_no_serve_script(self):
        out = self.tmp / "public"
        proc = h.run(["build", "--content", "content", "--out", out], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        for p in out.rglob("*"):
            if p.is_file():
                data = p.read_bytes()
                self.assertNotIn(MARKER.encode(), data, p)
                self.assertNotIn(b"__nastavnik", data, p)


if __name__ == "__main__":
    unittest.main(verbosity=2)
