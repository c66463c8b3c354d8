#pragma once
#include <string>
#include <string_view>

#include "core/diagnostics.h"

namespace nastavnik {

/// A Markdown file cut into its YAML front matter and its body; offsets are bytes into the
/// (already normalised) file text, so positions from the parsers map back to the file.
struct FrontMatter {
  std::string_view yaml;
  size_t yaml_offset = 0;
  std::string_view body;
  int body_first_line = 1;  ///< 1-based line of the body's first line in the file
};

struct FrontMatterError {
  Position pos;
  std::string message;  ///< Russian, with the fix
};

/// Expects `---` on the first line and a closing `---` (or `...`) line. Text must already
/// be normalised (no BOM, LF line ends). Says what is wrong in the words of an editor: an
/// empty file, blank lines before the first `---`, a missing closing line.
bool split_front_matter(std::string_view text, FrontMatter& out, FrontMatterError& error);

}  // namespace nastavnik
