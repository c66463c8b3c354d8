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
# The pinned packages (package.json) run on Node.js 18 and newer: Debian 12's nodejs is 18.
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
case "$major" in ''|*[!0-9]*) major=0 ;; esac
if [ "$major" -lt 18 ]; then
  echo "setup-browser.sh: Node.js 18 or newer is needed, $(command -v node) is $(node --version 2>/dev/null)" \
       "(Debian 12: apt-get install nodejs npm)" >&2
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
