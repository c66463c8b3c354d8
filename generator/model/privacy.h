#pragma once
// 152-ФЗ: names are published only with consent. These helpers find a name that the
// content would publish anyway, in a title or in the text.
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik {

/// The words of a name that identify a person: words of three letters or more
/// («Сидоров Иван» → «Сидоров», «Иван»; initials are skipped).
std::vector<std::string> identifying_words(std::string_view name);

/// Byte offset of the first place where a word of `name` starts a word of `text`, allowing
/// a short inflection ending («Сидорова», «Сидоровым»); npos when there is none. Finds a
/// namesake too: a hint, not proof.
size_t find_name(std::string_view text, std::string_view name);

/// Byte offset of the first place where the whole name stands in `text`: every word and
/// initial of it, next to each other in any order, long words allowing an inflection
/// ending («Сидорова И.», «И. Сидоров»); npos when there is none.
size_t find_full_name(std::string_view text, std::string_view name);

}  // namespace nastavnik
