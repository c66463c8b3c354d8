#pragma once
// 152-ФЗ: names are published only with consent. These helpers find a name that the
// content would publish anyway, in a title or in the text, in any case form
// («Зайцев Тимофей» is found in «Тимофея Зайцева»).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

namespace nastavnik {

/// The words of a text, lower-cased, with their byte offsets: built once, searched for
/// many names.
class WordIndex {
 public:
  explicit WordIndex(std::string_view text);
  // The words are views into pool_.
  WordIndex(const WordIndex&) = delete;
  WordIndex& operator=(const WordIndex&) = delete;

  /// Byte offset where the whole name stands: every word and initial of it next to each
  /// other in any order, long words in any case form; npos when absent.
  size_t find_full_name(std::string_view name) const;
  /// Byte offset where any identifying word of the name (three letters or more) stands in
  /// any case form; npos when absent. Finds namesakes too: a hint, not proof.
  size_t find_any_word(std::string_view name) const;

  struct Word {
    std::u32string_view letters;  ///< lower-case, in the pool of the text it was split from
    size_t offset = 0;
  };

 private:
  std::vector<size_t> candidates(const Word& name_word) const;

  std::u32string pool_;  ///< every word's letters, one after another: one allocation per text
  std::vector<Word> words_;
  /// Positions in words_ of the words of three letters or more, by their first three
  /// letters: a name word of three letters or more matches only such words (its stem keeps
  /// them), so a search looks at a handful of words instead of the whole text.
  std::unordered_map<uint64_t, std::vector<size_t>> by_prefix_;
};

/// The words of a name that identify a person: words of three letters or more
/// («Сидоров Иван» → «Сидоров», «Иван»; initials are skipped).
std::vector<std::string> identifying_words(std::string_view name);

size_t find_name(std::string_view text, std::string_view name);

struct Organisation;
struct Entry;
class Diagnostics;

/// Every name given without consent in an organisation (the curator, mentors, people of
/// stories) must not stand in any other text of that organisation: news, documents,
/// stories, practices, pages, the tab. Each place is an error at its file and line.
void check_hidden_names(const std::vector<Organisation>& orgs, const std::vector<Entry>& entries, Diagnostics& diagnostics);
size_t find_full_name(std::string_view text, std::string_view name);

}  // namespace nastavnik
