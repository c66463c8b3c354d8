// The seed corpus of the fuzz target render (fuzz/corpus/render/), and what fuzzing found
// (tests/fixtures/crashes/render/, when there is such a folder), through every check of the
// target (fuzz/targets/render.h), in every build of the unit tests.
#include "../../fuzz/targets/render.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_render: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/render", fuzz::run_render) > 0);
}
