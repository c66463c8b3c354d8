#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds nastavnik and builds the demo site into public/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
./build/nastavnik build --content content --out public --editor-assets node_modules --search-index node_modules
