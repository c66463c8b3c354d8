#include "search/words.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <stdexcept>

#include "core/utf8.h"

namespace nastavnik::search {
namespace {

constexpr uint32_t kWordCategories = U_GC_L_MASK | U_GC_ND_MASK | U_GC_MN_MASK | U_GC_CF_MASK;

bool is_word_character(uint32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c >= 0x400 && c <= 0x481) return true;  // Cyrillic letters, most of every page
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & kWordCategories) != 0;
}

// The Russian alphabet and ASCII letters and digits: nearly every word of every page, lower-
// cased here without ICU.
bool is_plain(uint32_t c) {
  return c < 0x80 || (c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451;
}

uint32_t lower_plain(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c == 0x401 || c == 0x451) return 0x435;  // ё is е
  return c;
}

std::string normalise_rare(std::string_view raw) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: нет нормализации NFC");
  icu::UnicodeString s = nfc->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size()))), status);
  if (U_FAILURE(status)) return {};
  s.toLower(icu::Locale::getRoot());
  icu::UnicodeString kept;
  bool meaningful = false;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    const uint32_t mask = U_GET_GC_MASK(c);
    if (mask & (U_GC_MN_MASK | U_GC_CF_MASK)) continue;
    meaningful = meaningful || (mask & (U_GC_L_MASK | U_GC_ND_MASK));
    kept.append(c == 0x451 ? UChar32{0x435} : c);
  }
  if (!meaningful || static_cast<size_t>(kept.countChar32()) > kLongestWord) return {};
  std::string out;
  kept.toUTF8String(out);
  return out;
}

}  // namespace

// Indexing reads every character of every page: ASCII and the Russian alphabet (two-byte
// characters led by D0 or D1, U+0400–U+047F, all letters) are told apart by their bytes.
size_t word_end(std::string_view text, size_t& i) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  auto ascii_word = [](unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); };
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      if (ascii_word(c)) break;
      ++i;
      continue;
    }
    if (c == 0xD0 || c == 0xD1) break;
    size_t next = i;
    if (is_word_character(next_code_point(text, next))) break;
    i = next;
  }
  size_t end = i;
  while (end < n) {
    const unsigned char c = s[end];
    if (c < 0x80) {
      if (!ascii_word(c)) break;
      ++end;
      continue;
    }
    if (c == 0xD0 || c == 0xD1) {
      end = std::min(end + 2, n);
      continue;
    }
    size_t next = end;
    if (!is_word_character(next_code_point(text, next))) break;
    end = next;
  }
  return end;
}

std::string normalise_word(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t length = 0;
  for (size_t i = 0; i < raw.size();) {
    const uint32_t c = next_code_point(raw, i);
    if (!is_plain(c)) return normalise_rare(raw);
    append_utf8(lower_plain(c), out);
    ++length;
  }
  return length > kLongestWord ? std::string() : out;
}

const std::vector<std::string>& stop_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> w = {"а",   "без", "бы",  "в",   "во",  "все", "вы",    "да",  "для",  "до",    "его", "ее",
                                  "же",  "за",  "и",   "из",  "изо", "или", "их",    "к",   "как",  "ко",    "ли",  "либо",
                                  "мы",  "на",  "над", "не",  "ни",  "но",  "о",     "об",  "обо",  "он",    "она", "они",
                                  "оно", "от",  "по",  "под", "при", "про", "с",     "со",  "так",  "также", "то",  "тоже",
                                  "у",   "уже", "что", "это", "я",   "ты",  "через", "чем", "чтобы"};
    std::sort(w.begin(), w.end());
    return w;
  }();
  return words;
}

bool is_stop_word(std::string_view word) {
  const auto& w = stop_words();
  return std::binary_search(w.begin(), w.end(), word);
}

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("russian", "UTF_8")) {
  if (!stemmer_) throw std::runtime_error("libstemmer: нет алгоритма russian");
}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string_view Stemmer::stem(std::string_view word) {
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!s) return word;  // out of memory: the word itself
  return {reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(stemmer_))};
}

}  // namespace nastavnik::search
