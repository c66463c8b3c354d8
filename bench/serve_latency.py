#!/usr/bin/python3
"""How long `nastavnik serve` takes from saving a news file to serving the changed page.

    serve_latency.py --content CORPUS [--runs 10] [--variants body,title] [--out DIR]
                     [--nastavnik BIN] [--tsv FILE] [--medium LABEL] [--timeout 60]

Python 3 standard library only; run it with /usr/bin/python3.

It starts `nastavnik serve --content CORPUS --port 0 [--out DIR]`, reads the address the
server prints («Сайт: http://127.0.0.1:PORT/»), and waits until the first build is served
(the status endpoint /__nastavnik/status says have_site, or the first chosen page answers
200). Then, for each variant, --runs times:

  1. it picks a news file of the corpus (a different one each time, chosen with --seed
     among those whose page the server already serves), derives the page's URL the way the
     generator does (`<org>/news/<slug>/`, the slug from the `slug:` field or from the file
     name: the leading YYYY-MM-DD- dropped, transliterated, as slug_from_file_name in
     generator/model/entry_loader.cpp);
  2. it saves the file as an editor does (rewrites it in place; --save rename writes a
     hidden temporary file and renames it over the original), with a unique marker:
       body   a sentence appended to the body;
       title  the marker added to the `title:` of the front matter (the org's news list and
              feed change as well);
     the time taken just before the file is opened for writing is the save time;
  3. it asks for the page every --interval (5 ms) until the response contains the marker;
     latency = time that response was received - save time. For the title variant it also
     polls the org's news list page and RSS feed when they showed the item before the
     edit, and reports the time until all of them show the new title;
  4. it waits until the server has finished that rebuild (the generation in
     /__nastavnik/status stops changing for --settle seconds) before the next save.

A page that does not show the marker within --timeout seconds (default 60) is a failure:
printed as "FAILED", recorded in --tsv, exit status 1. The edited files are restored after
the server has stopped (unless --keep-edits). Progress goes to stderr; the summary to
stdout. --tsv appends machine-readable lines for bench/report.py:

  serve      MEDIUM VARIANT PAGES RUN LATENCY_MS WHAT     (WHAT: page | page+list+feed)
  serve-fail MEDIUM VARIANT PAGES MESSAGE
  busy       "serve MEDIUM PAGES" SHARE                   (with --busy-sample)
"""
import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATUS_PATH = "/__nastavnik/status"

# ------------------------------------------------------------------------ slugs --
# generator/text/slug.cpp: NFC, lower case, this table, then ICU Any-Latin and
# Latin-ASCII (not reproduced: file names with other scripts are skipped).
TRANSLIT = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
            "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
            "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
            "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
            "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "№": "n"}
DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")


def slugify(text, max_length=80):
    """slugify() of generator/text/slug.cpp, or None for characters it cannot mirror."""
    out, dash = [], False
    for c in unicodedata.normalize("NFC", text).lower():
        if c in TRANSLIT:
            c = TRANSLIT[c]
        elif ord(c) > 127:
            return None
        for ch in c:
            if "a" <= ch <= "z" or "0" <= ch <= "9":
                if dash and out:
                    out.append("-")
                out.append(ch)
                dash = False
            else:
                dash = True
    s = "".join(out)
    if len(s) > max_length:
        cut = s.rfind("-", 0, max_length + 1)
        s = s[:max_length if cut <= 0 else cut]
    return s


def slug_from_file_name(name):
    """slug_from_file_name() of generator/model/entry_loader.cpp."""
    stem = name[:-3] if name.endswith(".md") else os.path.splitext(name)[0]
    m = DATE_PREFIX.match(stem)
    if len(stem) > 11 and m:
        try:
            dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            stem = stem[11:]
        except ValueError:
            pass
    return slugify(stem)


def front_matter(text):
    """(dict of top-level scalar keys -> raw value, end offset of the front matter) or None."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    fields = {}
    for line in text[4:end].split("\n"):
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*):\s*(.*?)\s*$", line)
        if m:
            fields[m.group(1)] = m.group(2)
    return fields, end + len("\n---\n")


def unquote(v):
    v = re.sub(r"\s+#.*$", "", v) if not v.startswith(("'", '"')) else v
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        return v[1:-1]
    return v


class NewsFile:
    def __init__(self, corpus, org, name):
        self.org, self.name = org, name
        self.path = os.path.join(corpus, org, "news", name)
        self.rel = os.path.join(org, "news", name)
        with open(self.path, encoding="utf-8") as fh:
            text = fh.read()
        fm = front_matter(text)
        self.ok = fm is not None and "title" in fm[0]
        if not self.ok:
            return
        fields = fm[0]
        if unquote(fields.get("draft", "false")) == "true":
            self.ok = False
            return
        self.slug = unquote(fields["slug"]) if "slug" in fields else slug_from_file_name(name)
        self.ok = bool(self.slug)
        self.url = "/%s/news/%s/" % (org, self.slug)
        self.list_url = "/%s/news/" % org
        self.feed_url = "/%s/news/rss.xml" % org


def news_files(corpus):
    out = []
    for org in sorted(os.listdir(corpus)):
        d = os.path.join(corpus, org, "news")
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".md") and name != "_index.md" and not name.startswith("."):
                out.append((org, name))
    return out


def count_pages(corpus):
    n = 0
    for _, _, files in os.walk(corpus):
        n += sum(1 for f in files if f.endswith(".md"))
    return n


# ------------------------------------------------------------------------- http --
class Http:
    def __init__(self, host, port):
        self.host, self.port = host, port

    def get(self, path, timeout=10.0):
        """(status, body bytes) or (None, b"") when the server does not answer."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Connection": "close"})
            resp = conn.getresponse()
            return resp.status, resp.read()
        except (OSError, http.client.HTTPException):
            return None, b""
        finally:
            conn.close()

    def status(self):
        """The server's status JSON (generation, have_site, ok), or None if it has none."""
        code, body = self.get(STATUS_PATH)
        if code != 200:
            return None
        try:
            return json.loads(body.decode("utf-8"))
        except ValueError:
            return None


# ----------------------------------------------------------------------- server --
class Serve:
    def __init__(self, args):
        cmd = [args.nastavnik, "serve", "--content", args.content, "--port", "0"]
        if args.out:
            cmd += ["--out", args.out]
        self.cmd = cmd
        env = dict(os.environ, NO_COLOR="1")
        self.lines = []                       # (monotonic time, stream, line)
        self.lock = threading.Lock()
        self.url_event = threading.Event()
        self.url = None
        self.proc = self._start(cmd, env)
        self.threads = [threading.Thread(target=self._pump, args=(s, n), daemon=True)
                        for s, n in ((self.proc.stdout, "out"), (self.proc.stderr, "err"))]
        for t in self.threads:
            t.start()

    @staticmethod
    def _start(cmd, env):
        # The binary may be relinked by a concurrent build: retry briefly.
        for attempt in range(120):
            try:
                return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            except OSError as e:
                if attempt == 119 or e.errno not in (2, 8, 13, 26):   # ENOENT ENOEXEC EACCES ETXTBSY
                    raise
                time.sleep(0.5)

    def _pump(self, stream, name):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self.lock:
                self.lines.append((time.monotonic(), name, line))
            m = re.search(r"https?://([0-9A-Za-z.\-]+|\[[0-9a-fA-F:]+\]):(\d+)/", line)
            if m and not self.url_event.is_set():
                self.url = (m.group(1).strip("[]"), int(m.group(2)))
                self.url_event.set()

    def since(self, t):
        """The server's output lines printed after monotonic time t."""
        with self.lock:
            return [l for ts, _, l in self.lines if ts >= t]

    def tail(self, n=15):
        with self.lock:
            return "\n".join("  [%s] %s" % (s, l) for _, s, l in self.lines[-n:])

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)          # Ctrl+C: the server stops cleanly
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for t in self.threads:
            t.join(timeout=5)


# ---------------------------------------------------------------------- editing --
def edited(text, variant, marker):
    fm = front_matter(text)
    if variant == "body":
        sep = "" if text.endswith("\n") else "\n"
        return text + sep + "\nПроверка задержки сервера: метка %s.\n" % marker
    end = fm[1]
    head, rest = text[:end], text[end:]
    lines = head.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r'^(title:\s*)(["\'])(.*)\2(\s*)$', line)
        if m:
            lines[i] = "%s%s%s %s%s%s" % (m.group(1), m.group(2), m.group(3), marker, m.group(2), m.group(4))
            break
        m = re.match(r"^(title:\s*)(.*?)(\s+#.*)?$", line)
        if m:
            lines[i] = "%s%s %s%s" % (m.group(1), m.group(2), marker, m.group(3) or "")
            break
    return "\n".join(lines) + rest


def save(path, data, mode):
    """Writes like an editor; returns the time taken just before the write began."""
    raw = data.encode("utf-8")
    if mode == "rename":
        d, name = os.path.split(path)
        tmp = os.path.join(d, "." + name + ".bench-tmp")
        t0 = time.monotonic()
        with open(tmp, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
        return t0
    t0 = time.monotonic()
    with open(path, "wb") as fh:
        fh.write(raw)
    return t0


# ---------------------------------------------------------------------- measure --
def log(msg):
    print("serve_latency: " + msg, file=sys.stderr, flush=True)


def wait_for_address(server, timeout):
    """(host, port) the server printed; raises RuntimeError if it exits or stays silent."""
    deadline = time.monotonic() + timeout
    while not server.url_event.wait(0.1):
        if not server.alive():
            raise RuntimeError("nastavnik serve exited with status %s before printing its address:\n%s"
                               % (server.proc.returncode, server.tail()))
        if time.monotonic() > deadline:
            raise RuntimeError("nastavnik serve printed no address within %.0f s:\n%s" % (timeout, server.tail()))
    return server.url


def wait_first_build(server, http, timeout, probe_url):
    """Until the status endpoint says have_site (or, without one, probe_url answers 200)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise RuntimeError("nastavnik serve exited with status %s:\n%s" % (server.proc.returncode, server.tail()))
        st = http.status()
        if st is not None:
            if st.get("have_site"):
                return
            if st.get("generation", 0) >= 1:
                report = st.get("report")
                diags = report.get("diagnostics") if isinstance(report, dict) else report
                errors = [str(d.get("message", "")) for d in diags if isinstance(d, dict)][:5] \
                    if isinstance(diags, list) else []
                raise RuntimeError("the first build of nastavnik serve failed%s:\n%s"
                                   % ((": " + "; ".join(errors)) if errors else "", server.tail()))
        else:
            code, _ = http.get(probe_url)
            if code == 200:
                return
        time.sleep(0.05)
    raise RuntimeError("the first build was not served within %.0f s:\n%s" % (timeout, server.tail()))


def wait_settled(http, generation_before, settle, limit=300.0):
    """Until the status generation has moved past generation_before and then stayed the same
    for `settle` seconds (the rebuild is over). Without a status endpoint: sleeps `settle`."""
    st = http.status()
    if st is None or "generation" not in st:
        time.sleep(settle)
        return
    deadline = time.monotonic() + limit
    last, since = st["generation"], time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.02)
        st = http.status()
        if st is None:
            continue
        g = st.get("generation")
        if g != last:
            last, since = g, time.monotonic()
        elif g != generation_before and time.monotonic() - since >= settle:
            return
    log("warning: the server did not settle within %.0f s (generation %s)" % (limit, last))


def poll_until(http, urls, marker, t0, interval, timeout, alive=lambda: True):
    """{url: latency seconds} once every url shows the marker; raises TimeoutError with the
    urls still missing (at once if the server has exited)."""
    needle = marker.encode("utf-8")
    seen = {}
    deadline = t0 + timeout
    tick = time.monotonic()
    while True:
        for u in urls:
            if u in seen:
                continue
            code, body = http.get(u, timeout=max(1.0, min(10.0, deadline - time.monotonic())))
            if code == 200 and needle in body:
                seen[u] = time.monotonic() - t0
        if len(seen) == len(urls):
            return seen
        now = time.monotonic()
        if now > deadline or not alive():
            raise TimeoutError([u for u in urls if u not in seen], seen)
        tick += interval
        if tick > now:
            time.sleep(tick - now)
        else:
            tick = now


def fmt_ms(s):
    return "%.0f ms" % (s * 1000)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--content", required=True, help="the corpus (it is edited, then restored)")
    ap.add_argument("--nastavnik", default=os.environ.get("NASTAVNIK") or os.path.join(REPO, "build", "nastavnik"))
    ap.add_argument("--out", help="serve --out DIR (default: the server's own temporary folder)")
    ap.add_argument("--runs", type=int, default=10, help="saves per variant (default 10)")
    ap.add_argument("--variants", default="body,title", help="comma-separated: body, title (default both)")
    ap.add_argument("--interval", type=float, default=0.005, help="polling interval, seconds (default 0.005)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds a save may take to show (default 60)")
    ap.add_argument("--start-timeout", type=float, default=900, help="seconds for the first build (default 900)")
    ap.add_argument("--settle", type=float, default=0.5,
                    help="quiet seconds after a rebuild before the next save (default 0.5)")
    ap.add_argument("--save", choices=("inplace", "rename"), default="inplace",
                    help="how the file is saved: rewritten in place (default) or written beside and renamed")
    ap.add_argument("--seed", type=int, default=1, help="which news files are picked (default 1)")
    ap.add_argument("--medium", default="", help="label of the medium for --tsv (default: file system type)")
    ap.add_argument("--tsv", help="append machine-readable results to this file")
    ap.add_argument("--busy-sample", action="store_true",
                    help="before each save, record in --tsv the share of the CPUs other processes used for 0.5 s")
    ap.add_argument("--keep-edits", action="store_true", help="leave the edited files as edited")
    args = ap.parse_args()

    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if not variants or any(v not in ("body", "title") for v in variants):
        ap.error("--variants takes body and/or title")
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    args.content = os.path.abspath(args.content)
    if not os.path.isdir(args.content):
        ap.error("no such folder: %s" % args.content)
    if not os.path.isabs(args.nastavnik):
        args.nastavnik = os.path.abspath(args.nastavnik)
    medium = args.medium or fs_type(args.content)
    pages = count_pages(args.content)

    files = news_files(args.content)
    if not files:
        sys.exit("serve_latency: no news files (<org>/news/*.md) under %s" % args.content)
    rng = random.Random(args.seed)
    rng.shuffle(files)

    def tsv(*fields):
        if args.tsv:
            with open(args.tsv, "a", encoding="utf-8") as fh:
                fh.write("\t".join(str(f).replace("\t", " ").replace("\n", " ") for f in fields) + "\n")

    originals = {}                         # path -> original bytes, restored at the end
    results = {v: [] for v in variants}    # variant -> [(page latency, all latency or None)]
    failures = []
    log("corpus %s: %d Markdown files, %d news files; medium %s" % (args.content, pages, len(files), medium))
    t_start = time.monotonic()
    server = Serve(args)
    log("started: %s" % " ".join(server.cmd))
    try:
        candidates = [NewsFile(args.content, org, name) for org, name in files[:max(200, 4 * args.runs * len(variants))]]
        candidates = [c for c in candidates if c.ok]
        if not candidates:
            raise RuntimeError("no news file with a title and a slug this script can derive")
        host_port = wait_for_address(server, args.start_timeout)
        http = Http(*host_port)
        wait_first_build(server, http, args.start_timeout, candidates[0].url)
        log("first build served after %.1f s at http://%s:%d/" % (time.monotonic() - t_start, *host_port))

        lists_cache = {}

        def shows_item(url, slug):
            if url not in lists_cache:
                code, body = http.get(url)
                lists_cache[url] = body.decode("utf-8", "replace") if code == 200 else ""
            return ("/%s/" % slug) in lists_cache[url]

        pool = iter(candidates)
        for variant in variants:
            run = 0
            while run < args.runs:
                nf = next(pool, None)
                if nf is None:
                    raise RuntimeError("ran out of news files whose page is served (%d tried)" % len(candidates))
                code, body = http.get(nf.url)
                if code != 200:
                    log("skipping %s: %s answers %s" % (nf.rel, nf.url, code))
                    continue
                run += 1
                marker = "nbm%s%s%02d" % (os.urandom(4).hex(), variant[0], run)
                if marker.encode() in body:
                    raise RuntimeError("marker %s already on %s" % (marker, nf.url))
                urls = [nf.url]
                if variant == "title":
                    urls += [u for u in (nf.list_url, nf.feed_url) if shows_item(u, nf.slug)]
                with open(nf.path, "rb") as fh:
                    original = fh.read()
                originals.setdefault(nf.path, original)
                new_text = edited(original.decode("utf-8"), variant, marker)
                st = http.status()
                gen_before = st.get("generation") if st else None
                if args.busy_sample:
                    tsv("busy", "serve %s %d" % (medium, pages), "%.3f" % busy_share(0.5))
                t0 = save(nf.path, new_text, args.save)
                try:
                    seen = poll_until(http, urls, marker, t0, args.interval, args.timeout, server.alive)
                except TimeoutError as e:
                    missing, seen = e.args
                    msg = ("%s edit %d of %s: %s did not show the marker %s within %g s%s"
                           % (variant, run, nf.rel, ", ".join(missing), marker, args.timeout,
                              "" if server.alive() else " (the server exited with status %s)" % server.proc.returncode))
                    print("serve_latency: FAILED: " + msg, file=sys.stderr, flush=True)
                    print("serve_latency: server output (last lines):\n" + server.tail(), file=sys.stderr, flush=True)
                    failures.append(msg)
                    tsv("serve-fail", medium, variant, pages, msg)
                    if server.alive():
                        wait_settled(http, gen_before, args.settle)
                    break
                page = seen[nf.url]
                every = max(seen.values()) if len(urls) > 1 else None
                results[variant].append((page, every))
                tsv("serve", medium, variant, pages, run, "%.1f" % (page * 1000), "page")
                if every is not None:
                    tsv("serve", medium, variant, pages, run, "%.1f" % (every * 1000), "page+list+feed")
                log("%s %2d/%d %s -> %s%s" % (variant, run, args.runs, nf.url, fmt_ms(page),
                                              "" if every is None else "; with list and feed %s" % fmt_ms(every)))
                wait_settled(http, gen_before, args.settle)
                for line in server.since(t0)[-3:]:
                    log("    server: " + line)
            if not server.alive():
                raise RuntimeError("nastavnik serve exited with status %s" % server.proc.returncode)
    except RuntimeError as e:
        msg = str(e)
        print("serve_latency: FAILED: " + msg, file=sys.stderr, flush=True)
        failures.append(msg.split("\n")[0])
        tsv("serve-fail", medium, ",".join(variants), pages, msg.split("\n")[0])
    finally:
        server.stop()
        if not args.keep_edits:
            for path, data in originals.items():
                with open(path, "wb") as fh:
                    fh.write(data)

    for variant in variants:
        r = results[variant]
        if not r:
            continue
        page = [x[0] for x in r]
        line = ("serve latency, %s edit (%s pages, %s): page median %s, max %s over %d save(s)"
                % (variant, format(pages, ",").replace(",", " "), medium,
                   fmt_ms(statistics.median(page)), fmt_ms(max(page)), len(page)))
        every = [x[1] for x in r if x[1] is not None]
        if every:
            line += "; page, list and feed: median %s, max %s" % (fmt_ms(statistics.median(every)), fmt_ms(max(every)))
        print(line)
    for f in failures:
        print("serve latency FAILED: " + f)
    return 1 if failures else 0


def busy_share(seconds):
    """Share of the CPUs busy during `seconds` (from /proc/stat), or 0 if unreadable."""
    def sample():
        with open("/proc/stat", encoding="ascii") as fh:
            v = [int(x) for x in fh.readline().split()[1:9]]
        return sum(v) - v[3] - v[4], sum(v)       # busy (all but idle, iowait), total
    try:
        b0, t0 = sample()
        time.sleep(seconds)
        b1, t1 = sample()
    except (OSError, ValueError):
        return 0.0
    return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


def fs_type(path):
    """The file system type of path: the mount table's entry with the longest matching prefix."""
    best, kind = "", "?"
    real = os.path.realpath(path)
    try:
        with open("/proc/self/mounts", encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) < 3:
                    continue
                mnt = parts[1].replace("\\040", " ")
                if (real == mnt or real.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
                    best, kind = mnt, parts[2]
    except OSError:
        pass
    return kind


if __name__ == "__main__":
    sys.exit(main())
