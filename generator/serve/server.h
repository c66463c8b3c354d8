#pragma once
// `nastavnik serve`: builds the site, serves it on 127.0.0.1, rebuilds when the content or
// the theme changes and reloads the open pages. Only the responses carry the reload
// script and the error panel; the files on disk are an ordinary build.
#include <filesystem>
#include <string>

#include "build/build.h"

namespace nastavnik {

struct ServeOptions {
  BuildOptions build;                ///< content, theme, jobs; `out` is set by serve
  std::filesystem::path out;         ///< empty: a temporary folder, removed on exit
  std::string host = "127.0.0.1";
  int port = 1313;                   ///< 0: any free port (printed at start)
  bool quiet = false;
  bool verbose = false;
  bool colour = false;               ///< ANSI colours on stderr
};

/// Runs until SIGINT or SIGTERM; returns the exit code (0 after a clean stop, 1 when the
/// server cannot start, e.g. the port is taken).
int run_serve(ServeOptions options);

}  // namespace nastavnik
