#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (with the test tools), builds everything and runs every
# test; ends with ctest's summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
NASTAVNIK_TEST_DEPS=1 scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
ctest --test-dir build --output-on-failure -j2
