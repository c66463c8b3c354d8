#!/usr/bin/env bash
# Times the jobs of a content-only pipeline (.gitlab-ci.yml: check, preview, pages) as a
# GitLab runner runs them, and writes bench/ci_content_pipeline.md, whose figures the README
# quotes (tests/ci/test_ci_pipeline.py compares them).
#
# Each job runs in a fresh root, as a runner starts a fresh container:
#   container  the image unpacked into an empty folder: buildpack-deps:bookworm-curl, made
#              here once with debootstrap (Debian 12 minbase + ca-certificates curl wget
#              gnupg netbase, the packages of that image) and kept as a tarball;
#   clone      the working tree (a snapshot of it, committed in a scratch repository) cloned
#              into the root at depth 1, as the runner's helper does;
#   cache      nothing restored: the only cache of the content jobs, the photos already
#              encoded (.nastavnik-cache), is left cold, the worst case (a project's first
#              pipeline, or a pipeline whose every photo is new): every photo is encoded;
#   script     the job's before_script and script from .gitlab-ci.yml, run in the root
#              (chroot) by bash -eo pipefail with GitLab's variables, one "$ command" at a
#              time as the runner prints them;
#   artifacts  the job's artifacts:paths zipped, as the runner does before uploading.
# The generator bundle is downloaded from bench/package_registry_stub.py on 127.0.0.1, a
# stand-in for GitLab's generic package registry (GitLab is not reachable from here); the
# bundle uploaded there is build/nastavnik packed by scripts/ci/nastavnik-bundle.sh, as the
# build job of an earlier pipeline would have uploaded it. Not timed: pulling the image and
# waiting for a runner, which GitLab does before a job starts (and bills only in part).
#
#   bench/ci_content_pipeline.sh [--fallback] [--apt] [--out FILE]
#     --fallback  also time a check job whose generator is not in the registry (it installs
#                 the build packages and compiles the generator; minutes)
#     --apt       also time the road not taken: apt-get install of the runtime libraries
#                 instead of the bundle, with and without the apt archives cached
# Environment: CI_BENCH_DIR (work folder, default /tmp/ci-bench; its root/ is where the jobs
# run), NASTAVNIK (the binary to bundle, default build/nastavnik). Needs root (chroot, mount)
# and debootstrap, or a base root tarball from ../shared/tools/fresh-debian.sh
# (/tmp/fresh-debian-base.tgz), which is copied, never written.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${CI_BENCH_DIR:-/tmp/ci-bench}"
binary="$(readlink -f "${NASTAVNIK:-$repo/build/nastavnik}")"
out="$repo/bench/ci_content_pipeline.md"
fallback=0 apt=0
while [ $# -gt 0 ]; do
  case "$1" in
    --fallback) fallback=1 ;;
    --apt) apt=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--fallback] [--apt] [--out FILE]" >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "ci_content_pipeline.sh: run as root (chroot, mount)" >&2; exit 2; }
[ -x "$binary" ] || { echo "ci_content_pipeline.sh: no $binary; build it first" >&2; exit 2; }
python=/usr/bin/python3
image="$work/image-bookworm-curl.tgz"
root="$work/root"
project_dir=/builds/school/site
mkdir -p "$work/logs"

now() { echo "$EPOCHREALTIME"; }
elapsed() { $python -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

mounted=()
unmount_all() {
  local m
  for m in "${mounted[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  mounted=()
}
registry_pid=""
cleanup() {
  unmount_all
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

mount_root() {
  mount -t proc proc "$1/proc" && mounted+=("$1/proc")
  mount --bind /dev "$1/dev" && mounted+=("$1/dev")
}

# --- the image: Debian 12 minbase with the packages of buildpack-deps:bookworm-curl ---------
make_image() {
  local build="$work/image-root" mirror
  rm -rf "$build" && mkdir -p "$build"
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  if [ -s /tmp/fresh-debian-base.tgz ]; then
    echo "image: from a copy of /tmp/fresh-debian-base.tgz (debootstrap minbase, git, ca-certificates)" >&2
    cp /tmp/fresh-debian-base.tgz "$work/base.tgz"
    tar -C "$build" -xzf "$work/base.tgz"
    rm -f "$work/base.tgz"
  else
    command -v debootstrap >/dev/null || { echo "apt-get install debootstrap first" >&2; exit 2; }
    echo "image: debootstrap --variant=minbase bookworm from $mirror" >&2
    debootstrap --variant=minbase --include=ca-certificates bookworm "$build" "$mirror" > "$work/logs/debootstrap.log" 2>&1
  fi
  cp /etc/resolv.conf "$build/etc/resolv.conf" 2>/dev/null || true
  cp /usr/local/share/ca-certificates/*.crt "$build/usr/local/share/ca-certificates/" 2>/dev/null || true
  mount_root "$build"
  chroot "$build" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive bash -c '
    set -e
    update-ca-certificates >/dev/null 2>&1 || true
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends ca-certificates curl wget gnupg netbase >/dev/null
    apt-get clean
    rm -rf /var/lib/apt/lists/*' > "$work/logs/image.log" 2>&1
  unmount_all
  mkdir -p "$build/builds"
  tar -C "$build" -czf "$image.part" . && mv "$image.part" "$image"
  rm -rf "$build"
}
[ -s "$image" ] || make_image
image_mib=$(( $(stat -c %s "$image") / 1048576 ))

# --- the repository: a snapshot of the working tree, committed ------------------------------
snapshot="$work/snapshot"
rm -rf "$snapshot" && mkdir -p "$snapshot"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$repo" && $python -c '
import os, shutil, sys
dst = sys.argv[1]
for rel in sorted(set(filter(None, sys.stdin.buffer.read().decode().split("\0")))):
    if not os.path.lexists(rel) or (os.path.isdir(rel) and not os.path.islink(rel)):
        continue
    target = os.path.join(dst, rel)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.islink(rel):
        os.symlink(os.readlink(rel), target)
    else:
        shutil.copy2(rel, target)' "$snapshot")
git -C "$snapshot" init -q -b main
git -C "$snapshot" -c user.name=bench -c user.email=bench@example.invalid -c commit.gpgsign=false add -A
git -C "$snapshot" -c user.name=bench -c user.email=bench@example.invalid -c commit.gpgsign=false commit -q -m snapshot
repo_mib=$(du -sm --exclude=.git "$snapshot" | cut -f1)

# --- the package registry, with the bundle of the generator ---------------------------------
rm -f "$work/registry.port"
$python "$repo/bench/package_registry_stub.py" --dir "$work/registry" --clear --token bench-job-token \
  --port-file "$work/registry.port" > "$work/logs/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do [ -s "$work/registry.port" ] && break; sleep 0.1; done
port=$(cat "$work/registry.port")
export CI_API_V4_URL="http://127.0.0.1:$port/api/v4" CI_PROJECT_ID=1 CI_JOB_TOKEN=bench-job-token
# The build job packs with the npm packages setup.sh installed (Decap CMS, the search page's stemmer): the
# snapshot borrows the working tree's for the packing only (they are not in its commit).
ln -s "$repo/node_modules" "$snapshot/node_modules"
DIST="$work/dist" NASTAVNIK_BINARY="$binary" "$snapshot/scripts/ci/nastavnik-bundle.sh" pack 2> "$work/logs/pack.log"
rm "$snapshot/node_modules"
DIST="$work/dist" "$snapshot/scripts/ci/nastavnik-bundle.sh" upload 2>> "$work/logs/pack.log"
bundle_file=$(find "$work/registry" -name '*.tar.gz' | head -1)
bundle_mib=$($python -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1048576:.1f}')" "$bundle_file")
bundle_libs=$(find "$work/dist/lib" -name '*.so*' | wc -l)
binary_name=${binary#"$repo/"}

# --- one job in a fresh root -----------------------------------------------------------------
# run_job LABEL JOB PIPELINE-VARIABLES… ; sets t_container t_clone t_script t_artifacts t_total compiled
job_id=1000
run_job() {
  local label="$1" name="$2"; shift 2
  local log="$work/logs/$label.log" script="$work/job.sh" t0 t1 t2 t3 t4 paths
  job_id=$((job_id + 1))
  unmount_all
  rm -rf "$root"
  t0=$(now)
  mkdir -p "$root" && tar -C "$root" -xzf "$image"
  t1=$(now)
  git clone -q --depth 1 "file://$snapshot" "$root$project_dir"
  t2=$(now)
  # The job's commands and variables, as GitLab hands them to the runner.
  NAME="$name" $python - "$repo" "$@" > "$script" <<'PY'
import os, shlex, sys
sys.path.insert(0, os.path.join(sys.argv[1], "tests", "ci"))
import gitlab_rules as g
ci = g.load(os.path.join(sys.argv[1], ".gitlab-ci.yml"))
job = g.jobs_of(ci)[os.environ["NAME"]]
env = {k: str(v) for k, v in (ci.get("variables") or {}).items()}
env.update({k: str(v) for k, v in (job.get("variables") or {}).items()})
env.update(dict(a.split("=", 1) for a in sys.argv[2:]))
print("set -eo pipefail")
for k, v in sorted(env.items()):
    print(f"export {k}={shlex.quote(v)}")
print('cd "$CI_PROJECT_DIR"')
for line in g.commands(job):
    print(f"echo {shlex.quote('$ ' + line)}")
    print(line)
print("echo; echo " + shlex.quote("ARTIFACTS " + " ".join((job.get("artifacts") or {}).get("paths") or [])))
PY
  cp "$script" "$root/tmp/job.sh"
  mount_root "$root"
  if ! chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
      CI=true GITLAB_CI=true CI_PROJECT_DIR="$project_dir" CI_PROJECT_URL=https://gitlab.example.invalid/school/site \
      CI_API_V4_URL="$CI_API_V4_URL" CI_PROJECT_ID="$CI_PROJECT_ID" CI_JOB_TOKEN="$CI_JOB_TOKEN" CI_JOB_ID="$job_id" \
      CI_JOB_NAME="$name" CI_DEFAULT_BRANCH=main \
      bash /tmp/job.sh > "$log" 2>&1; then
    echo "ci_content_pipeline.sh: job $label failed; its log ($log):" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  t3=$(now)
  paths=$(sed -n 's/^ARTIFACTS //p' "$log")
  rm -f "$work/artifacts-$label.zip"
  if [ -n "$paths" ]; then
    (cd "$root$project_dir" && zip -qr "$work/artifacts-$label.zip" $paths)
  fi
  t4=$(now)
  unmount_all
  # No compiler was installed, nothing was compiled, unless the generator was missing.
  compiled=no
  if [ -e "$root/usr/bin/g++" ] || [ -e "$root/usr/bin/cc" ] || [ -d "$root$project_dir/build" ]; then compiled=yes; fi
  t_container=$(elapsed "$t0" "$t1"); t_clone=$(elapsed "$t1" "$t2"); t_script=$(elapsed "$t2" "$t3")
  t_artifacts=$(elapsed "$t3" "$t4"); t_total=$(elapsed "$t0" "$t4")
  echo "$label: container $t_container s, clone $t_clone s, script $t_script s, artifacts $t_artifacts s, total $t_total s (compiled: $compiled)" >&2
}

declare -A total
rows=""
measure() {
  local name="$1"; shift
  run_job "$name" "$name" "$@"
  [ "$compiled" = no ] || { echo "ci_content_pipeline.sh: $name compiled the generator" >&2; exit 1; }
  grep -q "скачана из реестра пакетов" "$work/logs/$name.log" || { echo "ci_content_pipeline.sh: $name did not download the generator" >&2; exit 1; }
  total[$name]=$t_total
  rows+="| \`$name\` | $t_container | $t_clone | 0 | $t_script | $t_artifacts | $t_total |"$'\n'
}

MR=(CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=7 CI_COMMIT_REF_NAME=novost CI_COMMIT_REF_SLUG=novost)
MAIN=(CI_PIPELINE_SOURCE=push CI_COMMIT_BRANCH=main CI_COMMIT_REF_NAME=main CI_COMMIT_REF_SLUG=main)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
measure check "${MR[@]}"
measure preview "${MR[@]}"
measure pages "${MAIN[@]}"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
sum() { $python -c "import sys; print(f'{sum(map(float, sys.argv[1:])):.1f}')" "$@"; }
mr_total=$(sum "${total[check]}" "${total[preview]}")
main_total=$(sum "${total[pages]}")
all_total=$(sum "${total[check]}" "${total[preview]}" "${total[pages]}")

fallback_text=""
if [ "$fallback" = 1 ]; then
  # A package name nothing was uploaded under: the job finds no generator and builds it.
  fallback_load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  run_job check-fallback check "${MR[@]}" NASTAVNIK_PACKAGE=bench-absent
  fallback_load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  grep -q "Собираю программу здесь" "$work/logs/check-fallback.log" ||
    { echo "ci_content_pipeline.sh: the fallback did not build" >&2; exit 1; }
  fallback_text="- without the generator in the registry (its package deleted, or a generator pipeline cancelled before \`build\` uploaded it), \`check\` builds it: $t_total s in all (script $t_script s: scripts/setup.sh installs the compiler and libraries from Debian and the npm packages, then the nastavnik target compiles on $(nproc) cores; load average $fallback_load_before at the start, $fallback_load_after at the end), and uploads it for the next pipelines; \`preview\` or \`pages\` of the same pipeline do the same in parallel."$'\n'
fi

apt_text=""
if [ "$apt" = 1 ]; then
  # The Debian packages of the libraries the binary loads (as this machine has them).
  libs=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | while read -r lib; do
           dpkg -S "$lib" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || true
         done | cut -d: -f1 | grep -Ev '^(libc6|libgcc-s1|libstdc\+\+6)$' | sort -u | tr '\n' ' ')
  libs=${libs% }
  apt_job() {
    unmount_all; rm -rf "$root"; mkdir -p "$root"; tar -C "$root" -xzf "$image"
    mkdir -p "$work/apt-archives" "$root/var/cache/apt/archives"
    if [ "$1" = cached ]; then cp "$work/apt-archives/"*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true; fi
    mount_root "$root"
    local t0 t1
    t0=$(now)
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
      bash -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $libs" > "$work/logs/apt-$1.log" 2>&1
    t1=$(now)
    cp "$root/var/cache/apt/archives/"*.deb "$work/apt-archives/" 2>/dev/null || true
    unmount_all
    elapsed "$t0" "$t1"
  }
  t_apt=$(apt_job download)
  t_apt_cached=$(apt_job cached)
    echo "apt packages: $libs" > "$work/logs/apt-packages.txt"
  apt_text="- the alternative to the bundle, apt-get update and install of the Debian packages of the libraries it loads ($(wc -w <<< "$libs") packages, $(tr ' ' '\n' <<< "$libs" | grep -E '^(libicu|libvips|libyaml|libmd4c0)' | tr '\n' ' ' | sed 's/ $//; s/ /, /g') among them, with what they depend on) in the same image: $t_apt s downloading them, $t_apt_cached s with their apt archives restored from a cache (apt-get update still reads the package lists); the bundle's download and unpacking is part of the script times above."$'\n'
fi

cat > "$out" <<EOF
### Measured by bench/ci_content_pipeline.sh: the jobs of a content-only pipeline

- date: $started
- machine: $(nproc) CPU cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, load average $load_before at the start, $load_after at the end
- image: buildpack-deps:bookworm-curl as made here (Debian 12 minbase + ca-certificates curl wget gnupg netbase), $image_mib MiB compressed
- repository: the working tree, $repo_mib MiB checked out (cloned at depth 1)
- generator: bundle of $binary_name ($("$binary" --version 2>/dev/null)) with $bundle_libs shared libraries, $bundle_mib MiB compressed, from a local stand-in of the package registry (bench/package_registry_stub.py)

Seconds per job, each in a fresh root: the image unpacked (container), the repository cloned
(clone), nothing restored (cache: the photo cache left cold, so the script encodes every photo), the job's before_script and script (script: fetching
the generator, checking, building), the artifacts zipped (artifacts).

| job | container | clone | cache | script | artifacts | total |
|---|---:|---:|---:|---:|---:|---:|
${rows}
- merge request with a content change (\`check\` + \`preview\`): **$mr_total s** in all
- push to the default branch with a content change, or the daily rebuild (\`pages\`): **$main_total s**
- all three jobs: $all_total s
${fallback_text}${apt_text}
EOF
echo "wrote $out" >&2
cat "$out"
