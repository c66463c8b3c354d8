#include "validate/name_words.h"

#include "core/utf8.h"

namespace nastavnik {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;

// Lower case as names are compared, ё as е; 0 for a character that is no letter of a word.
inline uint32_t name_letter(uint32_t c, bool& capital) {
  capital = false;
  if (c >= 'a' && c <= 'z') return c;
  if (c >= 'A' && c <= 'Z') {
    capital = true;
    return c + 32;
  }
  if (c >= 0x430 && c <= 0x44F) return c;
  if (c >= 0x410 && c <= 0x42F) {
    capital = true;
    return c + 32;
  }
  if (c == 0x451) return 0x435;
  if (c == 0x401) {
    capital = true;
    return 0x435;
  }
  if (c >= 0x450 && c <= 0x45F) return c;
  if (c >= 0x400 && c <= 0x40F) {
    capital = true;
    return c + 0x50;
  }
  if (c == 0x491) return c;
  if (c == 0x490) {
    capital = true;
    return 0x491;
  }
  return 0;
}

inline uint32_t decode(const unsigned char* p, size_t n, size_t& i, std::string_view s) {
  if (p[i] < 0x80) return p[i++];
  if ((p[i] & 0xE0) == 0xC0 && i + 1 < n) {
    uint32_t c = ((p[i] & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
    i += 2;
    return c;
  }
  return next_code_point(s, i);
}

inline uint64_t step(uint64_t h, uint32_t c) { return (h ^ c) * kFnvPrime; }

bool is_space_gap(uint32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == '*' || c == '_' || c == '~'; }

}  // namespace

uint64_t name_hash(std::string_view word) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(word.data());
  uint64_t h = kFnvOffset;
  bool capital;
  for (size_t i = 0; i < word.size();) {
    const uint32_t c = decode(p, word.size(), i, word);
    if (uint32_t l = name_letter(c, capital)) h = step(h, l);
  }
  return h;
}

void split_name_words(std::string_view text, std::vector<NameWord>& out) {
  out.clear();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  bool capital;
  while (i < n) {
    // To the next letter; ASCII that is no letter is skipped without decoding.
    const size_t at = i;
    if (p[i] < 0x80 && !((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')) {
      ++i;
      continue;
    }
    uint32_t c = decode(p, n, i, text);
    uint32_t l = name_letter(c, capital);
    if (!l) continue;
    NameWord w;
    w.start = static_cast<uint32_t>(at);
    w.capital = capital;
    w.cyrillic = c >= 0x400;
    w.hash = step(kFnvOffset, l);
    w.letters = 1;
    while (i < n) {
      size_t next = i;
      c = decode(p, n, next, text);
      if (c == 0x301 || c == 0x300) {  // a stress mark: part of the word
        i = next;
        continue;
      }
      l = name_letter(c, capital);
      if (!l) break;
      w.hash = step(w.hash, l);
      ++w.letters;
      i = next;
    }
    w.end = static_cast<uint32_t>(i);
    out.push_back(w);
  }
}

Gap gap_between(std::string_view text, const NameWord& a, const NameWord& b) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  bool dot = false;
  int breaks = 0;
  for (size_t i = a.end; i < b.start;) {
    const uint32_t c = decode(p, b.start, i, text);
    if (c == '.') dot = true;
    else if (c == '\n') ++breaks;
    else if (!is_space_gap(c)) return Gap::Other;
  }
  if (breaks > 1) return Gap::Other;
  return dot ? Gap::Dot : Gap::Space;
}

bool starts_sentence(std::string_view text, const NameWord& w) {
  for (size_t i = w.start; i > 0; --i) {
    const unsigned char c = static_cast<unsigned char>(text[i - 1]);
    if (c == ' ' || c == '\t' || c == '*' || c == '_' || c == '"' || c == '(' || c == '[') continue;
    if (c == 0xA0 && i >= 2 && static_cast<unsigned char>(text[i - 2]) == 0xC2) {  // no-break space
      --i;
      continue;
    }
    if (c == 0xAB && i >= 2 && static_cast<unsigned char>(text[i - 2]) == 0xC2) return true;  // «
    // … and —: E2 80 A6, E2 80 94
    if ((c == 0xA6 || c == 0x94) && i >= 3 && static_cast<unsigned char>(text[i - 2]) == 0x80 &&
        static_cast<unsigned char>(text[i - 3]) == 0xE2) {
      return true;
    }
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '#' || c == '-' || c == '>';
  }
  return true;
}

}  // namespace nastavnik
