#pragma once
// The words of the search: how a page's text becomes the terms of its index, and what a
// query's words become in the browser. The two sides must agree: the search page
// (themes/default/static/search.js) splits and normalises a query by the same rules and stems
// it with Snowball's Russian algorithm as snowball-stemmer.jsx generates it for JavaScript,
// while the build stems with Debian's libstemmer, the same algorithm in C
// (tests/e2e/test_search.py checks both give the same terms).
#include <libstemmer.h>

#include <string>
#include <string_view>
#include <vector>

namespace nastavnik::search {

/// Words longer than this (in characters) are not indexed: addresses, codes, base64.
inline constexpr size_t kLongestWord = 32;

/// Calls `f(word)` for each word of `text`, normalised: a word is a run of letters and
/// decimal digits (Unicode L and Nd), in which combining marks (an accent on a stressed
/// vowel, Mn) and invisible format characters (a soft hyphen, Cf) are dropped, composed
/// (NFC), in lower case, with ё as е. Hyphens, dots and every other character part words:
/// «из-за» is «из» and «за».
template <class F>
void for_each_word(std::string_view text, F&& f);

/// Calls `f(raw)` for each run of `text` that for_each_word makes a word of, as it stands
/// (not yet normalised): the index looks the runs up as they are, and normalises each
/// distinct one once.
template <class F>
void for_each_raw_word(std::string_view text, F&& f);

/// The normalised word of `raw` (a run as for_each_raw_word finds it); empty when it is too
/// long or has no letter or digit.
std::string normalise_word(std::string_view raw);

/// Prepositions, conjunctions and particles: on nearly every page, they find nothing.
const std::vector<std::string>& stop_words();
bool is_stop_word(std::string_view word);

/// Snowball's Russian stemmer (libstemmer). One per thread: it is not thread-safe.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  /// The stem of a normalised word; valid until the next call.
  std::string_view stem(std::string_view word);

 private:
  sb_stemmer* stemmer_;
};

// ---------------------------------------------------------------------------------------

/// Where the word that starts at `text[i]` ends, or i when no word starts there; moves i
/// past what is not a word when no word starts there.
size_t word_end(std::string_view text, size_t& i);

template <class F>
void for_each_raw_word(std::string_view text, F&& f) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = word_end(text, i);
    if (end == i) continue;
    f(text.substr(i, end - i));
    i = end;
  }
}

template <class F>
void for_each_word(std::string_view text, F&& f) {
  for_each_raw_word(text, [&](std::string_view raw) {
    std::string word = normalise_word(raw);
    if (!word.empty()) f(word);
  });
}

}  // namespace nastavnik::search
