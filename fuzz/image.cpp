// libFuzzer target image: the checks are in targets/image.h (replayed by the unit tests
// through replay.h).
#include "fuzz_main.h"
#include "targets/image.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_image)
