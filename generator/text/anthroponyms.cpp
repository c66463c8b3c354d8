#include "text/anthroponyms.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <span>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/utf8.h"

// Written at build time by tools/anthroponyms/extract.mjs (anthroponyms_data.cpp in the
// build folder): text in pieces of whole lines, so that no string literal is too long.
namespace nastavnik::anthroponym_data {
std::span<const std::string_view> first_name_endings();
std::span<const std::string_view> first_names();
std::span<const std::string_view> petrovich_rules();
}  // namespace nastavnik::anthroponym_data

namespace nastavnik {
namespace {

void for_each_line(std::span<const std::string_view> pieces, const std::function<void(std::string_view)>& f) {
  for (std::string_view piece : pieces) {
    while (!piece.empty()) {
      size_t end = piece.find('\n');
      if (end == std::string_view::npos) end = piece.size();
      f(piece.substr(0, end));
      piece.remove_prefix(std::min(end + 1, piece.size()));
    }
  }
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    size_t at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

/// Drops the last `n` characters (not bytes) of UTF-8 `s`.
void drop_chars(std::string& s, size_t n) {
  for (; n > 0 && !s.empty(); n--) {
    while (!s.empty() && is_utf8_continuation(s.back())) s.pop_back();
    if (!s.empty()) s.pop_back();
  }
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> endings) {
  return std::any_of(endings.begin(), endings.end(), [&](std::string_view e) { return s.ends_with(e); });
}

// A form written as letters to cut from the nominative and letters to add ("1ей").
struct Ending {
  uint32_t cut = 0;
  std::string add;
};

std::vector<Ending> parse_endings(std::string_view line) {
  std::vector<Ending> endings;
  for (std::string_view token : split(line, ' ')) {
    if (token.empty()) continue;
    Ending e;
    size_t i = 0;
    while (i < token.size() && token[i] >= '0' && token[i] <= '9') e.cut = e.cut * 10 + uint32_t(token[i++] - '0');
    e.add = token.substr(i);
    endings.push_back(std::move(e));
  }
  return endings;
}

std::string apply(std::string_view nominative, const Ending& e) {
  std::string form(nominative);
  drop_chars(form, e.cut);
  form += e.add;
  return form;
}

/// Open addressing over keys held in one arena: first_name_gender runs for every word of
/// every text, so a probe is a hash and a compare or two, without allocating.
class KeyTable {
 public:
  KeyTable(const std::string& arena, size_t count) : arena_(&arena) {
    slots_.resize(std::bit_ceil(std::max<size_t>(16, count * 2)));
  }
  void add(uint32_t offset, uint32_t size, Gender g) {
    std::string_view key(arena_->data() + offset, size);
    for (size_t i = std::hash<std::string_view>{}(key) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& s = slots_[i];
      if (s.size == 0) {
        s = {offset, size, g};
        return;
      }
      if (view(s) == key) {
        s.gender = s.gender | g;
        return;
      }
    }
  }
  Gender find(std::string_view key) const {
    if (key.empty()) return Gender::Unknown;
    for (size_t i = std::hash<std::string_view>{}(key) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.size == 0) return Gender::Unknown;
      if (view(s) == key) return s.gender;
    }
  }

 private:
  struct Slot {
    uint32_t offset = 0, size = 0;
    Gender gender = Gender::Unknown;
  };
  std::string_view view(const Slot& s) const { return {arena_->data() + s.offset, s.size}; }
  const std::string* arena_;
  std::vector<Slot> slots_;
};

struct Span {
  uint32_t offset, size;
};

// OpenCorpora's first names: every form of every lexeme in one arena, lexemes sorted by
// their nominative.
struct FirstNames {
  struct Lexeme {
    uint32_t first_form, form_count;  // into forms; the first is the nominative
    Gender gender;
  };
  std::string arena;
  std::vector<Span> forms, patronymics;
  std::vector<Lexeme> lexemes;
  KeyTable by_form{arena, 0}, by_patronymic{arena, 0};

  std::string_view text(Span s) const { return {arena.data() + s.offset, s.size}; }
  std::string_view nominative(const Lexeme& l) const { return text(forms[l.first_form]); }

  FirstNames() {
    struct Pattern {
      std::vector<Ending> cases, patronymics;
    };
    std::vector<Pattern> patterns;
    for_each_line(anthroponym_data::first_name_endings(), [&](std::string_view line) {
      std::vector<std::string_view> halves = split(line, '|');
      patterns.push_back({parse_endings(halves[0]), halves.size() > 1 ? parse_endings(halves[1]) : std::vector<Ending>{}});
    });
    auto push = [&](std::vector<Span>& to, std::string_view s) {
      to.push_back({uint32_t(arena.size()), uint32_t(s.size())});
      arena += s;
    };
    arena.reserve(1 << 20);
    for_each_line(anthroponym_data::first_names(), [&](std::string_view line) {
      std::vector<std::string_view> f = split(line, ' ');  // nominative, gender, pattern
      if (f.size() != 3 || f[1].empty()) throw std::logic_error("anthroponyms: a bad line of first names");
      Gender g = f[1] == "m" ? Gender::Male : f[1] == "f" ? Gender::Female : Gender::Both;
      size_t p = std::stoul(std::string(f[2]));
      if (p >= patterns.size()) throw std::logic_error("anthroponyms: a bad line of first names");
      Lexeme l{uint32_t(forms.size()), 0, g};
      push(forms, f[0]);
      for (const Ending& e : patterns[p].cases) push(forms, apply(f[0], e));
      l.form_count = uint32_t(forms.size()) - l.first_form;
      for (const Ending& e : patterns[p].patronymics) push(patronymics, apply(f[0], e));
      lexemes.push_back(l);
    });
    std::stable_sort(lexemes.begin(), lexemes.end(),
                     [&](const Lexeme& a, const Lexeme& b) { return nominative(a) < nominative(b); });
    // The tables point into the arena, which is complete now and will not move.
    by_form = KeyTable(arena, forms.size());
    for (const Lexeme& l : lexemes)
      for (uint32_t i = l.first_form; i < l.first_form + l.form_count; i++)
        by_form.add(forms[i].offset, forms[i].size, l.gender);
    by_patronymic = KeyTable(arena, patronymics.size());
    for (Span s : patronymics)
      by_patronymic.add(s.offset, s.size, text(s).ends_with("а") ? Gender::Female : Gender::Male);
  }
  FirstNames(const FirstNames&) = delete;
  FirstNames& operator=(const FirstNames&) = delete;
};

// petrovich's rules: for each name part, exceptions (whole words) tried before suffixes;
// the first rule of the gender whose test matches gives five modifications, one per case
// after the nominative: "-" drops a letter, "." keeps the word, other letters are added.
struct Petrovich {
  struct Rule {
    Gender gender;
    bool first_word;  ///< only for the first word of a hyphenated name ("Бонч-" of Бонч-Бруевич)
    std::vector<std::string> tests;
    std::array<std::string, 5> mods;
  };
  struct RuleSet {
    std::vector<Rule> exceptions, suffixes;
  };
  std::array<RuleSet, 3> parts;  // by NamePart

  Petrovich() {
    std::string text;
    for (std::string_view piece : anthroponym_data::petrovich_rules()) text += piece;
    nlohmann::json json = nlohmann::json::parse(text);
    const char* names[] = {"firstname", "middlename", "lastname"};
    for (size_t p = 0; p < parts.size(); p++) {
      const nlohmann::json& set = json.at(names[p]);
      auto read = [&](const char* key, std::vector<Rule>& to) {
        if (!set.contains(key)) return;
        for (const nlohmann::json& r : set.at(key)) {
          std::string gender = r.at("gender").get<std::string>();
          Rule rule{gender == "male" ? Gender::Male : gender == "female" ? Gender::Female : Gender::Both, false, {}, {}};
          // The rules write Пётр with ё; words are compared as name_keys.
          for (const auto& t : r.at("test")) rule.tests.push_back(name_key(t.get<std::string>()));
          const nlohmann::json& mods = r.at("mods");
          for (size_t i = 0; i < rule.mods.size(); i++) rule.mods[i] = mods.at(i).get<std::string>();
          if (r.contains("tags"))
            for (const auto& t : r.at("tags")) rule.first_word |= t.get<std::string>() == "first_word";
          to.push_back(std::move(rule));
        }
      };
      read("exceptions", parts[p].exceptions);
      read("suffixes", parts[p].suffixes);
    }
  }

  const Rule* find(const RuleSet& set, std::string_view word, Gender g, bool first_word) const {
    for (bool whole : {true, false}) {
      for (const Rule& r : whole ? set.exceptions : set.suffixes) {
        if (!shares(r.gender, g) || (r.first_word && !first_word)) continue;
        for (const std::string& t : r.tests)
          if (whole ? word == t : word.ends_with(t)) return &r;
      }
    }
    return nullptr;
  }

  static std::string modify(std::string_view word, std::string_view mod) {
    std::string out(word);
    for (size_t i = 0; i < mod.size();) {
      size_t start = i;
      next_code_point(mod, i);
      std::string_view c = mod.substr(start, i - start);
      if (c == "-") drop_chars(out, 1);
      else if (c != ".") out += c;
    }
    return out;
  }

  /// The six cases of `key` of one gender (Male or Female); each part of a hyphenated name
  /// is declined by itself, as petrovich does.
  std::array<std::string, 6> inflect(std::string_view key, NamePart part, Gender g) const {
    std::array<std::string, 6> cases;
    std::vector<std::string_view> words = split(key, '-');
    for (size_t w = 0; w < words.size(); w++) {
      const Rule* r = find(parts[size_t(part)], words[w], g, w == 0 && words.size() > 1);
      for (size_t c = 0; c < cases.size(); c++) {
        if (w > 0) cases[c] += '-';
        cases[c] += r && c > 0 ? modify(words[w], r->mods[c - 1]) : std::string(words[w]);
      }
    }
    return cases;
  }
};

const FirstNames& first_names() {
  static const FirstNames names;
  return names;
}

const Petrovich& petrovich() {
  static const Petrovich rules;
  return rules;
}

void add_unique(std::vector<std::string>& to, std::string s) {
  if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(std::move(s));
}

}  // namespace

std::string name_key(std::string_view word) {
  std::string key;
  key.reserve(word.size());
  for (size_t i = 0; i < word.size();) {
    uint32_t c = next_code_point(word, i);
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    else if (c >= 0x410 && c <= 0x42F) c += 0x20;  // А-Я
    else if (c == 0x401 || c == 0x451) c = 0x435;   // Ё, ё → е
    else if (c >= 0x80 && !(c >= 0x430 && c <= 0x44F)) c = uint32_t(u_tolower(UChar32(c)));
    append_utf8(c, key);
  }
  return key;
}

Gender first_name_gender(std::string_view key) { return first_names().by_form.find(key); }

Gender known_patronymic_gender(std::string_view key) { return first_names().by_patronymic.find(key); }

std::vector<std::string> first_name_forms(std::string_view key, Gender g) {
  std::string k = name_key(key);
  const FirstNames& names = first_names();
  Gender wanted = g == Gender::Unknown ? Gender::Both : g;
  auto l = std::lower_bound(names.lexemes.begin(), names.lexemes.end(), k,
                            [&](const auto& lexeme, const std::string& s) { return names.nominative(lexeme) < s; });
  std::vector<std::string> forms;
  for (; l != names.lexemes.end() && names.nominative(*l) == k; ++l) {
    if (!shares(l->gender, wanted)) continue;
    if (forms.empty()) forms.push_back(k);
    for (uint32_t i = l->first_form; i < l->first_form + l->form_count; i++)
      add_unique(forms, std::string(names.text(names.forms[i])));
  }
  return forms.empty() ? decline(k, NamePart::First, g) : forms;
}

std::vector<std::string> decline(std::string_view key, NamePart part, Gender g) {
  std::string k = name_key(key);
  std::vector<std::string> forms{k};
  for (Gender one : {Gender::Male, Gender::Female}) {
    if (g != Gender::Unknown && !shares(g, one)) continue;
    for (std::string& form : petrovich().inflect(k, part, one)) add_unique(forms, std::move(form));
  }
  return forms;
}

namespace {

struct Token {
  std::string key;
  bool initial;  ///< one letter, with or without its dot
};

/// Words of letters and inner hyphens; everything else (spaces, dots, commas) separates.
std::vector<Token> name_tokens(std::string_view name) {
  std::vector<Token> tokens;
  std::string word;
  auto flush = [&] {
    while (!word.empty() && word.back() == '-') word.pop_back();
    if (!word.empty()) tokens.push_back({name_key(word), utf8_length(word) == 1});
    word.clear();
  };
  for (size_t i = 0; i < name.size();) {
    size_t start = i;
    uint32_t c = next_code_point(name, i);
    if (is_latin_or_cyrillic_letter(c) || (c == '-' && !word.empty())) word.append(name.substr(start, i - start));
    else flush();
  }
  flush();
  return tokens;
}

std::string first_letter(std::string_view key) {
  size_t i = 0;
  next_code_point(key, i);
  return std::string(key.substr(0, i));
}

bool ends_like_patronymic(std::string_view key) {
  return ends_with_any(key, {"ович", "евич", "ич", "овна", "евна", "ична"});  // -инична ends in -ична
}

/// The gender of a first name, hyphenated ones (Мария-Луиза) too when each part is one.
Gender first_name_gender_of_word(std::string_view key) {
  Gender g = Gender::Unknown;
  for (std::string_view part : split(key, '-')) {
    Gender p = first_name_gender(part);
    if (p == Gender::Unknown) return Gender::Unknown;
    if (g == Gender::Unknown) g = p;
  }
  return g;
}

Gender surname_gender(std::string_view key) {
  if (ends_with_any(key, {"ова", "ева", "ина", "ына", "ая", "яя"})) return Gender::Female;
  if (ends_with_any(key, {"ов", "ев", "ин", "ын", "ой", "ый", "ий"})) return Gender::Male;
  return Gender::Unknown;
}

}  // namespace

std::optional<PersonName> parse_person_name(std::string_view name) {
  std::vector<std::string> words, initials;
  for (Token& t : name_tokens(name)) (t.initial ? initials : words).push_back(std::move(t.key));
  const int n = int(words.size());
  std::vector<Gender> first_gender;
  for (const std::string& w : words) first_gender.push_back(first_name_gender_of_word(w));
  auto is_first = [&](int i) { return i >= 0 && i < n && first_gender[size_t(i)] != Gender::Unknown; };

  // The patronymic: a word that ends like one. Among several, one the dictionary knows,
  // then one right after a first name (Смирнова Дарья Олеговна, Дарья Олеговна Смирнова),
  // then the last. Beside a first name alone, a masculine -ич the dictionary does not know
  // is the surname: "Дмитрий Шостакович".
  int patr = -1, best = -1;
  for (int i = 0; n >= 2 && i < n; i++) {
    bool known = known_patronymic_gender(words[size_t(i)]) != Gender::Unknown;
    if (!known && !ends_like_patronymic(words[size_t(i)])) continue;
    int score = (known ? 4 : 0) + (is_first(i - 1) ? 2 : 0);
    if (score >= best) best = score, patr = i;
  }
  if (patr >= 0 && best < 4 && n == 2 && !words[size_t(patr)].ends_with("на")) patr = -1;

  // The first name stands right before the patronymic in both orders; without a
  // patronymic the first word the dictionary knows as a first name is it (Имя Фамилия).
  int first = -1;
  if (patr > 0 && is_first(patr - 1)) first = patr - 1;
  for (int i = 0; first < 0 && i < n; i++)
    if (i != patr && is_first(i)) first = i;
  if (first < 0 && patr > 0) first = patr - 1;  // a first name the dictionary lacks
  if (first < 0 && n - (patr >= 0) >= 2) {
    // Two unknown words: the one that does not end like a surname is the first name.
    std::vector<int> rest;
    for (int i = 0; i < n; i++)
      if (i != patr) rest.push_back(i);
    auto plain = std::find_if(rest.begin(), rest.end(),
                              [&](int i) { return surname_gender(words[size_t(i)]) == Gender::Unknown; });
    first = plain != rest.end() ? *plain : rest[0];
  }

  PersonName p;
  for (int i = 0; i < n; i++) {
    if (i == patr) p.middle = words[size_t(i)];
    else if (i == first) p.first = words[size_t(i)];
    else p.last += (p.last.empty() ? "" : " ") + words[size_t(i)];
  }
  if (p.last.empty() && p.first.empty() && p.middle.empty()) return std::nullopt;

  size_t next_initial = 0;
  if (!p.first.empty()) p.first_initial = first_letter(p.first);
  else if (next_initial < initials.size()) p.first_initial = initials[next_initial++];
  if (!p.middle.empty()) p.middle_initial = first_letter(p.middle);
  else if (next_initial < initials.size()) p.middle_initial = initials[next_initial++];

  if (!p.middle.empty()) {
    p.gender = known_patronymic_gender(p.middle);
    if (p.gender == Gender::Unknown) p.gender = p.middle.ends_with("на") ? Gender::Female : Gender::Male;
  }
  if (p.gender == Gender::Unknown && first >= 0) p.gender = first_gender[size_t(first)];
  if ((p.gender == Gender::Unknown || p.gender == Gender::Both) && !p.last.empty()) {
    std::string_view last = p.last;
    last = last.substr(last.find_last_of(" -") == std::string_view::npos ? 0 : last.find_last_of(" -") + 1);
    if (Gender s = surname_gender(last); s != Gender::Unknown) p.gender = s;
  }
  return p;
}

}  // namespace nastavnik
