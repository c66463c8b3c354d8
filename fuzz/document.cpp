// libFuzzer target document: the checks are in targets/document.h (replayed by the unit
// tests through replay.h).
#include "fuzz_main.h"
#include "targets/document.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_document)
