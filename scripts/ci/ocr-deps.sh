#!/usr/bin/env bash
# Installs OCRmyPDF with Tesseract's Russian model when the site asks for scans to be
# recognised (`ocr: true` in <content>/site.yaml, document/ocr.h), and nothing otherwise:
# the content jobs of a site without it stay as quick as they are. Recognised scans are kept
# in the build's cache (NASTAVNIK_CACHE, which the pipeline keeps), so each is recognised once.
#   scripts/ci/ocr-deps.sh [content]
set -euo pipefail
content="${1:-content}"
site="$content/site.yaml"
# The key at the start of a line, `true` before any comment: what nastavnik itself reads.
if ! [ -f "$site" ] || ! grep -Eq '^ocr:[[:space:]]*(true|"true")[[:space:]]*(#.*)?$' "$site"; then
  exit 0
fi
if command -v ocrmypdf >/dev/null && [ -f /usr/share/tesseract-ocr/5/tessdata/rus.traineddata ]; then
  exit 0
fi
echo "В $site включено распознавание сканов (ocr: true): ставится OCRmyPDF с русской моделью Tesseract." >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends ocrmypdf tesseract-ocr-rus >/dev/null
