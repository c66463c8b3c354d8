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
/// be normalised (no BOM, LF line ends).
bool split_front_matter(std::string_view text, FrontMatter& out, FrontMatterError& error);

/// Strips a UTF-8 BOM and turns CRLF and lone CR into LF, so that files saved by Windows
/// editors and by GitLab's web editor read the same.
std::string normalise_text(std::string text);

}  // namespace nastavnik
