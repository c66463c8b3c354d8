// libFuzzer target theme: the checks are in targets/theme.h (replayed by the unit tests
// through replay.h).
#include "fuzz_main.h"
#include "targets/theme.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_theme)
