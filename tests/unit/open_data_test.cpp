// Open data of the indicator tables: CSV field escaping (RFC 4180 and formula injection),
// indicators.csv / indicators.json of one organisation and the department's totals.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "model/indicator_summary.h"
#include "model/indicators.h"
#include "model/site.h"
#include "plan/output_plan.h"
#include "render/open_data.h"
#include "validate/site_rules.h"

using namespace nastavnik;
using Json = nlohmann::json;

namespace {

const std::string BOM = "\xEF\xBB\xBF";
const std::string HEADER =
    "Код организации,Организация,Код показателя,Показатель,Единица,Год,Числитель,Знаменатель,Значение,\"Доля, %\",Цель,Цель достигнута";

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

Indicator indicator(std::string id, std::string title, IndicatorUnit unit, std::map<int, IndicatorValue> values) {
  Indicator ind;
  ind.id = std::move(id);
  ind.title = std::move(title);
  ind.unit = unit;
  ind.values = std::move(values);
  return ind;
}

Organisation org_with(std::string id, std::string short_name, std::vector<Indicator> indicators, std::vector<int> years) {
  Organisation org;
  org.id = std::move(id);
  org.card.short_name.value = std::move(short_name);
  org.card.name.value = "Полное имя: " + org.short_name();
  org.card.kind.value = "school";
  if (!indicators.empty()) {
    IndicatorTable t;
    t.title = "Показатели " + org.id;
    t.years = std::move(years);
    t.indicators = std::move(indicators);
    org.indicators = std::move(t);
  }
  return org;
}

// Splits a CSV document into records of fields (RFC 4180, CRLF records), checking along the
// way that every record ends with CRLF and that no bare LF or CR appears outside quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, in_field = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && !in_field) {
      quoted = in_field = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
      in_field = false;
    } else if (c == '\r') {
      REQUIRE_MESSAGE(i + 1 < text.size(), "a CR at the end of the file");
      REQUIRE_MESSAGE(text[i + 1] == '\n', "a bare CR outside quotes");
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
      in_field = false;
      ++i;
    } else {
      REQUIRE_MESSAGE(c != '\n', "a bare LF outside quotes");
      field += c;
      in_field = true;
    }
  }
  REQUIRE_MESSAGE(!quoted, "an unterminated quoted field");
  REQUIRE_MESSAGE(record.empty(), "the last record does not end with CRLF");
  REQUIRE_MESSAGE(field.empty(), "the last record does not end with CRLF");
  return records;
}

Site two_school_site() {
  Site site;
  site.title = "Наставничество";
  site.base_url = "https://nastavnik.example.ru/";
  site.department = "uo";
  site.orgs.push_back(org_with("uo", "УО", {}, {}));
  site.orgs.push_back(org_with("school-1", "Школа № 1",
                               {indicator("covered", "Доля молодых педагогов", IndicatorUnit::Percent,
                                          {{2023, share(2, 3, 60)}, {2024, share(12, 15, 90)}}),
                                indicator("trained", "Наставники, прошедшие обучение", IndicatorUnit::Count, {{2023, count(4, 5)}, {2024, count(6)}})},
                               {2023, 2024}));
  site.orgs.push_back(org_with("school-2", "Школа № 2",
                               {indicator("covered", "Доля молодых педагогов", IndicatorUnit::Percent,
                                          {{2023, share(0, 0, 50)}, {2024, share(1, 8)}})},
                               {2023, 2024}));
  return site;
}

}  // namespace

// -------------------------------------------------------------------- csv_field --

TEST_CASE("csv_field: plain text is left as it is") {
  CHECK(csv_field("") == "");
  CHECK(csv_field("school-1") == "school-1");
  CHECK(csv_field("Доля молодых педагогов") == "Доля молодых педагогов");
  CHECK(csv_field("12") == "12");
  CHECK(csv_field("66.7") == "66.7");
  // A minus inside is not a formula.
  CHECK(csv_field("teacher-teacher") == "teacher-teacher");
  CHECK(csv_field("a=b") == "a=b");
}

TEST_CASE("csv_field: RFC 4180 quoting of commas, quotes and line breaks") {
  CHECK(csv_field("Доля, %") == "\"Доля, %\"");
  CHECK(csv_field("МБОУ \"СОШ № 1\"") == "\"МБОУ \"\"СОШ № 1\"\"\"");
  CHECK(csv_field("Школа \"Радуга\", корпус 2") == "\"Школа \"\"Радуга\"\", корпус 2\"");
  CHECK(csv_field("строка 1\nстрока 2") == "\"строка 1\nстрока 2\"");
  CHECK(csv_field("строка 1\r\nстрока 2") == "\"строка 1\r\nстрока 2\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  // «Ёлочки» are not CSV quotes.
  CHECK(csv_field("Школа «Радуга»") == "Школа «Радуга»");
}

TEST_CASE("csv_field: a leading = + - @ tab or CR is neutralised with an apostrophe") {
  CHECK(csv_field("=SUM(A1)") == "'=SUM(A1)");
  CHECK(csv_field("=1+1") == "'=1+1");
  CHECK(csv_field("-5") == "'-5");
  CHECK(csv_field("+7") == "'+7");
  CHECK(csv_field("@x") == "'@x");
  CHECK(csv_field("\tTAB") == "'\tTAB");
  CHECK(csv_field("=HYPERLINK(\"http://evil\",\"x\")") == "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  // CR at the start: neutralised and quoted (it is a line break character).
  CHECK(csv_field("\rcmd") == "\"'\rcmd\"");
  // A formula with a comma: apostrophe first, then quoting of the whole field.
  CHECK(csv_field("=SUM(A1,B1)") == "\"'=SUM(A1,B1)\"");
  CHECK(csv_field("-2, \"минус\"") == "\"'-2, \"\"минус\"\"\"");
}

// -------------------------------------------------------------- indicators_csv --

TEST_CASE("indicators_csv: BOM, CRLF, the header, one row per indicator and year") {
  Site site = two_school_site();
  const std::string csv = indicators_csv(site.orgs[1]);
  REQUIRE(csv.rfind(BOM, 0) == 0);
  CHECK(csv.find("\n") == csv.find("\r\n") + 1);
  auto records = parse_csv(csv.substr(BOM.size()));
  REQUIRE(records.size() == 5);
  CHECK(csv.substr(BOM.size(), HEADER.size() + 2) == HEADER + "\r\n");
  using Row = std::vector<std::string>;
  CHECK(records[0] == Row{"Код организации", "Организация", "Код показателя", "Показатель", "Единица", "Год", "Числитель",
                          "Знаменатель", "Значение", "Доля, %", "Цель", "Цель достигнута"});
  CHECK(records[1] == Row{"school-1", "Школа № 1", "covered", "Доля молодых педагогов", "percent", "2023", "2", "3", "", "66.7", "60", "да"});
  CHECK(records[2] == Row{"school-1", "Школа № 1", "covered", "Доля молодых педагогов", "percent", "2024", "12", "15", "", "80.0", "90", "нет"});
  CHECK(records[3] == Row{"school-1", "Школа № 1", "trained", "Наставники, прошедшие обучение", "count", "2023", "", "", "4", "", "5", "нет"});
  CHECK(records[4] == Row{"school-1", "Школа № 1", "trained", "Наставники, прошедшие обучение", "count", "2024", "", "", "6", "", "", ""});
}

TEST_CASE("indicators_csv: zero denominator leaves the share and «цель достигнута» empty") {
  Site site = two_school_site();
  auto records = parse_csv(indicators_csv(site.orgs[2]).substr(BOM.size()));
  REQUIRE(records.size() == 3);
  using Row = std::vector<std::string>;
  CHECK(records[1] == Row{"school-2", "Школа № 2", "covered", "Доля молодых педагогов", "percent", "2023", "0", "0", "", "", "50", ""});
  CHECK(records[2] == Row{"school-2", "Школа № 2", "covered", "Доля молодых педагогов", "percent", "2024", "1", "8", "", "12.5", "", ""});
}

TEST_CASE("indicators_csv: rounding of the share to one decimal with a point") {
  Site site;
  site.base_url = "https://nastavnik.example.ru/";
  site.orgs.push_back(org_with("s", "С",
                               {indicator("p", "Доля", IndicatorUnit::Percent,
                                          {{2020, share(2, 3)}, {2021, share(1, 8)}, {2022, share(1, 6)}, {2023, share(0, 5)},
                                           {2024, share(1, 16)}, {2025, share(5, 5)}})},
                               {2020, 2021, 2022, 2023, 2024, 2025}));
  auto records = parse_csv(indicators_csv(site.orgs[0]).substr(BOM.size()));
  REQUIRE(records.size() == 7);
  CHECK(records[1][9] == "66.7");
  CHECK(records[2][9] == "12.5");
  CHECK(records[3][9] == "16.7");
  CHECK(records[4][9] == "0.0");
  CHECK(records[5][9] == "6.3");  // 6.25: half up, as on the page («6,3 %»)
  CHECK(records[6][9] == "100.0");
}

TEST_CASE("indicators_csv: a title that looks like a formula is neutralised, and quoted where needed") {
  Organisation org = org_with("s", "=Школа", {indicator("x", "=SUM(A1), \"опасно\"", IndicatorUnit::Count, {{2024, count(3)}})}, {2024});
  const std::string csv = indicators_csv(org);
  CHECK(csv.find("'=Школа") != std::string::npos);
  CHECK(csv.find(",\"'=SUM(A1), \"\"опасно\"\"\",") != std::string::npos);
  auto records = parse_csv(csv.substr(BOM.size()));
  REQUIRE(records.size() == 2);
  CHECK(records[1][1] == "'=Школа");
  CHECK(records[1][3] == "'=SUM(A1), \"опасно\"");
}

TEST_CASE("indicators_csv: an organisation without indicators gets the header only") {
  Organisation org = org_with("s", "С", {}, {});
  CHECK(indicators_csv(org) == BOM + HEADER + "\r\n");
}

// ------------------------------------------------------------- indicators_json --

TEST_CASE("indicators_json: numbers as numbers, share rounded, null for no share / no target") {
  Site site = two_school_site();
  const OutputPlan plan = OutputPlan::make(site, {});
  Json j = Json::parse(indicators_json(plan, site.orgs[1]));
  CHECK(j["organisation"]["id"] == "school-1");
  CHECK(j["organisation"]["short_name"] == "Школа № 1");
  CHECK(j["organisation"]["url"] == "https://nastavnik.example.ru/school-1/");
  CHECK(j["title"] == "Показатели school-1");
  CHECK(j["years"] == Json::array({2023, 2024}));
  REQUIRE(j["indicators"].size() == 2);
  const Json& covered = j["indicators"][0];
  CHECK(covered["id"] == "covered");
  CHECK(covered["unit"] == "percent");
  REQUIRE(covered["values"].size() == 2);
  CHECK(covered["values"][0]["year"] == 2023);
  CHECK(covered["values"][0]["numerator"] == 2);
  CHECK(covered["values"][0]["denominator"] == 3);
  CHECK(covered["values"][0]["share_percent"].get<double>() == doctest::Approx(66.7));
  CHECK(covered["values"][0]["target"].get<double>() == doctest::Approx(60));
  CHECK(covered["values"][0]["target_met"] == true);
  CHECK(covered["values"][1]["target_met"] == false);
  CHECK_FALSE(covered["values"][0].contains("value"));
  const Json& trained = j["indicators"][1];
  CHECK(trained["unit"] == "count");
  CHECK(trained["values"][0]["value"] == 4);
  CHECK_FALSE(trained["values"][0].contains("numerator"));
  CHECK_FALSE(trained["values"][0].contains("share_percent"));
  CHECK(trained["values"][1]["target"].is_null());
  CHECK(trained["values"][1]["target_met"].is_null());

  Json zero = Json::parse(indicators_json(plan, site.orgs[2]));
  const Json& v2023 = zero["indicators"][0]["values"][0];
  CHECK(v2023["numerator"] == 0);
  CHECK(v2023["denominator"] == 0);
  CHECK(v2023.contains("share_percent"));
  CHECK(v2023["share_percent"].is_null());
  CHECK(v2023["target"].get<double>() == doctest::Approx(50));
  CHECK(v2023["target_met"].is_null());
  CHECK(zero["indicators"][0]["values"][1]["share_percent"].get<double>() == doctest::Approx(12.5));
}

TEST_CASE("indicators_json: an organisation without indicators has an empty list") {
  Site site = two_school_site();
  const OutputPlan plan = OutputPlan::make(site, {});
  Json j = Json::parse(indicators_json(plan, site.orgs[0]));
  CHECK(j["organisation"]["id"] == "uo");
  CHECK(j["indicators"] == Json::array());
}

// ---------------------------------------------------------------- summaries --

TEST_CASE("summary_csv: totals first (no targets), then each organisation's own rows") {
  Site site = two_school_site();
  Diagnostics diagnostics;
  check_indicator_units(site.orgs, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  auto summaries = summarise_indicators(site);
  const std::string csv = summary_csv(summaries);
  REQUIRE(csv.rfind(BOM, 0) == 0);
  auto records = parse_csv(csv.substr(BOM.size()));
  using Row = std::vector<std::string>;
  REQUIRE(records.size() == 1 + 2 + 4 + 2 + 2);
  CHECK(records[0][9] == "Доля, %");
  // covered 2023: 2/3 + 0/0 = 2/3; 2024: 12/15 + 1/8 = 13/23 = 56.52 %.
  CHECK(records[1] == Row{"total", "Итого", "covered", "Доля молодых педагогов", "percent", "2023", "2", "3", "", "66.7", "", ""});
  CHECK(records[2] == Row{"total", "Итого", "covered", "Доля молодых педагогов", "percent", "2024", "13", "23", "", "56.5", "", ""});
  CHECK(records[3] == Row{"school-1", "Школа № 1", "covered", "Доля молодых педагогов", "percent", "2023", "2", "3", "", "66.7", "60", "да"});
  CHECK(records[6] == Row{"school-2", "Школа № 2", "covered", "Доля молодых педагогов", "percent", "2024", "1", "8", "", "12.5", "", ""});
  CHECK(records[7] == Row{"total", "Итого", "trained", "Наставники, прошедшие обучение", "count", "2023", "", "", "4", "", "", ""});
  CHECK(records[8] == Row{"total", "Итого", "trained", "Наставники, прошедшие обучение", "count", "2024", "", "", "6", "", "", ""});
}

TEST_CASE("summary_json: totals, organisations and not_reported") {
  Site site = two_school_site();
  site.indicator_summaries = summarise_indicators(site);
  const OutputPlan plan = OutputPlan::make(site, {});
  Json j = Json::parse(summary_json(site, plan, site.indicator_summaries));
  CHECK(j["title"] == "Сводные показатели: Наставничество");
  REQUIRE(j["indicators"].size() == 2);
  const Json& covered = j["indicators"][0];
  CHECK(covered["id"] == "covered");
  CHECK(covered["unit"] == "percent");
  CHECK(covered["years"] == Json::array({2023, 2024}));
  REQUIRE(covered["total"].size() == 2);
  CHECK(covered["total"][1]["year"] == 2024);
  CHECK(covered["total"][1]["numerator"] == 13);
  CHECK(covered["total"][1]["denominator"] == 23);
  CHECK(covered["total"][1]["share_percent"].get<double>() == doctest::Approx(56.5));
  CHECK_FALSE(covered["total"][1].contains("target"));  // targets are not summed
  REQUIRE(covered["organisations"].size() == 2);
  CHECK(covered["organisations"][0]["organisation"]["id"] == "school-1");
  CHECK(covered["organisations"][1]["values"][0]["share_percent"].is_null());
  CHECK(covered["not_reported"] == Json{{"2023", Json::array()}, {"2024", Json::array()}});
  const Json& trained = j["indicators"][1];
  CHECK(trained["total"][0]["value"] == 4);
  CHECK(trained["not_reported"] == Json{{"2023", Json::array({"school-2"})}, {"2024", Json::array({"school-2"})}});
}

TEST_CASE("summary_json: a total with a zero denominator has share_percent null") {
  Site site;
  site.base_url = "https://nastavnik.example.ru/";
  site.department = "uo";
  site.orgs.push_back(org_with("uo", "УО", {}, {}));
  site.orgs.push_back(org_with("a", "А", {indicator("p", "Доля", IndicatorUnit::Percent, {{2024, share(0, 0)}})}, {2024}));
  site.indicator_summaries = summarise_indicators(site);
  const OutputPlan plan = OutputPlan::make(site, {});
  Json j = Json::parse(summary_json(site, plan, site.indicator_summaries));
  const Json& total = j["indicators"][0]["total"][0];
  CHECK(total["denominator"] == 0);
  CHECK(total.contains("share_percent"));
  CHECK(total["share_percent"].is_null());
}
