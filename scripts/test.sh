#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (with the test tools), builds everything and runs every
# test of the release build: unit, end-to-end, browser and pipeline tests. Ends with ctest's
# summary. The same suite under AddressSanitizer and UndefinedBehaviorSanitizer runs with
# scripts/test-sanitizers.sh (not yet part of this command: see issue 6).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
NASTAVNIK_TEST_DEPS=1 scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
ctest --test-dir build --output-on-failure -j2
