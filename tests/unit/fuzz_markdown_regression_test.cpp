// Replays what fuzzing found (tests/fixtures/crashes/markdown/) and the seed corpus
// (fuzz/corpus/markdown/) through the fuzz target fuzz/markdown.cpp with all its checks.
#define NASTAVNIK_FUZZ_REPLAY
#define LLVMFuzzerInitialize fuzz_markdown_initialize
#define LLVMFuzzerTestOneInput fuzz_markdown_one_input
#include "../../fuzz/markdown.cpp"
#include "../../fuzz/replay.h"

TEST_CASE("fuzz_markdown: inputs found by fuzzing stay fixed") {
  fuzz::replay("tests/fixtures/crashes/markdown", fuzz_markdown_initialize, fuzz_markdown_one_input);
}

TEST_CASE("fuzz_markdown: the seed corpus passes the target's checks") {
  CHECK(fuzz::replay("fuzz/corpus/markdown", fuzz_markdown_initialize, fuzz_markdown_one_input) > 0);
}
