#include "render/open_data.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

#include "render/rss.h"

namespace nastavnik {
namespace {

using Json = nlohmann::ordered_json;

const char* kBom = "\xEF\xBB\xBF";

// Typography is for pages: data files get ordinary spaces, so that names match in a
// spreadsheet or a program.
std::string plain(std::string s) {
  for (const char* special : {"\u00A0", "\u202F"}) {
    for (size_t at; (at = s.find(special)) != std::string::npos;) s.replace(at, std::string_view(special).size(), " ");
  }
  return s;
}

std::string unit_id(IndicatorUnit u) { return u == IndicatorUnit::Percent ? "percent" : "count"; }

// Machine-readable decimals use a point: the files are data, not prose.
std::string decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10.0) / 10.0);
  return buf;
}

std::string target_text(const std::optional<double>& t) {
  if (!t) return "";
  char buf[32];
  if (std::fabs(*t - std::round(*t)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", *t);
  else std::snprintf(buf, sizeof buf, "%.1f", *t);
  return buf;
}

std::string row(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += csv_field(cells[i]);
  }
  return out + "\r\n";
}

const std::vector<std::string> kHeader = {"Код организации", "Организация", "Код показателя", "Показатель", "Единица", "Год",
                                          "Числитель", "Знаменатель", "Значение", "Доля, %", "Цель", "Цель достигнута"};

std::vector<std::string> value_cells(const Organisation* org, const std::string& id, const std::string& title, IndicatorUnit unit,
                                     int year, const IndicatorValue& v, bool with_target) {
  bool percent = unit == IndicatorUnit::Percent;
  auto share = share_percent(v.numerator, v.denominator);
  auto met = with_target ? target_met(unit, v) : std::nullopt;
  return {org ? org->id : "total",
          org ? plain(org->short_name()) : "Итого",
          id,
          plain(title),
          unit_id(unit),
          std::to_string(year),
          percent ? std::to_string(v.numerator) : "",
          percent ? std::to_string(v.denominator) : "",
          percent ? "" : std::to_string(v.value),
          percent && share ? decimal(*share) : "",
          with_target ? target_text(v.target) : "",
          met ? (*met ? "да" : "нет") : ""};
}

Json value_json(IndicatorUnit unit, int year, const IndicatorValue& v, bool with_target) {
  Json j;
  j["year"] = year;
  if (unit == IndicatorUnit::Percent) {
    j["numerator"] = v.numerator;
    j["denominator"] = v.denominator;
    auto share = share_percent(v.numerator, v.denominator);
    j["share_percent"] = share ? Json(std::round(*share * 10.0) / 10.0) : Json(nullptr);
  } else {
    j["value"] = v.value;
  }
  if (with_target) {
    j["target"] = v.target ? Json(*v.target) : Json(nullptr);
    auto met = target_met(unit, v);
    j["target_met"] = met ? Json(*met) : Json(nullptr);
  }
  return j;
}

Json org_json(const OutputPlan& plan, const Organisation& org) {
  auto tab = plan.org_tab(org);
  return Json{{"id", org.id}, {"name", plain(org.name())}, {"short_name", plain(org.short_name())},
              {"url", tab ? Json(plan.absolute(*tab)) : Json(nullptr)}};
}

}  // namespace

std::string csv_field(std::string_view value) {
  std::string v(value);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string indicators_csv(const Organisation& org) {
  std::string out = kBom + row(kHeader);
  if (!org.indicators) return out;
  for (const auto& ind : org.indicators->indicators) {
    for (const auto& [year, v] : ind.values) out += row(value_cells(&org, ind.id, ind.title, ind.unit, year, v, true));
  }
  return out;
}

std::string indicators_json(const OutputPlan& plan, const Organisation& org) {
  Json j;
  j["organisation"] = org_json(plan, org);
  Json list = Json::array();
  if (org.indicators) {
    j["title"] = plain(org.indicators->title);
    j["years"] = org.indicators->years;
    for (const auto& ind : org.indicators->indicators) {
      Json values = Json::array();
      for (const auto& [year, v] : ind.values) values.push_back(value_json(ind.unit, year, v, true));
      list.push_back(Json{{"id", ind.id}, {"title", plain(ind.title)}, {"unit", unit_id(ind.unit)}, {"values", values}});
    }
  }
  j["indicators"] = list;
  return j.dump(2) + "\n";
}

std::string summary_csv(const std::vector<IndicatorSummary>& summaries) {
  std::string out = kBom + row(kHeader);
  for (const auto& s : summaries) {
    for (const auto& [year, v] : s.total) out += row(value_cells(nullptr, s.id, s.title, s.unit, year, v, false));
    for (const auto& [org, ind] : s.reports) {
      for (const auto& [year, v] : ind->values) out += row(value_cells(org, s.id, s.title, s.unit, year, v, true));
    }
  }
  return out;
}

std::string summary_json(const Site& site, const OutputPlan& plan, const std::vector<IndicatorSummary>& summaries) {
  Json list = Json::array();
  for (const auto& s : summaries) {
    Json total = Json::array();
    for (const auto& [year, v] : s.total) total.push_back(value_json(s.unit, year, v, false));
    Json orgs = Json::array();
    for (const auto& [org, ind] : s.reports) {
      Json values = Json::array();
      for (const auto& [year, v] : ind->values) values.push_back(value_json(s.unit, year, v, true));
      orgs.push_back(Json{{"organisation", org_json(plan, *org)}, {"values", values}});
    }
    Json missing = Json::object();
    for (const auto& [year, list_of_orgs] : s.missing) {
      Json ids = Json::array();
      for (const Organisation* o : list_of_orgs) ids.push_back(o->id);
      missing[std::to_string(year)] = ids;
    }
    list.push_back(Json{{"id", s.id}, {"title", plain(s.title)}, {"unit", unit_id(s.unit)}, {"years", s.years},
                        {"total", total}, {"organisations", orgs}, {"not_reported", missing}});
  }
  Json j{{"title", plain("Сводные показатели: " + site.title)}, {"indicators", list}};
  return j.dump(2) + "\n";
}

}  // namespace nastavnik
