#!/usr/bin/env bash
# Takes the screenshots of the editors' chapter «Редактирование в браузере»
# (docs/editor-in-browser.md) again: runs the editor's browser test (tests/browser/editor.js,
# Decap CMS against decap-server on this computer) and keeps its screenshots as lossless WebP
# in docs/images/editor/. Run it after a change to the forms, then look at the pictures.
#
#   scripts/editor-screenshots.sh        (after scripts/build.sh and NASTAVNIK_TEST_DEPS=1 scripts/setup.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
NASTAVNIK="${NASTAVNIK:-build/nastavnik}" NASTAVNIK_ARTIFACTS="$shots" node tests/browser/editor.js
# The ones the chapter shows (the test takes a few more, for its artifacts).
mkdir -p docs/images/editor
rm -f docs/images/editor/*.webp
for name in $(grep -o 'images/editor/[^)]*\.webp' docs/editor-in-browser.md | sed 's|images/editor/||; s|\.webp$||'); do
  vips copy "$shots/editor/$name.png" "docs/images/editor/$name.webp[lossless,effort=6,strip]"
done
ls -l docs/images/editor
