// fuzz_replay: runs files through a fuzz target's checks without libFuzzer, in any build
// (for instance to try a seed corpus or a finding under gcc, or under a debugger).
//
//   fuzz_replay <target> <file or folder>...     e.g. fuzz_replay markdown fuzz/corpus/markdown
//
// Paths that do not exist are skipped. Exit 0 when every input passed; 1 with each failure printed; 2 on a wrong command line.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

#include "replay.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: fuzz_replay <target> <file or folder>...\ntargets:");
    for (const auto& t : fuzz::targets()) std::fprintf(stderr, " %s", t.name);
    std::fprintf(stderr, "\n");
    return 2;
  }
  fuzz::TargetFunction run;
  try {
    run = fuzz::target(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_replay: %s\n", e.what());
    return 2;
  }
  size_t inputs = 0, failed = 0;
  for (int i = 2; i < argc; ++i) {
    std::vector<std::filesystem::path> paths;
    if (!std::filesystem::exists(argv[i])) continue;  // a target without findings has no crash folder
    if (std::filesystem::is_directory(argv[i])) paths = fuzz::inputs_in(argv[i]);
    else paths.emplace_back(argv[i]);
    for (const auto& path : paths) {
      ++inputs;
      try {
        const std::string bytes = fuzz::read_input(path);
        run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      } catch (const std::exception& e) {
        ++failed;
        std::fprintf(stderr, "%s: %s\n", path.c_str(), e.what());
      }
    }
  }
  std::printf("fuzz_replay %s: %zu inputs, %zu failed\n", argv[1], inputs, failed);
  return failed ? 1 : 0;
}
