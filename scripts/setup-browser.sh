#!/usr/bin/env bash
# Installs the npm packages of the browser tests (tests/browser) from package-lock.json:
# playwright-core (drives Debian's /usr/bin/chromium; it downloads no browser), axe-core
# and vnu-jar (the Nu HTML Checker, run with Debian's Java). Called by setup.sh when
# NASTAVNIK_TEST_DEPS=1. Idempotent: skipped while node_modules matches the lock file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup-browser.sh: node and npm are needed (apt-get install nodejs npm)" >&2
  exit 1
fi
stamp=node_modules/.nastavnik-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f node_modules/vnu-jar/build/dist/vnu.jar ] &&
   [ -d node_modules/playwright-core ] && [ -f node_modules/axe-core/axe.min.js ]; then
  exit 0
fi
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's is used.
npm ci --ignore-scripts --no-audit --no-fund
echo "$want" > "$stamp"
