// Replays what fuzzing found (tests/fixtures/crashes/yaml_schemas/) and the seed corpus
// (fuzz/corpus/yaml_schemas/) through the fuzz target fuzz/yaml_schemas.cpp with all its checks.
#define NASTAVNIK_FUZZ_REPLAY
#define LLVMFuzzerInitialize fuzz_yaml_schemas_initialize
#define LLVMFuzzerTestOneInput fuzz_yaml_schemas_one_input
#include "../../fuzz/yaml_schemas.cpp"
#include "../../fuzz/replay.h"

TEST_CASE("fuzz_yaml_schemas: inputs found by fuzzing stay fixed") {
  fuzz::replay("tests/fixtures/crashes/yaml_schemas", fuzz_yaml_schemas_initialize, fuzz_yaml_schemas_one_input);
}

TEST_CASE("fuzz_yaml_schemas: the seed corpus passes the target's checks") {
  CHECK(fuzz::replay("fuzz/corpus/yaml_schemas", fuzz_yaml_schemas_initialize, fuzz_yaml_schemas_one_input) > 0);
}
