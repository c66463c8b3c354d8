// Replays what fuzzing found (tests/fixtures/crashes/front_matter/) and the seed corpus
// (fuzz/corpus/front_matter/) through the fuzz target fuzz/front_matter.cpp with all its checks.
#define NASTAVNIK_FUZZ_REPLAY
#define LLVMFuzzerInitialize fuzz_front_matter_initialize
#define LLVMFuzzerTestOneInput fuzz_front_matter_one_input
#include "../../fuzz/front_matter.cpp"
#include "../../fuzz/replay.h"

TEST_CASE("fuzz_front_matter: inputs found by fuzzing stay fixed") {
  fuzz::replay("tests/fixtures/crashes/front_matter", fuzz_front_matter_initialize, fuzz_front_matter_one_input);
}

TEST_CASE("fuzz_front_matter: the seed corpus passes the target's checks") {
  CHECK(fuzz::replay("fuzz/corpus/front_matter", fuzz_front_matter_initialize, fuzz_front_matter_one_input) > 0);
}
