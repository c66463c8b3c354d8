#pragma once
// The commands of nastavnik, each a function returning the exit code:
// 0 success, 1 problems in the content (or a refused action), 2 a wrong command line.
#include <filesystem>
#include <string>

#include "build/build.h"

namespace nastavnik {

constexpr int kExitOk = 0;
constexpr int kExitContentErrors = 1;
constexpr int kExitUsage = 2;

struct OutputFlags {
  bool quiet = false;
  bool verbose = false;
  bool stats = false;
};

/// `nastavnik build` (options.write) and `nastavnik check`. `format` is text, json or
/// codeclimate for check's diagnostics; with options.report_format set, check prints the
/// monitoring report instead and the diagnostics stay text on stderr.
int run_build_command(BuildOptions options, const OutputFlags& flags, const std::string& format);

struct NewOptions {
  std::string kind;   ///< news | order | document | story | practice | page
  std::string org;
  std::string title;
  std::filesystem::path content = "content";
  std::string date;   ///< YYYY-MM-DD; empty: today in the site's time zone
  bool quiet = false;
};

/// `nastavnik new`: writes a new Markdown file with its front matter.
int run_new_command(const NewOptions& options);

/// The help text of `nastavnik new`: the kinds and an example of each.
std::string new_command_footer();

}  // namespace nastavnik
