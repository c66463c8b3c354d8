// libFuzzer target render: the checks are in targets/render.h (replayed by the unit tests
// through replay.h).
#include "fuzz_main.h"
#include "targets/render.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_render)
