#pragma once
// Replays inputs through a fuzz target inside the unit tests: every file of
// tests/fixtures/crashes/<target>/ (what fuzzing once found) and of fuzz/corpus/<target>/
// (the seeds). A target's checks throw fuzz::CheckFailed there instead of aborting.
// Used by tests/unit/fuzz_<target>_regression_test.cpp, which include the target's source.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_common.h"

namespace fuzz {

inline std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().filename().string()[0] != '.') out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Runs every file under `folder` (relative to the repository) through `one`; returns how
/// many there were.
inline size_t replay(const std::string& folder, int (*initialize)(int*, char***), int (*one)(const uint8_t*, size_t)) {
  static bool initialized = false;
  if (!initialized) {
    initialized = true;
    initialize(nullptr, nullptr);
  }
  auto inputs = files_in(fs::path(NASTAVNIK_SOURCE_DIR) / folder);
  for (const auto& path : inputs) {
    std::string bytes = read_file(path);
    try {
      one(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& e) {
      const std::string message = path.lexically_relative(NASTAVNIK_SOURCE_DIR).string() + ": " + e.what();
      FAIL_CHECK(message);
    }
  }
  return inputs.size();
}

}  // namespace fuzz
