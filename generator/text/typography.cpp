#include "text/typography.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/find_byte.h"
#include "core/utf8.h"

namespace nastavnik {
namespace {

constexpr std::string_view kNbsp = "\u00A0";
constexpr size_t kNone = SIZE_MAX;

bool is_space(uint32_t c) { return c == ' ' || c == '\t' || c == '\n'; }
bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
bool is_word_char(uint32_t c) { return is_latin_or_cyrillic_letter(c) || is_digit(c); }

bool opens_word(uint32_t c) {
  return c == 0xAB || c == 0x201E || c == '(' || c == '[' || c == '"' || c == 0x201C || c == 0x201F || c == 0x2018 ||
         c == 0x201A;
}

// The quotes typography turns: straight ones and those Word and phones put in their place.
enum class Quote { None, Double, Single };

Quote quote_kind(uint32_t c) {
  switch (c) {
    case '"':
    case 0x201C:  // “ (English opening, Russian „лапки“ closing)
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
      return Quote::Double;
    case '\'':
    case 0x2018:  // ‘
    case 0x2019:  // ’ (also Word's apostrophe)
    case 0x201A:  // ‚
    case 0x201B:  // ‛
      return Quote::Single;
    default:
      return Quote::None;
  }
}

// After these a quote opens: the start of the text, a space, an opening bracket or quote,
// a dash, «№» (№ “231-о”).
bool before_opening(uint32_t prev) {
  return prev == 0 || is_space(prev) || prev == 0xA0 || prev == '(' || prev == '[' || prev == '{' || prev == 0xAB ||
         prev == 0x201E || prev == '-' || prev == 0x2013 || prev == 0x2014 || prev == 0x2116;
}

// What a closing quote follows: a word or the punctuation that ends one.
bool ends_word(uint32_t c) {
  if (is_word_char(c) || c >= 0x80) return c != 0xA0 && c != 0xAB && c != 0x201E;
  switch (c) {
    case '.': case ',': case '!': case '?': case ';': case ')': case ']': case '}': case '%': case '"': case '\'':
      return true;
    default:
      return false;
  }
}

// The next byte at or after `from` that typography acts on: a space, a straight quote (" '),
// or the lead byte C2 or E2 (« », the no-break space; curly quotes, dashes, №). Three
// comparisons cover the six bytes, sixteen at a time (b | 2 == 0x22: a space or ";
// b & 0xDF == 0xC2: C2 or E2), as few as the three bytes of find_byte took before quotes
// from Word were handled: most text is words between spaces, and this scan is its cost.
inline size_t next_stop(std::string_view s, size_t from) {
  const size_t n = s.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
#if defined(__SSE2__)
  const __m128i two = _mm_set1_epi8(0x02);
  const __m128i space_or_quote = _mm_set1_epi8(0x22);
  const __m128i apostrophe = _mm_set1_epi8(0x27);
  const __m128i lead_mask = _mm_set1_epi8(static_cast<char>(0xDF));
  const __m128i lead = _mm_set1_epi8(static_cast<char>(0xC2));
  while (from + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from));
    __m128i hits = _mm_cmpeq_epi8(_mm_or_si128(v, two), space_or_quote);
    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, apostrophe));
    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(_mm_and_si128(v, lead_mask), lead));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
    if (mask != 0) return from + static_cast<size_t>(__builtin_ctz(mask));
    from += 16;
  }
#endif
  for (; from < n; ++from) {
    const unsigned char c = p[from];
    if ((c | 0x02) == 0x22 || c == 0x27 || (c & 0xDF) == 0xC2) return from;
  }
  return n;
}

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

// The code point after the one at s[i..i+len), or 0 at the end.
inline uint32_t after(std::string_view s, size_t end) {
  size_t len = 0;
  return end < s.size() ? peek(s, end, len) : 0;
}

// What a single quote at s[i] (`len` bytes, code point `c`) can be in a pair. It opens one
// after a space, a bracket, a dash or a double quote and before a letter or digit; it
// closes one after anything else and before anything but a letter or digit. Between
// letters it is an apostrophe (д'Артаньян, O’Neil): neither.
enum class SingleShape { Neither, Opening, Closing };

SingleShape single_shape(std::string_view s, size_t i, size_t len, uint32_t c, uint32_t prev) {
  const bool word_follows = is_word_char(after(s, i + len));
  if (word_follows) {
    const bool opens = before_opening(prev) || quote_kind(prev) == Quote::Double || c == 0x201A;
    return opens ? SingleShape::Opening : SingleShape::Neither;
  }
  // Not after what a quote opens after: a closing quote there would read as an opening one.
  if (before_opening(prev)) return SingleShape::Neither;
  // Nor right after a double quote that opens (by what stands before it, as it will be
  // turned): `"'…` cannot close anything.
  if (quote_kind(prev) == Quote::Double) {
    if (prev == 0x201E) return SingleShape::Neither;
    size_t start;
    before(s, i, start);
    const uint32_t before_prev = start == 0 ? 0 : before(s, start, start);
    if (before_opening(before_prev)) return SingleShape::Neither;
  }
  return SingleShape::Closing;
}

// The text is copied in runs between the few bytes typography acts on: a space (dashes,
// short words), a quote, «№», a guillemet already there (it counts for nesting). What the
// rules need to know about the text before such a byte (the length of the word that ends
// there, the character before) is read back from the text when it is needed, rather than
// kept up to date at every byte.
// `piece`: the text is one inline piece of a block, and something (emphasis, a link, code)
// follows it on the same line, so a short word before its trailing space is glued to it.
//
// Quotes: each one is turned by what stands before it (before_opening), «ёлочки» at the
// first level and „лапки“ inside; „ always opens. A single quote is turned only as one of a
// pair found in the same piece (an opening one after a space or bracket, a closing one
// before a non-letter, matched like brackets): between letters it is an apostrophe, without
// a partner it is left as written. An unbalanced double quote is turned all the same (best
// effort: the reader still sees a quote). Quotes inside a web address (https://…?q="x") are
// part of it and stay; so does a «№» there.
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
  size_t quote_at = kNone;        // the last quote turned into «» „“, where it ends, and into what
  size_t quote_end = kNone;
  uint32_t quote_cp = 0;
  // The single quotes that make pairs, in text order: matched like brackets over the rest
  // of the piece when the first one that can open comes, so that nested pairs match as a
  // reader reads them and a second pass finds nothing more to pair (idempotence).
  std::vector<size_t> single_opens;
  std::vector<size_t> single_closes;
  size_t next_open = 0;
  size_t next_close = 0;
  bool singles_matched = false;
  // The word (run without spaces) of the last quote, and whether it is a web address: where
  // its scheme starts and whether a quote stands before the scheme ("https://…" in quotes).
  // Looked for only when a quote comes, in the text not looked at yet (`token_scanned`).
  size_t token_begin = 0;
  size_t token_scanned = 0;
  size_t token_scheme = kNone;
  bool token_quoted = false;

  // The code point before position i as the rules see it: a quote as it was turned.
  auto previous_at = [&](size_t i) -> uint32_t {
    if (i == 0) return previous_in;
    if (i == quote_end) return quote_cp;
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
  // Whether position i (a quote, «№») is inside a web address: the word it ends holds a
  // scheme. Each stretch of text is looked at once, for the spaces that end words and for a
  // scheme, so the cost stays linear however many quotes there are.
  auto address_at = [&](size_t i) -> bool {
    const std::string_view before_quote = text.substr(0, i);
    const size_t searched = token_scanned;
    for (size_t k = searched; (k = find_byte<' ', '\n', '\t', 0xC2>(before_quote, k)) < i; ++k) {
      if (p[k] == 0xC2 && !(k + 1 < i && p[k + 1] == 0xA0)) continue;  // « » are in words
      token_begin = k + (p[k] == 0xC2 ? 2 : 1);
      token_scheme = kNone;
      token_quoted = false;
    }
    token_scanned = i;
    if (token_scheme == kNone) {
      const size_t from = std::max(token_begin, searched > 6 ? searched - 6 : 0);  // a scheme across the old end
      for (std::string_view mark : {std::string_view("://"), std::string_view("www."), std::string_view("mailto:")}) {
        const size_t at = before_quote.find(mark, from);
        if (at != std::string_view::npos && (token_scheme == kNone || at < token_scheme)) token_scheme = at;
      }
      if (token_scheme == kNone) return false;
      token_quoted = false;
      for (size_t k = token_begin; k < token_scheme && !token_quoted; ++k) {
        token_quoted = text[k] == '"' || text[k] == '\'' ||
                       (p[k] == 0xE2 && k + 2 < n && p[k + 1] == 0x80 && p[k + 2] >= 0x98 && p[k + 2] <= 0x9F) ||
                       (p[k] == 0xC2 && k + 1 < n && (p[k + 1] == 0xAB || p[k + 1] == 0xBB));
      }
    }
    return true;
  };
  // Whether the quote at i (len bytes) is part of a web address.
  auto in_address = [&](size_t i, size_t len) -> bool {
    if (!address_at(i)) return false;
    // The quote that ends an address wrapped in quotes closes them.
    const uint32_t next = after(text, i + len);
    const bool ends_token = next == 0 || is_space(next) || next == '.' || next == ',' || next == ';' || next == ':' ||
                            next == '!' || next == '?' || next == ')';
    return !(ends_token && token_quoted);
  };
  // The code point before position j as written (not as turned): single quotes are
  // matched on the text as written, before any is turned.
  auto written_before = [&](size_t j) -> uint32_t {
    size_t start;
    return j == 0 ? previous_in : before(text, j, start);
  };
  auto match_singles = [&](size_t from) {
    singles_matched = true;
    std::vector<size_t> open;
    for (size_t j = from; (j = find_byte<'\'', 0xE2>(text, j)) < n;) {
      size_t len = 1;
      uint32_t c = '\'';
      if (p[j] == 0xE2) {
        if (!(j + 2 < n && p[j + 1] == 0x80 && p[j + 2] >= 0x98 && p[j + 2] <= 0x9B)) {
          ++j;
          continue;
        }
        len = 3;
        c = 0x2000u + (p[j + 2] - 0x80u);
      }
      switch (single_shape(text, j, len, c, written_before(j))) {
        case SingleShape::Opening: open.push_back(j); break;
        case SingleShape::Closing:
          if (!open.empty()) {
            single_opens.push_back(open.back());
            single_closes.push_back(j);
            open.pop_back();
          }
          break;
        case SingleShape::Neither: break;
      }
      j += len;
    }
    std::sort(single_opens.begin(), single_opens.end());  // the closing ones come in order
  };

  // Which quote levels were opened by a « as written (the first 64; deeper ones are
  // „лапки“): a straight quote that closes such a level closes it with », not “, as in
  // «Распоряжение «Об утверждении …" where the author closed both with one quote.
  uint64_t& written = state.written_guillemets;
  auto level_bit = [](int level) -> uint64_t { return level >= 1 && level <= 64 ? uint64_t{1} << (level - 1) : 0; };

  size_t run = 0;
  auto turn = [&](size_t i, size_t len, bool opening) {
    uint32_t c;
    if (opening) {
      c = depth == 0 ? 0xAB : 0x201E;
      ++depth;
      written &= ~level_bit(depth);
    } else {
      const bool guillemet_level = depth > 0 && (written & level_bit(depth)) != 0;
      depth = depth > 0 ? depth - 1 : 0;
      c = depth == 0 || guillemet_level ? 0xBB : 0x201C;
    }
    out.append(text, run, i - run);
    append_utf8(c, out);
    quote_at = i;
    quote_end = i + len;
    quote_cp = c;
    run = i + len;
  };

  size_t i = 0;
  while ((i = next_stop(text, i)) < n) {
    const unsigned char b = p[i];
    if (b == ' ') {  // most stops: first
      size_t next_len = 0, after_len = 0;
      const uint32_t next = i + 1 < n ? peek(text, i + 1, next_len) : 0;
      const uint32_t after_next = i + 1 + next_len < n ? peek(text, i + 1 + next_len, after_len) : 0;
      if ((next == '-' || next == 0x2013 || next == 0x2014) && (after_next == ' ' || after_next == 0)) {
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
      continue;
    }
    if (b == 0xC2) {
      // A guillemet already in the text counts for the nesting of the quotes turned later.
      if (i + 1 < n && p[i + 1] == 0xAB) {
        ++depth;
        written |= level_bit(depth);
      } else if (i + 1 < n && p[i + 1] == 0xBB && depth > 0) {
        --depth;
      }
      ++i;
      continue;
    }
    size_t len = 1;
    uint32_t cp = b;
    if (b == 0xE2) {
      if (i + 2 < n && p[i + 1] == 0x84 && p[i + 2] == 0x96 && !address_at(i)) {
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
      if (!(i + 2 < n && p[i + 1] == 0x80 && p[i + 2] >= 0x98 && p[i + 2] <= 0x9F)) {
        ++i;
        continue;
      }
      len = 3;
      cp = 0x2000u + (p[i + 2] - 0x80u);  // U+2018 … U+201F
    }
    // A quote: the only stops left.
    if (in_address(i, len)) {
      i += len;
      continue;
    }
    const uint32_t prev = previous_at(i);
    if (quote_kind(cp) == Quote::Double) {
      const bool opening = cp == 0x201E || before_opening(prev) || (!ends_word(prev) && is_word_char(after(text, i + len)));
      turn(i, len, opening);
    } else {
      if (!singles_matched && single_shape(text, i, len, cp, written_before(i)) == SingleShape::Opening) match_singles(i);
      while (next_open < single_opens.size() && single_opens[next_open] < i) ++next_open;
      while (next_close < single_closes.size() && single_closes[next_close] < i) ++next_close;
      if (next_open < single_opens.size() && single_opens[next_open] == i) {
        turn(i, len, true);
      } else if (next_close < single_closes.size() && single_closes[next_close] == i) {
        turn(i, len, false);
      }
    }
    i += len;
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
