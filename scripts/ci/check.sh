#!/usr/bin/env bash
# The content check of the CI jobs (check, and pages before it builds): every problem in the
# job log, one line each as `файл:строка:столбец: ошибка: …` (nastavnik's text format), and
# the Code Quality report GitLab shows in the merge request widget. nastavnik prints one
# format per run, so it runs twice; a check of the demo content takes a fraction of a second.
#
#   check.sh [CONTENT [REPORT]]    defaults: content gl-code-quality-report.json
#
# Exit 1 when the content has errors (warnings alone pass), 2 when the report cannot be made.
# NASTAVNIK: the program (default dist/nastavnik, from scripts/ci/nastavnik-bundle.sh ensure).
set -uo pipefail
nastavnik="${NASTAVNIK:-dist/nastavnik}"
content="${1:-content}"
report="${2:-gl-code-quality-report.json}"

echo "Проверка материалов в папке $content/ (пути в строках ниже — от неё):"
"$nastavnik" check --content "$content" --format text
status=$?
errors=$(mktemp)
"$nastavnik" check --content "$content" --format codeclimate --quiet > "$report" 2> "$errors"
report_status=$?
if [ "$report_status" -gt 1 ] || [ ! -s "$report" ]; then
  cat "$errors" >&2
  echo "Не удалось составить отчёт «Качество кода» ($report): nastavnik check завершился с кодом $report_status." >&2
  rm -f "$errors"
  exit 2
fi
rm -f "$errors"
case "$status" in
  0) echo "Отчёт «Качество кода» для запроса на слияние: $report." ;;
  1) echo "В материалах есть ошибки: исправьте строки выше (что означает каждое сообщение — docs/errors.md)." >&2 ;;
esac
exit "$status"
