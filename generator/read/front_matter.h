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

/// Whether the text was meant to start with front matter: its first line that is not blank
/// (spaces of any kind) is `---`, or a line of dashes Word made of it (`—`). For files whose
/// front matter is optional (`_index.md`), so that a blank line before `---` is reported by
/// split_front_matter instead of publishing the fields as text.
bool starts_with_front_matter(std::string_view text);

}  // namespace nastavnik
