#!/usr/bin/env bash
# The preview job of merge request pipelines: the site built as `pages` builds it, into a
# folder kept as the job's artifact, which GitLab serves file by file under
#   $CI_PROJECT_URL/-/jobs/$CI_JOB_ID/artifacts/file/<folder>/index.html
# (on GitLab Pages' domain, where the project's Pages are on). That server has no index of a
# folder, so every relative link to a folder (`news/`, `./`, `../`) is made a link to its
# index.html; links to files, anchors and absolute addresses are left as they are.
#
#   preview.sh [OUT [CONTENT]]     defaults: preview content
#
# NASTAVNIK: the program (default dist/nastavnik).
set -euo pipefail
nastavnik="${NASTAVNIK:-dist/nastavnik}"
out="${1:-preview}"
content="${2:-content}"

# Feeds, the sitemap and canonical addresses use the preview's own address as base_url
# (`build --base-url`; a binary without that option keeps site.yaml's).
base_url=()
help=$("$nastavnik" build --help 2>/dev/null || true)  # not piped into grep -q: pipefail
if [ -n "${CI_PROJECT_URL:-}" ] && [ -n "${CI_JOB_ID:-}" ] && [[ $help == *--base-url* ]]; then
  base_url=(--base-url "$CI_PROJECT_URL/-/jobs/$CI_JOB_ID/artifacts/file/$out/")
fi
"$nastavnik" build --content "$content" --out "$out" "${base_url[@]}"
# href="X/" → href="X/index.html" for relative X (no scheme, not starting with / or #).
find "$out" -name '*.html' -type f -print0 |
  xargs -0 -r sed -i -E 's#(href=")([^"/\#?:][^"\#?:]*/)(["\#?])#\1\2index.html\3#g'
if [ -n "${CI_PROJECT_URL:-}" ] && [ -n "${CI_JOB_ID:-}" ]; then
  echo "Предпросмотр сайта (кнопка «View app» в запросе на слияние; хранится неделю):"
  echo "  $CI_PROJECT_URL/-/jobs/$CI_JOB_ID/artifacts/file/$out/index.html"
fi
