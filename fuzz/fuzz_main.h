#pragma once
// The libFuzzer entry points of one target: `NASTAVNIK_FUZZ_TARGET(fuzz::run_markdown)` in
// fuzz/<target>.cpp. A failed check prints its message and aborts where it failed, so that
// libFuzzer keeps the input and prints the stack of the check.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"

#define NASTAVNIK_FUZZ_TARGET(run)                                          \
  extern "C" int LLVMFuzzerInitialize(int*, char***) {                      \
    ::fuzz::abort_on_failure() = true;                                      \
    return 0;                                                               \
  }                                                                         \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    run(data, size);                                                        \
    return 0;                                                               \
  }
