#include "text/slug.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
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

}  // namespace

std::string transliterate(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  transliterator().transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
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
