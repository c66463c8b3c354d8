#include "text/typography.h"

#include <cstdint>

#include "core/utf8.h"

namespace nastavnik {
namespace {

constexpr std::string_view kNbsp = "\u00A0";

bool is_space(uint32_t c) { return c == ' ' || c == '\t' || c == '\n'; }

bool opens_word(uint32_t c) { return c == 0xAB || c == 0x201E || c == '(' || c == '[' || c == '"' || c == 0x201C; }

// The code point at s[i] and its length; text reaching typography is valid UTF-8.
inline uint32_t peek(std::string_view s, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  size_t j = i;
  uint32_t cp = next_code_point(s, j);
  len = j - i;
  return cp;
}

// One pass over the bytes: most of them (letters, digits, punctuation) are copied as they
// are; quotes, spaces before dashes and after short words, and «№» are rewritten.
// `piece`: the text is one inline piece of a block, and something (emphasis, a link, code)
// follows it on the same line, so a short word before its trailing space is glued to it.
std::string apply(std::string_view text, TypographState& state, bool piece) {
  std::string out;
  out.reserve(text.size() + 16);
  int& depth = state.quote_depth;
  size_t& word_length = state.word_length;
  uint32_t previous = state.previous;  // the last code point written
  const size_t n = text.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t run = 0;  // start of the bytes copied as they are, not yet appended
  for (size_t i = 0; i < n;) {
    const unsigned char b = p[i];
    // The common case: letters, digits and punctuation pass through; only the length of
    // the current word is kept.
    if (b != ' ' && b != '"' && b < 0x80) {
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) ++word_length;
      else word_length = b == '\t' || b == '\n' || b == '(' || b == '[' ? 0 : 99;
      previous = b;
      ++i;
      continue;
    }
    if ((b == 0xD0 || b == 0xD1 || b == 0xD2 || b == 0xD3) && i + 1 < n) {  // Cyrillic letters
      ++word_length;
      previous = ((b & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
      i += 2;
      continue;
    }
    size_t len;
    uint32_t c = peek(text, i, len);
    if (c != ' ' && c != '"' && c != 0x2116) {
      word_length = is_latin_or_cyrillic_letter(c) ? word_length + 1 : c == 0xA0 || opens_word(c) ? 0 : 99;
      previous = c;
      i += len;
      continue;
    }
    out.append(text, run, i - run);
    if (c == ' ') {
      size_t next_len = 0, after_len = 0;
      uint32_t next = i + 1 < n ? peek(text, i + 1, next_len) : 0;
      uint32_t after = i + 1 + next_len < n ? peek(text, i + 1 + next_len, after_len) : 0;
      // " - " and " – " between words: an em dash, glued to the word before.
      if ((next == '-' || next == 0x2013 || next == 0x2014) && (after == ' ' || after == 0)) {
        out += kNbsp;
        out += "\u2014";
        previous = 0x2014;
        word_length = 0;
        i += 1 + next_len;
      } else {
        if (word_length >= 1 && word_length <= 2 && ((i + 1 < n && !is_space(next)) || (i + 1 == n && piece))) {
          out += kNbsp;
          previous = 0xA0;
        } else {
          out += ' ';
          previous = ' ';
        }
        word_length = 0;
        ++i;
      }
    } else if (c == '"') {
      // Straight double quotes become «ёлочки», and „лапки“ at the second level.
      bool opening = previous == 0 || is_space(previous) || previous == '(' || previous == 0xA0 || previous == 0xAB ||
                     previous == 0x201E || previous == '-' || previous == 0x2014;
      if (opening) {
        c = depth == 0 ? 0xAB : 0x201E;
        ++depth;
      } else {
        depth = depth > 0 ? depth - 1 : 0;
        c = depth == 0 ? 0xBB : 0x201C;
      }
      append_utf8(c, out);
      word_length = opens_word(c) ? 0 : 99;
      previous = c;
      ++i;
    } else {  // «№»: always followed by a non-breaking space before the number
      out.append(text, i, len);
      i += len;
      previous = c;
      if (i < n && text[i] == ' ') {
        out += kNbsp;
        previous = 0xA0;
        ++i;
      } else if (i < n && text[i] >= '0' && text[i] <= '9') {
        out += kNbsp;
        previous = 0xA0;
      }
      word_length = 0;
    }
    run = i;
  }
  out.append(text, run, n - run);
  state.previous = previous;
  return out;
}

}  // namespace

std::string typograph(std::string_view text) {
  TypographState state;
  return apply(text, state, false);
}

std::string typograph(std::string_view text, TypographState& state) { return apply(text, state, true); }

}  // namespace nastavnik
