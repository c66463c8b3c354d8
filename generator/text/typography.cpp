#include "text/typography.h"

#include <cstdint>
#include <vector>

namespace nastavnik {
namespace {

constexpr std::string_view kNbsp = "\u00A0";

std::vector<uint32_t> decode(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void encode(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_letter(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x4FF);
}
bool is_space(uint32_t c) { return c == ' ' || c == '\t' || c == '\n'; }

bool opens_word(uint32_t c) { return c == 0xAB || c == 0x201E || c == '(' || c == '[' || c == '"' || c == 0x201C; }

}  // namespace

std::string typograph(std::string_view text) {
  TypographState state;
  return typograph(text, state);
}

std::string typograph(std::string_view text, TypographState& state) {
  std::vector<uint32_t> cps = decode(text);
  const size_t n = cps.size();
  // Straight double quotes become «ёлочки», and „лапки“ at the second level.
  int& depth = state.quote_depth;
  for (size_t i = 0; i < n; ++i) {
    if (cps[i] != '"') continue;
    uint32_t before = i > 0 ? cps[i - 1] : state.previous;
    bool opening = before == 0 || is_space(before) || before == '(' || before == 0xA0 || before == 0xAB ||
                   before == 0x201E || before == '-' || before == 0x2014;
    if (opening) {
      cps[i] = depth == 0 ? 0xAB : 0x201E;
      ++depth;
    } else {
      depth = depth > 0 ? depth - 1 : 0;
      cps[i] = depth == 0 ? 0xBB : 0x201C;
    }
  }
  std::string out;
  out.reserve(text.size() + 16);
  size_t& word_length = state.word_length;
  for (size_t i = 0; i < n; ++i) {
    uint32_t c = cps[i];
    if (c == ' ') {
      uint32_t next = i + 1 < n ? cps[i + 1] : 0;
      uint32_t after = i + 2 < n ? cps[i + 2] : 0;
      // " - " and " – " between words: an em dash, glued to the word before.
      if ((next == '-' || next == 0x2013 || next == 0x2014) && (after == ' ' || after == 0)) {
        out += kNbsp;
        encode(0x2014, out);
        i += 1;
        word_length = 0;
        continue;
      }
      if (word_length >= 1 && word_length <= 2 && i + 1 < n && !is_space(next)) {
        out += kNbsp;
        word_length = 0;
        continue;
      }
      out += ' ';
      word_length = 0;
      continue;
    }
    if (c == 0x2116) {  // «№»: always followed by a non-breaking space before the number
      encode(c, out);
      if (i + 1 < n && cps[i + 1] == ' ') {
        out += kNbsp;
        ++i;
      } else if (i + 1 < n && cps[i + 1] >= '0' && cps[i + 1] <= '9') {
        out += kNbsp;
      }
      word_length = 0;
      continue;
    }
    if (is_letter(c)) {
      ++word_length;
    } else {
      // After a space or an opening bracket or quote a new word starts; after digits or
      // other punctuation the next letters are not a short word of their own.
      word_length = is_space(c) || c == 0xA0 || opens_word(c) ? 0 : 99;
    }
    encode(c, out);
  }
  if (n > 0) state.previous = cps[n - 1];
  return out;
}

}  // namespace nastavnik
