#include "core/source_file.h"

#include <algorithm>

#include "core/utf8.h"

namespace nastavnik {

Position SourceFile::position_of(size_t offset) const {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }
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

}  // namespace nastavnik
