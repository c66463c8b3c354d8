#pragma once
#include <string>
#include <string_view>

namespace nastavnik {

/// Russian → Latin by the BGN/PCGN scheme as Russian sites simplify it (no apostrophes,
/// ё → e, й → y, х → kh, ц → ts, щ → shch, ъ and ь dropped); other scripts through ICU's
/// Any-Latin and Latin-ASCII. The result is lower case.
std::string transliterate(std::string_view text);
/// The same, always by ICU's rules (transliterate takes a shortcut for plain Russian text;
/// tests compare the two).
std::string transliterate_with_icu(std::string_view text);

/// A URL segment made of [a-z0-9-]: transliterated, runs of anything else become one '-',
/// no '-' at either end; at most `max_length` characters, cut at a '-'.
std::string slugify(std::string_view text, size_t max_length = 80);

/// The length a slug made from a title is cut to: `nastavnik new` and the browser editor
/// name a new file with it.
constexpr size_t kTitleSlugLength = 60;

/// The longest slug a content field may give (slugify's default length is within it).
constexpr size_t kMaxSlugLength = 100;

/// True when `s` is already a valid slug.
bool is_slug(std::string_view s);

}  // namespace nastavnik
