#!/usr/bin/env bash
# Benchmark: nastavnik vs Hugo on the shared generated corpus, in one run, side by side.
#
#   bench/run.sh [PAGES...]          default: 10000 40000
#
# For each size, on tmpfs: generate the corpus with ../shared/bench/make_corpus.py, build it
# once with each tool as a warm-up (discarded; also lets hugo-build.sh prepare its mounts),
# then BENCH_RUNS times alternating nastavnik and Hugo, each into an empty output folder.
# Then the same on the disk (BENCH_DISK_DIR, ext4 here) for BENCH_DISK_SIZES, where every
# timed run is a build into an empty folder followed by a rebuild over that output.  Then
# the serve latency (bench/serve_latency.py) on the BENCH_SERVE_PAGES corpus.  Wall time and
# peak RSS come from GNU time (%e %M).  The Markdown report (bench/report.py) goes to stdout
# and to bench/results.md; progress goes to stderr.
#
# Environment:
#   NASTAVNIK          generator binary (default: <repo>/build/nastavnik; a copy is measured)
#   NASTAVNIK_SHARED   shared folder (default: <repo>/../shared)
#   BENCH_RUNS         timed builds per tool, size and medium (default: 3)
#   BENCH_DIR          where the tmpfs work dir is created (default: /dev/shm if tmpfs,
#                      else $TMPDIR or /tmp)
#   BENCH_DISK_DIR     where the disk work dir is created (default: /var/tmp, or the folder
#                      above the repository, whichever is on the repository's disk)
#   BENCH_DISK_SIZES   sizes measured on the disk (default: 10000; empty or 0: none)
#   BENCH_TMPFS_MODES  builds timed on tmpfs (default: "empty")
#   BENCH_DISK_MODES   builds timed on the disk (default: "empty rebuild")
#   BENCH_SERVE=0      skip the serve latency measurement
#   BENCH_SERVE_PAGES  corpus size for it (default: 10000)
#   BENCH_SERVE_RUNS   saves per variant (default: 10)
#   BENCH_SERVE_ON     disk | tmpfs: where its corpus and output live (default: disk,
#                      or tmpfs when BENCH_DISK_SIZES is empty)
#   BENCH_RESULTS      where the report is written (default: <repo>/bench/results.md; the
#                      raw measurements go beside it, to results.tsv)
#   BENCH_KEEP=1       keep corpora, outputs and results.tsv (the paths are printed)
#   BENCH_PHOTO_PAGES  corpus size for the photo phase (default: 10000; empty or 0: none):
#                      its placeholder JPEGs replaced by phone-like photos (bench/add_photos.py),
#                      built with an empty photo cache and again with the cache of that build
#   BENCH_PHOTO_SIZE   WIDTHxHEIGHT of those photos (default: 2000x1500)
#
# nastavnik keeps its photo cache in the work folder (NASTAVNIK_CACHE): the warm-up of each
# size encodes the corpus's photos, the timed builds find them there, as every build but the
# first does in GitLab CI (whose cache keeps the folder between pipelines).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${NASTAVNIK_SHARED:-$(dirname "$repo")/shared}"
nastavnik_src="${NASTAVNIK:-$repo/build/nastavnik}"
runs="${BENCH_RUNS:-3}"
keep="${BENCH_KEEP:-0}"
disk_sizes_spec="${BENCH_DISK_SIZES-10000}"
tmpfs_modes_spec="${BENCH_TMPFS_MODES:-empty}"
disk_modes_spec="${BENCH_DISK_MODES:-empty rebuild}"
serve="${BENCH_SERVE:-1}"
serve_pages="${BENCH_SERVE_PAGES:-10000}"
serve_runs="${BENCH_SERVE_RUNS:-10}"
serve_on="${BENCH_SERVE_ON:-}"
results_md="${BENCH_RESULTS:-$repo/bench/results.md}"
photo_pages="${BENCH_PHOTO_PAGES-10000}"
photo_size="${BENCH_PHOTO_SIZE:-2000x1500}"
py=/usr/bin/python3

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- arguments --
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 40000)
read -r -a disk_sizes <<<"${disk_sizes_spec//,/ }"
[ "${disk_sizes[*]:-}" = 0 ] && disk_sizes=()
read -r -a tmpfs_modes <<<"${tmpfs_modes_spec//,/ }"
read -r -a disk_modes <<<"${disk_modes_spec//,/ }"
for n in "${sizes[@]}" ${disk_sizes[@]+"${disk_sizes[@]}"}; do
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 12 ] || die "page count must be an integer >= 12, got '$n'"
done
for m in "${tmpfs_modes[@]}" "${disk_modes[@]}"; do
  [ "$m" = empty ] || [ "$m" = rebuild ] || die "build modes are 'empty' and 'rebuild', got '$m'"
done
[[ "$runs" =~ ^[0-9]+$ ]] && [ "$runs" -ge 1 ] || die "BENCH_RUNS must be a positive integer, got '$runs'"
[[ "$serve_pages" =~ ^[0-9]+$ ]] && [ "$serve_pages" -ge 12 ] || die "BENCH_SERVE_PAGES must be an integer >= 12"
[[ "$serve_runs" =~ ^[0-9]+$ ]] && [ "$serve_runs" -ge 1 ] || die "BENCH_SERVE_RUNS must be a positive integer"
[ "${photo_pages:-0}" = 0 ] && photo_pages=""
[ -z "$photo_pages" ] || { [[ "$photo_pages" =~ ^[0-9]+$ ]] && [ "$photo_pages" -ge 12 ]; } \
  || die "BENCH_PHOTO_PAGES must be an integer >= 12, or 0 for none, got '$photo_pages'"
[[ "$photo_size" =~ ^[0-9]+x[0-9]+$ ]] || die "BENCH_PHOTO_SIZE is WIDTHxHEIGHT, got '$photo_size'"
[ -z "$photo_pages" ] || command -v vips >/dev/null \
  || die "vips not found (the photo phase makes its photos with it): sudo apt-get install libvips-tools, or BENCH_PHOTO_PAGES=0"
if [ -z "$serve_on" ]; then
  if [ ${#disk_sizes[@]} -gt 0 ]; then serve_on=disk; else serve_on=tmpfs; fi
fi
[ "$serve_on" = disk ] || [ "$serve_on" = tmpfs ] || die "BENCH_SERVE_ON is disk or tmpfs, got '$serve_on'"

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
case "$nastavnik_src" in /*) ;; *) nastavnik_src="$PWD/$nastavnik_src" ;; esac
for _ in $(seq 1 60); do             # the binary may be being relinked: wait a little
  [ -f "$nastavnik_src" ] && [ -x "$nastavnik_src" ] && break
  sleep 1
done
[ -f "$nastavnik_src" ] && [ -x "$nastavnik_src" ] \
  || die "nastavnik binary not found or not executable: $nastavnik_src
  build it first (e.g. cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build)
  or point NASTAVNIK at it"
case "$results_md" in /*) ;; *) results_md="$PWD/$results_md" ;; esac
mkdir -p "$(dirname "$results_md")"

fs_of() {   # DIR -> file system type as the mount table names it (ext4, tmpfs, ...)
  findmnt -n -o FSTYPE -T "$1" 2>/dev/null | head -n1 || true
}
fs_label() {   # DIR -> "ext4" / "tmpfs" (stat's name when findmnt is missing)
  local t
  t="$(fs_of "$1")"
  [ -n "$t" ] || t="$(stat -f -c %T "$1" 2>/dev/null || echo '?')"
  echo "$t"
}
is_ram_fs() { case "$(stat -f -c %T "$1" 2>/dev/null)" in tmpfs|ramfs) return 0 ;; esac; return 1; }

# ------------------------------------------------------------------ work dirs --
if [ -n "${BENCH_DIR:-}" ]; then
  mkdir -p "$BENCH_DIR"
  work="$(mktemp -d -p "$BENCH_DIR" nastavnik-bench.XXXXXX)"
elif [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
  work="$(mktemp -d -p /dev/shm nastavnik-bench.XXXXXX)"
else
  work="$(mktemp -d -t nastavnik-bench.XXXXXX)"
fi
work="$(cd "$work" && pwd)"
disk_work=""
cleanup() {
  if [ "$keep" = 1 ]; then
    say "kept corpora and outputs in $work${disk_work:+ and $disk_work}"
  else
    rm -rf "$work"
    [ -z "$disk_work" ] || rm -rf "$disk_work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need_disk=0
[ ${#disk_sizes[@]} -eq 0 ] || need_disk=1
[ "$serve" = 0 ] || [ "$serve_on" != disk ] || need_disk=1
disk_note=""
if [ "$need_disk" = 1 ]; then
  if [ -n "${BENCH_DISK_DIR:-}" ]; then
    mkdir -p "$BENCH_DISK_DIR"
    disk_parent="$(cd "$BENCH_DISK_DIR" && pwd)"
  else
    # A folder on the disk that holds the repository: /var/tmp, else the folder above it.
    repo_dev="$(stat -c %d "$repo")"
    disk_parent=""
    for c in /var/tmp "$(dirname "$repo")"; do
      if [ -d "$c" ] && [ -w "$c" ] && ! is_ram_fs "$c" && [ "$(stat -c %d "$c")" = "$repo_dev" ]; then
        disk_parent="$c"; break
      fi
    done
    if [ -z "$disk_parent" ] && [ -d /var/tmp ] && [ -w /var/tmp ] && ! is_ram_fs /var/tmp; then
      disk_parent=/var/tmp
      disk_note="(not the repository's disk)"
    fi
    [ -n "$disk_parent" ] || die "no disk folder found for the ext4 measurement: /var/tmp is missing or on tmpfs;
  set BENCH_DISK_DIR to a folder on the disk, or BENCH_DISK_SIZES= BENCH_SERVE_ON=tmpfs to skip it"
  fi
  is_ram_fs "$disk_parent" && say "warning: BENCH_DISK_DIR $disk_parent is on $(fs_label "$disk_parent"), not a disk"
  disk_work="$(mktemp -d -p "$disk_parent" nastavnik-bench-disk.XXXXXX)"
fi

# The binary is copied, so that a relink during the run cannot mix two versions; the
# tools run from the work folder (no themes/ there: nastavnik uses its built-in theme).
mkdir -p "$work/bin"
for _ in $(seq 1 60); do
  cp "$nastavnik_src" "$work/bin/nastavnik" 2>/dev/null && [ -s "$work/bin/nastavnik" ] && break
  sleep 1
done
[ -x "$work/bin/nastavnik" ] || die "could not copy $nastavnik_src"
nastavnik="$work/bin/nastavnik"
export NASTAVNIK_CACHE="$work/photo-cache"
cd "$work"

results="$work/results.tsv"
: >"$results"
record() { local IFS=$'\t'; printf '%s\n' "$*" >>"$results"; }
meta() { record meta "$1" "$2"; }
quiet=(--quiet)       # dropped if nastavnik rejects it (decided on the first warm-up)
quiet_checked=0

# hugo-build.sh removes its output folder first (inside the timing). For "rebuild over the
# previous output" Hugo runs from a copy without that line: hugo over an existing public/,
# as its users run it.
hugo_keep="$work/bin/hugo-build-keep.sh"
sed -e "s|^here=.*|here=\"$shared/bench\"|" -e '/^rm -rf "\$out"$/d' "$hugo_build" >"$hugo_keep"
if cmp -s <(grep -v '^here=' "$hugo_build") <(grep -v '^here=' "$hugo_keep"); then
  say "note: hugo-build.sh does not remove its output; the rebuild runs it unchanged"
fi

# ---------------------------------------------------------------- measuring --
# busy_sample LABEL: records the share of the CPUs used during one second by other
# processes (none of ours runs then), so that the report can tell an idle machine from a
# busy one.
busy_sample() {
  local a b
  a="$(head -n1 /proc/stat)"
  sleep 1
  b="$(head -n1 /proc/stat)"
  record busy "$1" "$(awk -v a="$a" -v b="$b" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    busy = 0; total = 0
    for (i = 2; i <= 9; i++) { d = y[i] - x[i]; total += d; if (i != 5 && i != 6) busy += d }
    printf "%.3f", (total > 0 ? busy / total : 0) }')"
}

# build TOOL MODE CORPUS OUT [BUSY_LABEL] -> sets WALL and RSS_KIB; on failure prints the
# tool's stderr and returns 1.  MODE empty: the output folder is removed first; rebuild: it
# is kept.  Removal, `sync` (so that write-back of the previous build does not fall into
# this one) and the busy sample (with BUSY_LABEL) are not timed.
build() {
  local tool="$1" mode="$2" corpus="$3" out="$4" busy_label="${5:-}"
  local tf="$work/time.txt" ef="$work/stderr.txt" cmd
  if [ "$tool" = nastavnik ]; then
    cmd=("$nastavnik" build --content "$corpus" --out "$out" ${quiet[@]+"${quiet[@]}"})
  elif [ "$mode" = rebuild ]; then
    cmd=(bash "$hugo_keep" "$corpus" "$out")
  else
    cmd=(bash "$hugo_build" "$corpus" "$out")
  fi
  [ "$mode" = rebuild ] || rm -rf "$out"
  sync
  [ -z "$busy_label" ] || busy_sample "$busy_label"
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
    build nastavnik empty "$corpus" "$out"
    return
  fi
  quiet_checked=1
  if build nastavnik empty "$corpus" "$out" 2>"$work/quiet-attempt.txt"; then
    return
  fi
  cp "$work/stderr.txt" "$work/quiet-stderr.txt"
  quiet=()
  if build nastavnik empty "$corpus" "$out" 2>/dev/null; then
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

make_corpus_at() {   # PAGES DIR LOGLABEL -> generates DIR
  local n="$1" corpus="$2" label="$3" t0
  say "[$label] generating corpus"
  t0=$(date +%s.%N)
  "$py" "$make_corpus" --pages "$n" --out "$corpus" >"$corpus.log" 2>&1 \
    || { cat "$corpus.log" >&2; die "make_corpus.py failed for $n pages"; }
  CORPUS_SUMMARY="$(sed 's/^[^:]*: //' "$corpus.log")"
  say "[$label] $CORPUS_SUMMARY ($(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"
}

# measure PLACE MEDIUM PAGES BASE MODES... : corpus, warm-ups and timed runs in BASE
measure() {
  local place="$1" medium="$2" n="$3" base="$4"; shift 4
  local modes=("$@") label="$n $medium" corpus="$base/corpus-$n" i tool mode out
  local out_n="$base/out-$n-nastavnik" out_h="$base/out-$n-hugo"
  make_corpus_at "$n" "$corpus" "$label"
  record corpus "$n" "$medium" "$CORPUS_SUMMARY"

  say "[$label] warm-up nastavnik"
  warmup_nastavnik "$corpus" "$out_n" || exit 1
  say "[$label]   ${WALL} s, $((RSS_KIB / 1024)) MiB (discarded)"
  say "[$label] warm-up Hugo (prepares its mounts)"
  build hugo empty "$corpus" "$out_h" || exit 1
  say "[$label]   ${WALL} s, $((RSS_KIB / 1024)) MiB (discarded)"

  for ((i = 1; i <= runs; i++)); do
    for mode in "${modes[@]}"; do
      for tool in nastavnik hugo; do
        if [ "$tool" = nastavnik ]; then out="$out_n"; else out="$out_h"; fi
        build "$tool" "$mode" "$corpus" "$out" "$medium $n" || exit 1
        record build "$place" "$medium" "$mode" "$n" "$tool" "$WALL" "$RSS_KIB"
        say "[$label] run $i/$runs $mode $tool: ${WALL} s, $((RSS_KIB / 1024)) MiB"
      done
    done
  done
  record note "$n pages, $medium: nastavnik wrote $(count_files "$out_n"); Hugo wrote $(count_files "$out_h")"
  rm -rf "$out_n" "$out_h"
}

# measure_photos PAGES : the corpus with phone-like photos, on tmpfs; each timed round builds
# with an empty photo cache (every photo decoded and encoded), then again with the cache that
# build left (none), then Hugo twice, so that each nastavnik figure has a Hugo one beside it.
measure_photos() {
  local n="$1" label="photos $1" corpus="$work/corpus-photos-$1" i
  local out_n="$work/out-photos-nastavnik" out_h="$work/out-photos-hugo"
  make_corpus_at "$n" "$corpus" "$label"
  say "[$label] placeholder JPEGs replaced by ${photo_size} photos (bench/add_photos.py)"
  "$py" "$repo/bench/add_photos.py" "$corpus" --size "$photo_size" >"$corpus.photos.log" 2>&1 \
    || { cat "$corpus.photos.log" >&2; die "add_photos.py failed"; }
  record note "photo phase, $n pages: $(tail -n 1 "$corpus.photos.log" | sed "s|, in $corpus||")"
  say "[$label] $(tail -n 1 "$corpus.photos.log")"
  say "[$label] warm-up Hugo"
  build hugo empty "$corpus" "$out_h" || exit 1
  for ((i = 1; i <= runs; i++)); do
    rm -rf "$NASTAVNIK_CACHE"
    for mode in cold warm; do
      build nastavnik "$mode" "$corpus" "$out_n" "$label" || exit 1
      record build photos "$tmpfs_medium" "$mode" "$n" nastavnik "$WALL" "$RSS_KIB"
      say "[$label] run $i/$runs nastavnik, $mode photo cache: ${WALL} s, $((RSS_KIB / 1024)) MiB"
      build hugo empty "$corpus" "$out_h" "$label" || exit 1
      record build photos "$tmpfs_medium" "$mode" "$n" hugo "$WALL" "$RSS_KIB"
      say "[$label] run $i/$runs Hugo: ${WALL} s, $((RSS_KIB / 1024)) MiB"
    done
  done
  record note "photo phase, $n pages: nastavnik wrote $(count_files "$out_n"), of them $(find "$out_n" -name '*.webp' | wc -l) .webp; Hugo wrote $(count_files "$out_h")"
  rm -rf "$out_n" "$out_h" "$corpus" "$corpus.hugo" "$NASTAVNIK_CACHE"
}

# serve_latency BASE MEDIUM : the serve measurement on BASE/corpus-$serve_pages (made if absent)
serve_latency() {
  local base="$1" medium="$2" corpus="$1/corpus-$serve_pages" rc=0
  if [ ! -d "$corpus" ]; then
    make_corpus_at "$serve_pages" "$corpus" "serve $medium"
    record corpus "$serve_pages" "$medium" "$CORPUS_SUMMARY"
  fi
  say "[serve $medium] nastavnik serve, $serve_runs saves per variant (bench/serve_latency.py)"
  "$py" "$repo/bench/serve_latency.py" --nastavnik "$nastavnik" --content "$corpus" \
    --out "$base/serve-out" --runs "$serve_runs" --medium "$medium" --tsv "$results" --busy-sample \
    >"$work/serve.txt" || rc=$?
  cat "$work/serve.txt" >&2
  if [ "$rc" -ne 0 ] && ! grep -q '^serve-fail' "$results"; then
    record serve-fail "$medium" body,title "$serve_pages" "bench/serve_latency.py exited with status $rc"
  fi
  rm -rf "$base/serve-out"
}

# ------------------------------------------------------------------ machine --
cpu="$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//')"
[ -n "$cpu" ] || cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)"
mem_gib="$(awk '/^MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo 2>/dev/null || true)"
virt="$(systemd-detect-virt 2>/dev/null || true)"
[ "$virt" != none ] || virt=""
hyper="$(lscpu 2>/dev/null | sed -n 's/^Hypervisor vendor: *//p' | head -n1)"
hugo_ver="$(hugo version 2>&1 | head -n1)"
if v="$(timeout 10 "$nastavnik" --version 2>&1)" && [ -n "$v" ]; then
  nast_ver="$(head -n1 <<<"$v")"
else
  nast_ver="(--version not supported)"
fi
src_rev="$(git -C "$repo" --no-optional-locks describe --always --dirty --abbrev=10 2>/dev/null || echo unknown)"
bin_time="$(date -u -r "$nastavnik_src" '+%Y-%m-%d %H:%M UTC' 2>/dev/null || echo '?')"
bin_sum="$(sha256sum "$nastavnik" | cut -c1-12)"
nast_rel="$nastavnik_src"
case "$nast_rel" in "$repo"/*) nast_rel="${nast_rel#"$repo"/}" ;; esac
tmpfs_medium="$(fs_label "$work")"
disk_medium=""
[ -z "$disk_work" ] || disk_medium="$(fs_label "$disk_work")"
describe_dir() {   # DIR -> "/var/tmp (ext4 on /dev/vda)"
  local src
  src="$(findmnt -n -o SOURCE -T "$1" 2>/dev/null | head -n1 || true)"
  local t
  t="$(fs_label "$1")"
  [ "$src" != "$t" ] || src=""
  echo "$(dirname "$1") ($t${src:+ on $src})"
}

meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta cpu "${cpu:-unknown CPU}"
meta cores "$(nproc)"
meta ram_gib "${mem_gib:-?}"
meta kernel "$(uname -sr)"
meta virtualization "${hyper:+$hyper }${virt:+($virt)}"
meta load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
meta tmpfs_dir "$(describe_dir "$work")"
[ -z "$disk_work" ] || meta disk_dir "$(describe_dir "$disk_work") $disk_note"
meta hugo "$hugo_ver"
meta nastavnik "$nast_ver"
meta nastavnik_binary "$nast_rel (built $bin_time, sha256 $bin_sum, source tree $src_rev)"
meta runs "$runs"
meta tmpfs_modes "${tmpfs_modes[*]}"
meta disk_modes "${disk_modes[*]}"
meta sizes "${sizes[*]}"
meta disk_sizes "${disk_sizes[*]:-}"
meta photo_pages "${photo_pages:-}"

say "work dirs: $work ($tmpfs_medium)${disk_work:+, $disk_work ($disk_medium)}"
say "sizes ${sizes[*]} on $tmpfs_medium; ${disk_sizes[*]:-none} on ${disk_medium:-disk}; $runs timed run(s) per tool"

# -------------------------------------------------------------------- runs --
for n in "${sizes[@]}"; do
  measure ram "$tmpfs_medium" "$n" "$work" "${tmpfs_modes[@]}"
  if [ "$serve" != 0 ] && [ "$serve_on" = tmpfs ] && [ "$n" = "$serve_pages" ]; then
    serve_latency "$work" "$tmpfs_medium"; serve_done=1
  fi
  [ "$keep" = 1 ] || rm -rf "$work/corpus-$n" "$work/corpus-$n.hugo"   # free the tmpfs
done
[ -z "$photo_pages" ] || measure_photos "$photo_pages"
for n in ${disk_sizes[@]+"${disk_sizes[@]}"}; do
  measure disk "$disk_medium" "$n" "$disk_work" "${disk_modes[@]}"
  if [ "$serve" != 0 ] && [ "$serve_on" = disk ] && [ "$n" = "$serve_pages" ]; then
    serve_latency "$disk_work" "$disk_medium"; serve_done=1
  fi
  [ "$keep" = 1 ] || rm -rf "$disk_work/corpus-$n" "$disk_work/corpus-$n.hugo"
done
if [ "$serve" != 0 ] && [ -z "${serve_done:-}" ]; then
  if [ "$serve_on" = disk ]; then
    serve_latency "$disk_work" "$disk_medium"
  else
    serve_latency "$work" "$tmpfs_medium"
  fi
fi

meta load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
meta quiet_flag "${quiet[*]:-}"
if ! cmp -s "$nastavnik_src" "$nastavnik"; then
  meta binary_changed "$nast_rel was relinked during the run; the copy taken at the start was measured"
fi

# ------------------------------------------------------------------ report --
# The raw measurements go beside the report (bench/results.tsv), so that the report can be
# rendered again: bench/report.py bench/results.tsv > bench/results.md
results_tsv="${results_md%.md}.tsv"
report_tmp="$work/results.md"
"$py" "$repo/bench/report.py" "$results" >"$report_tmp"
cp "$results" "$results_tsv.tmp.$$" && mv "$results_tsv.tmp.$$" "$results_tsv"
cp "$report_tmp" "$results_md.tmp.$$" && mv "$results_md.tmp.$$" "$results_md"
cat "$report_tmp"
say "report written to $results_md (raw measurements: $results_tsv)"
