#include "model/privacy.h"

#include <algorithm>
#include <cstdint>

namespace nastavnik {
namespace {

// Decodes the code point at s[i], advancing i.
uint32_t next_cp(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

bool is_letter(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x4FF); }

uint32_t lower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

std::vector<uint32_t> lower_cps(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) out.push_back(lower(next_cp(s, i)));
  return out;
}

struct Token {
  std::vector<uint32_t> letters;  // lower case
  size_t offset = 0;              // byte offset of the token in its text
};

std::vector<Token> tokens(std::string_view s) {
  std::vector<Token> out;
  Token current;
  for (size_t i = 0; i < s.size();) {
    size_t at = i;
    uint32_t c = next_cp(s, i);
    if (is_letter(c)) {
      if (current.letters.empty()) current.offset = at;
      current.letters.push_back(lower(c));
    } else if (!current.letters.empty()) {
      out.push_back(std::move(current));
      current = Token();
    }
  }
  if (!current.letters.empty()) out.push_back(std::move(current));
  return out;
}

// A word of a name matches a word of text exactly, or (three letters and more) with an
// inflection ending of up to three letters.
bool token_matches(const Token& name_word, const Token& text_word) {
  const auto& n = name_word.letters;
  const auto& t = text_word.letters;
  if (n.size() < 3) return n == t;
  return t.size() >= n.size() && t.size() <= n.size() + 3 && std::equal(n.begin(), n.end(), t.begin());
}

}  // namespace

size_t find_full_name(std::string_view text, std::string_view name) {
  std::vector<Token> name_words = tokens(name);
  if (name_words.empty()) return std::string_view::npos;
  std::vector<Token> words = tokens(text);
  const size_t k = name_words.size();
  for (size_t i = 0; i + k <= words.size(); ++i) {
    std::vector<bool> used(k, false);
    bool all = true;
    for (const auto& nw : name_words) {
      bool found = false;
      for (size_t j = 0; j < k && !found; ++j) {
        if (!used[j] && token_matches(nw, words[i + j])) used[j] = found = true;
      }
      if (!found) { all = false; break; }
    }
    if (all) return words[i].offset;
  }
  return std::string_view::npos;
}

std::vector<std::string> identifying_words(std::string_view name) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < name.size()) {
    size_t start = i, letters = 0;
    size_t j = i;
    while (j < name.size()) {
      size_t k = j;
      if (!is_letter(next_cp(name, k))) break;
      j = k;
      ++letters;
    }
    if (letters >= 3) out.emplace_back(name.substr(start, j - start));
    if (j == i) next_cp(name, j);
    i = j;
  }
  return out;
}

size_t find_name(std::string_view text, std::string_view name) {
  constexpr size_t kMaxEnding = 3;
  std::vector<size_t> offsets;
  std::vector<uint32_t> cps;
  for (size_t i = 0; i < text.size();) {
    offsets.push_back(i);
    cps.push_back(lower(next_cp(text, i)));
  }
  for (const auto& word : identifying_words(name)) {
    std::vector<uint32_t> w = lower_cps(word);
    for (size_t i = 0; i + w.size() <= cps.size(); ++i) {
      if (i > 0 && is_letter(cps[i - 1])) continue;
      bool match = true;
      for (size_t k = 0; k < w.size() && match; ++k) match = cps[i + k] == w[k];
      if (!match) continue;
      size_t end = i + w.size(), ending = 0;
      while (end < cps.size() && is_letter(cps[end])) { ++end; ++ending; }
      if (ending <= kMaxEnding) return offsets[i];
    }
  }
  return std::string_view::npos;
}

}  // namespace nastavnik
