// libFuzzer target front_matter: the checks are in targets/front_matter.h (replayed by the unit tests
// through replay.h).
#include "fuzz_main.h"
#include "targets/front_matter.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_front_matter)
