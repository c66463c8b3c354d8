#pragma once
// Replaying inputs through the fuzz targets outside libFuzzer: the unit tests
// (tests/unit/fuzz_<target>_regression_test.cpp) replay the seed corpus
// (fuzz/corpus/<target>/) and what fuzzing once found (tests/fixtures/crashes/<target>/)
// with every check of the targets; fuzz/replay_main.cpp does the same from a shell.
//
// Header-only, no test framework, any compiler: include it (the include path must hold
// generator/, as linking nastavnik_core gives) and call
//
//   fuzz::replay_markdown(data, size);           // one input through one target
//   fuzz::replay("markdown", bytes);              // the same, by the target's name
//   fuzz::replay_folder("markdown", "fuzz/corpus/markdown");  // every file of a folder
//
// A failed check throws fuzz::CheckFailed (a std::runtime_error) whose what() names the
// check, its file and line and what was found; the generator's own exceptions and
// sanitizer reports go through unchanged. Nothing is printed unless something fails.
// Each targets/<target>.h may be included alone to compile less.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.h"
#include "targets/build.h"
#include "targets/document.h"
#include "targets/front_matter.h"
#include "targets/image.h"
#include "targets/markdown.h"
#include "targets/render.h"
#include "targets/search.h"
#include "targets/theme.h"
#include "targets/yaml_schemas.h"

namespace fuzz {

// One input through one target; throw CheckFailed when a check fails.
inline void replay_front_matter(const uint8_t* data, size_t size) { run_front_matter(data, size); }
inline void replay_yaml_schemas(const uint8_t* data, size_t size) { run_yaml_schemas(data, size); }
inline void replay_markdown(const uint8_t* data, size_t size) { run_markdown(data, size); }
inline void replay_render(const uint8_t* data, size_t size) { run_render(data, size); }
inline void replay_theme(const uint8_t* data, size_t size) { run_theme(data, size); }
inline void replay_build(const uint8_t* data, size_t size) { run_build(data, size); }
inline void replay_image(const uint8_t* data, size_t size) { run_image(data, size); }
inline void replay_document(const uint8_t* data, size_t size) { run_document(data, size); }
inline void replay_search(const uint8_t* data, size_t size) { run_search(data, size); }

using TargetFunction = void (*)(const uint8_t*, size_t);

struct Target {
  const char* name;  ///< as in fuzz/run.sh and the folder names: "front_matter", …
  TargetFunction run;
};

/// Every target, in the order fuzz/run.sh runs them.
inline const std::vector<Target>& targets() {
  static const std::vector<Target> all = {{"front_matter", replay_front_matter}, {"yaml_schemas", replay_yaml_schemas},
                                          {"markdown", replay_markdown},         {"render", replay_render},
                                          {"theme", replay_theme},               {"build", replay_build},
                                          {"image", replay_image},               {"document", replay_document},
                                          {"search", replay_search}};
  return all;
}

/// The target called `name`; throws std::invalid_argument for an unknown name.
inline TargetFunction target(std::string_view name) {
  for (const auto& t : targets()) {
    if (name == t.name) return t.run;
  }
  throw std::invalid_argument("no fuzz target called " + std::string(name));
}

inline void replay(std::string_view target_name, std::string_view bytes) {
  target(target_name)(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

/// Relative paths are taken from the repository when NASTAVNIK_SOURCE_DIR is defined (as
/// for the unit tests), else from the current folder.
inline std::filesystem::path repository_path(const std::filesystem::path& path) {
#ifdef NASTAVNIK_SOURCE_DIR
  if (path.is_relative()) return std::filesystem::path(NASTAVNIK_SOURCE_DIR) / path;
#endif
  return path;
}

/// The inputs of a folder: its regular files but hidden ones (.gitkeep), sorted; nothing
/// when the folder does not exist.
inline std::vector<std::filesystem::path> inputs_in(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(repository_path(folder), ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().filename().string()[0] != '.') out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string read_input(const std::filesystem::path& path) {
  std::ifstream in(repository_path(path), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Replays every input of `folder` through the target; returns how many there were. When
/// checks fail, every input still runs, then one CheckFailed lists each failing file with
/// its message. Other exceptions are reported the same way.
inline size_t replay_folder(std::string_view target_name, const std::filesystem::path& folder) {
  TargetFunction run = target(target_name);
  const auto inputs = inputs_in(folder);
  std::string failures;
  size_t failed = 0;
  for (const auto& path : inputs) {
    const std::string bytes = read_input(path);
    try {
      run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& e) {
      ++failed;
      failures += path.string() + ": " + e.what() + "\n";
    }
  }
  if (failed) {
    throw CheckFailed(std::to_string(failed) + " of " + std::to_string(inputs.size()) + " inputs of " + folder.string() +
                      " failed fuzz target " + std::string(target_name) + ":\n" + failures);
  }
  return inputs.size();
}

}  // namespace fuzz
