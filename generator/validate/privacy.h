#pragma once
// 152-ФЗ: names are published only with consent. The checks here find a name that the
// content would publish anyway, in a title or in the text, in any case form
// («Зайцев Тимофей» is found in «Тимофея Зайцева»).
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "contract/contract.h"
#include "contract/records.h"

namespace nastavnik {

/// Finds many names in a text in one pass over its words: each word is looked up by its
/// first letters among the words of the names, so a text costs the same whatever the
/// number of names.
class NameMatcher {
 public:
  explicit NameMatcher(const std::vector<std::string>& names);

  /// For each name, the byte offset where it first stands in full: every word and initial
  /// of it next to each other, words in any order and any case form, initials in their
  /// order; npos when absent.
  std::vector<size_t> first_full(std::string_view text) const;
  /// For each name, the byte offset of the first word of three letters or more of it that
  /// stands in the text in any case form (namesakes too: a hint, not proof); npos when absent.
  std::vector<size_t> first_word(std::string_view text) const;

  size_t size() const { return names_.size(); }

  /// A word of a name or a text: lower-case letters, ё as е.
  struct Word {
    std::u32string letters;
    size_t offset = 0;  ///< in its text
  };

 private:
  struct Name {
    std::vector<Word> words;
    size_t anchor = 0;  ///< its longest word: every place the name stands has it
  };
  void scan(std::string_view text, bool full, std::vector<size_t>& out) const;

  std::vector<Name> names_;
  /// (name, word) pairs by the first three letters of words of three letters or more.
  std::unordered_map<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>> by_prefix_;
  std::vector<uint32_t> short_anchored_;  ///< names whose words are all initials
  /// The keys of by_prefix_ again, in a small open-addressing table (0: empty): nearly every
  /// word of a text is no name's, and this says so in a probe or two.
  std::vector<uint64_t> keys_;
  bool may_be_name_word(uint64_t key) const;
};

size_t find_name(std::string_view text, std::string_view name);
size_t find_full_name(std::string_view text, std::string_view name);

/// A name given without consent, and the file that gives it.
struct HiddenName {
  std::string name;
  std::string declared_in;
};

/// The names of each organisation that may not be published: every name given without
/// consent (the curator, mentors, people of stories) that is not also given with consent.
class PeopleRegistry {
 public:
  void add(const std::string& org, const std::string& name, bool consent, const std::string& file);
  /// Call once every name is added.
  void finish();
  const std::vector<HiddenName>& hidden(const std::string& org) const;
  const NameMatcher* matcher(const std::string& org) const;

 private:
  std::map<std::string, std::vector<HiddenName>> hidden_;
  std::map<std::string, std::set<std::string>> consented_;
  std::map<std::string, NameMatcher> matchers_;
};

/// A story's own people: a name given without consent in the story's title, summary,
/// model, tags or results is an error at the name; in its body too; the surname alone in
/// the body is a warning (it may be a namesake).
void check_story_people(const StoryFront& story, std::string_view body, int body_first_line, FileContext& ctx);

/// Any other text of the organisation: a hidden name (of another file) in the body is an
/// error at its place; in the header fields, an error at the top of the file.
void check_hidden_names(const PeopleRegistry& people, const std::string& org, const std::string& path,
                        const std::vector<std::string>& header_texts, std::string_view body, int body_first_line, Diagnostics& diagnostics);

}  // namespace nastavnik
