#!/usr/bin/env bash
# Installs the npm packages of the browser tests (tests/browser) from package-lock.json:
# playwright-core (drives Debian's /usr/bin/chromium; it downloads no browser), axe-core
# and vnu-jar (the Nu HTML Checker, run with Debian's Java); decap-server, the local backend
# of the browser editor's test (tests/browser/editor.js); snowball-stemmer.jsx, the search
# page's stemmer (a dependency of the site; tests/browser/search.js uses it). Called by setup.sh when
# NASTAVNIK_TEST_DEPS=1. Idempotent: skipped while node_modules matches the lock file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec scripts/npm-ci.sh . vnu-jar/build/dist/vnu.jar playwright-core/package.json axe-core/axe.min.js \
  decap-cms/dist/decap-cms.js js-yaml/dist/browser/js-yaml.umd.min.js decap-server/dist/index.js \
  snowball-stemmer.jsx/dest/russian-stemmer.global.min.js
