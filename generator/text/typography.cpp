#include "text/typography.h"

#include <cstdint>

#include "core/find_byte.h"
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
  if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {  // two bytes: Cyrillic, «», no-break space
    len = 2;
    return ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
  }
  size_t j = i;
  uint32_t cp = next_code_point(s, j);
  len = j - i;
  return cp;
}

// The code point that ends just before s[i] (i > 0), and where it starts.
inline uint32_t before(std::string_view s, size_t i, size_t& start) {
  const unsigned char last = static_cast<unsigned char>(s[i - 1]);
  if (last < 0x80) {
    start = i - 1;
    return last;
  }
  if (i >= 2 && (static_cast<unsigned char>(s[i - 2]) & 0xE0) == 0xC0) {
    start = i - 2;
    return ((static_cast<unsigned char>(s[i - 2]) & 0x1Fu) << 6) | (last & 0x3Fu);
  }
  start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  size_t j = start;
  return next_code_point(s, j);
}

// The text is copied in runs between the few bytes typography acts on: a space (dashes,
// short words), a straight quote, «№». What the rules need to know about the text before
// such a byte (the length of the word that ends there, the character before) is read back
// from the text when it is needed, rather than kept up to date at every byte.
// `piece`: the text is one inline piece of a block, and something (emphasis, a link, code)
// follows it on the same line, so a short word before its trailing space is glued to it.
std::string apply(std::string_view text, TypographState& state, bool piece) {
  std::string out;
  out.reserve(text.size() + 16);
  int& depth = state.quote_depth;
  const size_t n = text.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  // What the text before position 0 was (from the previous piece) and what this piece
  // turned into something else before position i.
  const uint32_t previous_in = state.previous;
  const size_t word_length_in = state.word_length;
  size_t reset_at = 0;            // a rule set the word length (to `reset_to`) just before this byte
  size_t reset_to = word_length_in;
  bool reset = false;
  size_t quote_at = SIZE_MAX;     // the last straight quote turned into «» „“, and into what
  uint32_t quote_cp = 0;

  // The code point before position i as the rules see it: a quote as it was turned.
  auto previous_at = [&](size_t i) -> uint32_t {
    if (i == 0) return previous_in;
    if (i - 1 == quote_at) return quote_cp;
    size_t start;
    return before(text, i, start);
  };
  // The letters of the word that ends at position i, as the forward rules count them: a
  // run of letters after a space or an opening bracket or quote counts; after digits or
  // other punctuation it is no short word (99). Only short words matter: past three letters
  // the count stops.
  auto word_length_at = [&](size_t i) -> size_t {
    size_t letters = 0;
    size_t j = i;
    while (j > 0 && !(reset && j == reset_at)) {
      if (letters == 3) return letters;
      size_t start;
      uint32_t c = before(text, j, start);
      if (!is_latin_or_cyrillic_letter(c)) {
        uint32_t turned = start == quote_at ? quote_cp : c;
        return letters + (is_space(turned) || turned == 0xA0 || opens_word(turned) ? 0 : 99);
      }
      ++letters;
      j = start;
    }
    return letters + (reset ? reset_to : word_length_in);
  };

  size_t run = 0;
  size_t i = 0;
  while ((i = find_byte<' ', '"', 0xE2>(text, i)) < n) {
    if (p[i] == 0xE2) {
      if (!(i + 2 < n && p[i + 1] == 0x84 && p[i + 2] == 0x96)) {  // not «№»
        ++i;
        continue;
      }
      // «№»: always followed by a non-breaking space before the number.
      out.append(text, run, i + 3 - run);
      i += 3;
      if (i < n && text[i] == ' ') {
        out += kNbsp;
        ++i;
      } else if (i < n && text[i] >= '0' && text[i] <= '9') {
        out += kNbsp;
      }
      reset = true;
      reset_at = i;
      reset_to = 0;
      run = i;
      continue;
    }
    if (p[i] == '"') {
      // Straight double quotes become «ёлочки», and „лапки“ at the second level.
      const uint32_t prev = previous_at(i);
      const bool opening = prev == 0 || is_space(prev) || prev == '(' || prev == 0xA0 || prev == 0xAB || prev == 0x201E ||
                           prev == '-' || prev == 0x2014;
      uint32_t c;
      if (opening) {
        c = depth == 0 ? 0xAB : 0x201E;
        ++depth;
      } else {
        depth = depth > 0 ? depth - 1 : 0;
        c = depth == 0 ? 0xBB : 0x201C;
      }
      out.append(text, run, i - run);
      append_utf8(c, out);
      quote_at = i;
      quote_cp = c;
      run = ++i;
      continue;
    }
    // A space.
    size_t next_len = 0, after_len = 0;
    const uint32_t next = i + 1 < n ? peek(text, i + 1, next_len) : 0;
    const uint32_t after = i + 1 + next_len < n ? peek(text, i + 1 + next_len, after_len) : 0;
    if ((next == '-' || next == 0x2013 || next == 0x2014) && (after == ' ' || after == 0)) {
      // " - " and " – " between words: an em dash, glued to the word before.
      out.append(text, run, i - run);
      out += kNbsp;
      out += "\u2014";
      i += 1 + next_len;
    } else {
      const size_t word_length = word_length_at(i);
      const bool glue = word_length >= 1 && word_length <= 2 && ((i + 1 < n && !is_space(next)) || (i + 1 == n && piece));
      if (!glue) {
        // A space that stays: part of the run (the rules reading back stop at it anyway).
        ++i;
        continue;
      }
      out.append(text, run, i - run);
      out += kNbsp;
      ++i;
    }
    reset = true;
    reset_at = i;
    reset_to = 0;
    run = i;
  }
  out.append(text, run, n - run);
  // What the next piece continues from: the last character as written in the text (a
  // quote as it was turned), and the word that ends the piece.
  if (n > 0) {
    state.word_length = word_length_at(n);
    state.previous = previous_at(n);
  }
  return out;
}

}  // namespace

std::string typograph(std::string_view text) {
  TypographState state;
  return apply(text, state, false);
}

std::string typograph(std::string_view text, TypographState& state) { return apply(text, state, true); }

}  // namespace nastavnik
