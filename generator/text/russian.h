#pragma once
// Russian dates, plurals and collation, all through ICU.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"

namespace nastavnik {

/// «26 апреля 2022 г.»
std::string format_date_ru(const Date& d);

/// The noun form for `n`: one («новость»), few («новости»), many («новостей»).
std::string plural_form(int64_t n, std::string_view one, std::string_view few, std::string_view many);
/// «3 новости», with a non-breaking space and thousands grouped.
std::string count_phrase(int64_t n, std::string_view one, std::string_view few, std::string_view many);
/// «12 345» with a narrow no-break space between thousands.
std::string format_integer(int64_t n);

/// The text with its first letter in upper case (Russian rules): «тема приказа» → «Тема приказа».
std::string upper_first(std::string_view text);

/// A key whose byte order is Russian collation order (ё next to е, case after letter).
std::string collation_key(std::string_view text);

/// True when ICU knows the time zone id (`Europe/Moscow`).
bool is_known_time_zone(std::string_view zone);
/// The calendar date in `zone` at `epoch_seconds`.
Date date_in_zone(int64_t epoch_seconds, std::string_view zone);
/// RFC 822 date-time of local midnight of `d` in `zone`: «Tue, 26 Apr 2022 00:00:00 +0300».
std::string rfc822_midnight(const Date& d, std::string_view zone);

}  // namespace nastavnik
