#!/usr/bin/env bash
# Benchmark of the search index (not a test): on the generated corpus, the build's wall
# time without the index and with it; what indexing adds (the difference: the pages are
# indexed while they are rendered, the "search index" stage of `build --stats` only writes
# the terms) and its ratio to the build without it; the size of search/data/; then the
# bytes a reader's query downloads, measured in Chromium (bench/search_bytes.js).
#
#   bench/search.sh [PAGES]          default: 40000
#
# Environment: NASTAVNIK (default <repo>/build/nastavnik), NASTAVNIK_SHARED (default
# <repo>/../shared), BENCH_DIR (default /dev/shm), BENCH_CORPUS (a corpus already made by
# make_corpus.py for PAGES: reused, not made), BENCH_RUNS (builds of each kind, default 2),
# SEARCH_INDEX (default <repo>/node_modules), BENCH_KEEP=1 (keep the work folder).
# The report (Markdown) goes to stdout; bench/search.md holds the last one, with notes.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${NASTAVNIK_SHARED:-$(dirname "$repo")/shared}"
bin="${NASTAVNIK:-$repo/build/nastavnik}"
pages="${1:-40000}"
runs="${BENCH_RUNS:-2}"
index="${SEARCH_INDEX:-$repo/node_modules}"
say() { echo "search-bench: $*" >&2; }

work="$(mktemp -d -p "${BENCH_DIR:-/dev/shm}" nastavnik-search.XXXXXX)"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
corpus="${BENCH_CORPUS:-}"
if [ -z "$corpus" ]; then
  corpus="$work/corpus"
  say "making the $pages-page corpus"
  python3 "$shared/bench/make_corpus.py" --pages "$pages" --out "$corpus" >&2
fi
export NASTAVNIK_CACHE="$work/cache" SOURCE_DATE_EPOCH=1764072000
say "warm-up build (photos into the cache)"
"$bin" build --content "$corpus" --out "$work/warm" -q 2>/dev/null  # the corpus's unused files are warned about
rm -rf "$work/warm"

# One build: prints "wall_seconds index_seconds".
one() {
  local out="$work/out-$1" t0 t1 stats
  rm -rf "$out"
  t0=$(date +%s.%N)
  stats=$("$bin" build --content "$corpus" --out "$out" --stats -q "${@:2}" 2>&1 >/dev/null)
  t1=$(date +%s.%N)
  local idx
  idx=$(printf '%s\n' "$stats" | awk '$1 == "search" && $2 == "index" { print $3 }' | tr , .)
  echo "$(echo "$t1 - $t0" | bc -l) ${idx:-0}"
}
plain=(); with=(); idx=()
for i in $(seq 1 "$runs"); do
  say "run $i: without the index"
  read -r w _ < <(one plain); plain+=("$w")
  say "run $i: with the index"
  read -r w s < <(one search --search-index "$index"); with+=("$w"); idx+=("$s")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mp=$(median "${plain[@]}"); mw=$(median "${with[@]}"); mi=$(median "${idx[@]}")
out="$work/out-search"
html=$(grep -rl --include=index.html 'data-search-body' "$out" | wc -l)
index_bytes=$(du -sb "$out/search/data" | cut -f1)
index_files=$(find "$out/search/data" -type f | wc -l)

say "measuring a query's downloads in Chromium"
bytes=$(node "$repo/bench/search_bytes.js" "$out" наставник "приказы о наставничестве" "олимпиада")

cat <<REPORT
## Search index on $pages pages ($(nproc) cores, $(date -u +%Y-%m-%d))

| measure | value |
|---|---|
| build without the index (median of $runs) | $(printf '%.1f' "$mp") s |
| build with the index (median of $runs) | $(printf '%.1f' "$mw") s |
| indexing: the difference (medians) | $(printf '%.2f' "$(echo "$mw - $mp" | bc -l)") s |
| of which the «search index» stage (writing the terms; median) | $(printf '%.2f' "$mi") s |
| indexing ÷ build without the index | $(echo "($mw - $mp) / $mp" | bc -l | xargs printf '%.2f') |
| pages indexed | $html |
| search/data/ | $(echo "$index_bytes / 1048576" | bc -l | xargs printf '%.1f') MiB in $index_files files |

$bytes
REPORT
