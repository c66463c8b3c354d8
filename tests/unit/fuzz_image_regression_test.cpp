// The seed corpus of the fuzz target image (fuzz/corpus/image/), and what fuzzing found
// (tests/fixtures/crashes/image/, when there is such a folder), through every check of the
// target (fuzz/targets/image.h), in every build of the unit tests.
#include "../../fuzz/targets/image.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_image: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/image", fuzz::run_image) > 0);
}

TEST_CASE("fuzz_image: the inputs fuzzing found stay fixed") {
  CHECK(fuzz_regression::replay("tests/fixtures/crashes/image", fuzz::run_image) >= 1);
}
