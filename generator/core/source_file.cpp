#include "core/source_file.h"

#include <algorithm>

#include "core/utf8.h"

namespace nastavnik {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

Position SourceFile::position_of(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  size_t start = line_starts_[line_index];
  int column = 1;
  for (size_t i = start; i < offset; ++i) {
    // Count only the first byte of each UTF-8 sequence: columns are characters.
    if (!is_utf8_continuation(text_[i])) ++column;
  }
  return {static_cast<int>(line_index) + 1, column};
}

size_t SourceFile::line_start(int line) const {
  if (line < 1) return 0;
  size_t index = static_cast<size_t>(line - 1);
  return index < line_starts_.size() ? line_starts_[index] : text_.size();
}

}  // namespace nastavnik
