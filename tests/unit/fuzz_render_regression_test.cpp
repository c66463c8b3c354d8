// Replays what fuzzing found (tests/fixtures/crashes/render/) and the seed corpus
// (fuzz/corpus/render/) through the fuzz target fuzz/render.cpp with all its checks.
#define NASTAVNIK_FUZZ_REPLAY
#define LLVMFuzzerInitialize fuzz_render_initialize
#define LLVMFuzzerTestOneInput fuzz_render_one_input
#include "../../fuzz/render.cpp"
#include "../../fuzz/replay.h"

TEST_CASE("fuzz_render: inputs found by fuzzing stay fixed") {
  fuzz::replay("tests/fixtures/crashes/render", fuzz_render_initialize, fuzz_render_one_input);
}

TEST_CASE("fuzz_render: the seed corpus passes the target's checks") {
  CHECK(fuzz::replay("fuzz/corpus/render", fuzz_render_initialize, fuzz_render_one_input) > 0);
}
