// libFuzzer target build: the checks are in targets/build.h (replayed by the unit tests
// through replay.h).
#include "fuzz_main.h"
#include "targets/build.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_build)
