#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (with the test tools), builds everything and runs every
# test of the release build: unit, end-to-end, browser and pipeline tests; then the same
# suite built with AddressSanitizer and UndefinedBehaviorSanitizer (scripts/test-sanitizers.sh,
# build-asan/). Ends with ctest's summary of the sanitized run; stops at the first red run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
NASTAVNIK_TEST_DEPS=1 scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
ctest --test-dir build --output-on-failure -j2
scripts/test-sanitizers.sh
