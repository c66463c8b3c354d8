#!/usr/bin/env bash
# Builds the generator and the unit tests with AddressSanitizer and
# UndefinedBehaviorSanitizer (the `asan` preset of CMakePresets.json, into build-asan/) and
# runs the whole ctest suite there: the unit tests, and the e2e tests against the sanitized
# binary (ctest hands them build-asan/nastavnik in $NASTAVNIK), the browser tests over the
# site it builds. Skipped: ci.test_ci_local, which builds its own release copy of the project
# (no sanitizer in it).
# Any sanitizer report aborts the process, so the test that ran it fails.
#
#   scripts/test-sanitizers.sh            everything
#   scripts/test-sanitizers.sh -R unit.   only the tests ctest -R selects
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
NASTAVNIK_TEST_DEPS=1 scripts/setup.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
# A suite that ran an unsanitized binary would pass without checking anything.
# (ldd's output is taken whole first: `ldd | grep -q` under pipefail fails whenever grep stops
# reading before ldd has written everything.)
tool_libs=$(ldd build-asan/nastavnik)
test_libs=$(ldd build-asan/tests/unit_tests)
if [[ $tool_libs != *libasan* || $test_libs != *libubsan* ]]; then
  echo "test-sanitizers.sh: build-asan/ is not built with ASan and UBSan; remove build-asan/ and run again" >&2
  exit 1
fi
# The same options as the preset's test environment, for anyone running ctest by hand.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}"
# The kill test's generated tree, smaller: a sanitized build is about ten times slower.
export NASTAVNIK_CORPUS_PAGES="${NASTAVNIK_CORPUS_PAGES:-400}"
ctest --test-dir build-asan --output-on-failure -j2 -E 'ci\.test_ci_local' "$@"
