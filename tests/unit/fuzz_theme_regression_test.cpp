// The seed corpus of the fuzz target theme (fuzz/corpus/theme/), and what fuzzing found
// (tests/fixtures/crashes/theme/, when there is such a folder), through every check of the
// target (fuzz/targets/theme.h), in every build of the unit tests.
#include "../../fuzz/targets/theme.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_theme: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/theme", fuzz::run_theme) > 0);
}
