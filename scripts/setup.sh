#!/usr/bin/env bash
# Installs everything nastavnik needs to build and test on Debian 12.
# Idempotent: packages already present are skipped by apt-get.
#   NASTAVNIK_TEST_DEPS=1  also the test tools: Chromium, Java, the npm packages, clang-14
#   NASTAVNIK_FUZZ_DEPS=1  also clang-14 with libFuzzer (fuzz/run.sh), nothing else
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  build-essential cmake ninja-build pkg-config
  libmd4c-dev libmd4c-html0-dev libyaml-dev libtinyxml2-dev libmimalloc-dev
  doctest-dev libcli11-dev libicu-dev libcpp-httplib-dev nlohmann-json3-dev
  python3-feedparser python3-icalendar python3-yaml
  hugo rsync time
)
if [ "${NASTAVNIK_TEST_DEPS:-0}" = 1 ]; then
  # Browser tests (tests/browser): Debian's Chromium driven by playwright-core, Java for the
  # Nu HTML Checker, Node.js 18+ and npm. Debian 12's nodejs (18) and npm (9) are enough:
  # package.json pins versions that run on them. GitLab's debian:12 image has no node at
  # all, so there (and on a fresh machine) both come from Debian. A node already installed
  # (e.g. NodeSource's, which bundles npm and conflicts with Debian's npm) is kept;
  # setup-browser.sh then checks that it is 18 or newer. Debian's nodejs without npm: add npm.
  packages+=(chromium default-jre-headless fonts-dejavu-core)
  if ! command -v node >/dev/null; then
    packages+=(nodejs npm)
  elif ! command -v npm >/dev/null; then
    packages+=(npm)
  fi
fi
if [ "${NASTAVNIK_TEST_DEPS:-0}" = 1 ] || [ "${NASTAVNIK_FUZZ_DEPS:-0}" = 1 ]; then
  packages+=(clang-14 libclang-rt-14-dev)  # libFuzzer and the sanitizers' runtime: fuzz/run.sh
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "${NASTAVNIK_TEST_DEPS:-0}" = 1 ]; then
  "$here/scripts/setup-browser.sh"  # npm ci of the browser tests' packages
fi
