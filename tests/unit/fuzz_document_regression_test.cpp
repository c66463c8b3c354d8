// The seed corpus of the fuzz target document (fuzz/corpus/document/: the demo's PDF, DOCX
// and ODT, whole and cut short, and a signature of other bytes) through every check of the
// target (fuzz/targets/document.h), and what fuzzing found (tests/fixtures/crashes/document/),
// in every build of the unit tests.
#include "../../fuzz/targets/document.h"
#include "fuzz_replay.h"

TEST_CASE("fuzz_document: the seed corpus passes the target's checks") {
  CHECK(fuzz_regression::replay("fuzz/corpus/document", fuzz::run_document) > 0);
}

TEST_CASE("fuzz_document: the inputs fuzzing found stay fixed") {
  // A PDF whose text held a character that has no place in a text (a zero-width or
  // bidirectional control): dropped now, as a reader never sees it.
  CHECK(fuzz_regression::replay("tests/fixtures/crashes/document", fuzz::run_document) >= 1);
}
