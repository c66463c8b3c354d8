#!/usr/bin/env bash
# Installs everything nastavnik needs to build and test on Debian 12.
# Idempotent: packages already present are skipped by apt-get, npm packages matching their lock.
#   NASTAVNIK_TEST_DEPS=1  also the test tools: Chromium, Java, the browser tests' npm packages, clang-14
#   NASTAVNIK_FUZZ_DEPS=1  also clang-14 with libFuzzer (fuzz/run.sh), nothing else
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  build-essential cmake ninja-build pkg-config
  libmd4c-dev libmd4c-html0-dev libyaml-dev libtinyxml2-dev libmimalloc-dev
  doctest-dev libcli11-dev libicu-dev libcpp-httplib-dev nlohmann-json3-dev libvips-dev
  libpoppler-cpp-dev libzip-dev
  # The search index: Snowball's Russian stemmer; libdeflate gzips its files (zlib: the tests).
  libstemmer-dev libdeflate-dev zlib1g-dev
  python3-feedparser python3-icalendar python3-yaml
  hugo rsync time
  # Signed documents: OpenSSL's CMS, and GOST R 34.10-2012 signatures from the gost engine
  # (loaded at run time, so every build needs it); the openssl tool signs the tests' fixtures.
  libssl-dev libengine-gost-openssl openssl
)
# Node.js 18+ and npm, for every build: it compiles in the Russian names of the npm packages
# of data/anthroponyms (tools/anthroponyms/extract.mjs); the browser tests run on it too.
# Debian 12's nodejs (18) and npm (9) are enough: the package.json files pin versions that
# run on them. GitLab's debian:12 image has no node at all, so there (and on a fresh
# machine) both come from Debian. A node already installed (e.g. NodeSource's, which
# bundles npm and conflicts with Debian's npm) is kept; it is checked below to be 18 or
# newer. Debian's nodejs without npm: add npm.
if ! command -v node >/dev/null; then
  packages+=(nodejs npm)
elif ! command -v npm >/dev/null; then
  packages+=(npm)
fi
if [ "${NASTAVNIK_TEST_DEPS:-0}" = 1 ]; then
  # Browser tests (tests/browser): Debian's Chromium driven by playwright-core, Java for the
  # Nu HTML Checker.
  # lftp, sshd: tests/ci/test_upload.py; curl: scripts/ci/nastavnik-bundle.sh; vips makes photos and
  # exiftool reads them back: tests/e2e/test_photos.py; git: decap-server's git mode, where the
  # editor's test saves through the editorial workflow (tests/browser/editor.js)
  # OCRmyPDF with Tesseract's Russian model: tests/e2e/test_documents.py recognises a scan
  # (site.yaml's ocr: true; a site that asks for it gets them from scripts/ci/ocr-deps.sh).
  packages+=(chromium default-jre-headless fonts-dejavu-core openssh-server openssh-client lftp curl libvips-tools libimage-exiftool-perl git
             ocrmypdf tesseract-ocr-rus)
  # gitlab-ci-local (tests/ci/test_ci_local.py) compiles re2 with node-gyp, which otherwise
  # downloads the headers of the running Node.js from nodejs.org: Debian's nodejs has them in
  # libnode-dev. Not for another vendor's node (its headers differ, and node-gyp fetches them).
  node_version=$(dpkg-query -W -f='${Version}' nodejs 2>/dev/null || true)
  if [ -z "$node_version" ] || [[ $node_version == *dfsg* ]]; then
    packages+=(libnode-dev)
  fi
fi
if [ "${NASTAVNIK_TEST_DEPS:-0}" = 1 ] || [ "${NASTAVNIK_FUZZ_DEPS:-0}" = 1 ]; then
  packages+=(clang-14 libclang-rt-14-dev)  # libFuzzer and the sanitizers' runtime: fuzz/run.sh
fi

missing=()
for p in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The npm packages of data/anthroponyms (az: OpenCorpora's names; petrovich: declension
# rules), from which the build compiles the names it checks for.
"$here/scripts/npm-ci.sh" "$here/data/anthroponyms" az/dicts/words.dawg petrovich/rules.json
# Decap CMS, the browser editor the site publishes at admin/, and js-yaml, which reads and
# writes mentors.yaml there (their pinned versions in the root package.json's dependencies):
# the build copies their browser files from node_modules (nastavnik build --editor-assets;
# the CI bundle carries them, scripts/ci/nastavnik-bundle.sh). snowball-stemmer.jsx, pinned
# there too: its Russian stemmer for JavaScript is published with the search index, so the
# search page stems a query as the build stems the pages (nastavnik build --search-index
# node_modules).
# With the test tools, setup-browser.sh installs it with them: one npm ci, not two.
if [ "${NASTAVNIK_TEST_DEPS:-0}" = 1 ]; then
  "$here/scripts/setup-browser.sh"  # npm ci of the browser tests' packages and Decap CMS
else
  "$here/scripts/npm-ci.sh" --omit=dev "$here" decap-cms/dist/decap-cms.js js-yaml/dist/browser/js-yaml.umd.min.js \
    snowball-stemmer.jsx/dest/russian-stemmer.global.min.js
fi
