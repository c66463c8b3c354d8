// The seed corpus of the fuzz target front_matter (fuzz/corpus/front_matter/), and what fuzzing found
// (tests/fixtures/crashes/front_matter/, when there is such a folder), through every check of the
// target (fuzz/targets/front_matter.h), in every build of the unit tests.
#include "../../fuzz/targets/front_matter.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_front_matter: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/front_matter", fuzz::run_front_matter) > 0);
}
