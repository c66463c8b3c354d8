#include "model/indicators.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {
IndicatorTable indicator_table(const IndicatorsFile& file) {
  IndicatorTable table;
  table.title = file.title.present ? file.title.value : "Показатели реализации целевой модели наставничества";
  for (const auto& y : file.years) table.years.push_back(static_cast<int>(y.value));
  std::sort(table.years.begin(), table.years.end());
  for (const auto& item : file.indicators) {
    const IndicatorRecord& r = item.value;
    Indicator ind;
    ind.id = r.id.value;
    ind.pos = r.id.pos;
    ind.title = r.title.value;
    ind.unit = r.unit.value == "percent" ? IndicatorUnit::Percent : IndicatorUnit::Count;
    for (const auto& [year, v] : r.values) {
      IndicatorValue value;
      value.numerator = v.value.numerator.value;
      value.denominator = v.value.denominator.value;
      value.value = v.value.value.value;
      if (v.value.target.present) value.target = v.value.target.value;
      ind.values[year.value] = value;
    }
    table.indicators.push_back(std::move(ind));
  }
  return table;
}

std::optional<double> share_percent(int64_t numerator, int64_t denominator) {
  if (denominator <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::string format_percent(double percent) {
  // Rounded half away from zero to one decimal, on the integer of tenths, so that 66.65
  // does not turn into 66,6 through binary representation.
  long long tenths = std::llround(percent * 10.0 + (percent >= 0 ? 1e-9 : -1e-9));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%lld,%lld\u00A0%%", tenths < 0 ? "−" : "", std::llabs(tenths) / 10, std::llabs(tenths) % 10);
  return buf;
}

std::optional<bool> target_met(IndicatorUnit unit, const IndicatorValue& v) {
  if (!v.target) return std::nullopt;
  if (unit == IndicatorUnit::Percent) {
    auto share = share_percent(v.numerator, v.denominator);
    if (!share) return std::nullopt;
    // Compare what the reader sees: the share rounded to one decimal.
    return std::llround(*share * 10.0) >= std::llround(*v.target * 10.0);
  }
  return static_cast<double>(v.value) >= *v.target;
}

std::string format_fact(IndicatorUnit unit, const IndicatorValue& v) {
  if (unit == IndicatorUnit::Count) return format_integer(v.value);
  auto share = share_percent(v.numerator, v.denominator);
  return format_integer(v.numerator) + " из " + format_integer(v.denominator) + (share ? " (" + format_percent(*share) + ")" : "");
}

std::string format_target(IndicatorUnit unit, const IndicatorValue& v) {
  if (!v.target) return "";
  char buf[32];
  double t = *v.target;
  if (std::fabs(t - std::round(t)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", t);
  else std::snprintf(buf, sizeof buf, "%.1f", t);
  std::string out = buf;
  std::replace(out.begin(), out.end(), '.', ',');
  return unit == IndicatorUnit::Percent ? out + "\u00A0%" : out;
}

}  // namespace nastavnik
