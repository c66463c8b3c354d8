#!/usr/bin/python3
"""Summarise the measurements written by bench/run.sh (Python 3 stdlib only).

    report.py RESULTS.tsv

RESULTS.tsv has one line per timed build (warm-ups are not recorded):

    <pages> TAB <tool> TAB <wall seconds> TAB <peak RSS KiB>

where <tool> is "nastavnik" or "hugo".  Prints a Markdown table with the median
wall time and the maximum peak RSS of each tool per corpus size, the ratios
nastavnik/Hugo, and whether the bar (both ratios <= 0.5 at 10 000 pages) is met.
"""
import statistics
import sys

BAR_PAGES = 10000
BAR_RATIO = 0.5


def fmt_int(n):
    return "{:,}".format(n).replace(",", " ")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = {}                       # (pages, tool) -> ([walls], [rss KiB])
    order = []
    with open(sys.argv[1], encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            pages, tool, wall, rss = line.split("\t")
            pages = int(pages)
            if pages not in order:
                order.append(pages)
            walls, rsses = data.setdefault((pages, tool), ([], []))
            walls.append(float(wall))
            rsses.append(int(rss))

    print("| pages | nastavnik wall | Hugo wall | wall ratio (nastavnik/Hugo) "
          "| nastavnik peak MiB | Hugo peak MiB | memory ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    verdict = None
    for pages in order:
        n_w, n_m = data.get((pages, "nastavnik"), ([], []))
        h_w, h_m = data.get((pages, "hugo"), ([], []))
        if not (n_w and h_w):
            continue
        nw, hw = statistics.median(n_w), statistics.median(h_w)
        nm, hm = max(n_m) / 1024, max(h_m) / 1024
        wr = nw / hw if hw > 0 else float("inf")
        mr = nm / hm if hm > 0 else float("inf")
        print("| %s | %.2f s | %.2f s | %.2f | %.1f | %.1f | %.2f |"
              % (fmt_int(pages), nw, hw, wr, nm, hm, mr))
        if pages == BAR_PAGES:
            verdict = (wr, mr)

    print()
    runs = sorted({len(w) for w, _ in data.values()})
    print("Wall: median of %s timed build(s) per tool; peak: maximum RSS over those builds "
          "(GNU time %%M). Ratios below 1 favour nastavnik." % "/".join(map(str, runs)))
    print()
    if verdict is None:
        print("Bar (wall and memory ratio <= %.1f at %s pages): not measured in this run."
              % (BAR_RATIO, fmt_int(BAR_PAGES)))
    else:
        wr, mr = verdict
        ok = wr <= BAR_RATIO and mr <= BAR_RATIO
        print("Bar at %s pages (wall ratio <= %.1f and memory ratio <= %.1f): %s "
              "(wall %.3f %s, memory %.3f %s)."
              % (fmt_int(BAR_PAGES), BAR_RATIO, BAR_RATIO, "MET" if ok else "NOT MET",
                 wr, "ok" if wr <= BAR_RATIO else "too high",
                 mr, "ok" if mr <= BAR_RATIO else "too high"))


if __name__ == "__main__":
    main()
