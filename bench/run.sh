#!/usr/bin/env bash
# Benchmark: nastavnik vs Hugo on the shared generated corpus.
#
#   bench/run.sh [PAGES...]          default: 1000 10000
#
# For each size: generate the corpus with ../shared/bench/make_corpus.py, build it once
# with each tool as a warm-up (discarded; also lets hugo-build.sh prepare its mounts),
# then BENCH_RUNS times alternating nastavnik and Hugo.  Wall time and peak RSS come
# from GNU time (%e %M).  Prints a Markdown report on stdout, progress on stderr.
#
# Environment:
#   NASTAVNIK         generator binary           (default: <repo>/build/nastavnik)
#   NASTAVNIK_SHARED  shared folder              (default: <repo>/../shared)
#   BENCH_RUNS        timed builds per tool      (default: 3)
#   BENCH_DIR         where the temp work dir is created (default: /dev/shm if tmpfs,
#                     else $TMPDIR or /tmp)
#   BENCH_KEEP=1      keep corpora and outputs (the path is printed)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${NASTAVNIK_SHARED:-$(dirname "$repo")/shared}"
nastavnik="${NASTAVNIK:-$repo/build/nastavnik}"
runs="${BENCH_RUNS:-3}"
keep="${BENCH_KEEP:-0}"
py=/usr/bin/python3

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- arguments --
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 12 ] || die "page count must be an integer >= 12, got '$n'"
done
[[ "$runs" =~ ^[0-9]+$ ]] && [ "$runs" -ge 1 ] || die "BENCH_RUNS must be a positive integer, got '$runs'"

# ------------------------------------------------------------- prerequisites --
[ -x /usr/bin/time ] || die "GNU time not found at /usr/bin/time; install it with: sudo apt-get install time"
/usr/bin/time -f '%e %M' true >/dev/null 2>&1 \
  || die "/usr/bin/time is not GNU time (no -f support); install it with: sudo apt-get install time"
[ -x "$py" ] || die "$py not found; install it with: sudo apt-get install python3"
command -v hugo >/dev/null || die "hugo not found; install it with: sudo apt-get install hugo (or run scripts/setup.sh)"
make_corpus="$shared/bench/make_corpus.py"
hugo_build="$shared/bench/hugo-build.sh"
[ -f "$make_corpus" ] && [ -f "$hugo_build" ] \
  || die "shared benchmark files not found under $shared/bench (set NASTAVNIK_SHARED)"
case "$nastavnik" in /*) ;; *) nastavnik="$PWD/$nastavnik" ;; esac
[ -f "$nastavnik" ] && [ -x "$nastavnik" ] \
  || die "nastavnik binary not found or not executable: $nastavnik
  build it first (e.g. cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build)
  or point NASTAVNIK at it"

# ------------------------------------------------------------------ work dir --
if [ -n "${BENCH_DIR:-}" ]; then
  mkdir -p "$BENCH_DIR"
  work="$(mktemp -d -p "$BENCH_DIR" nastavnik-bench.XXXXXX)"
elif [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
  work="$(mktemp -d -p /dev/shm nastavnik-bench.XXXXXX)"
else
  work="$(mktemp -d -t nastavnik-bench.XXXXXX)"
fi
work="$(cd "$work" && pwd)"
cleanup() {
  if [ "$keep" = 1 ]; then
    say "kept corpora and outputs in $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

results="$work/results.tsv"
: >"$results"
quiet=(--quiet)       # dropped if nastavnik rejects it (decided on the first warm-up)
quiet_checked=0

# ---------------------------------------------------------------- measuring --
# build TOOL CORPUS OUT -> sets WALL and RSS_KIB; on failure prints the tool's stderr
# and returns 1.
build() {
  local tool="$1" corpus="$2" out="$3"
  local tf="$work/time.txt" ef="$work/stderr.txt" cmd
  if [ "$tool" = nastavnik ]; then
    cmd=("$nastavnik" build --content "$corpus" --out "$out" "${quiet[@]}")
  else
    cmd=(bash "$hugo_build" "$corpus" "$out")
  fi
  rm -rf "$out"                     # full build every time, cleanup not timed
  if ! /usr/bin/time -o "$tf" -f '%e %M' "${cmd[@]}" >"$work/stdout.txt" 2>"$ef"; then
    echo "bench: $tool build FAILED: ${cmd[*]}" >&2
    sed -n '1p' "$tf" | grep -v '^[0-9.]* [0-9]*$' >&2 || true
    echo "---- $tool stderr ----" >&2
    cat "$ef" >&2
    if [ -s "$work/stdout.txt" ]; then
      echo "---- $tool stdout (last 20 lines) ----" >&2
      tail -n 20 "$work/stdout.txt" >&2
    fi
    return 1
  fi
  read -r WALL RSS_KIB < <(tail -n 1 "$tf")
  [[ "$WALL" =~ ^[0-9.]+$ && "$RSS_KIB" =~ ^[0-9]+$ ]] \
    || die "could not parse GNU time output: $(cat "$tf")"
}

# First nastavnik warm-up: if the build fails with --quiet but works without, drop it.
warmup_nastavnik() {
  local corpus="$1" out="$2"
  if [ "$quiet_checked" = 1 ]; then
    build nastavnik "$corpus" "$out"
    return
  fi
  quiet_checked=1
  if build nastavnik "$corpus" "$out" 2>"$work/quiet-attempt.txt"; then
    return
  fi
  cp "$work/stderr.txt" "$work/quiet-stderr.txt"
  quiet=()
  if build nastavnik "$corpus" "$out" 2>/dev/null; then
    say "nastavnik failed with --quiet but works without it; running without --quiet"
    say "  (its stderr with --quiet: $(head -n 1 "$work/quiet-stderr.txt"))"
    return
  fi
  cat "$work/quiet-attempt.txt" >&2
  say "(the build without --quiet failed as well)"
  return 1
}

count_files() {   # DIR -> "N files, M .html"
  local all html
  all=$(find "$1" -type f | wc -l)
  html=$(find "$1" -type f -name '*.html' | wc -l)
  echo "$all files, $html .html"
}

# ------------------------------------------------------------------ machine --
cpu="$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//')"
[ -n "$cpu" ] || cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)"
mem_gib="$(awk '/^MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo 2>/dev/null || true)"
hugo_ver="$(hugo version 2>&1 | head -n1)"
if v="$(timeout 10 "$nastavnik" --version 2>&1)" && [ -n "$v" ]; then
  nast_ver="$(head -n1 <<<"$v")"
else
  nast_ver="(--version not supported)"
fi
fstype="$(stat -f -c %T "$work" 2>/dev/null || echo '?')"

say "work dir $work ($fstype); sizes ${sizes[*]}; $runs timed run(s) per tool"

# -------------------------------------------------------------------- runs --
notes=()
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  out_n="$work/out-$n-nastavnik"
  out_h="$work/out-$n-hugo"
  say "[$n] generating corpus"
  t0=$(date +%s.%N)
  "$py" "$make_corpus" --pages "$n" --out "$corpus" >"$work/corpus-$n.log" 2>&1 \
    || { cat "$work/corpus-$n.log" >&2; die "make_corpus.py failed for $n pages"; }
  say "[$n] $(sed 's/^[^:]*: //' "$work/corpus-$n.log") ($(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"

  say "[$n] warm-up nastavnik"
  warmup_nastavnik "$corpus" "$out_n" || exit 1
  say "[$n]   ${WALL} s, $((RSS_KIB / 1024)) MiB (discarded)"
  say "[$n] warm-up Hugo (prepares its mounts)"
  build hugo "$corpus" "$out_h" || exit 1
  say "[$n]   ${WALL} s, $((RSS_KIB / 1024)) MiB (discarded)"

  for ((i = 1; i <= runs; i++)); do
    for tool in nastavnik hugo; do
      if [ "$tool" = nastavnik ]; then out="$out_n"; else out="$out_h"; fi
      build "$tool" "$corpus" "$out" || exit 1
      printf '%s\t%s\t%s\t%s\n' "$n" "$tool" "$WALL" "$RSS_KIB" >>"$results"
      say "[$n] run $i/$runs $tool: ${WALL} s, $((RSS_KIB / 1024)) MiB"
    done
  done
  notes+=("$n pages: nastavnik wrote $(count_files "$out_n"); Hugo wrote $(count_files "$out_h")")

  if [ "$keep" != 1 ]; then      # free the tmpfs before the next (larger) size
    rm -rf "$corpus" "$corpus.hugo" "$out_n" "$out_h"
  fi
done

# ------------------------------------------------------------------ report --
echo "## nastavnik vs Hugo"
echo
echo "- machine: $(nproc) CPU(s), ${cpu:-unknown CPU}${mem_gib:+, $mem_gib GiB RAM}"
echo "- hugo: $hugo_ver"
echo "- nastavnik: $nast_ver; command: $nastavnik build --content CORPUS --out OUT${quiet[*]:+ ${quiet[*]}}"
echo "- corpus: $make_corpus (seed 1); work dir on $fstype"
echo
"$py" "$repo/bench/report.py" "$results"
echo
echo "Output sanity check (last timed build):"
for note in "${notes[@]}"; do echo "- $note"; done
