// Replays what fuzzing found (tests/fixtures/crashes/build/) and the seed corpus
// (fuzz/corpus/build/) through the fuzz target fuzz/build.cpp with all its checks.
#define NASTAVNIK_FUZZ_REPLAY
#define LLVMFuzzerInitialize fuzz_build_initialize
#define LLVMFuzzerTestOneInput fuzz_build_one_input
#include "../../fuzz/build.cpp"
#include "../../fuzz/replay.h"

TEST_CASE("fuzz_build: inputs found by fuzzing stay fixed") {
  fuzz::replay("tests/fixtures/crashes/build", fuzz_build_initialize, fuzz_build_one_input);
}

TEST_CASE("fuzz_build: the seed corpus passes the target's checks") {
  CHECK(fuzz::replay("fuzz/corpus/build", fuzz_build_initialize, fuzz_build_one_input) > 0);
}
