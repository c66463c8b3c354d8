#pragma once
// The words of a text as the privacy check reads them: where each stands, whether it starts
// with a capital, and a hash of the word as names are compared (lower case, ё as е), all made
// in one pass over the text.
#include <cstdint>
#include <string_view>
#include <vector>

namespace nastavnik {

struct NameWord {
  uint32_t start = 0, end = 0;  ///< bytes in the text
  uint64_t hash = 0;            ///< name_hash of the word
  uint16_t letters = 0;
  bool capital = false;
  bool cyrillic = false;        ///< its first letter is Cyrillic
};

/// A hash of a word as names are compared: "Семёнова", "СЕМЕНОВА" and "семенова" hash alike.
/// Stress marks (U+0301) are skipped.
uint64_t name_hash(std::string_view word);

/// The words of `text`: runs of Latin and Cyrillic letters; anything else separates words.
void split_name_words(std::string_view text, std::vector<NameWord>& out);

/// What stands between two words of a name. A name's words are separated by spaces (one
/// line break among them at most, emphasis marks too: **Дарья** Смирнова), or, after an
/// initial, by a dot.
enum class Gap { Space, Dot, Other };
Gap gap_between(std::string_view text, const NameWord& a, const NameWord& b);

/// True when the text before `w` ends a sentence (or is nothing but spaces and markup):
/// a capital there says nothing about a name.
bool starts_sentence(std::string_view text, const NameWord& w);

}  // namespace nastavnik
