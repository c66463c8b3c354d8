#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace nastavnik {

/// A calendar date as editors write it (`YYYY-MM-DD`), with no time of day.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date&) const = default;
  /// Days since 1970-01-01.
  long days_since_epoch() const;
  std::string iso() const;

  static std::optional<Date> parse_iso(std::string_view s);
  static Date from_days_since_epoch(long days);
};

}  // namespace nastavnik
