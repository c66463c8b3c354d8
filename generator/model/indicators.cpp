#include "model/indicators.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/strings.h"
#include "load/content_tree.h"
#include "load/yaml_reader.h"
#include "model/schema.h"
#include "text/russian.h"
#include "text/typography.h"

namespace nastavnik {
namespace {

std::optional<double> parse_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  std::string t = s;
  std::replace(t.begin(), t.end(), ',', '.');
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

class IndicatorReader {
 public:
  IndicatorReader(const YamlContext& ctx, const std::vector<int>& years) : ctx_(ctx), years_(years) {}

  bool read_value(const YAML::Node& key, const YAML::Node& map, IndicatorUnit unit, IndicatorValue& out) {
    bool ok = true;
    auto negative = [&](const char* field_name, int64_t v) {
      if (v >= 0) return false;
      ctx_.error(field(map, field_name), std::string("отрицательное значение в поле «") + field_name + "», укажите число 0 или больше");
      return true;
    };
    if (unit == IndicatorUnit::Percent) {
      YAML::Node numerator = field(map, "numerator"), denominator = field(map, "denominator");
      if (!denominator || denominator.IsNull()) {
        ctx_.error(key, "у доли (unit: percent) нет знаменателя за " + key.Scalar() +
                            " год, добавьте denominator — число, от которого считается доля");
        return false;
      }
      if (!numerator || numerator.IsNull()) {
        ctx_.error(key, "у доли (unit: percent) нет числителя за " + key.Scalar() + " год, добавьте numerator");
        return false;
      }
      out.numerator = get_int(map, "numerator");
      out.denominator = get_int(map, "denominator");
      ok = !negative("numerator", out.numerator) && ok;
      ok = !negative("denominator", out.denominator) && ok;
      if (ok && out.numerator > out.denominator) {
        ctx_.error(numerator, "числитель " + std::to_string(out.numerator) + " больше знаменателя " + std::to_string(out.denominator) +
                                  ", проверьте значения: доля не может превышать 100 %");
        ok = false;
      }
    } else {
      YAML::Node value = field(map, "value");
      if (!value || value.IsNull()) {
        ctx_.error(key, "нет значения value за " + key.Scalar() + " год, добавьте value: число");
        return false;
      }
      out.value = get_int(map, "value");
      ok = !negative("value", out.value) && ok;
    }
    if (YAML::Node target = field(map, "target"); target && target.IsScalar()) {
      out.target = parse_number(target.Scalar());
      if (!out.target) {
        ctx_.error(target, "целевое значение target должно быть числом, например 70");
        ok = false;
      } else if (*out.target < 0) {
        ctx_.error(target, "целевое значение target не может быть отрицательным");
        ok = false;
      } else if (unit == IndicatorUnit::Percent && *out.target > 100) {
        ctx_.error(target, "целевое значение доли больше 100 %, укажите процент от 0 до 100");
        ok = false;
      }
    }
    return ok;
  }

  bool read(const YAML::Node& node, Indicator& out) {
    out.id = get_text(node, "id");
    out.title = typograph(get_text(node, "title"));
    out.unit = get_text(node, "unit") == "percent" ? IndicatorUnit::Percent : IndicatorUnit::Count;
    bool ok = true;
    for (const auto& kv : field(node, "values")) {
      int year = std::stoi(kv.first.Scalar());
      if (std::find(years_.begin(), years_.end(), year) == years_.end()) {
        ctx_.error(kv.first, "год " + kv.first.Scalar() + " не указан в списке years, добавьте его в years или исправьте год");
        ok = false;
        continue;
      }
      if (out.values.count(year)) {
        ctx_.error(kv.first, "значение за " + kv.first.Scalar() + " год указано дважды, оставьте одно");
        ok = false;
        continue;
      }
      IndicatorValue v;
      if (read_value(kv.first, kv.second, out.unit, v)) out.values[year] = v;
      else ok = false;
    }
    return ok;
  }

 private:
  const YamlContext& ctx_;
  const std::vector<int>& years_;
};

}  // namespace

std::optional<IndicatorTable> load_indicators(const std::filesystem::path& root, const std::string& org_id,
                                              Diagnostics& diagnostics) {
  auto source = read_source(root, org_id + "/indicators.yaml", diagnostics);
  if (!source) return std::nullopt;
  return parse_indicators(*source, diagnostics);
}

std::optional<IndicatorTable> parse_indicators(const SourceFile& source, Diagnostics& diagnostics) {
  YamlContext ctx(source, 0, diagnostics);
  auto doc = parse_yaml(source.text(), ctx);
  if (!doc || !check_fields(*doc, indicators_schema().fields, ctx)) return std::nullopt;
  IndicatorTable table;
  table.title = typograph(get_text(*doc, "title"));
  if (table.title.empty()) table.title = "Показатели реализации целевой модели наставничества";
  bool ok = true;
  for (const auto& y : field(*doc, "years")) {
    int year = std::stoi(y.Scalar());
    if (year < 2000 || year > 2100) {
      ctx.error(y, "год " + y.Scalar() + " вне допустимого диапазона, укажите год от 2000 до 2100");
      ok = false;
    } else if (std::find(table.years.begin(), table.years.end(), year) != table.years.end()) {
      ctx.error(y, "год " + y.Scalar() + " указан в years дважды, оставьте один");
      ok = false;
    } else {
      table.years.push_back(year);
    }
  }
  std::sort(table.years.begin(), table.years.end());
  IndicatorReader reader(ctx, table.years);
  std::map<std::string, int> seen;
  for (const auto& node : field(*doc, "indicators")) {
    Indicator indicator;
    if (!reader.read(node, indicator)) {
      ok = false;
      continue;
    }
    YAML::Node id = field(node, "id");
    indicator.pos = ctx.position(id);
    auto [it, inserted] = seen.emplace(indicator.id, ctx.position(id).line);
    if (!inserted) {
      ctx.error(id, "показатель с кодом «" + indicator.id + "» уже есть в строке " + std::to_string(it->second) +
                        ", у каждого показателя должен быть свой id");
      ok = false;
      continue;
    }
    table.indicators.push_back(std::move(indicator));
  }
  if (!ok) return std::nullopt;
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
