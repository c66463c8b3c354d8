#pragma once
// A value read from a content file together with where it was written, so that every
// later check (privacy, attachments, clashes) can point at the exact place.
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace nastavnik {

template <class T>
struct Field {
  T value{};
  Position pos;          ///< of the value in its file; {0, 0} when absent
  bool present = false;  ///< the file gives this key a non-empty value

  const T& operator*() const { return value; }
  const T* operator->() const { return &value; }
};

using Text = Field<std::string>;
/// A list of texts; `pos` is the list's own (the `[` or the first `-`), each item has its own.
using TextList = Field<std::vector<Text>>;

/// The plain values of a list of texts.
inline std::vector<std::string> values_of(const TextList& list) {
  std::vector<std::string> out;
  out.reserve(list.value.size());
  for (const auto& f : list.value) out.push_back(f.value);
  return out;
}

}  // namespace nastavnik
