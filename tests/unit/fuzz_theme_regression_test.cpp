// Replays what fuzzing found (tests/fixtures/crashes/theme/) and the seed corpus
// (fuzz/corpus/theme/) through the fuzz target fuzz/theme.cpp with all its checks.
#define NASTAVNIK_FUZZ_REPLAY
#define LLVMFuzzerInitialize fuzz_theme_initialize
#define LLVMFuzzerTestOneInput fuzz_theme_one_input
#include "../../fuzz/theme.cpp"
#include "../../fuzz/replay.h"

TEST_CASE("fuzz_theme: inputs found by fuzzing stay fixed") {
  fuzz::replay("tests/fixtures/crashes/theme", fuzz_theme_initialize, fuzz_theme_one_input);
}

TEST_CASE("fuzz_theme: the seed corpus passes the target's checks") {
  CHECK(fuzz::replay("fuzz/corpus/theme", fuzz_theme_initialize, fuzz_theme_one_input) > 0);
}
