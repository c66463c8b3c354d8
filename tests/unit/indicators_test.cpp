// indicators.yaml: arithmetic of shares (rounding, zero denominators, targets), the file's
// Russian diagnostics at the editor's line and column, and the department's totals
// (summarise_indicators, check_indicator_units).
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "build/load.h"
#include "core/diagnostics.h"
#include "model/indicator_summary.h"
#include "model/indicators.h"
#include "model/site.h"
#include "read/text_file.h"
#include "support.h"
#include "validate/files.h"
#include "validate/site_rules.h"

using namespace nastavnik;

namespace {

const std::string NBSP = "\u00A0";

struct Loaded {
  std::optional<IndicatorTable> table;
  std::vector<std::string> lines;  // formatted diagnostics, sorted
  size_t errors = 0;
};

// school-x/indicators.yaml read as the build reads it: decoded, checked against the
// contract and its own rules, then made into the model.
Loaded load(const std::string& yaml) {
  Diagnostics diagnostics;
  Loaded r;
  if (auto text = decode_text("school-x/indicators.yaml", yaml, diagnostics)) {
    if (auto file = load_indicators_file(*text, diagnostics)) r.table = indicator_table(*file);
  }
  r.lines = test::formatted(diagnostics);
  r.errors = diagnostics.error_count();
  return r;
}

IndicatorValue share(int64_t numerator, int64_t denominator, std::optional<double> target = std::nullopt) {
  IndicatorValue v;
  v.numerator = numerator;
  v.denominator = denominator;
  v.target = target;
  return v;
}

IndicatorValue count(int64_t value, std::optional<double> target = std::nullopt) {
  IndicatorValue v;
  v.value = value;
  v.target = target;
  return v;
}

Indicator indicator(std::string id, IndicatorUnit unit, std::map<int, IndicatorValue> values, std::string title = "") {
  Indicator ind;
  ind.id = std::move(id);
  ind.title = title.empty() ? "Показатель " + ind.id : std::move(title);
  ind.unit = unit;
  ind.values = std::move(values);
  return ind;
}

Organisation org_with(std::string id, std::string short_name, std::vector<Indicator> indicators, std::vector<int> years) {
  Organisation org;
  org.id = std::move(id);
  org.card.short_name.value = std::move(short_name);
  org.card.name.value = org.short_name();
  org.card.kind.value = "school";
  if (!indicators.empty()) {
    IndicatorTable t;
    t.title = "Показатели";
    t.years = std::move(years);
    t.indicators = std::move(indicators);
    org.indicators = std::move(t);
  }
  return org;
}

const IndicatorSummary* find_summary(const std::vector<IndicatorSummary>& all, const std::string& id) {
  for (const auto& s : all) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::vector<std::string> ids(const std::vector<const Organisation*>& orgs) {
  std::vector<std::string> out;
  for (const Organisation* o : orgs) out.push_back(o->id);
  return out;
}

}  // namespace

// ------------------------------------------------------------------ arithmetic --

TEST_CASE("share_percent: a share in percent, nothing for a zero denominator") {
  CHECK(share_percent(12, 15).value() == doctest::Approx(80.0));
  CHECK(share_percent(0, 5).value() == doctest::Approx(0.0));
  CHECK(share_percent(5, 5).value() == doctest::Approx(100.0));
  CHECK_FALSE(share_percent(0, 0).has_value());
  CHECK_FALSE(share_percent(3, 0).has_value());
}

TEST_CASE("format_percent: one decimal, a decimal comma, a no-break space before the sign") {
  CHECK(format_percent(*share_percent(2, 3)) == "66,7" + NBSP + "%");
  CHECK(format_percent(*share_percent(1, 8)) == "12,5" + NBSP + "%");
  CHECK(format_percent(*share_percent(1, 6)) == "16,7" + NBSP + "%");
  CHECK(format_percent(*share_percent(0, 5)) == "0,0" + NBSP + "%");
  CHECK(format_percent(*share_percent(1, 3)) == "33,3" + NBSP + "%");
  CHECK(format_percent(*share_percent(5, 5)) == "100,0" + NBSP + "%");
  CHECK(format_percent(*share_percent(27, 40)) == "67,5" + NBSP + "%");
  // Half a tenth rounds up (away from zero), also where the binary value lies just below.
  CHECK(format_percent(*share_percent(1, 16)) == "6,3" + NBSP + "%");      // 6.25
  CHECK(format_percent(*share_percent(1333, 2000)) == "66,7" + NBSP + "%");  // 66.65
  CHECK(format_percent(0.04) == "0,0" + NBSP + "%");
  CHECK(format_percent(99.96) == "100,0" + NBSP + "%");
}

TEST_CASE("format_fact: «12 из 15 (80,0 %)» for shares, the number for counts") {
  CHECK(format_fact(IndicatorUnit::Percent, share(12, 15)) == "12 из 15 (80,0" + NBSP + "%)");
  CHECK(format_fact(IndicatorUnit::Percent, share(2, 3)) == "2 из 3 (66,7" + NBSP + "%)");
  CHECK(format_fact(IndicatorUnit::Percent, share(0, 5)) == "0 из 5 (0,0" + NBSP + "%)");
  // Zero denominator: no share at all, not «0,0 %» and not «nan».
  CHECK(format_fact(IndicatorUnit::Percent, share(0, 0)) == "0 из 0");
  CHECK(format_fact(IndicatorUnit::Count, count(8)) == "8");
  CHECK(format_fact(IndicatorUnit::Count, count(0)) == "0");
  // Thousands are grouped with a narrow no-break space from five digits on.
  CHECK(format_fact(IndicatorUnit::Count, count(12345)) == "12\u202F345");
  CHECK(format_fact(IndicatorUnit::Count, count(1000)) == "1000");
}

TEST_CASE("format_target: «70 %» or «10», decimals with a comma, empty without a target") {
  CHECK(format_target(IndicatorUnit::Percent, share(1, 2, 70)) == "70" + NBSP + "%");
  CHECK(format_target(IndicatorUnit::Percent, share(1, 2, 72.5)) == "72,5" + NBSP + "%");
  CHECK(format_target(IndicatorUnit::Count, count(8, 10)) == "10");
  CHECK(format_target(IndicatorUnit::Count, count(8)) == "");
  CHECK(format_target(IndicatorUnit::Percent, share(1, 2)) == "");
}

TEST_CASE("target_met: compares what the reader sees, nothing without a target or a share") {
  // 12 of 15 = 80 % against 70 % and 80 %: met; against 80.1 %: not.
  CHECK(target_met(IndicatorUnit::Percent, share(12, 15, 70)) == std::optional<bool>(true));
  CHECK(target_met(IndicatorUnit::Percent, share(12, 15, 80)) == std::optional<bool>(true));
  CHECK(target_met(IndicatorUnit::Percent, share(12, 15, 80.1)) == std::optional<bool>(false));
  // 2 of 3 shows as 66,7 %: a target of 66.7 is met as printed.
  CHECK(target_met(IndicatorUnit::Percent, share(2, 3, 66.7)) == std::optional<bool>(true));
  CHECK(target_met(IndicatorUnit::Percent, share(2, 3, 66.8)) == std::optional<bool>(false));
  CHECK(target_met(IndicatorUnit::Percent, share(0, 5, 0)) == std::optional<bool>(true));
  // Zero denominator: there is no fact, so neither met nor missed.
  CHECK_FALSE(target_met(IndicatorUnit::Percent, share(0, 0, 50)).has_value());
  CHECK_FALSE(target_met(IndicatorUnit::Percent, share(3, 4)).has_value());
  CHECK(target_met(IndicatorUnit::Count, count(10, 10)) == std::optional<bool>(true));
  CHECK(target_met(IndicatorUnit::Count, count(9, 10)) == std::optional<bool>(false));
  CHECK_FALSE(target_met(IndicatorUnit::Count, count(9)).has_value());
}

// ---------------------------------------------------------------------- loader --

TEST_CASE("indicators.yaml: a valid table") {
  auto r = load(
      "title: \"Показатели школы\"\n"
      "years: [2024, 2022, 2023]\n"
      "indicators:\n"
      "  - id: young-teachers-covered\n"
      "    title: \"Доля молодых педагогов\"\n"
      "    unit: percent\n"
      "    values:\n"
      "      2022: {numerator: 12, denominator: 15, target: 70}\n"
      "      2023: {numerator: 0, denominator: 0}\n"
      "  - id: mentors-trained\n"
      "    title: \"Наставники, прошедшие обучение\"\n"
      "    unit: count\n"
      "    values:\n"
      "      2024: {value: 8, target: 10}\n");
  const std::string first_line = r.lines.empty() ? std::string() : r.lines.front();
  INFO(first_line);
  REQUIRE(r.table.has_value());
  CHECK(r.errors == 0);
  CHECK(r.table->years == std::vector<int>{2022, 2023, 2024});  // sorted
  REQUIRE(r.table->indicators.size() == 2);
  const Indicator& a = r.table->indicators[0];
  CHECK(a.id == "young-teachers-covered");
  CHECK(a.unit == IndicatorUnit::Percent);
  CHECK(a.pos.line == 4);
  REQUIRE(a.values.size() == 2);
  CHECK(a.values.at(2022).numerator == 12);
  CHECK(a.values.at(2022).denominator == 15);
  CHECK(a.values.at(2022).target == std::optional<double>(70));
  CHECK(a.values.at(2023).denominator == 0);  // allowed: a share that cannot be computed yet
  const Indicator& b = r.table->indicators[1];
  CHECK(b.unit == IndicatorUnit::Count);
  CHECK(b.values.at(2024).value == 8);
  CHECK(b.values.at(2024).target == std::optional<double>(10));
}

TEST_CASE("indicators.yaml: a missing title gets the default one") {
  auto r = load(
      "years: [2022]\n"
      "indicators:\n"
      "  - id: a\n"
      "    title: \"А\"\n"
      "    unit: count\n"
      "    values:\n"
      "      2022: {value: 1}\n");
  REQUIRE(r.table.has_value());
  CHECK(r.table->title == "Показатели реализации целевой модели наставничества");
}

TEST_CASE("indicators.yaml: a numerator above its denominator is an error at the numerator") {
  auto r = load(
      "years: [2022, 2023]\n"
      "indicators:\n"
      "  - id: young-teachers-covered\n"
      "    title: \"Доля молодых педагогов\"\n"
      "    unit: percent\n"
      "    values:\n"
      "      2022: {numerator: 12, denominator: 15}\n"
      "      2023: {numerator: 16, denominator: 15}\n");
  CHECK_FALSE(r.table.has_value());
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "school-x/indicators.yaml:8:25: ошибка: числитель 16 больше знаменателя 15, проверьте значения: доля не может превышать 100 %");
}

TEST_CASE("indicators.yaml: a numerator above its denominator, block style") {
  auto r = load(
      "years: [2022]\n"
      "indicators:\n"
      "  - id: share\n"
      "    title: \"Доля\"\n"
      "    unit: percent\n"
      "    values:\n"
      "      2022:\n"
      "        denominator: 3\n"
      "        numerator: 4\n");
  CHECK_FALSE(r.table.has_value());
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "school-x/indicators.yaml:9:20: ошибка: числитель 4 больше знаменателя 3, проверьте значения: доля не может превышать 100 %");
}

TEST_CASE("indicators.yaml: negative numbers") {
  SUBCASE("a negative count") {
    auto r = load(
        "years: [2022]\n"
        "indicators:\n"
        "  - id: mentors-trained\n"
        "    title: \"Наставники\"\n"
        "    unit: count\n"
        "    values:\n"
        "      2022: {value: -3}\n");
    CHECK_FALSE(r.table.has_value());
    REQUIRE(r.lines.size() == 1);
    CHECK(r.lines[0] == "school-x/indicators.yaml:7:21: ошибка: отрицательное значение в поле «value», укажите число 0 или больше");
  }
  SUBCASE("a negative numerator and denominator: both reported, no comparison message") {
    auto r = load(
        "years: [2022]\n"
        "indicators:\n"
        "  - id: share\n"
        "    title: \"Доля\"\n"
        "    unit: percent\n"
        "    values:\n"
        "      2022: {numerator: -1, denominator: -5}\n");
    CHECK_FALSE(r.table.has_value());
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines[0] == "school-x/indicators.yaml:7:25: ошибка: отрицательное значение в поле «numerator», укажите число 0 или больше");
    CHECK(r.lines[1] == "school-x/indicators.yaml:7:42: ошибка: отрицательное значение в поле «denominator», укажите число 0 или больше");
  }
}

TEST_CASE("indicators.yaml: a year outside `years` is an error at the year") {
  auto r = load(
      "years: [2022, 2023]\n"
      "indicators:\n"
      "  - id: mentors-trained\n"
      "    title: \"Наставники\"\n"
      "    unit: count\n"
      "    values:\n"
      "      2022: {value: 3}\n"
      "      2025: {value: 4}\n");
  CHECK_FALSE(r.table.has_value());
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "school-x/indicators.yaml:8:7: ошибка: год 2025 не указан в списке years, добавьте его в years или исправьте год");
}

TEST_CASE("indicators.yaml: a duplicate id names the line of the first one") {
  auto r = load(
      "years: [2022]\n"
      "indicators:\n"
      "  - id: mentors-trained\n"
      "    title: \"Наставники\"\n"
      "    unit: count\n"
      "    values:\n"
      "      2022: {value: 3}\n"
      "  - id: mentors-trained\n"
      "    title: \"Наставники ещё раз\"\n"
      "    unit: count\n"
      "    values:\n"
      "      2022: {value: 4}\n");
  CHECK_FALSE(r.table.has_value());
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "school-x/indicators.yaml:8:9: ошибка: показатель с кодом «mentors-trained» уже есть в строке 3, у каждого показателя должен быть свой id");
}

TEST_CASE("indicators.yaml: a percent without a denominator (or numerator) is an error at the year") {
  SUBCASE("value instead of numerator and denominator") {
    auto r = load(
        "years: [2022, 2023]\n"
        "indicators:\n"
        "  - id: share\n"
        "    title: \"Доля\"\n"
        "    unit: percent\n"
        "    values:\n"
        "      2022: {numerator: 1, denominator: 2}\n"
        "      2023: {value: 5}\n");
    CHECK_FALSE(r.table.has_value());
    REQUIRE(r.lines.size() == 1);
    CHECK(r.lines[0] ==
          "school-x/indicators.yaml:8:7: ошибка: у доли (unit: percent) нет знаменателя за 2023 год, добавьте denominator — число, от которого считается доля");
  }
  SUBCASE("numerator only") {
    auto r = load(
        "years: [2022]\n"
        "indicators:\n"
        "  - id: share\n"
        "    title: \"Доля\"\n"
        "    unit: percent\n"
        "    values:\n"
        "      2022: {numerator: 1}\n");
    CHECK_FALSE(r.table.has_value());
    REQUIRE(r.lines.size() == 1);
    CHECK(r.lines[0] ==
          "school-x/indicators.yaml:7:7: ошибка: у доли (unit: percent) нет знаменателя за 2022 год, добавьте denominator — число, от которого считается доля");
  }
  SUBCASE("denominator only") {
    auto r = load(
        "years: [2022]\n"
        "indicators:\n"
        "  - id: share\n"
        "    title: \"Доля\"\n"
        "    unit: percent\n"
        "    values:\n"
        "      2022: {denominator: 4}\n");
    CHECK_FALSE(r.table.has_value());
    REQUIRE(r.lines.size() == 1);
    CHECK(r.lines[0] == "school-x/indicators.yaml:7:7: ошибка: у доли (unit: percent) нет числителя за 2022 год, добавьте numerator");
  }
}

TEST_CASE("indicators.yaml: targets must be numbers within range") {
  auto r = load(
      "years: [2022]\n"
      "indicators:\n"
      "  - id: share\n"
      "    title: \"Доля\"\n"
      "    unit: percent\n"
      "    values:\n"
      "      2022: {numerator: 1, denominator: 2, target: 120}\n");
  CHECK_FALSE(r.table.has_value());
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] == "school-x/indicators.yaml:7:52: ошибка: целевое значение доли больше 100 %, укажите процент от 0 до 100");

  auto decimal_comma = load(
      "years: [2022]\n"
      "indicators:\n"
      "  - id: share\n"
      "    title: \"Доля\"\n"
      "    unit: percent\n"
      "    values:\n"
      "      2022: {numerator: 1, denominator: 2, target: \"72,5\"}\n");
  REQUIRE(decimal_comma.table.has_value());
  CHECK(decimal_comma.table->indicators[0].values.at(2022).target.value() == doctest::Approx(72.5));
}

TEST_CASE("indicators.yaml: every error of the file is reported, not only the first") {
  auto r = load(
      "years: [2022]\n"
      "indicators:\n"
      "  - id: a\n"
      "    title: \"А\"\n"
      "    unit: percent\n"
      "    values:\n"
      "      2022: {numerator: 3, denominator: 2}\n"
      "  - id: b\n"
      "    title: \"Б\"\n"
      "    unit: count\n"
      "    values:\n"
      "      2022: {value: -1}\n");
  CHECK_FALSE(r.table.has_value());
  CHECK(r.errors == 2);
}

TEST_CASE("indicators.yaml: no file, no table, and no page or open data of indicators") {
  MemorySource source;
  source.add("site.yaml", "title: \"Портал\"\nbase_url: \"https://nastavnik.example.ru/\"\n");
  source.add("school-x/org.yaml", "name: \"Школа\"\nshort_name: \"Школа\"\nkind: school\n");
  source.add("school-y/org.yaml", "name: \"Школа Y\"\nshort_name: \"Школа Y\"\nkind: school\n");
  source.add("school-y/indicators.yaml", "years: [2022]\nindicators:\n  - id: a\n    title: \"А\"\n    unit: count\n    values:\n      2022: {value: 1}\n");
  Diagnostics diagnostics;
  BuildReport report;
  auto loaded = load_site(source, test::kEpoch, {}, diagnostics, report);
  REQUIRE(loaded);
  CHECK_FALSE(diagnostics.has_errors());
  const Organisation* x = loaded->site.find_org("school-x");
  const Organisation* y = loaded->site.find_org("school-y");
  REQUIRE(x);
  REQUIRE(y);
  CHECK_FALSE(x->indicators.has_value());
  CHECK(y->indicators.has_value());

  test::Built built;
  test::build(source, built);
  REQUIRE(built.report.ok);
  CHECK_FALSE(built.has("school-x/indicators/index.html"));
  CHECK_FALSE(built.has("school-x/indicators.csv"));
  CHECK(built.has("school-y/indicators/index.html"));
  CHECK(built.has("school-y/indicators.csv"));
  CHECK(built.has("school-y/indicators.json"));
}

// ------------------------------------------------------------------- summaries --

TEST_CASE("summarise_indicators: numerators and denominators summed separately, counts summed, missing years per org") {
  Site site;
  site.title = "Портал";
  site.base_url = "https://nastavnik.example.ru/";
  site.department = "uo";
  site.orgs.push_back(org_with("uo", "УО", {indicator("covered", IndicatorUnit::Percent, {{2024, share(1, 2, 50)}})}, {2024}));
  site.orgs.push_back(org_with("school-1", "Школа № 1",
                               {indicator("covered", IndicatorUnit::Percent, {{2023, share(2, 3, 60)}, {2024, share(12, 15, 70)}}),
                                indicator("trained", IndicatorUnit::Count, {{2023, count(4, 5)}, {2024, count(6)}})},
                               {2023, 2024}));
  site.orgs.push_back(org_with("school-2", "Школа № 2",
                               {indicator("trained", IndicatorUnit::Count, {{2024, count(10)}}),
                                indicator("covered", IndicatorUnit::Percent, {{2023, share(1, 5)}, {2024, share(0, 0)}})},
                               {2023, 2024}));
  site.orgs.push_back(org_with("school-3", "Школа № 3", {indicator("covered", IndicatorUnit::Percent, {{2024, share(3, 8)}})}, {2024}));
  site.orgs.push_back(org_with("school-4", "Школа № 4", {}, {}));  // no indicators.yaml at all

  Diagnostics diagnostics;
  check_indicator_units(site.orgs, diagnostics);
  CHECK_FALSE(diagnostics.has_errors());
  auto summaries = summarise_indicators(site);
  REQUIRE(summaries.size() == 2);
  // Order of first appearance, the department's own first.
  CHECK(summaries[0].id == "covered");
  CHECK(summaries[1].id == "trained");

  const IndicatorSummary& covered = summaries[0];
  CHECK(covered.unit == IndicatorUnit::Percent);
  CHECK(covered.title == "Показатель covered");
  CHECK(covered.years == std::vector<int>{2023, 2024});
  // 2023: 2/3 + 1/5 = 3/8; 2024: 1/2 + 12/15 + 0/0 + 3/8 = 16/25 (the department counts too).
  CHECK(covered.total.at(2023).numerator == 3);
  CHECK(covered.total.at(2023).denominator == 8);
  CHECK(covered.total.at(2024).numerator == 16);
  CHECK(covered.total.at(2024).denominator == 25);
  CHECK(format_fact(covered.unit, covered.total.at(2023)) == "3 из 8 (37,5" + NBSP + "%)");
  CHECK(format_fact(covered.unit, covered.total.at(2024)) == "16 из 25 (64,0" + NBSP + "%)");
  // The total of shares is not the mean of shares: (66.7 + 20) / 2 = 43.3, not 37.5.
  CHECK_FALSE(covered.total.at(2023).target.has_value());  // targets are not summed
  REQUIRE(covered.reports.size() == 4);
  CHECK(covered.reports[0].first->id == "uo");
  CHECK(covered.reports[1].first->id == "school-1");
  CHECK(covered.reports[2].first->id == "school-2");
  CHECK(covered.reports[3].first->id == "school-3");
  // Missing: school-3 has no 2023, school-4 nothing; the department is never listed.
  CHECK(ids(covered.missing.at(2023)) == std::vector<std::string>{"school-3", "school-4"});
  CHECK(ids(covered.missing.at(2024)) == std::vector<std::string>{"school-4"});

  const IndicatorSummary& trained = summaries[1];
  CHECK(trained.unit == IndicatorUnit::Count);
  CHECK(trained.years == std::vector<int>{2023, 2024});
  CHECK(trained.total.at(2023).value == 4);
  CHECK(trained.total.at(2024).value == 16);
  CHECK_FALSE(trained.total.at(2023).target.has_value());
  CHECK(trained.total.at(2023).numerator == 0);
  CHECK(trained.total.at(2023).denominator == 0);
  CHECK(ids(trained.missing.at(2023)) == std::vector<std::string>{"school-2", "school-3", "school-4"});
  CHECK(ids(trained.missing.at(2024)) == std::vector<std::string>{"school-3", "school-4"});
}

TEST_CASE("summarise_indicators: a total with a zero denominator has no share") {
  Site site;
  site.department = "uo";
  site.orgs.push_back(org_with("uo", "УО", {}, {}));
  site.orgs.push_back(org_with("a", "А", {indicator("covered", IndicatorUnit::Percent, {{2024, share(0, 0, 50)}})}, {2024}));
  site.orgs.push_back(org_with("b", "Б", {indicator("covered", IndicatorUnit::Percent, {{2024, share(0, 0)}})}, {2024}));
  auto summaries = summarise_indicators(site);
  REQUIRE(summaries.size() == 1);
  const IndicatorValue& t = summaries[0].total.at(2024);
  CHECK(t.denominator == 0);
  CHECK_FALSE(share_percent(t.numerator, t.denominator).has_value());
  CHECK(format_fact(IndicatorUnit::Percent, t) == "0 из 0");
  CHECK(summaries[0].missing.at(2024).empty());
}

TEST_CASE("one id with two units is an error at the second organisation's id, and is not summed") {
  Site site;
  site.department = "uo";
  site.orgs.push_back(org_with("uo", "УО", {}, {}));
  Indicator as_share = indicator("covered", IndicatorUnit::Percent, {{2024, share(1, 2)}});
  Indicator as_count = indicator("covered", IndicatorUnit::Count, {{2024, count(7)}});
  as_count.pos = {5, 9};
  site.orgs.push_back(org_with("a", "А", {as_share}, {2024}));
  site.orgs.push_back(org_with("b", "Б", {as_count}, {2024}));
  Diagnostics diagnostics;
  check_indicator_units(site.orgs, diagnostics);
  auto summaries = summarise_indicators(site);
  REQUIRE(diagnostics.error_count() == 1);
  auto lines = diagnostics.sorted();
  CHECK(lines[0].format() ==
        "b/indicators.yaml:5:9: ошибка: показатель «covered» у другой организации измеряется в других единицах (unit), а суммировать можно только одинаковые; исправьте unit или id");
  REQUIRE(summaries.size() == 1);
  // The count is not mixed into the share.
  CHECK(summaries[0].total.at(2024).numerator == 1);
  CHECK(summaries[0].total.at(2024).denominator == 2);
  CHECK(summaries[0].total.at(2024).value == 0);
  CHECK(summaries[0].reports.size() == 1);
}

TEST_CASE("summarise_indicators: no indicators anywhere, no summaries") {
  Site site;
  site.department = "uo";
  site.orgs.push_back(org_with("uo", "УО", {}, {}));
  site.orgs.push_back(org_with("a", "А", {}, {}));
  Diagnostics diagnostics;
  check_indicator_units(site.orgs, diagnostics);
  CHECK(summarise_indicators(site).empty());
  CHECK_FALSE(diagnostics.has_errors());
}
