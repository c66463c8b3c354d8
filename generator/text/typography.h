#pragma once
#include <string>
#include <string_view>

namespace nastavnik {

/// Russian typography for plain text: «ёлочки» for straight quotes („лапки“ inside),
/// an em dash for a hyphen between spaces, and non-breaking spaces after one- and
/// two-letter words, before dashes and after «№». Idempotent.
std::string typograph(std::string_view text);

}  // namespace nastavnik
