#!/usr/bin/env bash
# Uploads one organisation's section (the folder written by
# `nastavnik build --org ORG --base-url URL --out DIR`) to the school's own hosting over SFTP
# or FTPS with lftp's `mirror -R`, step by step in Russian in docs/hosting.md.
#
#   scripts/upload-section.sh DIR
#
# Settings come from the environment (masked GitLab CI/CD variables):
#   NASTAVNIK_UPLOAD_URL        sftp://host[:port]/abs/path, sftp://host/~/path-from-login-folder,
#                               ftps://host[:port]/path (explicit TLS, AUTH TLS; port 990: implicit TLS)
#   NASTAVNIK_UPLOAD_USER       login (or user@ in the URL)
#   NASTAVNIK_UPLOAD_PASSWORD   password; for SFTP, or instead:
#   NASTAVNIK_UPLOAD_SSH_KEY    private key without passphrase: its text, its text in base64
#                               (maskable), or the path of a file (a GitLab "File" variable)
#   NASTAVNIK_UPLOAD_HOST_KEY   SFTP, required: the server's key fingerprint(s) (SHA256:…, MD5:…)
#                               or its public key / known_hosts line(s), text or file path
#   NASTAVNIK_UPLOAD_TLS_CA     FTPS, optional: CA certificate (PEM text or file path) for a
#                               self-signed certificate; verification is never turned off
#   NASTAVNIK_UPLOAD_RATE_LIMIT optional, bytes per second
#   NASTAVNIK_UPLOAD_PARALLEL   optional, files sent at once (default 2)
#   NASTAVNIK_UPLOAD_RETRIES    optional, tries of an operation when the connection drops
#                               during the upload (default 3, 3 s apart)
#   NASTAVNIK_UPLOAD_REPLACE_EXISTING=да  take over a non-empty folder not made by this
#                               script (its files are deleted); once
#
# Safety:
# - Only the target folder is written: mirror works inside it, the path must name a folder
#   below the root, and a folder that is not empty and has no `.nastavnik-section` file
#   (written here on the first upload) is refused, so a URL pointing at the site's root
#   never wipes the school's site. An empty local folder, or one without index.html, is
#   refused too (it would delete the whole section).
# - Files go to temporary names (.in.RUN.NAME) and are renamed when complete, so a half-written
#   file is never served; leftovers of an interrupted run are deleted by the next one.
# - The password reaches lftp only through LFTP_PASSWORD (never argv, never a file); xtrace is
#   switched off and lftp's debug output is never enabled; every output line is scrubbed.
# - SFTP host keys are always verified (StrictHostKeyChecking=yes against the pinned key).
#
# Only changed files are sent. A fresh build gives every file a new mtime, so comparing
# mtimes alone would resend the whole section on every run, and comparing sizes alone would
# miss a same-length edit. So `.nastavnik-section` also keeps "mtime sha256 path" of every
# file uploaded: before mirroring, a local file whose hash matches gets back the recorded
# mtime (which lftp set on the server), any other file gets a time newer than every recorded
# one, and mirror compares size and mtime. The new manifest is written before the mirror
# (see step 3). This script therefore changes the mtimes of the files in DIR.
#
# Exit codes: 0 uploaded; 1 upload failed or interrupted (the next run completes it);
# 2 settings or prerequisites missing.
{ set +x; } 2>/dev/null  # never trace: a traced line could show the password
set -uo pipefail
export LC_ALL=C.UTF-8

MARKER=.nastavnik-section
MANIFEST_HEADER="# nastavnik section manifest v1"
MANIFEST_NOTE="# Раздел «Наставничество», выгруженный scripts/upload-section.sh (nastavnik). Не удаляйте этот файл: по нему выгрузка узнаёт свою папку и не отправляет заново файлы без изменений."

say() { printf '%s\n' "$*"; }
fail_config() { say "ОШИБКА: $*" >&2; exit 2; }

if [ $# -ne 1 ] || [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
  say "Использование: scripts/upload-section.sh ПАПКА" >&2
  say "Выгружает раздел из ПАПКИ на хостинг школы; настройки — в переменных NASTAVNIK_UPLOAD_*, см. docs/hosting.md." >&2
  exit 2
fi
local_dir=$1

# ---------------------------------------------------------------- prerequisites
missing_tools=()
for tool in lftp sha256sum find touch base64 mktemp; do
  command -v "$tool" >/dev/null 2>&1 || missing_tools+=("$tool")
done
url_lower=${NASTAVNIK_UPLOAD_URL:-}
case "${url_lower,,}" in
  sftp://*) for tool in ssh ssh-keyscan ssh-keygen; do
              command -v "$tool" >/dev/null 2>&1 || missing_tools+=("$tool")
            done ;;
esac
if [ ${#missing_tools[@]} -gt 0 ]; then
  say "ОШИБКА: не установлены программы: ${missing_tools[*]}." >&2
  say "Установите их (Debian): apt-get install lftp openssh-client ca-certificates" >&2
  exit 2
fi

missing_vars=()
report_missing_vars() {
  [ ${#missing_vars[@]} -gt 0 ] || return 0
  say "ОШИБКА: не заданы переменные CI/CD: ${missing_vars[*]}." >&2
  say "Добавьте их в GitLab: Настройки → CI/CD → Переменные (Settings → CI/CD → Variables), см. docs/hosting.md." >&2
  exit 2
}
url=${NASTAVNIK_UPLOAD_URL:-}
if [ -z "$url" ]; then
  missing_vars+=(NASTAVNIK_UPLOAD_URL)
  [ -n "${NASTAVNIK_UPLOAD_USER:-}" ] || missing_vars+=(NASTAVNIK_UPLOAD_USER)
  [ -n "${NASTAVNIK_UPLOAD_PASSWORD:-}${NASTAVNIK_UPLOAD_SSH_KEY:-}" ] ||
    missing_vars+=("NASTAVNIK_UPLOAD_PASSWORD (или NASTAVNIK_UPLOAD_SSH_KEY)")
  report_missing_vars
fi
if ! [[ $url =~ ^([A-Za-z]+)://([^/]*)(/.*)?$ ]]; then
  fail_config "NASTAVNIK_UPLOAD_URL должна выглядеть как sftp://сервер/путь/к/папке или ftps://сервер/путь/к/папке, а сейчас в ней «${url}»."
fi
scheme=${BASH_REMATCH[1],,}
authority=${BASH_REMATCH[2]}
url_path=${BASH_REMATCH[3]:-}

user=${NASTAVNIK_UPLOAD_USER:-}
if [[ $authority == *@* ]]; then
  url_user=${authority%@*}
  authority=${authority##*@}
  [[ $url_user == *:* ]] && fail_config "в NASTAVNIK_UPLOAD_URL не должно быть пароля (часть «имя:пароль@»): пароль задают только в замаскированной переменной NASTAVNIK_UPLOAD_PASSWORD."
  [ -n "$user" ] || user=$url_user
fi
[ -n "$user" ] || missing_vars+=(NASTAVNIK_UPLOAD_USER)

port=
if [[ $authority =~ ^\[([^]]+)\](:([0-9]+))?$ ]]; then      # [IPv6]:port
  host=${BASH_REMATCH[1]}; port=${BASH_REMATCH[3]}
elif [[ $authority =~ ^([^:]+)(:([0-9]+))?$ ]]; then
  host=${BASH_REMATCH[1]}; port=${BASH_REMATCH[3]}
else
  fail_config "не удалось прочитать адрес сервера в NASTAVNIK_UPLOAD_URL: «${authority}»."
fi

password=${NASTAVNIK_UPLOAD_PASSWORD:-}
ssh_key=${NASTAVNIK_UPLOAD_SSH_KEY:-}
case "$scheme" in
  sftp)
    port=${port:-22}
    [ -n "$password" ] || [ -n "$ssh_key" ] || missing_vars+=("NASTAVNIK_UPLOAD_PASSWORD (или NASTAVNIK_UPLOAD_SSH_KEY)")
    ;;
  ftps)
    [ -n "$ssh_key" ] && fail_config "NASTAVNIK_UPLOAD_SSH_KEY подходит только для SFTP (sftp://…); для FTPS задайте пароль в NASTAVNIK_UPLOAD_PASSWORD."
    [ -n "$password" ] || missing_vars+=(NASTAVNIK_UPLOAD_PASSWORD)
    ;;
  ftp)
    fail_config "обычный FTP (ftp://…) передаёт пароль открытым текстом, поэтому не поддерживается. Попросите хостинг включить SFTP или FTPS (FTP через TLS) и укажите sftp://… или ftps://…"
    ;;
  *)
    fail_config "протокол «${scheme}» в NASTAVNIK_UPLOAD_URL не поддерживается: укажите sftp://… или ftps://…"
    ;;
esac
report_missing_vars

for setting in NASTAVNIK_UPLOAD_RATE_LIMIT NASTAVNIK_UPLOAD_PARALLEL NASTAVNIK_UPLOAD_RETRIES; do
  value=${!setting:-}
  [ -z "$value" ] || [[ $value =~ ^[1-9][0-9]*$ ]] || fail_config "${setting} — целое положительное число, а не «${value}»."
done
retries=${NASTAVNIK_UPLOAD_RETRIES:-3}
parallel=${NASTAVNIK_UPLOAD_PARALLEL:-2}

# ---------------------------------------------------------------- the remote folder
# The path after the host: absolute, or "/~/…" from the folder the login lands in. Percent
# escapes are decoded (a Cyrillic path pasted from a browser).
decoded=$(printf '%b' "${url_path//%/\\x}")
relative_to_login=0
if [[ $decoded == /~/* || $decoded == /~ ]]; then
  relative_to_login=1
  decoded=${decoded#/~}
fi
parts=()
IFS=/ read -r -a raw_parts <<<"$decoded"
for part in "${raw_parts[@]}"; do
  [ -z "$part" ] && continue
  if [ "$part" = . ] || [ "$part" = .. ]; then
    fail_config "путь в NASTAVNIK_UPLOAD_URL не должен содержать «.» или «..»: укажите папку раздела прямо, например sftp://${host}/www/school1.example.ru/nastavnichestvo"
  fi
  parts+=("$part")
done
if [ ${#parts[@]} -eq 0 ]; then
  fail_config "в NASTAVNIK_UPLOAD_URL не указана папка раздела (${url}). Выгрузка в корень сервера или в домашнюю папку удалила бы всё остальное; укажите отдельную папку, например sftp://${host}/www/school1.example.ru/nastavnichestvo"
fi
remote_dir=$(IFS=/; printf '%s' "${parts[*]}")
[ "$relative_to_login" = 1 ] || remote_dir="/$remote_dir"
# shellcheck disable=SC2088  # a literal "~/", shown to the reader
remote_shown="$scheme://$host${port:+:$port}/$([ "$relative_to_login" = 1 ] && printf '~/')${remote_dir#/}"

# ---------------------------------------------------------------- the local folder
if [ ! -d "$local_dir" ]; then
  fail_config "папки «${local_dir}» нет: сначала соберите раздел (nastavnik build --org … --base-url … --out ${local_dir})."
fi
local_dir=$(cd "$local_dir" && pwd)
if [ ! -f "$local_dir/index.html" ]; then
  fail_config "в папке «${local_dir}» нет index.html: похоже, раздел не собран. Выгрузка пустой папки удалила бы раздел на сайте, поэтому она не выполняется."
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/nastavnik-upload.XXXXXX") || fail_config "не удалось создать временную папку."
chmod 700 "$work"
run_id="$(date +%s).$$"  # names this run's temporary files on the server: two runs in one second differ
lftp_pid=
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# Quotes a word for an lftp command line.
lq() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# ---------------------------------------------------------------- host key / TLS
# Reads a variable that may hold a value or the path of a file with it (GitLab "File" type).
value_or_file() {
  if [ -n "$1" ] && [ "${1:0:1}" = / ] && [ -f "$1" ]; then cat -- "$1"; else printf '%s\n' "$1"; fi
}

known_host_name=$host
[ "$port" = 22 ] || known_host_name="[$host]:$port"
connect_program=
lftp_site=
if [ "$scheme" = sftp ]; then
  pin=$(value_or_file "${NASTAVNIK_UPLOAD_HOST_KEY:-}")
  pin=${pin//$'\r'/}
  : >"$work/known_hosts"
  fingerprints=()
  while IFS= read -r line; do
    line=$(printf '%s' "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
    [ -z "$line" ] && continue
    [[ $line == \#* ]] && continue
    if [[ $line =~ ^(SHA256|MD5|sha256|md5): ]]; then
      fingerprints+=("$line")
      continue
    fi
    if [[ $line =~ ^[A-Za-z0-9+/]{43}=?$ ]]; then          # SHA256 without its prefix
      fingerprints+=("SHA256:$line")
      continue
    fi
    if [[ $line =~ ^([0-9A-Fa-f]{2}:){15}[0-9A-Fa-f]{2}$ ]]; then  # MD5 without its prefix
      fingerprints+=("MD5:$line")
      continue
    fi
    # A public key or a known_hosts line: keep "type base64", put our own host name in front.
    read -r -a fields <<<"$line"
    key_entry=
    for ((i = 0; i + 1 < ${#fields[@]}; i++)); do
      if [[ ${fields[i]} =~ ^(ssh-|ecdsa-|sk-) ]] && [[ ${fields[i + 1]} =~ ^AAAA[A-Za-z0-9+/=]+$ ]]; then
        key_entry="${fields[i]} ${fields[i + 1]}"
        break
      fi
    done
    [ -n "$key_entry" ] || fail_config "NASTAVNIK_UPLOAD_HOST_KEY: не понимаю строку «${line}». Нужен отпечаток ключа сервера вида SHA256:… или открытый ключ вида «ssh-ed25519 AAAA…»."
    printf '%s %s\n' "$known_host_name" "$key_entry" >>"$work/known_hosts"
  done <<<"$pin"

  if [ ${#fingerprints[@]} -gt 0 ] || [ ! -s "$work/known_hosts" ]; then
    # Ask the server for its keys; trust only those matching a pinned fingerprint.
    ssh-keyscan -T 15 -p "$port" "$host" >"$work/scanned" 2>/dev/null
    offered=()
    matched=0
    while IFS= read -r line; do
      [ -z "$line" ] || [[ $line == \#* ]] && continue
      printf '%s\n' "$line" >"$work/one_key"
      sha=$(ssh-keygen -l -E sha256 -f "$work/one_key" 2>/dev/null | awk '{print $2 " " $NF}')
      md5=$(ssh-keygen -l -E md5 -f "$work/one_key" 2>/dev/null | awk '{print $2}')
      [ -n "$sha" ] || continue
      offered+=("$sha")
      for f in "${fingerprints[@]}"; do
        f_norm=$f
        [[ $f_norm =~ ^[Ss][Hh][Aa]256: ]] && f_norm="SHA256:${f_norm#*:}"
        [[ $f_norm =~ ^[Mm][Dd]5: ]] && f_norm="MD5:${f_norm#*:}"
        f_norm=${f_norm%%=}  # OpenSSH prints SHA256 without padding
        if [ "$f_norm" = "${sha%% *}" ] || [ "${f_norm,,}" = "${md5,,}" ]; then
          printf '%s\n' "$line" >>"$work/known_hosts"
          matched=1
        fi
      done
    done <"$work/scanned"
    if [ ${#offered[@]} -eq 0 ]; then
      say "ОШИБКА: не удалось связаться с сервером ${host}, порт ${port}: он не отвечает по SSH (не получен его ключ)." >&2
      say "Проверьте адрес и порт в NASTAVNIK_UPLOAD_URL и что на хостинге включён SFTP (доступ по SSH)." >&2
      say "Раздел на сайте не изменён. Следующий запуск задания выгрузит его, когда причина будет устранена." >&2
      exit 1
    fi
    if [ ${#fingerprints[@]} -eq 0 ]; then
      say "ОШИБКА: не закреплён ключ сервера: задайте переменную NASTAVNIK_UPLOAD_HOST_KEY." >&2
      say "Сервер ${host}, порт ${port} сейчас предъявляет ключи с такими отпечатками:" >&2
      for o in "${offered[@]}"; do say "  $o" >&2; done
      say "Сверьте отпечаток с тем, что сообщает хостинг (в панели управления или в поддержке), и только тогда" >&2
      say "впишите его (например, SHA256:…) в переменную NASTAVNIK_UPLOAD_HOST_KEY — см. docs/hosting.md." >&2
      say "Без этой проверки пароль можно отдать подменённому серверу, поэтому выгрузка не выполнялась." >&2
      exit 2
    fi
    if [ "$matched" = 0 ]; then
      say "ОШИБКА: ключ сервера ${host}, порт ${port} не совпадает с закреплённым в NASTAVNIK_UPLOAD_HOST_KEY." >&2
      say "Закреплено: ${fingerprints[*]}" >&2
      say "Сервер предъявляет:" >&2
      for o in "${offered[@]}"; do say "  $o" >&2; done
      say "Либо хостинг сменил ключ (спросите в поддержке и обновите переменную), либо соединение подменено." >&2
      say "Пароль не отправлялся, раздел на сайте не изменён." >&2
      exit 1
    fi
  fi

  ssh_opts=(-a -x -F /dev/null -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$work/known_hosts"
            -o GlobalKnownHostsFile=/dev/null -o IdentityAgent=none -o IdentitiesOnly=yes
            -o ConnectTimeout=20 -o ServerAliveInterval=15 -o ServerAliveCountMax=4 -o LogLevel=ERROR)
  if [ -n "$ssh_key" ]; then
    if [ "${ssh_key:0:1}" = / ] && [ -f "$ssh_key" ]; then
      cat -- "$ssh_key" >"$work/id"
    elif [[ $ssh_key == *"PRIVATE KEY"* ]]; then
      printf '%s\n' "$ssh_key" >"$work/id"
    else
      printf '%s' "$ssh_key" | tr -d ' \r\n\t' | base64 -d >"$work/id" 2>/dev/null
    fi
    sed -i 's/\r$//' "$work/id"
    chmod 600 "$work/id"
    if ! grep -q "PRIVATE KEY" "$work/id" || ! ssh-keygen -y -P '' -f "$work/id" >/dev/null 2>&1; then
      fail_config "NASTAVNIK_UPLOAD_SSH_KEY не похожа на закрытый ключ SSH без пароля (ожидается текст ключа, он же в base64, или путь к файлу с ним)."
    fi
    ssh_opts+=(-i "$work/id" -o BatchMode=yes -o PreferredAuthentications=publickey)
  else
    # shellcheck disable=SC2054  # the comma belongs to ssh's option value
    ssh_opts+=(-o PubkeyAuthentication=no -o PreferredAuthentications=password,keyboard-interactive
               -o NumberOfPasswordPrompts=1)
  fi
  # lftp runs it through sh -c: each word quoted for the shell.
  connect_program="ssh$(printf ' %q' "${ssh_opts[@]}")"
  lftp_site="sftp://$host:$port"
  [[ $host == *:* ]] && lftp_site="sftp://[$host]:$port"
else
  ca=$(value_or_file "${NASTAVNIK_UPLOAD_TLS_CA:-}")
  if [ -n "${ca//[[:space:]]/}" ]; then
    printf '%s\n' "$ca" >"$work/ca.pem"
  fi
  if [ "${port:-21}" = 990 ]; then
    lftp_site="ftps://$host:990"
  else
    lftp_site="ftp://$host:${port:-21}"
  fi
  [[ $host == *:* ]] && lftp_site="${lftp_site%%://*}://[$host]:${port:-21}"
fi

# ---------------------------------------------------------------- lftp
settings() {  # $1: tries of an operation (net:max-retries; 1 = no retry)
  say "set cmd:fail-exit yes"
  say "set cmd:interactive no"
  say "set cmd:verbose no"
  say "set xfer:log no"
  say "set net:max-retries $1"
  say "set net:persist-retries 0"
  say "set net:reconnect-interval-base 3"
  say "set net:reconnect-interval-multiplier 1"
  say "set net:timeout 30"
  say "set dns:max-retries 3"
  say "set dns:fatal-timeout 30"
  say "set xfer:use-temp-file yes"
  # A temporary name of this run's own: the leftovers of an interrupted run are then plain
  # extra files that --delete removes (with one shared name, mirror would both reuse a
  # leftover as its temporary file and then fail to delete it).
  say "set xfer:temp-file-name $(lq ".in.$run_id.*")"
  # The default also hides ".in.*" files from mirror, so those leftovers would stay
  # forever; only NFS's own files are left alone.
  say "set mirror:exclude-regex $(lq '(^|/)\.nfs')"
  say "set mirror:set-permissions no"
  [ -z "${NASTAVNIK_UPLOAD_RATE_LIMIT:-}" ] || say "set net:limit-rate $NASTAVNIK_UPLOAD_RATE_LIMIT"
  if [ "$scheme" = sftp ]; then
    say "set sftp:auto-confirm no"
    say "set sftp:connect-program $(lq "$connect_program")"
  else
    say "set ftp:ssl-force yes"
    say "set ftp:ssl-protect-data yes"
    say "set ftp:ssl-protect-list yes"
    say "set ftp:passive-mode yes"
    say "set ssl:verify-certificate yes"
    say "set ssl:check-hostname yes"
    [ -f "$work/ca.pem" ] && say "set ssl:ca-file $(lq "$work/ca.pem")"
  fi
  say "open --user $(lq "$user") --env-password $(lq "$lftp_site")"
}

# The lftp output, translated where it is about files and scrubbed of the password.
filter() {
  local line name
  while IFS= read -r line; do
    line=${line//$'\r'/}
    if [ -n "$password" ]; then line=${line//"$password"/***}; fi
    printf '%s\n' "$line" >>"$work/lftp.log"
    case "$line" in
      "Transferring file \`"*) name=${line#*\`}; say "  отправлен файл: ${name%\'}" ;;
      "Removing old file \`"*) name=${line#*\`}; say "  удалён файл: ${name%\'}" ;;
      "Removing old directory \`"*) name=${line#*\`}; say "  удалена папка: ${name%\'}" ;;
      "Making directory \`"*) name=${line#*\`}; say "  создана папка: ${name%\'}" ;;
      "get: Access failed:"*"$MARKER"*) ;;  # no manifest yet: a first upload
      "") ;;
      *) say "  lftp: $line" ;;
    esac
  done
}

interrupted() {
  trap - INT TERM
  [ -n "$lftp_pid" ] && kill -TERM "$lftp_pid" 2>/dev/null
  say "" >&2
  say "ОШИБКА: выгрузка прервана (задание остановлено). На сервере может остаться часть новых файлов;" >&2
  say "недокачанные файлы лежат под временными именами .in.* и на сайте не видны." >&2
  say "Следующий запуск задания докачает раздел до конца." >&2
  exit 1
}
trap interrupted INT TERM

# Runs an lftp script (read from a file) in the background, so that a signal to this
# script stops it at once; the status of lftp is the function's.
run_lftp() {
  local script=$1 rc
  rm -f "$work/out"
  mkfifo "$work/out"
  filter <"$work/out" &
  local filter_pid=$!
  HOME="$work" XDG_CONFIG_HOME="$work" XDG_DATA_HOME="$work" LFTP_HOME="$work/lftp" \
    LFTP_PASSWORD="$password" lftp -f "$script" </dev/null >"$work/out" 2>&1 &
  lftp_pid=$!
  wait "$lftp_pid" 2>/dev/null  # no "Killed <command>" line from bash: explain_failure says it
  rc=$?
  lftp_pid=
  wait "$filter_pid"
  return "$rc"
}

explain_failure() {  # $1 lftp status, $2 what was being done, $3 before|during the upload
  local rc=$1 log
  log=$(cat "$work/lftp.log" 2>/dev/null)
  say "" >&2
  if [ "$rc" -gt 128 ]; then
    say "ОШИБКА: выгрузка прервана: lftp остановлен сигналом $((rc - 128)) во время шага «$2»." >&2
  elif [[ $log == *"Host key verification failed"* ]]; then
    say "ОШИБКА: ключ сервера не совпадает с закреплённым в NASTAVNIK_UPLOAD_HOST_KEY: соединение прервано, пароль не отправлялся." >&2
    say "Если хостинг сменил ключ, узнайте новый отпечаток в поддержке и обновите переменную (docs/hosting.md)." >&2
  elif [[ $log == *"Permission denied ("* || $log == *"Login failed"* || $log == *"Login incorrect"* || $log == *"530 "* ]]; then
    say "ОШИБКА: сервер не принял имя пользователя, пароль или ключ (NASTAVNIK_UPLOAD_USER, NASTAVNIK_UPLOAD_PASSWORD / NASTAVNIK_UPLOAD_SSH_KEY)." >&2
    say "Проверьте их в Настройки → CI/CD → Переменные и что пользователь SFTP/FTPS на хостинге включён." >&2
  elif [[ $log == *"Access failed: Permission denied"* || $log == *"Access failed: 550"* || $log == *"Access failed: 553"* ]]; then
    say "ОШИБКА: у пользователя ${user} нет прав на запись в папку ${remote_shown} (шаг «$2»)." >&2
    say "Проверьте путь в NASTAVNIK_UPLOAD_URL и права пользователя SFTP/FTPS в панели хостинга." >&2
  elif [[ $log == *"certificate"* || $log == *"Certificate"* ]]; then
    say "ОШИБКА: сертификат FTPS-сервера не прошёл проверку. Укажите в NASTAVNIK_UPLOAD_URL имя сервера из сертификата" >&2
    say "(его сообщает хостинг) или, если сертификат самоподписанный, задайте его в NASTAVNIK_UPLOAD_TLS_CA." >&2
  elif [[ $log == *"Name or service not known"* || $log == *"not resolve"* || $log == *"Connection refused"* || $log == *"timed out"* || $log == *"Timeout"* || $log == *"No route"* ]]; then
    say "ОШИБКА: не удалось связаться с сервером ${host}, порт ${port:-21} (шаг «$2»): сервер недоступен или адрес указан неверно." >&2
  else
    say "ОШИБКА: выгрузка не удалась на шаге «$2» (код lftp $rc); подробности в строках «lftp:» выше." >&2
  fi
  if [ "$3" = before ]; then
    say "Раздел на сайте не изменён. Следующий запуск задания выгрузит его, когда причина будет устранена." >&2
  else
    say "Раздел на сайте мог обновиться частично: недокачанные файлы лежат под временными именами .in.* и не видны;" >&2
    say "ничего за пределами папки ${remote_shown} не затронуто. Следующий запуск задания докачает раздел до конца" >&2
    say "(передаются только файлы, которые ещё не совпадают)." >&2
  fi
}

# One lftp step: a failed one is explained ($2 what was being done, $3 before|during the
# upload) and ends the script.
run_step() {
  local rc=0
  run_lftp "$1" || rc=$?
  if [ "$rc" -ne 0 ]; then
    explain_failure "$rc" "$2" "$3"
    exit 1
  fi
}

say "Выгрузка раздела: ${local_dir} → ${remote_shown} (пользователь ${user})"

# ---------------------------------------------------------------- step 1: look at the folder
# One try: a wrong password or key is not worth another (hostings ban addresses that keep
# trying), and nothing has been changed yet if the connection fails here.
{
  settings 1
  say "mkdir -p -f $(lq "$remote_dir")"
  say "cd $(lq "$remote_dir")"
  say "cls -1a > $(lq "$work/listing")"
  say "get $(lq "$MARKER") -o $(lq "$work/manifest.old") || echo -n"
} >"$work/step1.lftp"
run_step "$work/step1.lftp" "подключение и просмотр папки" before

ours=0
if [ -f "$work/manifest.old" ] && [ "$(head -n 1 "$work/manifest.old")" = "$MANIFEST_HEADER" ]; then
  ours=1
fi
if [ "$ours" = 0 ]; then
  listing=$(grep -v -x -e '\./' -e '\.\./' -e '\.' -e '\.\.' "$work/listing" 2>/dev/null)
  foreign=$(printf '%s\n' "$listing" | head -n 5)
  # What a site's root or a hosting account's home holds: never taken over.
  site_root=$(printf '%s\n' "$listing" | sed 's#/$##' | grep -x -i -E \
    'bitrix|wp-admin|wp-content|wp-includes|wp-config\.php|configuration\.php|administrator|public_html|httpdocs|www|cgi-bin|\.ssh' |
    head -n 3)
  if [ -n "$site_root" ]; then
    say "ОШИБКА: папка ${remote_shown} похожа на корень сайта или домашнюю папку хостинга: в ней есть" >&2
    printf '%s\n' "$site_root" | sed 's/^/  /' >&2
    say "Выгрузка удалила бы весь сайт, поэтому ничего не сделано. Укажите в NASTAVNIK_UPLOAD_URL отдельную папку раздела," >&2
    say "например …/nastavnichestvo (см. docs/hosting.md)." >&2
    exit 1
  fi
  if [ -n "$foreign" ]; then
    case "${NASTAVNIK_UPLOAD_REPLACE_EXISTING:-}" in
      да|Да|ДА|yes|1|true)
        say "Папка ${remote_shown} не пуста и создана не этой выгрузкой; NASTAVNIK_UPLOAD_REPLACE_EXISTING разрешает заменить её содержимое." ;;
      *)
        say "ОШИБКА: папка ${remote_shown} на сервере не пуста и создана не этой выгрузкой (в ней нет файла ${MARKER})." >&2
        say "В ней, например:" >&2
        printf '%s\n' "$foreign" | sed 's/^/  /' >&2
        say "Выгрузка удалила бы эти файлы, поэтому ничего не сделано. Проверьте путь в NASTAVNIK_UPLOAD_URL: это должна быть" >&2
        say "отдельная папка раздела (например …/nastavnichestvo), а не корень сайта. Если папка верная и её старое" >&2
        say "содержимое не нужно, удалите его в файловом менеджере хостинга или один раз запустите задание" >&2
        say "с переменной NASTAVNIK_UPLOAD_REPLACE_EXISTING=да." >&2
        exit 1 ;;
    esac
  fi
fi

# ---------------------------------------------------------------- step 2: mtimes from the manifest
declare -A known_hash known_mtime
max_mtime=0
if [ "$ours" = 1 ]; then
  while IFS=' ' read -r m h p; do
    if ! [[ $m =~ ^[0-9]+$ && $h =~ ^[0-9a-f]{64}$ && -n $p ]]; then continue; fi
    known_hash[$p]=$h
    known_mtime[$p]=$m
    [ "$m" -gt "$max_mtime" ] && max_mtime=$m
  done < <(tail -n +2 "$work/manifest.old")
fi
now=$(date +%s)
fresh=$now
[ "$fresh" -gt "$max_mtime" ] || fresh=$((max_mtime + 1))

: >"$work/manifest.body"
file_count=0
mkdir "$work/touch"
while IFS= read -r -d '' record; do
  h=${record%%  *}
  p=${record#*  ./}
  file_count=$((file_count + 1))
  if [[ $p == *$'\n'* ]]; then
    m=$fresh   # not recordable in the manifest: sent every time
  elif [ "${known_hash[$p]:-}" = "$h" ]; then
    m=${known_mtime[$p]}
  else
    m=$fresh
  fi
  printf '%s\0' "$p" >>"$work/touch/$m"
  [[ $p == *$'\n'* ]] || printf '%s %s %s\n' "$m" "$h" "$p" >>"$work/manifest.body"
done < <(cd "$local_dir" && find -L . -type f ! -path "./$MARKER" -print0 | sort -z | xargs -0 -r sha256sum -z --)
if [ "$file_count" -eq 0 ]; then
  fail_config "в папке «${local_dir}» нет файлов: выгружать нечего."
fi
for list in "$work/touch"/*; do
  (cd "$local_dir" && xargs -0 -r touch -m -d "@${list##*/}" -- <"$list") ||
    fail_config "не удалось выставить время изменения файлов в «${local_dir}»."
done
{ say "$MANIFEST_HEADER"; say "$MANIFEST_NOTE"; cat "$work/manifest.body"; } >"$work/manifest.new"

# ---------------------------------------------------------------- step 3: mirror
: >"$work/lftp.log"
{
  settings "$retries"
  # The manifest goes first: it claims a new folder, so that an interrupted first upload is
  # still recognised as ours, and what it says stays true whatever part of the mirror
  # completes (a file sent with a recorded mtime has the recorded content; a file not yet
  # sent has another mtime and is sent next time).
  say "put $(lq "$work/manifest.new") -o $(lq "$remote_dir/$MARKER")"
  # --max-errors=1: a lost connection stops the whole mirror at once instead of every
  # remaining file retrying on its own.
  say "mirror --reverse --delete --upload-older --no-perms --dereference --verbose=1 --max-errors=1 --parallel=$parallel --exclude $(lq "^\\.nastavnik-section\$") $(lq "$local_dir") $(lq "$remote_dir")"
} >"$work/step3.lftp"
run_step "$work/step3.lftp" "выгрузка файлов" during
if grep -q -E '^(mirror|put): ' "$work/lftp.log"; then
  explain_failure 1 "выгрузка файлов" during
  exit 1
fi

sent=$(grep -c '^Transferring file `' "$work/lftp.log")
removed=$(grep -c '^Removing old file `' "$work/lftp.log")
removed_dirs=$(grep -c '^Removing old directory `' "$work/lftp.log")
say "Готово: раздел выгружен в ${remote_shown}."
say "Файлов в разделе: ${file_count}; отправлено: ${sent}; без изменений: $((file_count - sent)); удалено на сервере файлов: ${removed}, папок: ${removed_dirs}."
