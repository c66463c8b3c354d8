#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace nastavnik {

/// What typography must remember across the pieces of one paragraph (Markdown splits text
/// at emphasis and links): how deep in quotes we are and the character before.
struct TypographState {
  int quote_depth = 0;
  uint64_t written_guillemets = 0;  ///< bit k: quote level k + 1 was opened by a « written in the text
  uint32_t previous = 0;  ///< last code point written, 0 at the start of a block
  size_t word_length = 0; ///< letters of the word that ends at `previous` (3 means three or more)
};

/// Russian typography for plain text: «ёлочки» („лапки“ inside) for straight quotes and
/// for the curly ones Word and phones put in their place (“ ” „ ‟; single quotes ' ‘ ’ only
/// as a pair, never an apostrophe inside a word), quotes already written as «» counting for
/// the nesting; an em dash for a hyphen between spaces, and non-breaking spaces after one-
/// and two-letter words, before dashes and after «№». Quotes inside a web address stay.
/// Idempotent.
std::string typograph(std::string_view text);
/// The same for one inline piece of a longer block, continuing from `state`; more of the
/// line follows the piece, so a short word before its trailing space is glued to it.
std::string typograph(std::string_view text, TypographState& state);

}  // namespace nastavnik
