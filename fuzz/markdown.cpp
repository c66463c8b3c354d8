// libFuzzer target markdown: the checks are in targets/markdown.h (replayed by the unit tests
// through replay.h).
#include "fuzz_main.h"
#include "targets/markdown.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_markdown)
