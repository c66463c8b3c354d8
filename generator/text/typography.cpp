#include "text/typography.h"

#include <cstdint>
#include <vector>

#include "core/utf8.h"

namespace nastavnik {
namespace {

constexpr std::string_view kNbsp = "\u00A0";

bool is_space(uint32_t c) { return c == ' ' || c == '\t' || c == '\n'; }

bool opens_word(uint32_t c) { return c == 0xAB || c == 0x201E || c == '(' || c == '[' || c == '"' || c == 0x201C; }

}  // namespace

namespace {

// `piece`: the text is one inline piece of a block, and something (emphasis, a link, code)
// follows it on the same line, so a short word before its trailing space is glued to it.
std::string apply(std::string_view text, TypographState& state, bool piece) {
  std::vector<uint32_t> cps = code_points(text);
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
        append_utf8(0x2014, out);
        i += 1;
        word_length = 0;
        continue;
      }
      if (word_length >= 1 && word_length <= 2 && ((i + 1 < n && !is_space(next)) || (i + 1 == n && piece))) {
        out += kNbsp;
        word_length = 0;
        continue;
      }
      out += ' ';
      word_length = 0;
      continue;
    }
    if (c == 0x2116) {  // «№»: always followed by a non-breaking space before the number
      append_utf8(c, out);
      if (i + 1 < n && cps[i + 1] == ' ') {
        out += kNbsp;
        ++i;
      } else if (i + 1 < n && cps[i + 1] >= '0' && cps[i + 1] <= '9') {
        out += kNbsp;
      }
      word_length = 0;
      continue;
    }
    if (is_latin_or_cyrillic_letter(c)) {
      ++word_length;
    } else {
      // After a space or an opening bracket or quote a new word starts; after digits or
      // other punctuation the next letters are not a short word of their own.
      word_length = is_space(c) || c == 0xA0 || opens_word(c) ? 0 : 99;
    }
    append_utf8(c, out);
  }
  if (n > 0) state.previous = cps[n - 1];
  return out;
}

}  // namespace

std::string typograph(std::string_view text) {
  TypographState state;
  return apply(text, state, false);
}

std::string typograph(std::string_view text, TypographState& state) { return apply(text, state, true); }

}  // namespace nastavnik
