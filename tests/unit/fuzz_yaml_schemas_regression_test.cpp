// The seed corpus of the fuzz target yaml_schemas (fuzz/corpus/yaml_schemas/), and what fuzzing found
// (tests/fixtures/crashes/yaml_schemas/, when there is such a folder), through every check of the
// target (fuzz/targets/yaml_schemas.h), in every build of the unit tests.
#include "../../fuzz/targets/yaml_schemas.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_yaml_schemas: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/yaml_schemas", fuzz::run_yaml_schemas) > 0);
}
