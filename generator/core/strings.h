#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace nastavnik {

std::string trim(std::string_view s);
/// «text», for values quoted in messages.
std::string guillemets(std::string_view s);
/// Levenshtein distance in Unicode code points (for "did you mean" suggestions).
size_t edit_distance(std::string_view a, std::string_view b);
/// The candidate closest to `word`, or "" when none is close enough to be a likely typo.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);
std::string html_escape(std::string_view s);
/// Cuts text to at most `max_chars` characters at a word boundary, adding "…".
std::string truncate_words(std::string_view s, size_t max_chars);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
/// "3 МБ"-style size with a decimal comma: «1,2 МБ», «340 КБ».
std::string human_size(std::uintmax_t bytes);

}  // namespace nastavnik
