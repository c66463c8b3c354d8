#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (the `fuzz` preset, into build-fuzz/) and runs
# each for a bounded time on a copy of its seed corpus. The targets build and render in
# memory (MemorySource → MemorySink); only `theme` writes its copy of the theme to a
# temporary folder, as Theme::load reads themes from folders.
#
#   fuzz/run.sh                 every target, 60 s each
#   fuzz/run.sh 300 markdown    one target for 5 minutes
#   FUZZ_JOBS=2 fuzz/run.sh     two processes per target
#
# Findings go to build-fuzz/artifacts/<target>/ (crash-*, leak-*, timeout-*, oom-*); the
# script exits 1 when any target found something. Replay one with every check, outside
# libFuzzer: build-fuzz/fuzz/fuzz_replay <target> <file>. Keep a finding as a regression
# test: copy it to tests/fixtures/crashes/<target>/ (tests/unit/fuzz_<target>_regression_test.cpp
# replay them through fuzz/replay.h, with the seed corpus).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter yaml_schemas markdown render theme build image document search)

if ! command -v clang++-14 >/dev/null; then
  echo "fuzz/run.sh: clang++-14 not found; install clang-14 and libclang-rt-14-dev (NASTAVNIK_FUZZ_DEPS=1 scripts/setup.sh)" >&2
  exit 2
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target $(printf 'fuzz_%s ' "${targets[@]}") fuzz_replay

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:malloc_context_size=5}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for t in "${targets[@]}"; do
  corpus="build-fuzz/corpus/$t"
  artifacts="build-fuzz/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  dict=()
  case "$t" in
    front_matter|yaml_schemas) dict=(-dict=fuzz/dict/yaml.dict) ;;
    markdown) dict=(-dict=fuzz/dict/markdown.dict) ;;
    build) dict=(-dict=fuzz/dict/build.dict) ;;
  esac
  parallel=()
  if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then parallel=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS"); fi
  echo "== fuzz_$t: $seconds s"
  if ! build-fuzz/fuzz/fuzz_"$t" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
       -max_len=65536 "${parallel[@]}" -print_final_stats=1 \
       -artifact_prefix="$artifacts/" 2>"build-fuzz/fuzz_$t.log"; then
    echo "fuzz_$t FOUND A PROBLEM: see build-fuzz/fuzz_$t.log and $artifacts/" >&2
    tail -40 "build-fuzz/fuzz_$t.log" >&2
    status=1
  else
    grep -E "^stat::(number_of_executed_units|peak_rss_mb)" "build-fuzz/fuzz_$t.log" || true
  fi
done
exit $status
