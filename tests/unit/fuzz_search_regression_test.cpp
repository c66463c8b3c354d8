// The seed corpus of the fuzz target search (fuzz/corpus/search/: pages marked as the theme
// marks them, with texts of the demo, and hostile markup) through every check of the target
// (fuzz/targets/search.h), and what fuzzing found (tests/fixtures/crashes/search/), in every
// build of the unit tests.
#include "../../fuzz/targets/search.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_search: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/search", fuzz::run_search) > 0);
}

TEST_CASE("fuzz_search: the inputs fuzzing found stay fixed") {
  // A character reference to a line break (&#xA;) put a line break into the page's text:
  // decoded references are spaced like the text around them now.
  CHECK(fuzz_regression::replay("tests/fixtures/crashes/search", fuzz::run_search) >= 1);
}
