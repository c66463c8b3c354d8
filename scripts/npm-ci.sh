#!/usr/bin/env bash
# Installs the npm packages of one folder from its package-lock.json (npm ci), unless its
# node_modules already matches the lock file and holds every file named after the folder.
# --ignore-scripts: none of our packages needs an install script (vnu-jar's postinstall would
# download a Java runtime; Debian's is used), so none may run.
#
# --omit=dev installs the folder's dependencies without its devDependencies (the root's: Decap
# CMS, which the site publishes, without the browser tests' tools); a later call without it and
# with a file of those tools finds it missing and installs everything.
#
#   scripts/npm-ci.sh [--omit=dev] FOLDER [FILE-IN-node_modules...]
set -euo pipefail
omit=()
if [ "${1:-}" = --omit=dev ]; then omit=(--omit=dev); shift; fi
dir="$1"; shift
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "npm-ci.sh: node and npm are needed (apt-get install nodejs npm)" >&2
  exit 1
fi
# The pinned packages run on Node.js 18 and newer: Debian 12's nodejs is 18.
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
case "$major" in ''|*[!0-9]*) major=0 ;; esac
if [ "$major" -lt 18 ]; then
  echo "npm-ci.sh: Node.js 18 or newer is needed, $(command -v node) is $(node --version 2>/dev/null)" \
       "(Debian 12: apt-get install nodejs npm)" >&2
  exit 1
fi
stamp="$dir/node_modules/.nastavnik-lock.sha256"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
complete=1
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] || complete=0
for f in "$@"; do
  [ -e "$dir/node_modules/$f" ] || complete=0
done
[ "$complete" = 1 ] && exit 0
npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund "${omit[@]}"
echo "$want" > "$stamp"
