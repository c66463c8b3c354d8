// libFuzzer target yaml_schemas: the checks are in targets/yaml_schemas.h (replayed by the unit tests
// through replay.h).
#include "fuzz_main.h"
#include "targets/yaml_schemas.h"

NASTAVNIK_FUZZ_TARGET(fuzz::run_yaml_schemas)
