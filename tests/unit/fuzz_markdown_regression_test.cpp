// The seed corpus of the fuzz target markdown (fuzz/corpus/markdown/), and what fuzzing found
// (tests/fixtures/crashes/markdown/, when there is such a folder), through every check of the
// target (fuzz/targets/markdown.h), in every build of the unit tests.
#include "../../fuzz/targets/markdown.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_markdown: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/markdown", fuzz::run_markdown) > 0);
}

TEST_CASE("fuzz_markdown: the inputs fuzzing found stay fixed") {
  CHECK(fuzz_regression::replay("tests/fixtures/crashes/markdown", fuzz::run_markdown) >= 7);
}
