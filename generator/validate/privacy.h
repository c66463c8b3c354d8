#pragma once
// 152-ФЗ: a person's name is published only with their consent, a child's only with a
// parent's. A name given without consent must reach no output in any form: any order of
// its parts, any of the six cases, initials before or after the surname, a familiar form of
// the first name, ё or е. Every text of the organisation is read for it (front matter and
// body, data files, file names), the department's against every organisation's people.
#include <cstdint>
#include <climits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostics.h"
#include "core/source_file.h"
#include "text/anthroponyms.h"
#include "validate/name_words.h"

namespace nastavnik {

/// A person whose name may not be published, and where that is said.
struct HiddenPerson {
  std::string name;         ///< as the curator wrote it
  std::string role;         ///< «наставляемого», «наставника», «куратора»…
  std::string declared_in;  ///< the file that gives the name without consent
  int line = 0;             ///< where, in that file
};

/// Finds the hidden people's names in texts, each text in one pass over its words: every
/// form of every name is looked up by the hash of the word.
class NameFinder {
 public:
  NameFinder() = default;
  explicit NameFinder(std::vector<HiddenPerson> people);

  struct Mention {
    uint32_t person;
    uint32_t start, end;  ///< bytes in the text
    bool surname_only;    ///< only the surname: maybe a namesake, a hint
  };
  /// Every place in `text` where a hidden person's name stands.
  std::vector<Mention> find(std::string_view text) const;
  /// The same in a file name or a page's address, whose words hyphens and dots separate
  /// («darya-smirnova.jpg»).
  std::vector<Mention> find_in_file_name(std::string_view name) const;

  bool empty() const { return people_.empty(); }
  const std::vector<HiddenPerson>& people() const { return people_; }

 private:
  enum Part : uint8_t { Last, First, Middle };
  struct Hit {
    uint32_t person;
    Part part;
  };
  struct Person {
    Gender gender = Gender::Unknown;
    uint64_t first_initial = 0, middle_initial = 0;  ///< name_hash of the letters; 0: none
  };
  const std::vector<Hit>* hits(uint64_t hash) const;
  bool has(const NameWord& w, uint32_t person, Part part) const;
  bool any_first_name(std::string_view text, const NameWord& w, uint32_t person) const;
  size_t match_after(std::string_view text, const std::vector<NameWord>& words, size_t i, uint32_t person) const;
  size_t match_before(std::string_view text, const std::vector<NameWord>& words, size_t i, uint32_t person) const;

  std::vector<HiddenPerson> people_;
  std::vector<Person> persons_;
  std::unordered_map<uint64_t, std::vector<Hit>> hits_;
  std::vector<uint64_t> keys_;  ///< hits_' keys in an open-addressing table (0: empty), for the many words that are no name's
};

/// The people each organisation may not name: everyone given without consent (a story's
/// mentor or mentee, the curator, an entry of mentors.yaml) whose name is not also given
/// with consent. The department's texts aggregate every organisation's: its finder holds
/// everyone's people.
class PeopleRegistry {
 public:
  void add(const std::string& org, HiddenPerson person, bool consent);
  /// Call once every name is added; `department`: the department's folder, if any.
  void finish(const std::string& department);
  const std::vector<HiddenPerson>& hidden(const std::string& org) const;
  const NameFinder* finder(const std::string& org) const;

 private:
  std::map<std::string, std::vector<HiddenPerson>> hidden_;
  std::map<std::string, std::set<std::string>> consented_;
  std::map<std::string, std::unique_ptr<NameFinder>> finders_;
};

/// The places of a file that are not read for names: where it gives people's names (the
/// value of a `name:` key, nothing else on its line) and what it says names other people.
class SkipList {
 public:
  void line(int line) { spans_.push_back({line, 1, INT32_MAX}); }
  /// A scalar `value` written at `pos` (its opening quote, if quoted).
  void value(Position pos, std::string_view value);
  bool covers(Position pos) const;

 private:
  struct Span {
    int line, from_col, to_col;
  };
  std::vector<Span> spans_;
};

/// One file read for names.
struct NameCheck {
  const SourceFile* text = nullptr;   ///< the whole file (front matter and body)
  SkipList skip;                      ///< declarations and namesakes
  std::vector<std::string> namesakes; ///< what the file says names another person («Семёнова В. П.»)
  /// Published names derived from the file (the page's address, attachments' names), each
  /// with the place that gives it.
  std::vector<std::pair<std::string, Position>> file_names;
  /// The texts of the documents the file links (a PDF order names the pupils it is
  /// about): a name there is published with the file and in its text version. Each with
  /// the file's name and the place that links it.
  struct Document {
    std::string name;
    std::shared_ptr<const std::string> text;
    Position pos;
  };
  std::vector<Document> documents;
};

/// Every hidden name in the file is an error at its place; the surname alone of a person
/// the file itself declares is a warning.
void check_names(const NameFinder& finder, const NameCheck& check, Diagnostics& diagnostics);

/// A story about a minor without consent whose name is not given: any full personal name in
/// it (a first name the dictionary knows next to a surname, or a surname with initials) is an
/// error, but for `allowed` people (the story's participants with consent) and namesakes.
void check_unnamed_people(const NameCheck& check, const std::vector<std::string>& allowed, Diagnostics& diagnostics);

/// A stamp of the people an organisation may not name: its texts are checked anew when it
/// changes.
uint64_t people_signature(const std::vector<HiddenPerson>& people);

/// The forms of `name` as namesakes are compared: name_keys of its words, initials as
/// letters, joined by spaces («Семёнова В.П.» → «семенова в п»).
std::string mention_key(std::string_view text);

}  // namespace nastavnik
