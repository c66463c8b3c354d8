#include "text/slug.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>

namespace nastavnik {
namespace {

constexpr const char* kRules = R"(
::NFC;
::Lower;
а > a; б > b; в > v; г > g; д > d; е > e; ё > e; ж > zh; з > z; и > i; й > y; к > k;
л > l; м > m; н > n; о > o; п > p; р > r; с > s; т > t; у > u; ф > f; х > kh; ц > ts;
ч > ch; ш > sh; щ > shch; ъ > ; ы > y; ь > ; э > e; ю > yu; я > ya;
і > i; ї > yi; є > ye; ґ > g; ў > u;
№ > n;
::Any-Latin;
::Latin-ASCII;
::Lower;
)";

icu::Transliterator& transliterator() {
  // ICU transliterators are not safe to share between threads; each worker has its own.
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UParseError parse_error;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createFromRules(
        "nastavnik-ru-latin", icu::UnicodeString::fromUTF8(kRules), UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status) || !made) throw std::runtime_error("ICU: cannot create the transliterator");
    return made;
  }();
  return *t;
}

// The rules above for text made only of ASCII and the letters they name (nearly every title
// and file name): one table lookup per letter instead of ICU's rule engine, which costs more
// than the rest of reading a file. Anything else goes to ICU; a test holds the two equal.
// Lower-case Cyrillic U+0430–U+045F, by code point − 0x430.
constexpr const char* kCyrillic[] = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",     // а–п
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",  // р–я
    nullptr, "e", nullptr, nullptr, "ye", nullptr, "i", "yi",                            // ѐ ё ђ ѓ є ѕ і ї
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "u", nullptr,                  // ј љ њ ћ ќ ѝ ў џ
};

// The table's transliteration, or nothing when `text` holds anything the table does not.
std::optional<std::string> transliterate_by_table(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      ++i;
      continue;
    }
    if ((c & 0xE0) != 0xC0 || i + 1 >= text.size() || (p[i + 1] & 0xC0) != 0x80) {
      if (c == 0xE2 && i + 2 < text.size() && p[i + 1] == 0x84 && p[i + 2] == 0x96) {  // №
        out += 'n';
        i += 3;
        continue;
      }
      return std::nullopt;
    }
    uint32_t cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
    if (cp >= 0x400 && cp < 0x410) cp += 0x50;       // Ѐ–Џ → ѐ–џ
    else if (cp >= 0x410 && cp < 0x430) cp += 0x20;  // А–Я → а–я
    else if (cp == 0x490) cp = 0x491;                // Ґ → ґ
    const char* latin = nullptr;
    if (cp >= 0x430 && cp < 0x460) latin = kCyrillic[cp - 0x430];
    else if (cp == 0x491) latin = "g";
    if (!latin) return std::nullopt;
    out += latin;
    i += 2;
  }
  return out;
}

}  // namespace

std::string transliterate_with_icu(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  transliterator().transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string transliterate(std::string_view text) {
  if (auto fast = transliterate_by_table(text)) return std::move(*fast);
  return transliterate_with_icu(text);
}

std::string slugify(std::string_view text, size_t max_length) {
  std::string latin = transliterate(text);
  std::string out;
  bool dash = false;
  for (char c : latin) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') { c = static_cast<char>(c - 'A' + 'a'); keep = true; }
    if (keep) {
      if (dash && !out.empty()) out += '-';
      out += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  if (out.size() > max_length) {
    size_t cut = out.rfind('-', max_length);
    out.resize(cut == std::string::npos || cut == 0 ? max_length : cut);
  }
  return out;
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace nastavnik
