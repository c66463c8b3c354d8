#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace nastavnik {

/// The text of one content file with a map from byte offsets to line and character column,
/// so that positions reported by parsers (bytes) become what an editor shows (characters).
/// The map is made when a position is first asked for: most files never need one.
class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

  const std::string& path() const { return path_; }  ///< relative to the content folder
  const std::string& text() const { return text_; }
  Position position_of(size_t byte_offset) const;

 private:
  std::string path_;
  std::string text_;
  mutable std::vector<size_t> line_starts_;
};

}  // namespace nastavnik
