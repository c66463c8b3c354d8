#!/usr/bin/env bash
# The generator as the CI jobs that only run it (check, preview, pages) get it: a bundle of
# the release binary and the shared libraries it links (everything but glibc itself), kept
# in the project's generic package registry under a key that is a hash of the generator's
# sources. A pipeline that changes only content/ downloads it in a second and installs
# nothing; a pipeline that changes the generator builds it (the `build` job) and uploads it.
#
#   nastavnik-bundle.sh key      print the key: sha256 of the files the binary is built from
#   nastavnik-bundle.sh pack     build/nastavnik (or $NASTAVNIK_BINARY) → $DIST (bin/, lib/, nastavnik)
#   nastavnik-bundle.sh upload   $DIST → the package registry, unless the key is there already
#   nastavnik-bundle.sh fetch    the package registry → $DIST; exit 3 when the key is not there
#   nastavnik-bundle.sh ensure   $DIST of the current key: kept when it is one (the build job's
#                                artifact), else fetched, else built here (compiler and all)
#                                and uploaded, so that the next pipeline finds it
#
# Then run `$DIST/nastavnik …` (a wrapper that points the loader at $DIST/lib).
#
# Environment: CI_API_V4_URL, CI_PROJECT_ID, CI_JOB_TOKEN (GitLab sets them in every job);
# DIST (default <repo>/dist); NASTAVNIK_BINARY (pack; default <repo>/build/nastavnik);
# NASTAVNIK_PACKAGE (package name, default nastavnik). Messages are in Russian: curators read
# the job logs. The registry is GitLab Free's generic package registry:
#   PUT/GET $CI_API_V4_URL/projects/$CI_PROJECT_ID/packages/generic/<name>/<key>/<file>
# with the header JOB-TOKEN: $CI_JOB_TOKEN.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST="${DIST:-$root/dist}"
PACKAGE="${NASTAVNIK_PACKAGE:-nastavnik}"
FILE="nastavnik-linux-x86_64.tar.gz"

# What the binary is made of. The Debian libraries are in the bundle, so their updates do
# not change it; scripts/setup.sh is here because it chooses them. Bump the format when the
# layout of the bundle changes.
KEY_FORMAT="nastavnik-bundle 1, debian 12"
KEY_PATHS=(generator themes tools/anthroponyms data/anthroponyms/package.json data/anthroponyms/package-lock.json
           package-lock.json CMakeLists.txt scripts/setup.sh scripts/npm-ci.sh scripts/ci/nastavnik-bundle.sh)

say() { printf '%s\n' "$*" >&2; }

key() {
  (
    cd "$root"
    printf '%s\n' "$KEY_FORMAT"
    find "${KEY_PATHS[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  ) | sha256sum | cut -c1-40
}

url() {
  : "${CI_API_V4_URL:?CI_API_V4_URL is not set (GitLab sets it in every job)}"
  : "${CI_PROJECT_ID:?CI_PROJECT_ID is not set (GitLab sets it in every job)}"
  printf '%s/projects/%s/packages/generic/%s/%s/%s' "$CI_API_V4_URL" "$CI_PROJECT_ID" "$PACKAGE" "$1" "$FILE"
}

# The shared libraries the binary loads, but those of glibc, which every Debian 12 image has
# and which must match the loader.
libraries() {
  ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// {print $3}' |
    grep -Ev '/(ld-linux[^/]*|libc|libm|libpthread|libdl|librt|libresolv|libutil)\.so' || true
}

pack() {
  local binary="${NASTAVNIK_BINARY:-$root/build/nastavnik}"
  [ -x "$binary" ] || { say "nastavnik-bundle: нет программы $binary — сначала соберите её"; exit 1; }
  rm -rf "$DIST"
  mkdir -p "$DIST/bin" "$DIST/lib"
  cp "$binary" "$DIST/bin/nastavnik"
  local lib vips libdir moddir module
  for lib in $(libraries "$binary"); do
    cp -L "$lib" "$DIST/lib/"
  done
  # What a library loads at run time (dlopen), which ldd does not show: libvips's loader
  # modules (HEIF among them) in <libdir>/vips-modules-X.Y, with their own libraries. They go
  # where libvips looks when VIPSHOME is the bundle: Debian's libvips searches
  # $VIPSHOME/<multiarch>/vips-modules-X.Y.
  vips=$(libraries "$binary" | grep '/libvips\.so' | head -1 || true)
  if [ -n "$vips" ]; then
    libdir=$(dirname "$vips")
    for moddir in "$libdir"/vips-modules-*; do
      [ -d "$moddir" ] || continue
      mkdir -p "$DIST/$(basename "$libdir")"
      cp -rL "$moddir" "$DIST/$(basename "$libdir")/"
      for module in "$moddir"/*.so; do
        for lib in $(libraries "$module"); do
          [ -e "$DIST/lib/$(basename "$lib")" ] || cp -L "$lib" "$DIST/lib/"
        done
      done
    done
  fi
  # The GOST engine (libengine-gost-openssl), which OpenSSL loads at run time to check GOST
  # signatures of documents (document/gost.h): the wrapper points OPENSSL_ENGINES at it.
  local engines
  engines=$(openssl version -e 2>/dev/null | sed -n 's/^ENGINESDIR: "\(.*\)"$/\1/p')
  if [ -n "$engines" ] && [ -f "$engines/gost.so" ]; then
    mkdir -p "$DIST/engines-3"
    cp -L "$engines/gost.so" "$DIST/engines-3/"
    for lib in $(libraries "$engines/gost.so"); do
      [ -e "$DIST/lib/$(basename "$lib")" ] || cp -L "$lib" "$DIST/lib/"
    done
  else
    say "nastavnik-bundle: нет движка GOST для OpenSSL (пакет libengine-gost-openssl): подписи ГОСТ не будут проверяться"
  fi
  # Decap CMS's files (scripts/setup.sh installs them): the editor pages of every build that
  # runs this bundle load them (nastavnik build --editor-assets, here through the environment).
  # The same layout as node_modules: editor/decap-cms/dist/, editor/js-yaml/dist/browser/.
  local cms="$root/node_modules/decap-cms/dist" yaml="$root/node_modules/js-yaml/dist/browser/js-yaml.umd.min.js"
  if [ -f "$cms/decap-cms.js" ] && [ -f "$yaml" ]; then
    mkdir -p "$DIST/editor/decap-cms/dist" "$DIST/editor/js-yaml/dist/browser"
    cp "$cms"/decap-cms.js "$cms"/*.decap-cms.js "$DIST/editor/decap-cms/dist/"
    cp "$cms"/*.wasm "$DIST/editor/decap-cms/dist/" 2>/dev/null || true
    cp "$yaml" "$DIST/editor/js-yaml/dist/browser/"
  else
    say "nastavnik-bundle: нет $cms или $yaml (scripts/setup.sh ставит их): страницы редактора admin/ будут без редактора"
  fi
  # The search page's stemmer (snowball-stemmer.jsx; scripts/setup.sh installs it): every
  # build that runs this bundle writes the search index (nastavnik build --search-index,
  # here through the environment) and publishes it.
  local stemmer="$root/node_modules/snowball-stemmer.jsx/dest/russian-stemmer.global.min.js"
  if [ -f "$stemmer" ]; then
    mkdir -p "$DIST/search"
    cp "$stemmer" "$DIST/search/"
  else
    say "nastavnik-bundle: нет $stemmer (scripts/setup.sh ставит его): сайт будет без поиска"
  fi
  cat > "$DIST/nastavnik" <<'EOF'
#!/bin/sh
# nastavnik with the shared libraries it was built with (lib/ beside this file),
# libvips's modules (VIPSHOME: the folder of this file), OpenSSL's GOST engine (engines-3/),
# the browser editor's files (editor/) and the search page's stemmer, with which the
# build writes the search index (search/).
here=$(dirname "$(readlink -f "$0")")
if [ -z "${OPENSSL_ENGINES:-}" ] && [ -f "$here/engines-3/gost.so" ]; then
  OPENSSL_ENGINES="$here/engines-3"; export OPENSSL_ENGINES
fi
if [ -z "${NASTAVNIK_EDITOR_ASSETS:-}" ] && [ -f "$here/editor/decap-cms/dist/decap-cms.js" ]; then
  NASTAVNIK_EDITOR_ASSETS="$here/editor"; export NASTAVNIK_EDITOR_ASSETS
fi
if [ -z "${NASTAVNIK_SEARCH_INDEX:-}" ] && [ -f "$here/search/russian-stemmer.global.min.js" ]; then
  NASTAVNIK_SEARCH_INDEX="$here/search/russian-stemmer.global.min.js"; export NASTAVNIK_SEARCH_INDEX
fi
VIPSHOME="$here" LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$here/bin/nastavnik" "$@"
EOF
  chmod 755 "$DIST/nastavnik"
  key > "$DIST/KEY"
  works || { say "nastavnik-bundle: собранная программа не запускается из $DIST"; exit 1; }
  say "Программа упакована в $DIST ($(du -sh "$DIST" | cut -f1), ключ исходников $(cat "$DIST/KEY"))."
}

works() { [ -x "$DIST/nastavnik" ] && "$DIST/nastavnik" --version >/dev/null 2>&1; }

# The HTTP status of a request; the body goes to $1 (or nowhere).
http() {
  local out="$1"; shift
  curl --silent --show-error --location --retry 2 --connect-timeout 10 --output "$out" --write-out '%{http_code}' \
       --header "JOB-TOKEN: ${CI_JOB_TOKEN:-}" "$@" || echo 000
}

upload() {
  local k tarball status
  k=$(cat "$DIST/KEY")
  status=$(http /dev/null --head "$(url "$k")")
  if [ "$status" = 200 ]; then
    say "Сборка программы для этих исходников уже есть в реестре пакетов ($PACKAGE/$k)."
    return 0
  fi
  tarball=$(mktemp --suffix=.tar.gz)
  tar -C "$DIST" -czf "$tarball" .
  status=$(http /dev/null --upload-file "$tarball" "$(url "$k")")
  rm -f "$tarball"
  case "$status" in
    200|201) say "Сборка программы выложена в реестр пакетов проекта: $PACKAGE/$k. Конвейеры с правками материалов возьмут её оттуда." ;;
    *) say "ВНИМАНИЕ: не удалось выложить сборку программы в реестр пакетов (HTTP $status)."
       say "Конвейеры с правками материалов будут собирать программу сами (несколько минут), пока её там нет."
       say "Проверьте, что в проекте включён реестр пакетов: «Настройки → Основные → Видимость» → «Пакеты»." ;;
  esac
}

fetch() {
  local k tarball status started=$SECONDS
  k=$(key)
  tarball=$(mktemp --suffix=.tar.gz)
  status=$(http "$tarball" "$(url "$k")")
  if [ "$status" != 200 ]; then
    rm -f "$tarball"
    if [ "$status" = 404 ]; then
      say "В реестре пакетов нет сборки программы для этих исходников ($PACKAGE/$k)."
    else
      say "Не удалось получить сборку программы из реестра пакетов ($PACKAGE/$k, HTTP $status)."
    fi
    return 3
  fi
  # Unpacked beside $DIST, then put in its place: a half-unpacked bundle is never run.
  local unpacked
  mkdir -p "$(dirname "$DIST")"
  unpacked=$(mktemp -d "$DIST.unpack-XXXXXX")
  tar -C "$unpacked" -xzf "$tarball"
  rm -f "$tarball"
  if ! DIST="$unpacked" works || [ "$(cat "$unpacked/KEY" 2>/dev/null)" != "$k" ]; then
    say "Сборка программы из реестра пакетов ($PACKAGE/$k) не запускается здесь."
    rm -rf "$unpacked"
    return 3
  fi
  rm -rf "$DIST"
  mv "$unpacked" "$DIST"
  say "Программа nastavnik скачана из реестра пакетов проекта ($PACKAGE/$k) за $((SECONDS - started)) с; компилятор не нужен."
}

ensure() {
  local k
  k=$(key)
  if works && [ "$(cat "$DIST/KEY" 2>/dev/null)" = "$k" ]; then
    say "Программа nastavnik взята из задания build этого конвейера (ключ исходников $k)."
    return 0
  fi
  fetch && return 0
  say "Собираю программу здесь: это займёт несколько минут. Следующие конвейеры возьмут готовую сборку из реестра пакетов."
  "$root/scripts/setup.sh"
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
  cmake --build "$root/build" --target nastavnik
  NASTAVNIK_BINARY="$root/build/nastavnik" pack
  upload
}

case "${1:-}" in
  key) key ;;
  pack) pack ;;
  upload) upload ;;
  fetch) fetch ;;
  ensure) ensure ;;
  *) say "usage: $0 key|pack|upload|fetch|ensure"; exit 2 ;;
esac
