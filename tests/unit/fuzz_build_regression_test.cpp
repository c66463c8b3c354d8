// The seed corpus of the fuzz target build (fuzz/corpus/build/), and what fuzzing found
// (tests/fixtures/crashes/build/, when there is such a folder), through every check of the
// target (fuzz/targets/build.h), in every build of the unit tests.
#include "../../fuzz/targets/build.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_build: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/build", fuzz::run_build) > 0);
}

TEST_CASE("fuzz_build: the inputs fuzzing found stay fixed") {
  CHECK(fuzz_regression::replay("tests/fixtures/crashes/build", fuzz::run_build) >= 1);
}
