#include "validate/privacy.h"

#include <algorithm>

#include "core/diagnostics.h"
#include "core/utf8.h"

namespace nastavnik {
namespace {

constexpr size_t npos = std::string_view::npos;
using Word = NameMatcher::Word;

uint32_t lower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c == 0x451) return 0x435;  // ё is written as е as often as not
  return c;
}

// Decodes the code point at s[i] (valid UTF-8), with the common cases inline.
inline uint32_t decode_at(const unsigned char* p, size_t n, size_t& i, std::string_view s) {
  if (p[i] < 0x80) return p[i++];
  if ((p[i] == 0xD0 || p[i] == 0xD1) && i + 1 < n) {
    uint32_t c = ((p[i] & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
    i += 2;
    return c;
  }
  return next_code_point(s, i);
}

// The words of a text, found in one pass: each with its place and the key of its first
// three letters. Letters are decoded again only for the few words a name may stand in.
struct TextWords {
  struct Range {
    uint32_t start, end;  ///< bytes in the text
    uint32_t length;      ///< letters
    uint64_t key;         ///< of the first three letters, lower-case (0 when shorter)
  };
  std::string_view text;
  std::vector<Range> words;

  /// The letters of word i, lower-case, into `buffer`.
  std::u32string_view letters(size_t i, std::u32string& buffer) const {
    buffer.clear();
    const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
    for (size_t j = words[i].start; j < words[i].end;) buffer.push_back(static_cast<char32_t>(lower(decode_at(p, words[i].end, j, text))));
    return buffer;
  }
};

void split_words(std::string_view s, TextWords& out) {
  out.text = s;
  out.words.clear();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  for (;;) {
    // To the start of the next word: letters are ASCII ones or two-byte Cyrillic (D0–D3);
    // everything else separates words (other scripts' letters never match a name).
    uint32_t c = 0;
    size_t at = i;
    for (; i < n; ++i) {
      const unsigned char b = p[i];
      if (static_cast<unsigned char>((b | 0x20) - 'a') < 26) {
        c = b;
        at = i++;
        break;
      }
      if (b >= 0xD0 && b <= 0xD3 && i + 1 < n) {
        c = ((b & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
        at = i;
        i += 2;
        break;
      }
    }
    if (!c) break;
    // The word: its first three letters make its key.
    uint64_t key = lower(c);
    uint32_t length = 1;
    for (; i < n; ++length) {
      const unsigned char b = p[i];
      if (static_cast<unsigned char>((b | 0x20) - 'a') < 26) {
        c = b;
        ++i;
      } else if (b >= 0xD0 && b <= 0xD3 && i + 1 < n) {
        c = ((b & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
        i += 2;
      } else {
        break;
      }
      if (length < 3) key = (key << 21) | lower(c);
    }
    out.words.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(i), length, length >= 3 ? key : 0});
  }
}

std::vector<Word> words_of(std::string_view s) {
  TextWords t;
  split_words(s, t);
  std::vector<Word> out;
  std::u32string buffer;
  for (size_t i = 0; i < t.words.size(); ++i) out.push_back({std::u32string(t.letters(i, buffer)), t.words[i].start});
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
bool word_matches(const Word& name_word, std::u32string_view t) {
  const auto& n = name_word.letters;
  if (n.size() < 3) return n == t;
  const size_t s = stem_length(n);
  const size_t shortest = s < n.size() ? s + 1 : s;
  return t.size() >= shortest && t.size() <= s + 3 && std::equal(n.begin(), n.begin() + static_cast<std::ptrdiff_t>(s), t.begin());
}

uint64_t prefix_key(std::u32string_view letters) {
  return (static_cast<uint64_t>(letters[0]) << 42) | (static_cast<uint64_t>(letters[1]) << 21) | letters[2];
}

// Whether the name's words fill the window of words starting at `start`: words in any
// order («Иван Сидоров», «Сидоров Иван»), initials in theirs («Сорокина О.И.» is not
// «Сорокина И.О.»).
bool fills_window(const std::vector<Word>& name, const TextWords& text, size_t start) {
  const size_t k = name.size();
  thread_local std::u32string buffer;
  bool used[16] = {};
  size_t last_initial = 0;
  bool any_initial = false;
  for (const auto& nw : name) {
    const bool initial = nw.letters.size() < 3;
    bool found = false;
    for (size_t j = 0; j < k && !found; ++j) {
      if (used[j] || (initial && any_initial && j <= last_initial) || !word_matches(nw, text.letters(start + j, buffer))) continue;
      used[j] = found = true;
      if (initial) {
        last_initial = j;
        any_initial = true;
      }
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

NameMatcher::NameMatcher(const std::vector<std::string>& names) {
  for (uint32_t i = 0; i < names.size(); ++i) {
    Name name;
    name.words = words_of(names[i]);
    // More words than a window can hold are not a person's name.
    if (name.words.empty() || name.words.size() > 16) {
      names_.push_back(std::move(name));
      continue;
    }
    for (size_t w = 0; w < name.words.size(); ++w) {
      if (name.words[w].letters.size() > name.words[name.anchor].letters.size()) name.anchor = w;
      if (name.words[w].letters.size() >= 3) by_prefix_[prefix_key(name.words[w].letters)].emplace_back(i, static_cast<uint32_t>(w));
    }
    if (name.words[name.anchor].letters.size() < 3) short_anchored_.push_back(i);
    names_.push_back(std::move(name));
  }
  size_t slots = 16;
  while (slots < by_prefix_.size() * 4) slots *= 2;
  keys_.assign(slots, 0);
  for (const auto& [key, words] : by_prefix_) {
    size_t at = (key * 0x9E3779B97F4A7C15ull) >> 40;
    while (keys_[at & (slots - 1)] != 0) ++at;
    keys_[at & (slots - 1)] = key;
  }
}

bool NameMatcher::may_be_name_word(uint64_t key) const {
  const size_t mask = keys_.size() - 1;
  for (size_t at = (key * 0x9E3779B97F4A7C15ull) >> 40;; ++at) {
    const uint64_t k = keys_[at & mask];
    if (k == key) return true;
    if (k == 0) return false;
  }
}

void NameMatcher::scan(std::string_view text, bool full, std::vector<size_t>& out) const {
  out.assign(names_.size(), npos);
  if (names_.empty()) return;
  thread_local TextWords words;
  split_words(text, words);
  const size_t count = words.words.size();
  auto found = [&](uint32_t name, size_t at) {
    if (out[name] == npos || at < out[name]) out[name] = at;
  };
  // Tries the windows around position p, where the anchor word of `name` matched.
  auto try_windows = [&](uint32_t name, size_t p) {
    const auto& nw = names_[name].words;
    const size_t k = nw.size();
    if (k > count) return;
    for (size_t start = p + 1 >= k ? p + 1 - k : 0; start <= p && start + k <= count; ++start) {
      if (fills_window(nw, words, start)) {
        found(name, words.words[start].start);
        return;
      }
    }
  };
  thread_local std::u32string buffer;
  for (size_t p = 0; p < count; ++p) {
    const TextWords::Range& range = words.words[p];
    if (range.key != 0 && may_be_name_word(range.key)) {
      auto it = by_prefix_.find(range.key);
      if (it != by_prefix_.end()) {
        const std::u32string_view w = words.letters(p, buffer);
        for (const auto& [name, word] : it->second) {
          if (!word_matches(names_[name].words[word], w)) continue;
          if (!full) found(name, range.start);
          else if (word == names_[name].anchor) try_windows(name, p);
        }
      }
    }
    if (full && !short_anchored_.empty() && range.length < 3) {
      const std::u32string_view w = words.letters(p, buffer);
      for (uint32_t name : short_anchored_) {
        if (word_matches(names_[name].words[names_[name].anchor], w)) try_windows(name, p);
      }
    }
  }
}

std::vector<size_t> NameMatcher::first_full(std::string_view text) const {
  std::vector<size_t> out;
  scan(text, true, out);
  return out;
}

std::vector<size_t> NameMatcher::first_word(std::string_view text) const {
  std::vector<size_t> out;
  scan(text, false, out);
  return out;
}

size_t find_name(std::string_view text, std::string_view name) { return NameMatcher({std::string(name)}).first_word(text)[0]; }

size_t find_full_name(std::string_view text, std::string_view name) {
  return NameMatcher({std::string(name)}).first_full(text)[0];
}

namespace {

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

void PeopleRegistry::add(const std::string& org, const std::string& name, bool consent, const std::string& file) {
  if (name.empty()) return;
  if (consent) consented_[org].insert(name);
  else hidden_[org].push_back({name, file});
}

void PeopleRegistry::finish() {
  for (auto& [org, names] : hidden_) {
    const auto& allowed = consented_[org];
    names.erase(std::remove_if(names.begin(), names.end(), [&](const HiddenName& h) { return allowed.count(h.name) > 0; }), names.end());
    std::vector<std::string> plain;
    for (const auto& h : names) plain.push_back(h.name);
    matchers_.emplace(org, NameMatcher(plain));
  }
}

const std::vector<HiddenName>& PeopleRegistry::hidden(const std::string& org) const {
  static const std::vector<HiddenName> none;
  auto it = hidden_.find(org);
  return it == hidden_.end() ? none : it->second;
}

const NameMatcher* PeopleRegistry::matcher(const std::string& org) const {
  auto it = matchers_.find(org);
  return it == matchers_.end() ? nullptr : &it->second;
}

void check_story_people(const StoryFront& story, std::string_view body, int body_first_line, FileContext& ctx) {
  auto check = [&](const Field<PersonRecord>& person, const char* role) {
    const PersonRecord& p = person.value;
    if (!person.present || p.consent.value || p.name.value.empty()) return;
    const NameMatcher matcher({p.name.value});
    std::vector<std::pair<std::string, std::string>> texts = {
        {story.title.value, "заголовке"}, {story.summary.value, "поле summary"}, {story.model.value, "поле model"}};
    for (const auto& tag : story.tags.value) texts.push_back({tag.value, "метках tags"});
    for (const auto& r : story.results.value) texts.push_back({r.value, "результатах results"});
    const std::string fix = "; уберите имя из текста или укажите consent: true при наличии письменного согласия";
    for (const auto& [text, where] : texts) {
      if (matcher.first_full(text)[0] != npos) {
        ctx.error(p.name.pos, std::string("имя ") + role + " указано без согласия (consent: false), но встречается в " + where + fix);
        return;
      }
    }
    auto line_of = [&](size_t at) { return std::to_string(body_position(body, body_first_line, at).line); };
    if (size_t at = matcher.first_full(body)[0]; at != npos) {
      ctx.error(p.name.pos, std::string("имя ") + role + " указано без согласия (consent: false), но встречается в тексте истории (строка " +
                                line_of(at) + ")" + fix);
    } else if (size_t at = matcher.first_word(body)[0]; at != npos) {
      ctx.warning(p.name.pos, std::string("фамилия или имя ") + role + ", указанного без согласия, встречается в тексте истории (строка " +
                                  line_of(at) + "); если это тот же человек, уберите упоминание");
    }
  };
  check(story.mentor, "наставника");
  check(story.mentee, "наставляемого");
}

void check_hidden_names(const PeopleRegistry& people, const std::string& org, const std::string& path,
                        const std::vector<std::string>& header_texts, std::string_view body, int body_first_line, Diagnostics& diagnostics) {
  const NameMatcher* matcher = people.matcher(org);
  if (!matcher || matcher->size() == 0) return;
  const auto& names = people.hidden(org);
  std::string header;
  for (const auto& t : header_texts) header += t + "\n";
  const std::vector<size_t> in_body = matcher->first_full(body);
  const std::vector<size_t> in_header = matcher->first_full(header);
  for (size_t i = 0; i < names.size(); ++i) {
    const HiddenName& h = names[i];
    if (h.declared_in == path) continue;  // a story's own people: check_story_people
    if (in_body[i] != npos) {
      diagnostics.error(path, body_position(body, body_first_line, in_body[i]), leak_message(h, "тексте"));
    } else if (in_header[i] != npos) {
      diagnostics.error(path, {1, 1}, leak_message(h, "заголовке, описании или полях front matter"));
    }
  }
}

}  // namespace nastavnik
