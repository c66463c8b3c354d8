#!/usr/bin/python3
"""Quote bench/results.md in README.md, verbatim, between two marker lines (stdlib only).

    bench/quote_results.py [--readme README.md] [--results bench/results.md] [--check]

README.md holds, where the figures belong:

    <!-- bench/results.md begins -->
    <!-- bench/results.md ends -->

Everything between the markers is replaced by the current bench/results.md (with a blank
line after the first marker and before the second); nothing else in README.md changes, not
even its line endings. Without the markers the script changes nothing and says so (exit 0);
with only one of them, or one twice, or in the wrong order, it changes nothing and exits 1.
--check changes nothing and exits 1 when the quoted block differs from bench/results.md.
Paths default to the repository this script is in.
"""
import argparse
import os
import shutil
import sys

BEGIN = "<!-- bench/results.md begins -->"
END = "<!-- bench/results.md ends -->"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_block(text):
    """(start, end) of the text between the markers; None when neither is there; raises
    ValueError when they are malformed."""
    nb, ne = text.count(BEGIN), text.count(END)
    if nb == 0 and ne == 0:
        return None
    if nb != 1 or ne != 1:
        raise ValueError("README has %d «%s» and %d «%s» markers; it needs exactly one of each"
                         % (nb, BEGIN, ne, END))
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END)
    if end < start:
        raise ValueError("the end marker comes before the begin marker")
    return start, end


def quoted(text):
    """The quoted block of README text, stripped of the blank lines around it, or None."""
    span = find_block(text)
    if span is None:
        return None
    return text[span[0]:span[1]].replace("\r\n", "\n").strip("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--readme", default=os.path.join(REPO, "README.md"))
    ap.add_argument("--results", default=os.path.join(REPO, "bench", "results.md"))
    ap.add_argument("--check", action="store_true", help="only report whether README quotes the results")
    a = ap.parse_args()

    with open(a.results, encoding="utf-8") as fh:
        results = fh.read().replace("\r\n", "\n").strip("\n")
    if not results:
        sys.exit("quote_results: %s is empty" % a.results)
    with open(a.readme, encoding="utf-8", newline="") as fh:
        readme = fh.read()
    try:
        span = find_block(readme)
    except ValueError as e:
        sys.exit("quote_results: %s: %s; nothing changed" % (a.readme, e))
    if span is None:
        print("quote_results: %s has no «%s» / «%s» markers; nothing changed"
              % (a.readme, BEGIN, END))
        return 0
    if readme[span[0]:span[1]].replace("\r\n", "\n").strip("\n") == results:
        print("quote_results: %s already quotes %s" % (a.readme, a.results))
        return 0
    if a.check:
        print("quote_results: %s does not quote the current %s; run bench/quote_results.py"
              % (a.readme, a.results))
        return 1
    nl = "\r\n" if "\r\n" in readme else "\n"
    block = nl + nl + results.replace("\n", nl) + nl + nl
    new = readme[:span[0]] + block + readme[span[1]:]
    tmp = a.readme + ".tmp-quote"
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(new)
    shutil.copymode(a.readme, tmp)
    os.replace(tmp, a.readme)
    print("quote_results: %s now quotes %s" % (a.readme, a.results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
