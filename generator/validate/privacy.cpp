#include "model/privacy.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/diagnostics.h"
#include "core/utf8.h"
#include "model/site.h"

namespace nastavnik {
namespace {

uint32_t lower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c == 0x451) return 0x435;  // ё is written as е as often as not
  return c;
}

using Word = WordIndex::Word;

// The words of `s`; their letters are appended to `pool`, which must not grow past the
// capacity reserved here while the words are in use.
std::vector<Word> split_words(std::string_view s, std::u32string& pool) {
  pool.clear();
  pool.reserve(s.size());  // never more letters than bytes: the views stay valid
  std::vector<Word> out;
  size_t start = 0, offset = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    size_t at = i;
    uint32_t c = next_code_point(s, i);
    if (is_latin_or_cyrillic_letter(c)) {
      if (!in_word) {
        in_word = true;
        start = pool.size();
        offset = at;
      }
      pool.push_back(static_cast<char32_t>(lower(c)));
    } else if (in_word) {
      out.push_back({std::u32string_view(pool).substr(start), offset});
      in_word = false;
    }
  }
  if (in_word) out.push_back({std::u32string_view(pool).substr(start), offset});
  return out;
}

bool is_vowel_or_soft(uint32_t c) {
  static const std::u32string endings = U"аеёиоуыэюяйь";
  return endings.find(static_cast<char32_t>(c)) != std::u32string::npos;
}

// How many letters of a name word a case form keeps: «Тимофей» → «тимофе», «Полякова» →
// «поляков», «Зайцев» as is.
size_t stem_length(std::u32string_view word) {
  return word.size() >= 4 && is_vowel_or_soft(word.back()) ? word.size() - 1 : word.size();
}

// A word of a name matches a word of text exactly (initials), or by its stem followed by a
// case ending of up to three letters. A word whose stem dropped its last letter is never
// declined down to the bare stem («Волкова» → «Волковой», «Волкову»; «Анна» → «Анны»), so
// the bare stem is another word: «Волков», a namesake, is not «Волкова».
bool word_matches(const Word& name_word, const Word& text_word) {
  const auto& n = name_word.letters;
  const auto& t = text_word.letters;
  if (n.size() < 3) return n == t;
  const size_t s = stem_length(n);
  const size_t shortest = s < n.size() ? s + 1 : s;
  return t.size() >= shortest && t.size() <= s + 3 && std::equal(n.begin(), n.begin() + static_cast<std::ptrdiff_t>(s), t.begin());
}

uint64_t prefix_key(std::u32string_view letters) {
  return (static_cast<uint64_t>(letters[0]) << 42) | (static_cast<uint64_t>(letters[1]) << 21) | letters[2];
}

}  // namespace

WordIndex::WordIndex(std::string_view text) : words_(split_words(text, pool_)) {
  for (size_t i = 0; i < words_.size(); ++i) {
    if (words_[i].letters.size() >= 3) by_prefix_[prefix_key(words_[i].letters)].push_back(i);
  }
}

// Positions of the text words `name_word` may match, ascending.
std::vector<size_t> WordIndex::candidates(const Word& name_word) const {
  if (name_word.letters.size() < 3) {
    std::vector<size_t> all;
    for (size_t i = 0; i < words_.size(); ++i) {
      if (words_[i].letters == name_word.letters) all.push_back(i);
    }
    return all;
  }
  auto it = by_prefix_.find(prefix_key(name_word.letters));
  return it == by_prefix_.end() ? std::vector<size_t>() : it->second;
}

size_t WordIndex::find_full_name(std::string_view name) const {
  std::u32string pool;
  std::vector<Word> name_words = split_words(name, pool);
  if (name_words.empty()) return std::string_view::npos;
  const size_t k = name_words.size();
  if (k > words_.size()) return std::string_view::npos;
  // Every window that holds the name holds a match of its longest word: only the windows
  // around those matches are tried, in order, so the first match is the same as a full scan's.
  const Word& anchor = *std::max_element(name_words.begin(), name_words.end(),
                                         [](const Word& a, const Word& b) { return a.letters.size() < b.letters.size(); });
  std::vector<size_t> starts;
  for (size_t p : candidates(anchor)) {
    if (!word_matches(anchor, words_[p])) continue;
    for (size_t i = p + 1 >= k ? p + 1 - k : 0; i <= p && i + k <= words_.size(); ++i) {
      if (starts.empty() || starts.back() < i) starts.push_back(i);
    }
  }
  for (size_t i : starts) {
    std::vector<bool> used(k, false);
    bool all = true;
    // Words may stand in any order («Иван Сидоров», «Сидоров Иван»), initials may not:
    // «Сорокина О.И.» is not «Сорокина И.О.».
    size_t last_initial = 0;
    bool any_initial = false;
    for (const auto& nw : name_words) {
      const bool initial = nw.letters.size() < 3;
      bool found = false;
      for (size_t j = 0; j < k && !found; ++j) {
        if (used[j] || (initial && any_initial && j <= last_initial) || !word_matches(nw, words_[i + j])) continue;
        used[j] = found = true;
        if (initial) {
          last_initial = j;
          any_initial = true;
        }
      }
      if (!found) {
        all = false;
        break;
      }
    }
    if (all) return words_[i].offset;
  }
  return std::string_view::npos;
}

size_t WordIndex::find_any_word(std::string_view name) const {
  std::u32string pool;
  for (const auto& nw : split_words(name, pool)) {
    if (nw.letters.size() < 3) continue;
    for (size_t p : candidates(nw)) {
      if (word_matches(nw, words_[p])) return words_[p].offset;
    }
  }
  return std::string_view::npos;
}

std::vector<std::string> identifying_words(std::string_view name) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < name.size()) {
    size_t start = i, letters = 0, j = i;
    while (j < name.size()) {
      size_t k = j;
      if (!is_latin_or_cyrillic_letter(next_code_point(name, k))) break;
      j = k;
      ++letters;
    }
    if (letters >= 3) out.emplace_back(name.substr(start, j - start));
    if (j == i) next_code_point(name, j);
    i = j;
  }
  return out;
}

size_t find_name(std::string_view text, std::string_view name) { return WordIndex(text).find_any_word(name); }

size_t find_full_name(std::string_view text, std::string_view name) { return WordIndex(text).find_full_name(name); }

namespace {

struct HiddenName {
  std::string name;
  std::string declared_in;  ///< the file that gives the name without consent
};

// Line and column in a file of a byte offset into a body that starts at `first_line`.
Position body_position(std::string_view body, int first_line, size_t offset) {
  Position pos{first_line, 1};
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < body.size(); ++i) {
    if (body[i] == '\n') {
      ++pos.line;
      line_start = i + 1;
    }
  }
  for (size_t i = line_start; i < offset && i < body.size(); ++i) {
    if (!is_utf8_continuation(body[i])) ++pos.column;
  }
  return pos;
}

std::string leak_message(const HiddenName& h, const std::string& where) {
  return "имя «" + h.name + "» опубликовать нельзя: в " + h.declared_in + " оно указано без согласия (consent: false), а здесь встречается в " +
         where + "; уберите имя из текста или получите письменное согласие и укажите consent: true";
}

}  // namespace

void check_hidden_names(const std::vector<Organisation>& orgs, const std::vector<Entry>& entries, Diagnostics& diagnostics) {
  std::map<std::string, std::vector<HiddenName>> hidden;  // by organisation
  std::map<std::string, std::set<std::string>> consented;
  auto note = [&](const std::string& org, const Person& p, const std::string& file) {
    if (!p.present || p.name.empty()) return;
    if (p.consent) consented[org].insert(p.name);
    else hidden[org].push_back({p.name, file});
  };
  for (const auto& org : orgs) {
    note(org.id, org.curator, org.id + "/org.yaml");
    for (const auto& m : org.mentors) note(org.id, m.person, org.id + "/mentors.yaml");
  }
  for (const auto& e : entries) {
    if (e.section != Section::Stories) continue;
    const auto& s = e.as<StoryInfo>();
    note(e.org, s.mentor, e.source_path);
    note(e.org, s.mentee, e.source_path);
  }
  for (auto& [org, names] : hidden) {
    const auto& allowed = consented[org];
    names.erase(std::remove_if(names.begin(), names.end(), [&](const HiddenName& h) { return allowed.count(h.name) > 0; }), names.end());
  }
  for (const auto& org : orgs) {
    auto it = hidden.find(org.id);
    if (it == hidden.end() || org.intro_text.empty()) continue;
    WordIndex index(org.intro_text);
    for (const auto& h : it->second) {
      if (size_t at = index.find_full_name(h.name); at != std::string_view::npos) {
        diagnostics.error(org.id + "/_index.md", body_position(org.intro_text, org.intro_first_line, at), leak_message(h, "тексте вкладки"));
      }
    }
  }
  for (const auto& e : entries) {
    if (e.draft) continue;
    auto it = hidden.find(e.org);
    if (it == hidden.end()) continue;
    std::vector<std::string> fields = {e.title, e.summary};
    fields.insert(fields.end(), e.tags.begin(), e.tags.end());
    if (e.section == Section::Stories) {
      const auto& s = e.as<StoryInfo>();
      fields.push_back(s.model);
      fields.insert(fields.end(), s.results.begin(), s.results.end());
    } else if (e.section == Section::Practices) {
      const auto& p = e.as<PracticeInfo>();
      fields.insert(fields.end(), p.results.begin(), p.results.end());
    }
    std::string front_matter_text;
    for (const auto& f : fields) front_matter_text += f + "\n";
    WordIndex body(e.body_text), header(front_matter_text);
    for (const auto& h : it->second) {
      if (h.declared_in == e.source_path) continue;  // the story's own people are checked as it loads
      if (size_t at = body.find_full_name(h.name); at != std::string_view::npos) {
        diagnostics.error(e.source_path, body_position(e.body_text, e.body_first_line, at), leak_message(h, "тексте"));
      } else if (header.find_full_name(h.name) != std::string_view::npos) {
        diagnostics.error(e.source_path, {1, 1}, leak_message(h, "заголовке, описании или полях front matter"));
      }
    }
  }
}

}  // namespace nastavnik
