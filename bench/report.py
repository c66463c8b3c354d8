#!/usr/bin/python3
"""Turn the measurements written by bench/run.sh into the Markdown report (stdlib only).

    report.py RESULTS.tsv

RESULTS.tsv has one record per line, fields separated by TABs:

    meta       KEY VALUE                     date, cpu, cores, ram_gib, kernel, hugo, ...
    corpus     PAGES MEDIUM SUMMARY          make_corpus.py's summary line
    build      PLACE MEDIUM MODE PAGES TOOL WALL_S PEAK_RSS_KIB
    serve      MEDIUM VARIANT PAGES RUN LATENCY_MS WHAT      (bench/serve_latency.py)
    serve-fail MEDIUM VARIANT PAGES MESSAGE
    busy       LABEL SHARE                   CPU share used by others just before a measurement
    note       TEXT

PLACE is "ram" (the tmpfs work folder), "disk", or "photos" (the corpus with phone-like
photos, on tmpfs); MEDIUM the file system type (tmpfs, ext4); MODE "empty" (build into an
empty output folder) or "rebuild" (over the previous output), for photos "cold" (an empty
photo cache) or "warm" (the cache of the build before); TOOL "nastavnik" or "hugo"; VARIANT "body" or "title"; WHAT "page" or
"page+list+feed".  The older four-field lines (PAGES TOOL WALL_S PEAK_RSS_KIB) are read as
tmpfs builds into an empty folder.

Prints the report: date and machine, versions, a table per medium and build mode with the
median wall time and the maximum peak RSS of each tool and the ratios nastavnik/Hugo, the
serve latency, and one verdict line per bar of the project (BARS below).
"""
import statistics
import sys

# The project's bars: ratios nastavnik/Hugo in one run, full builds into an empty folder.
WALL_BARS = [("ram", 10000, 0.25), ("ram", 40000, 0.25), ("disk", 10000, 0.5)]
# The same bar with phone photos in the corpus, the photo cache as a previous build left it
# (every build but a project's first).
PHOTO_BARS = [(10000, 0.25)]
MEMORY_BARS = [10000, 40000]            # peak memory ratio, tmpfs builds
MEMORY_RATIO = 0.1
SERVE_PAGES = 10000                     # save of a news file -> changed page served
SERVE_BAR_MS = 200.0

BUSY_WARNING = 0.10                     # other processes' CPU share that makes a run unreliable

MODE_TEXT = {"empty": "into an empty folder", "rebuild": "over the previous output",
             "cold": "with photos, empty photo cache", "warm": "with photos, photo cache of the previous build"}
VARIANT_TEXT = {"body": "body edit", "title": "title edit"}


def num(n):
    return "{:,}".format(n).replace(",", " ")


def ms(x):
    return num(int(round(x))) + " ms"


def read(path):
    meta, corpora, builds, serve, fails, notes = {}, {}, {}, {}, [], []
    busy = {}                            # label -> [shares], first-seen order
    order = []                           # (place, medium, mode) in first-seen order
    sizes = {}                           # (place, medium, mode) -> [pages]
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            f = line.split("\t")
            kind = f[0]
            if kind == "meta":
                meta[f[1]] = f[2] if len(f) > 2 else ""
            elif kind == "corpus":
                corpora.setdefault(int(f[1]), f[3])
            elif kind == "build" or (len(f) == 4 and f[0].isdigit()):
                if kind == "build":
                    place, medium, mode, pages, tool, wall, rss = f[1:8]
                else:
                    place, medium, mode = "ram", "tmpfs", "empty"
                    pages, tool, wall, rss = f
                key = (place, medium, mode)
                if key not in order:
                    order.append(key)
                pages = int(pages)
                if pages not in sizes.setdefault(key, []):
                    sizes[key].append(pages)
                walls, rsses = builds.setdefault(key + (pages, tool), ([], []))
                walls.append(float(wall))
                rsses.append(int(rss))
            elif kind == "serve":
                medium, variant, pages, _run, latency, what = f[1:7]
                serve.setdefault((medium, variant, int(pages), what), []).append(float(latency))
            elif kind == "serve-fail":
                fails.append((f[1], f[2], int(f[3]), f[4] if len(f) > 4 else ""))
            elif kind == "busy":
                try:
                    busy.setdefault(f[1], []).append(float(f[2]))
                except (IndexError, ValueError):
                    pass                 # a sample that could not be taken
            elif kind == "note":
                notes.append(f[1])
            else:
                sys.exit("report.py: unknown record %r in %s" % (kind, path))
    return meta, corpora, builds, order, sizes, serve, fails, notes, busy


def summarise(builds, key, pages):
    """(nastavnik wall, hugo wall, wall ratio, nastavnik MiB, hugo MiB, memory ratio) or None."""
    n_w, n_m = builds.get(key + (pages, "nastavnik"), ([], []))
    h_w, h_m = builds.get(key + (pages, "hugo"), ([], []))
    if not (n_w and h_w):
        return None
    nw, hw = statistics.median(n_w), statistics.median(h_w)
    nm, hm = max(n_m) / 1024, max(h_m) / 1024
    return (nw, hw, nw / hw if hw > 0 else float("inf"),
            nm, hm, nm / hm if hm > 0 else float("inf"))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    meta, corpora, builds, order, sizes, serve, fails, notes, busy = read(sys.argv[1])
    m = meta.get

    out = []
    p = out.append
    p("### Measured by bench/run.sh: nastavnik vs Hugo")
    p("")
    p("- date: %s" % m("date", "unknown"))
    machine = "%s, %s CPU cores, %s GiB RAM, %s" % (m("cpu", "unknown CPU"), m("cores", "?"),
                                                    m("ram_gib", "?"), m("kernel", "unknown kernel"))
    if m("virtualization", "").strip():
        machine += ", virtual machine: %s" % m("virtualization").strip()
    p("- machine: " + machine)
    folders = ["tmpfs work folder %s" % m("tmpfs_dir")] if m("tmpfs_dir") else []
    if m("disk_dir"):
        folders.append("disk work folder %s" % m("disk_dir").strip())
    if folders:
        p("- file systems: " + "; ".join(folders))
    if m("load_start"):
        p("- load average (1, 5, 15 min): %s at the start, %s at the end"
          % (m("load_start"), m("load_end", "?")))
    if busy:
        parts = []
        for label, vals in busy.items():
            words = label.split(" ")
            label = " ".join(num(int(w)) + " pages" if w.isdigit() else w for w in words)
            parts.append("%s: median %.0f %%, max %.0f %%" % (label, 100 * statistics.median(vals), 100 * max(vals)))
        p("- CPU used by other processes in the second before each timed build or save: " + "; ".join(parts))
    p("- hugo: `%s`" % m("hugo", "?"))
    p("- nastavnik: `%s`, %s" % (m("nastavnik", "?"), m("nastavnik_binary", "")))
    if m("binary_changed"):
        p("- **note:** %s" % m("binary_changed"))
    for pages in sorted(corpora):
        p("- corpus %s pages: `make_corpus.py --pages %d` (seed 1): %s" % (num(pages), pages, corpora[pages]))
    p("")

    # ---- build tables
    runs = sorted({len(w) for w, _ in builds.values()})
    quiet = " " + m("quiet_flag") if m("quiet_flag") else ""
    p("Full builds of the whole corpus (`nastavnik build --content CORPUS --out OUT%s` and "
      "`../shared/bench/hugo-build.sh CORPUS OUT`, which runs Hugo; over the previous output "
      "Hugo runs without the script's `rm -rf OUT`): median wall time of %s timed build(s) per "
      "tool, alternating nastavnik and Hugo after one warm-up each; `sync` before each build; "
      "peak memory is the maximum RSS over those builds (GNU time). Ratios are nastavnik / Hugo; "
      "below 1 favours nastavnik." % (quiet, "/".join(map(str, runs)) or "0"))
    p("")
    p("| medium | build | pages | nastavnik wall | Hugo wall | wall ratio | "
      "nastavnik peak MiB | Hugo peak MiB | memory ratio |")
    p("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    figures = {}                          # (place, mode, pages) -> summary
    for key in order:
        place, medium, mode = key
        for pages in sizes[key]:
            s = summarise(builds, key, pages)
            if s is None:
                continue
            figures[(place, mode, pages)] = s + (medium,)
            nw, hw, wr, nm, hm, mr = s
            p("| %s | %s | %s | %.2f s | %.2f s | %.2f | %s | %s | %.3f |"
              % (medium, MODE_TEXT.get(mode, mode), num(pages), nw, hw, wr,
                 num(round(nm)), num(round(hm)), mr))
    p("")

    # ---- serve latency
    serve_lines = []
    for (medium, variant, pages, what), vals in sorted(serve.items(), key=lambda kv: (kv[0][2], kv[0][1] != "body", kv[0][3])):
        label = "%s: the page" % VARIANT_TEXT.get(variant, variant) if what == "page" else \
            "%s: the page, the news list and the feed" % VARIANT_TEXT.get(variant, variant)
        serve_lines.append("- %s, %s pages on %s: median %s, max %s over %d save(s)"
                           % (label, num(pages), medium, ms(statistics.median(vals)), ms(max(vals)), len(vals)))
    for medium, variant, pages, msg in fails:
        serve_lines.append("- FAILED (%s, %s pages on %s): %s" % (variant, num(pages), medium, msg))
    if serve_lines:
        p("`nastavnik serve` latency (`bench/serve_latency.py`): from saving a news file "
          "(appending a sentence to its body, or changing its title) to the first response "
          "of the changed page that shows the edit, polled every 5 ms:")
        p("")
        out.extend(serve_lines)
        p("")

    # ---- verdicts
    p("Verdict (the project's bars, full builds into an empty folder):")
    p("")
    worst = max((v for vals in busy.values() for v in vals), default=0.0)
    if worst > BUSY_WARNING:
        p("**Warning: the machine was not idle**: other processes used up to %.0f %% of the CPUs just "
          "before some measurements, so these figures are unreliable; measure again on an idle "
          "machine before judging the bars." % (100 * worst))
        p("")
    for place, pages, bar in WALL_BARS:
        where = "tmpfs" if place == "ram" else "ext4 disk"
        s = figures.get((place, "empty", pages))
        text = "- build wall time ≤ %.2f × Hugo's, %s pages on %s: " % (bar, num(pages), where)
        if s is None:
            p(text + "not measured in this run")
        else:
            medium = s[6]
            warn = "" if (medium == "tmpfs") == (place == "ram") else " (measured on %s)" % medium
            p(text + "%s (ratio %.3f: %.2f s vs %.2f s)%s" % ("met" if s[2] <= bar else "NOT met", s[2], s[0], s[1], warn))
    for pages, bar in PHOTO_BARS:
        s = figures.get(("photos", "warm", pages))
        text = "- build wall time with phone photos ≤ %.2f × Hugo's, %s pages on tmpfs, photo cache of the previous build: " % (bar, num(pages))
        if s is None:
            p(text + "not measured in this run")
        else:
            cold = figures.get(("photos", "cold", pages))
            extra = " (with an empty photo cache: %.2f s)" % cold[0] if cold else ""
            p(text + "%s (ratio %.3f: %.2f s vs %.2f s)%s" % ("met" if s[2] <= bar else "NOT met", s[2], s[0], s[1], extra))
    for pages in MEMORY_BARS:
        s = figures.get(("ram", "empty", pages))
        text = "- peak memory ≤ %.1f × Hugo's, %s pages: " % (MEMORY_RATIO, num(pages))
        if s is None:
            p(text + "not measured in this run")
        else:
            p(text + "%s (ratio %.3f: %s MiB vs %s MiB)"
              % ("met" if s[5] <= MEMORY_RATIO else "NOT met", s[5], num(round(s[3])), num(round(s[4]))))
    for variant in ("body", "title"):
        text = "- serve, save → changed page served ≤ %s, %s, %s pages: " % (
            ms(SERVE_BAR_MS), VARIANT_TEXT[variant], num(SERVE_PAGES))
        vals = [v for (md, va, pg, what), vs in serve.items() for v in vs
                if va == variant and pg == SERVE_PAGES and what == "page"]
        failed = [f for f in fails if f[2] == SERVE_PAGES and variant in f[1].split(",")]
        if failed:
            p(text + "NOT met (failed: %s)" % failed[0][3])
        elif not vals:
            p(text + "not measured in this run")
        else:
            p(text + "%s (max %s, median %s)" % ("met" if max(vals) <= SERVE_BAR_MS else "NOT met",
                                                ms(max(vals)), ms(statistics.median(vals))))
    p("")

    if notes:
        p("Output sanity check (last timed build of each tool):")
        p("")
        for n in notes:
            p("- " + n)
        p("")
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
