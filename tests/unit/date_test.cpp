// Calendar dates, Russian date and number formatting, time zones and collation.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/date.h"
#include "text/russian.h"

using namespace nastavnik;

namespace {
const std::string kNbsp = "\xC2\xA0";       // U+00A0 NO-BREAK SPACE
const std::string kNarrow = "\xE2\x80\xAF";  // U+202F NARROW NO-BREAK SPACE

std::string news(int64_t n) { return count_phrase(n, "новость", "новости", "новостей"); }
}  // namespace

TEST_CASE("Date::parse_iso accepts real YYYY-MM-DD dates only") {
  CHECK(Date::parse_iso("2022-04-26") == Date{2022, 4, 26});
  CHECK(Date::parse_iso("2024-02-29") == Date{2024, 2, 29});
  CHECK(Date::parse_iso("2000-02-29") == Date{2000, 2, 29});
  CHECK_FALSE(Date::parse_iso("2023-02-29"));
  CHECK_FALSE(Date::parse_iso("1900-02-29"));
  CHECK_FALSE(Date::parse_iso("2023-02-30"));
  CHECK_FALSE(Date::parse_iso("2022-04-31"));
  CHECK_FALSE(Date::parse_iso("2022-13-01"));
  CHECK_FALSE(Date::parse_iso("2022-00-10"));
  CHECK_FALSE(Date::parse_iso("2022-04-00"));
  CHECK_FALSE(Date::parse_iso("26.04.2022"));
  CHECK_FALSE(Date::parse_iso("2022-4-26"));
  CHECK_FALSE(Date::parse_iso("2022-04-26 "));
  CHECK_FALSE(Date::parse_iso("2022/04/26"));
  CHECK_FALSE(Date::parse_iso("20a2-04-26"));
  CHECK_FALSE(Date::parse_iso(""));
}

TEST_CASE("days_since_epoch and from_days_since_epoch agree") {
  CHECK(Date{1970, 1, 1}.days_since_epoch() == 0);
  CHECK(Date{1970, 1, 2}.days_since_epoch() == 1);
  CHECK(Date{1969, 12, 31}.days_since_epoch() == -1);
  CHECK(Date{2000, 3, 1}.days_since_epoch() == 11017);
  CHECK(Date{2022, 4, 26}.days_since_epoch() == 19108);
  CHECK(Date::from_days_since_epoch(19108) == Date{2022, 4, 26});
  for (long day = -800; day < 80000; day += 37) {
    Date d = Date::from_days_since_epoch(day);
    REQUIRE(d.days_since_epoch() == day);
    REQUIRE(Date::from_days_since_epoch(day + 1) > d);
  }
}

TEST_CASE("iso spelling") {
  CHECK(Date{2022, 4, 6}.iso() == "2022-04-06");
  CHECK(Date{2022, 12, 31}.iso() == "2022-12-31");
}

TEST_CASE("format_date_ru writes the month in the genitive with no-break spaces") {
  CHECK(format_date_ru({2022, 4, 26}) == "26" + kNbsp + "апреля" + kNbsp + "2022" + kNbsp + "г.");
  CHECK(format_date_ru({2022, 4, 26}) == "26\xC2\xA0\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F\xC2\xA0" "2022\xC2\xA0\xD0\xB3.");
  CHECK(format_date_ru({2023, 3, 1}) == "1" + kNbsp + "марта" + kNbsp + "2023" + kNbsp + "г.");
}

TEST_CASE("count_phrase picks the Russian plural form") {
  CHECK(news(1) == "1" + kNbsp + "новость");
  CHECK(news(3) == "3" + kNbsp + "новости");
  CHECK(news(5) == "5" + kNbsp + "новостей");
  CHECK(news(11) == "11" + kNbsp + "новостей");
  CHECK(news(12) == "12" + kNbsp + "новостей");
  CHECK(news(21) == "21" + kNbsp + "новость");
  CHECK(news(22) == "22" + kNbsp + "новости");
  CHECK(news(0) == "0" + kNbsp + "новостей");
  CHECK(news(111) == "111" + kNbsp + "новостей");
  CHECK(news(101) == "101" + kNbsp + "новость");
}

TEST_CASE("numbers of five digits and more are grouped with a narrow no-break space") {
  CHECK(news(1000) == "1000" + kNbsp + "новостей");
  CHECK(news(12345) == "12" + kNarrow + "345" + kNbsp + "новостей");
  CHECK(news(1000001) == "1" + kNarrow + "000" + kNarrow + "001" + kNbsp + "новость");
  CHECK(format_integer(9999) == "9999");
  CHECK(format_integer(123456) == "123" + kNarrow + "456");
}

TEST_CASE("rfc822_midnight uses the zone's offset on that date") {
  CHECK(rfc822_midnight({2022, 4, 26}, "Europe/Moscow") == "Tue, 26 Apr 2022 00:00:00 +0300");
  CHECK(rfc822_midnight({2022, 1, 10}, "Europe/Moscow") == "Mon, 10 Jan 2022 00:00:00 +0300");
  // Moscow still had summer time in 2010.
  CHECK(rfc822_midnight({2010, 7, 1}, "Europe/Moscow") == "Thu, 01 Jul 2010 00:00:00 +0400");
  CHECK(rfc822_midnight({2022, 7, 1}, "Europe/Berlin") == "Fri, 01 Jul 2022 00:00:00 +0200");
  CHECK(rfc822_midnight({2022, 1, 3}, "Europe/Berlin") == "Mon, 03 Jan 2022 00:00:00 +0100");
  CHECK(rfc822_midnight({2022, 4, 26}, "America/New_York") == "Tue, 26 Apr 2022 00:00:00 -0400");
  CHECK(rfc822_midnight({2022, 4, 26}, "Asia/Krasnoyarsk") == "Tue, 26 Apr 2022 00:00:00 +0700");
  CHECK(rfc822_midnight({2022, 4, 26}, "UTC") == "Tue, 26 Apr 2022 00:00:00 +0000");
}

TEST_CASE("date_in_zone: the same moment is a different date in Krasnoyarsk and UTC") {
  // 2022-04-25 20:00 UTC is 2022-04-26 03:00 in Krasnoyarsk (UTC+7) and 23:00 in Moscow.
  int64_t moment = static_cast<int64_t>(Date{2022, 4, 25}.days_since_epoch()) * 86400 + 20 * 3600;
  CHECK(date_in_zone(moment, "UTC") == Date{2022, 4, 25});
  CHECK(date_in_zone(moment, "Asia/Krasnoyarsk") == Date{2022, 4, 26});
  CHECK(date_in_zone(moment, "Europe/Moscow") == Date{2022, 4, 25});
  // One hour later it is midnight in Moscow.
  CHECK(date_in_zone(moment + 3600, "Europe/Moscow") == Date{2022, 4, 26});
  CHECK(date_in_zone(-1, "UTC") == Date{1969, 12, 31});
}

TEST_CASE("is_known_time_zone") {
  CHECK(is_known_time_zone("Europe/Moscow"));
  CHECK(is_known_time_zone("Asia/Krasnoyarsk"));
  CHECK_FALSE(is_known_time_zone("Europe/Moskva"));
  CHECK_FALSE(is_known_time_zone("Mars/Olympus"));
  CHECK_FALSE(is_known_time_zone(""));
}

TEST_CASE("collation_key sorts in Russian order with ё next to е") {
  CHECK(collation_key("Елена") < collation_key("Ёлка"));
  CHECK(collation_key("Ёлка") < collation_key("Жук"));
  CHECK(collation_key("Юла") < collation_key("яблоко"));
  CHECK(collation_key("абрикос") < collation_key("Банан"));  // case does not come before letters
  CHECK(collation_key("Арбуз") < collation_key("Zebra"));      // Russian order: Cyrillic before Latin

  std::vector<std::string> words = {"яблоко", "Жук", "Ёлка", "Юла", "Елена", "ёж", "Ель"};
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return collation_key(a) < collation_key(b); });
  // «ёж» first: ё is compared as е, and ж comes before л.
  CHECK(words == std::vector<std::string>{"ёж", "Елена", "Ёлка", "Ель", "Жук", "Юла", "яблоко"});
}
