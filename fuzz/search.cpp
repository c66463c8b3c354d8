// libFuzzer target search: the checks are in targets/search.h (replayed by the unit tests
// through replay.h).
#include "fuzz_main.h"
#include "targets/search.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_search)
