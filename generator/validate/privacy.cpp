#include "validate/privacy.h"

#include <algorithm>

#include "core/utf8.h"
#include "read/content_source.h"
#include "text/slug.h"

namespace nastavnik {
namespace {

constexpr size_t npos = SIZE_MAX;

std::string_view word_text(std::string_view text, const NameWord& w) { return text.substr(w.start, w.end - w.start); }

bool is_initial(const NameWord& w) { return w.letters == 1 && w.capital; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A patronymic by its ending (an adult named with one is another person than a child).
bool is_patronymic(std::string_view key) {
  for (std::string_view end : {"ович", "евич", "овна", "евна", "ична", "инична", "ич"}) {
    if (ends_with(key, end)) return true;
  }
  return false;
}

// A word that ends like most Russian surnames: at the start of a sentence a capital says
// nothing, so only such a word counts there as a surname.
bool looks_like_surname(std::string_view key) {
  for (std::string_view end : {"ов", "ев", "ин", "ын", "ова", "ева", "ина", "ына", "ский", "ская", "цкий", "цкая", "ой", "ая", "ко",
                               "ук", "юк", "ых", "их", "ян", "ец", "ич"}) {
    if (ends_with(key, end)) return true;
  }
  return false;
}

std::string role_phrase(const HiddenPerson& p) { return "имя " + p.role + " " + p.declared_in; }

std::string in_quotes(std::string_view s) { return "«" + std::string(s) + "»"; }

std::string namesakes_hint(std::string_view mention) {
  return "Если здесь назван другой человек с тем же именем, добавьте в этот файл поле namesakes: [\"" + std::string(mention) +
         "\"] — так проверяющий увидит в запросе на слияние, что это не тот человек.";
}

// What a file says names other people: a mention is let through when a statement names it
// in any form («Семёнова В. П.» stated, «Семёновой В. П.» written).
class NamesakeStatements {
 public:
  NamesakeStatements(const std::vector<std::string>& statements, std::string_view text) {
    if (statements.empty()) return;
    std::vector<HiddenPerson> people;
    for (const auto& s : statements) {
      keys_.insert(mention_key(s));
      people.push_back({s, "", "", 0});
    }
    for (const auto& m : NameFinder(std::move(people)).find(text)) {
      if (!m.surname_only) places_.emplace_back(m.start, m.end);
    }
  }
  bool cover(std::string_view said, uint32_t start, uint32_t end) const {
    if (keys_.empty()) return false;
    for (const auto& [from, to] : places_) {
      if (from <= start && end <= to + 1) return true;
    }
    return keys_.count(mention_key(said)) > 0;
  }

 private:
  std::set<std::string> keys_;
  std::vector<std::pair<uint32_t, uint32_t>> places_;
};

}  // namespace

std::string mention_key(std::string_view text) {
  std::vector<NameWord> words;
  split_name_words(text, words);
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += name_key(word_text(text, w));
  }
  return out;
}

// ------------------------------------------------------------------ NameFinder --

NameFinder::NameFinder(std::vector<HiddenPerson> people) : people_(std::move(people)) {
  persons_.resize(people_.size());
  for (uint32_t p = 0; p < people_.size(); ++p) {
    std::optional<PersonName> name = parse_person_name(people_[p].name);
    if (!name) continue;
    Person& person = persons_[p];
    person.gender = name->gender;
    if (!name->first_initial.empty()) person.first_initial = name_hash(name->first_initial);
    if (!name->middle_initial.empty()) person.middle_initial = name_hash(name->middle_initial);
    auto add = [&](const std::vector<std::string>& forms, Part part, bool latin) {
      for (const auto& form : forms) {
        hits_[name_hash(form)].push_back({p, part});
        // The same name in Latin letters: a page address, a file name, an English text.
        if (latin) hits_[name_hash(slugify(form))].push_back({p, part});
      }
    };
    // A double surname (Петрова-Водкина) is two words in a text: each part is declined.
    size_t from = 0;
    while (from < name->last.size()) {
      size_t dash = name->last.find('-', from);
      if (dash == std::string::npos) dash = name->last.size();
      if (dash > from) add(decline(std::string_view(name->last).substr(from, dash - from), NamePart::Last, name->gender), Last, true);
      from = dash + 1;
    }
    if (!name->first.empty()) add(first_name_forms(name->first, name->gender), First, true);
    if (!name->middle.empty()) add(decline(name->middle, NamePart::Middle, name->gender), Middle, false);
  }
  for (auto& [hash, list] : hits_) {
    std::sort(list.begin(), list.end(), [](const Hit& a, const Hit& b) { return a.person != b.person ? a.person < b.person : a.part < b.part; });
    list.erase(std::unique(list.begin(), list.end(), [](const Hit& a, const Hit& b) { return a.person == b.person && a.part == b.part; }),
               list.end());
  }
  size_t slots = 16;
  while (slots < hits_.size() * 4) slots *= 2;
  keys_.assign(slots, 0);
  for (const auto& [hash, list] : hits_) {
    const uint64_t key = hash ? hash : 1;
    size_t at = key >> 40;
    while (keys_[at & (slots - 1)] != 0) ++at;
    keys_[at & (slots - 1)] = key;
  }
}

const std::vector<NameFinder::Hit>* NameFinder::hits(uint64_t hash) const {
  if (keys_.empty()) return nullptr;
  const uint64_t key = hash ? hash : 1;
  const size_t mask = keys_.size() - 1;
  for (size_t at = key >> 40;; ++at) {
    const uint64_t k = keys_[at & mask];
    if (k == 0) return nullptr;
    if (k == key) break;
  }
  auto it = hits_.find(hash);
  return it == hits_.end() ? nullptr : &it->second;
}

bool NameFinder::has(const NameWord& w, uint32_t person, Part part) const {
  const std::vector<Hit>* list = hits(w.hash);
  if (!list) return false;
  return std::any_of(list->begin(), list->end(), [&](const Hit& h) { return h.person == person && h.part == part; });
}

// Any first name of the person's gender, written with a capital: familiar forms (Даша,
// Шурик) are first names of their own in the dictionary, not linked to the full name.
bool NameFinder::any_first_name(std::string_view text, const NameWord& w, uint32_t person) const {
  if (!w.capital || !w.cyrillic || w.letters < 2) return false;
  const Gender g = first_name_gender(name_key(word_text(text, w)));
  if (g == Gender::Unknown) return false;
  const Gender own = persons_[person].gender;
  return own == Gender::Unknown || shares(g, own);
}

// The name around the surname at words[i]: what follows it (first name and patronymic, or
// initials), the last word's index, or npos.
size_t NameFinder::match_after(std::string_view text, const std::vector<NameWord>& words, size_t i, uint32_t person) const {
  const Person& p = persons_[person];
  const size_t j = i + 1;
  if (j >= words.size() || gap_between(text, words[i], words[j]) != Gap::Space) return npos;
  if (is_initial(words[j])) {
    if (p.first_initial == 0 || words[j].hash != p.first_initial) return npos;
    if (j + 1 < words.size() && is_initial(words[j + 1]) && p.middle_initial != 0 && words[j + 1].hash == p.middle_initial &&
        gap_between(text, words[j], words[j + 1]) != Gap::Other) {
      return j + 1;
    }
    return j;
  }
  const bool own = has(words[j], person, First);
  if (!own && !any_first_name(text, words[j], person)) return npos;
  if (j + 1 < words.size() && gap_between(text, words[j], words[j + 1]) == Gap::Space) {
    if (has(words[j + 1], person, Middle)) return j + 1;
    // «Смирнова Анна Петровна»: another first name with another patronymic is an adult
    // namesake, not the child.
    if (!own && words[j + 1].capital && is_patronymic(name_key(word_text(text, words[j + 1])))) return npos;
  }
  return j;
}

// What stands before the surname at words[i]: the first word's index, or npos.
size_t NameFinder::match_before(std::string_view text, const std::vector<NameWord>& words, size_t i, uint32_t person) const {
  if (i == 0) return npos;
  const Person& p = persons_[person];
  const size_t j = i - 1;
  const Gap gap = gap_between(text, words[j], words[i]);
  if (gap == Gap::Other) return npos;
  if (is_initial(words[j])) {
    if (p.middle_initial != 0 && words[j].hash == p.middle_initial && j >= 1 && is_initial(words[j - 1]) &&
        words[j - 1].hash == p.first_initial && gap_between(text, words[j - 1], words[j]) != Gap::Other) {
      return j - 1;
    }
    if (p.first_initial != 0 && words[j].hash == p.first_initial) return j;
    return npos;
  }
  if (gap != Gap::Space) return npos;
  if (has(words[j], person, Middle) && j >= 1 && gap_between(text, words[j - 1], words[j]) == Gap::Space &&
      (has(words[j - 1], person, First) || any_first_name(text, words[j - 1], person))) {
    return j - 1;
  }
  if (has(words[j], person, First) || any_first_name(text, words[j], person)) return j;
  return npos;
}

std::vector<NameFinder::Mention> NameFinder::find(std::string_view text) const {
  std::vector<Mention> out;
  if (hits_.empty()) return out;
  thread_local std::vector<NameWord> words;
  split_name_words(text, words);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::vector<Hit>* list = hits(words[i].hash);
    if (!list) continue;
    for (const Hit& h : *list) {
      if (h.part != Last) continue;
      const size_t after = match_after(text, words, i, h.person);
      const size_t before = match_before(text, words, i, h.person);
      const bool full = after != npos || before != npos;
      // The surname alone is a hint only in Cyrillic: in Latin letters it is mostly a file's
      // name (shirokov.jpg) that is not published.
      if (!full && !words[i].cyrillic) continue;
      const NameWord& last = words[after != npos ? after : i];
      // An initial's dot is part of the name («Смирнова Д. О.»).
      const uint32_t end = last.end + (is_initial(last) && last.end < text.size() && text[last.end] == '.' ? 1 : 0);
      out.push_back({h.person, words[before != npos ? before : i].start, end, !full});
    }
  }
  // One mention per place: a full name over the surname alone of the same person.
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) {
    return a.person != b.person ? a.person < b.person : a.start != b.start ? a.start < b.start : a.surname_only < b.surname_only;
  });
  std::vector<Mention> kept;
  for (const Mention& m : out) {
    if (!kept.empty() && kept.back().person == m.person && m.start < kept.back().end) continue;
    kept.push_back(m);
  }
  std::sort(kept.begin(), kept.end(), [](const Mention& a, const Mention& b) { return a.start != b.start ? a.start < b.start : a.person < b.person; });
  return kept;
}

std::vector<NameFinder::Mention> NameFinder::find_in_file_name(std::string_view name) const {
  std::string spaced(name);
  for (char& c : spaced) {
    if (c == '-' || c == '_' || c == '.') c = ' ';
  }
  return find(spaced);
}

// -------------------------------------------------------------- PeopleRegistry --

void PeopleRegistry::add(const std::string& org, HiddenPerson person, bool consent) {
  if (person.name.empty()) return;
  if (consent) consented_[org].insert(mention_key(person.name));
  else hidden_[org].push_back(std::move(person));
}

void PeopleRegistry::finish(const std::string& department) {
  std::vector<HiddenPerson> everyone;
  for (auto& [org, people] : hidden_) {
    const auto& allowed = consented_[org];
    std::set<std::string> seen;
    std::vector<HiddenPerson> kept;
    for (auto& p : people) {
      const std::string key = mention_key(p.name);
      if (allowed.count(key) || !seen.insert(key).second) continue;
      kept.push_back(std::move(p));
    }
    people = std::move(kept);
    if (org != department) everyone.insert(everyone.end(), people.begin(), people.end());
  }
  if (!department.empty()) {
    auto& own = hidden_[department];
    everyone.insert(everyone.end(), own.begin(), own.end());
    own = std::move(everyone);
  }
  for (const auto& [org, people] : hidden_) {
    if (!people.empty()) finders_[org] = std::make_unique<NameFinder>(people);
  }
}

const std::vector<HiddenPerson>& PeopleRegistry::hidden(const std::string& org) const {
  static const std::vector<HiddenPerson> none;
  auto it = hidden_.find(org);
  return it == hidden_.end() ? none : it->second;
}

const NameFinder* PeopleRegistry::finder(const std::string& org) const {
  auto it = finders_.find(org);
  return it == finders_.end() ? nullptr : it->second.get();
}

uint64_t people_signature(const std::vector<HiddenPerson>& people) {
  uint64_t s = people.size();
  for (const auto& p : people) s = mix(mix(mix(s, std::hash<std::string>()(p.name)), std::hash<std::string>()(p.declared_in)), p.line);
  return s;
}

// ---------------------------------------------------------------------- checks --

void SkipList::value(Position pos, std::string_view value) {
  // Quotes around the value and the characters in it (columns count characters).
  spans_.push_back({pos.line, pos.column, pos.column + int(utf8_length(value)) + 2});
}

bool SkipList::covers(Position pos) const {
  for (const Span& s : spans_) {
    if (s.line == pos.line && s.from_col <= pos.column && pos.column <= s.to_col) return true;
  }
  return false;
}

void check_names(const NameFinder& finder, const NameCheck& check, Diagnostics& diagnostics) {
  if (finder.empty()) return;
  const SourceFile& file = *check.text;
  const NamesakeStatements namesakes(check.namesakes, file.text());
  std::set<std::pair<uint32_t, int>> reported;  // (person, line): one message per line
  std::set<uint32_t> hinted;
  for (const auto& m : finder.find(file.text())) {
    const Position pos = file.position_of(m.start);
    if (check.skip.covers(pos)) continue;
    const std::string_view said = std::string_view(file.text()).substr(m.start, m.end - m.start);
    if (namesakes.cover(said, m.start, m.end)) continue;
    const HiddenPerson& person = finder.people()[m.person];
    if (m.surname_only) {
      // The surname alone may be a namesake's: a hint in the file that names the person.
      if (person.declared_in == file.path() && hinted.insert(m.person).second) {
        diagnostics.warning(file.path(), pos,
                            in_quotes(said) + " — фамилия " + person.role + " " + person.declared_in +
                                ", указанного без согласия на публикацию (consent: false); если здесь тот же человек, уберите фамилию и напишите роль. " +
                                namesakes_hint(said));
      }
      continue;
    }
    if (!reported.insert({m.person, pos.line}).second) continue;
    diagnostics.error(file.path(), pos,
                      in_quotes(said) + " — " + role_phrase(person) +
                          ": согласия на публикацию нет (consent: false), поэтому имя не публикуется ни в какой форме — ни в другом падеже, "
                          "ни с инициалами, ни в уменьшительной форме. Напишите вместо имени роль (например, «наставляемая, ученица 7 класса») "
                          "или, если есть письменное согласие (за несовершеннолетнего — законного представителя), укажите consent: true в " +
                          person.declared_in + ". " + namesakes_hint(said));
  }
  for (const auto& d : check.documents) {
    std::set<uint32_t> named;
    const NamesakeStatements statements(check.namesakes, *d.text);
    for (const auto& m : finder.find(*d.text)) {
      if (m.surname_only || !named.insert(m.person).second) continue;
      const std::string_view said = std::string_view(*d.text).substr(m.start, m.end - m.start);
      if (statements.cover(said, m.start, m.end)) continue;
      const HiddenPerson& person = finder.people()[m.person];
      diagnostics.error(file.path(), d.pos,
                        "в тексте файла " + in_quotes(d.name) + " стоит " + in_quotes(said) + " — " + role_phrase(person) +
                            ", а согласия на публикацию нет (consent: false); файл публикуется целиком, и его текст показывается на странице. "
                            "Уберите имя из документа — напишите вместо него роль, инициалы тоже нельзя — и загрузите файл заново "
                            "или, если есть письменное согласие (за несовершеннолетнего — законного представителя), укажите consent: true в " +
                            person.declared_in + ". " + namesakes_hint(said));
    }
  }
  for (const auto& [name, pos] : check.file_names) {
    for (const auto& m : finder.find_in_file_name(name)) {
      if (m.surname_only) continue;
      // Written in the text as it is, the name is already reported there.
      if (reported.count({m.person, pos.line})) break;
      const HiddenPerson& person = finder.people()[m.person];
      const bool latin = std::none_of(name.begin(), name.end(), [](char c) { return (unsigned char)c >= 0x80; });
      diagnostics.error(file.path(), pos,
                        "в имени файла или адресе страницы " + in_quotes(name) + " стоит " + role_phrase(person) +
                            (latin ? " (в латинской записи)" : "") + ", а согласия на публикацию нет (consent: false); переименуйте файл так, чтобы в имени не было имени человека");
      break;
    }
  }
}

void check_unnamed_people(const NameCheck& check, const std::vector<std::string>& allowed, Diagnostics& diagnostics) {
  const SourceFile& file = *check.text;
  const std::string_view text = file.text();
  std::vector<HiddenPerson> participants;
  for (const auto& name : allowed) participants.push_back({name, "", "", 0});
  const NameFinder allowed_finder(participants);
  const std::vector<NameFinder::Mention> allowed_places = allowed_finder.find(text);
  const NamesakeStatements namesakes(check.namesakes, text);
  std::vector<NameWord> words;
  split_name_words(text, words);
  auto key = [&](size_t k) { return name_key(word_text(text, words[k])); };
  auto is_first = [&](size_t k) { return words[k].capital && words[k].cyrillic && first_name_gender(key(k)) != Gender::Unknown; };
  // A capitalised word that can be a surname: no first name, no patronymic; at the start
  // of a sentence only one that ends like a surname.
  auto surname = [&](size_t k) {
    if (!words[k].capital || !words[k].cyrillic || words[k].letters < 2) return false;
    const std::string k_key = key(k);
    if (first_name_gender(k_key) != Gender::Unknown || is_patronymic(k_key)) return false;
    return !starts_sentence(text, words[k]) || looks_like_surname(k_key);
  };
  auto dotted_initial = [&](size_t k) { return is_initial(words[k]) && words[k].end < text.size() && text[words[k].end] == '.'; };
  std::set<int> reported;
  auto report = [&](size_t first, size_t last) {
    const uint32_t start = words[first].start;
    const uint32_t end = words[last].end + (dotted_initial(last) ? 1 : 0);
    const Position pos = file.position_of(start);
    if (check.skip.covers(pos) || reported.count(pos.line)) return;
    for (const auto& m : allowed_places) {
      if (m.start < end && start < m.end) return;
    }
    const std::string_view said = text.substr(start, end - start);
    if (namesakes.cover(said, start, end)) return;
    reported.insert(pos.line);
    diagnostics.error(file.path(), pos,
                      in_quotes(said) + " похоже на имя человека, а в истории участвует несовершеннолетний без согласия на публикацию, чьё имя не указано: "
                                     "проверка не может отличить его имя от других и не пропускает ни одного полного имени. Если это имя участника, "
                                     "уберите его и напишите роль («наставляемый, ученик 8 класса»). " +
                          namesakes_hint(said));
  };
  for (size_t i = 0; i < words.size(); ++i) {
    if (is_first(i)) {
      if (i + 1 < words.size() && gap_between(text, words[i], words[i + 1]) == Gap::Space && surname(i + 1)) report(i, i + 1);
      else if (i >= 1 && gap_between(text, words[i - 1], words[i]) == Gap::Space && surname(i - 1)) report(i - 1, i);
      continue;
    }
    if (!surname(i)) continue;
    // Смирнова Д. О. / Д. О. Смирнова
    if (i + 1 < words.size() && dotted_initial(i + 1) && gap_between(text, words[i], words[i + 1]) == Gap::Space) {
      report(i, i + 2 < words.size() && dotted_initial(i + 2) ? i + 2 : i + 1);
    } else if (i >= 1 && dotted_initial(i - 1) && gap_between(text, words[i - 1], words[i]) != Gap::Other) {
      report(i >= 2 && dotted_initial(i - 2) ? i - 2 : i - 1, i);
    }
  }
}

}  // namespace nastavnik
