// What fuzzing found is kept under tests/fixtures/crashes/<target>/ and replayed by
// tests/unit/fuzz_<target>_regression_test.cpp. A finding filed under a name that is no
// target, or for a target whose test does not replay its folder, would never run: this
// test refuses both.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace fs = std::filesystem;

namespace {

// As in fuzz/CMakeLists.txt (NASTAVNIK_FUZZ_TARGETS) and fuzz/run.sh.
const std::set<std::string> kTargets = {"front_matter", "yaml_schemas", "markdown", "render", "theme", "build", "image", "document", "search"};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("every folder of findings is named after a fuzz target whose regression test replays it") {
  const fs::path root = NASTAVNIK_SOURCE_DIR;
  REQUIRE(fs::is_directory(root / "tests/fixtures/crashes"));
  size_t folders = 0;
  for (const auto& entry : fs::directory_iterator(root / "tests/fixtures/crashes")) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    CHECK(entry.is_directory());
    CHECK(kTargets.count(name) == 1);
    CHECK_FALSE(fs::is_empty(entry.path()));
    const std::string test = read(root / ("tests/unit/fuzz_" + name + "_regression_test.cpp"));
    CHECK(test.find("\"tests/fixtures/crashes/" + name + "\"") != std::string::npos);
    ++folders;
  }
  CHECK(folders >= 2);  // markdown and build have findings
}

TEST_CASE("every fuzz target has a seed corpus and a regression test") {
  const fs::path root = NASTAVNIK_SOURCE_DIR;
  for (const auto& name : kTargets) {
    CAPTURE(name);
    CHECK(fs::is_directory(root / "fuzz/corpus" / name));
    CHECK(fs::exists(root / "fuzz/targets" / (name + ".h")));
    CHECK(fs::exists(root / ("tests/unit/fuzz_" + name + "_regression_test.cpp")));
  }
}
