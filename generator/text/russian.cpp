#include "text/russian.h"

#include <unicode/calendar.h>
#include <unicode/coll.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/plurrule.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace nastavnik {
namespace {

const icu::Locale& russian() {
  static const icu::Locale locale("ru", "RU");
  return locale;
}

// Month names (genitive, as dates are written) read once from ICU's Russian data; plain strings are safe to share.
struct MonthNames {
  std::array<std::string, 12> genitive;    // «апреля»
};

const MonthNames& month_names() {
  static const MonthNames names = [] {
    MonthNames m;
    UErrorCode status = U_ZERO_ERROR;
    icu::DateFormatSymbols symbols(russian(), status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no Russian date symbols");
    int32_t count = 0;
    const icu::UnicodeString* format =
        symbols.getMonths(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
    for (int i = 0; i < 12 && i < count; ++i) format[i].toUTF8String(m.genitive[i]);
    return m;
  }();
  return names;
}

const icu::PluralRules& plural_rules() {
  static const std::unique_ptr<icu::PluralRules> rules = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::PluralRules> r(icu::PluralRules::forLocale(russian(), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no Russian plural rules");
    return r;
  }();
  return *rules;
}

std::unique_ptr<icu::TimeZone> make_zone(std::string_view zone) {
  return std::unique_ptr<icu::TimeZone>(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())))));
}

// Creating an ICU time zone costs a resource look-up; feeds ask for thousands of offsets.
const icu::TimeZone& zone_of(std::string_view zone) {
  thread_local std::string cached_id;
  thread_local std::unique_ptr<icu::TimeZone> cached;
  if (!cached || cached_id != zone) {
    cached = make_zone(zone);
    cached_id = std::string(zone);
  }
  return *cached;
}

// Offset from UTC, in minutes, at local midnight of `d`.
int offset_minutes(const Date& d, std::string_view zone) {
  const icu::TimeZone& tz = zone_of(zone);
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  UDate local_midnight = static_cast<double>(d.days_since_epoch()) * 86400000.0;
  tz.getOffset(local_midnight, /*local=*/true, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 60000;
}

}  // namespace

std::string format_date_ru(const Date& d) {
  return std::to_string(d.day) + "\u00A0" + month_names().genitive[d.month - 1] + "\u00A0" + std::to_string(d.year) + "\u00A0г.";
}

std::string plural_form(int64_t n, std::string_view one, std::string_view few, std::string_view many) {
  icu::UnicodeString keyword = plural_rules().select(static_cast<int32_t>(n < 0 ? -n : n % 1000000));
  if (keyword == UNICODE_STRING_SIMPLE("one")) return std::string(one);
  if (keyword == UNICODE_STRING_SIMPLE("few")) return std::string(few);
  return std::string(many);
}

std::string format_integer(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  // Russian typography groups only numbers of five digits and more: «1000», «12 345».
  bool group = digits.size() > 4;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (group && i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";
    out += digits[i];
  }
  return n < 0 ? "−" + out : out;
}

std::string count_phrase(int64_t n, std::string_view one, std::string_view few, std::string_view many) {
  return format_integer(n) + "\u00A0" + plural_form(n, one, few, many);
}

std::string upper_first(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (u.length() == 0) return std::string(text);
  const int32_t first = u.moveIndex32(0, 1);  // one code point, not one UTF-16 unit
  icu::UnicodeString head(u, 0, first);
  u.replace(0, first, head.toUpper(icu::Locale("ru")));
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string collation_key(std::string_view text) {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(russian(), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no Russian collator");
    return c;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // Most keys fit the first guess; ICU makes a key once, or twice when it does not fit.
  std::string key(static_cast<size_t>(u.length()) * 4 + 16, '\0');
  int32_t size = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (static_cast<size_t>(size) > key.size()) {
    key.assign(static_cast<size_t>(size), '\0');
    collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), size);
  }
  key.resize(static_cast<size_t>(size));
  if (!key.empty() && key.back() == '\0') key.pop_back();
  return key;
}

bool is_known_time_zone(std::string_view zone) {
  auto tz = make_zone(zone);
  icu::UnicodeString id;
  tz->getID(id);
  return *tz != icu::TimeZone::getUnknown() && id != UNICODE_STRING_SIMPLE("Etc/Unknown");
}

Date date_in_zone(int64_t epoch_seconds, std::string_view zone) {
  const icu::TimeZone& tz = zone_of(zone);
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  tz.getOffset(static_cast<double>(epoch_seconds) * 1000.0, /*local=*/false, raw, dst, status);
  int64_t local = epoch_seconds + (U_FAILURE(status) ? 0 : (raw + dst) / 1000);
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  return Date::from_days_since_epoch(static_cast<long>(days));
}

std::string rfc822_midnight(const Date& d, std::string_view zone) {
  static const char* days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  long n = d.days_since_epoch();
  int wd = static_cast<int>(((n % 7) + 7) % 7);
  int off = offset_minutes(d, zone);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d 00:00:00 %c%02d%02d", days[wd], d.day, months[d.month - 1], d.year,
                off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
  return buf;
}

}  // namespace nastavnik
