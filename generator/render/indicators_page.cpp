#include "render/indicators_page.h"

#include <algorithm>

#include "core/strings.h"
#include "render/indicator_chart.h"

namespace nastavnik {
namespace {

Data met_view(IndicatorUnit unit, const IndicatorValue& v) {
  Data d = object();
  auto met = target_met(unit, v);
  if (!met) {
    d.set("label", v.target ? "нет данных" : "цель не\u00A0задана");
    d.set("class", "status-none");
  } else {
    d.set("label", *met ? "достигнута" : "не\u00A0достигнута");
    d.set("class", *met ? "status-done" : "status-missed");
  }
  return d;
}

Data value_row(int year, IndicatorUnit unit, const IndicatorValue& v) {
  Data r = object();
  r.set("year", std::to_string(year));
  r.set("fact", format_fact(unit, v));
  std::string target = format_target(unit, v);
  r.set("target", target.empty() ? "—" : target);
  r.set("met", met_view(unit, v));
  return r;
}

// 2022 → «2022 год»; 2022, 2023, 2024 → «2022–2024 годы»; 2022, 2024 → «2022 и 2024 годы».
std::string years_phrase(const std::vector<int>& years) {
  if (years.size() == 1) return std::to_string(years[0]) + "\u00A0год";
  bool consecutive = true;
  for (size_t i = 1; i < years.size(); ++i) consecutive = consecutive && years[i] == years[i - 1] + 1;
  std::string text;
  if (consecutive) {
    text = std::to_string(years.front()) + "\u2013" + std::to_string(years.back());
  } else {
    for (size_t i = 0; i < years.size(); ++i) {
      if (i > 0) text += i + 1 == years.size() ? " и\u00A0" : ", ";
      text += std::to_string(years[i]);
    }
  }
  return text + "\u00A0годы";
}

const char* unit_label(IndicatorUnit unit) { return unit == IndicatorUnit::Percent ? "доля, %" : "количество"; }

Data summary_view(const Here& here, const std::vector<IndicatorSummary>& summaries) {
  Data out = list();
  for (size_t i = 0; i < summaries.size(); ++i) {
    const IndicatorSummary& s = summaries[i];
    Data d = object();
    d.set("title", s.title);
    d.set("id", s.id);
    d.set("unit", unit_label(s.unit));
    Data years = list();
    for (int y : s.years) years.push_back(Data(std::to_string(y)));
    d.set("years", years);
    Data rows = list();
    for (const auto& [org, ind] : s.reports) {
      Data r = object();
      r.set("name", org->short_name());
      if (auto route = here.plan().indicators(*org)) r.set("href", here.href(*route));
      Data cells = list();
      for (int y : s.years) {
        auto it = ind->values.find(y);
        cells.push_back(Data(it == ind->values.end() ? std::string("нет данных") : format_fact(s.unit, it->second)));
      }
      r.set("cells", cells);
      rows.push_back(r);
    }
    d.set("rows", rows);
    Data total = list();
    for (int y : s.years) {
      auto it = s.total.find(y);
      total.push_back(Data(it == s.total.end() ? std::string("—") : format_fact(s.unit, it->second)));
    }
    d.set("total", total);
    // Years with the same organisations missing share one line: «за 2022–2025 годы: …».
    std::vector<std::pair<std::vector<int>, std::vector<std::string>>> missing_groups;
    for (const auto& [year, orgs] : s.missing) {
      if (orgs.empty()) continue;
      std::vector<std::string> names;
      for (const Organisation* o : orgs) names.push_back(o->short_name());
      auto same = std::find_if(missing_groups.begin(), missing_groups.end(), [&](const auto& g) { return g.second == names; });
      if (same == missing_groups.end()) missing_groups.push_back({{year}, names});
      else same->first.push_back(year);
    }
    Data missing = list();
    for (const auto& [years, names] : missing_groups) {
      Data m = object();
      m.set("years", years_phrase(years));
      m.set("orgs", join(names, ", "));
      missing.push_back(m);
    }
    set_list(d, "missing", missing);
    out.push_back(d);
  }
  return out;
}

}  // namespace

Data indicators_view(const RenderContext& ctx, const OutputRecord& r) {
  const Organisation& org = *r.org;
  const OutputPlan& plan = ctx.plan;
  const std::vector<IndicatorSummary>* summaries = ctx.site.is_department(org) ? &ctx.site.indicator_summaries : nullptr;
  Here here(ctx, r.route);
  std::vector<Crumb> crumbs = org_crumbs(here, org);
  crumbs.push_back({"Показатели", r.route});
  Data v = base_view(here, org.indicators ? org.indicators->title : "Показатели", &org, crumbs, list(), "", "-");
  // Open data files exist only for an organisation's own indicators.yaml.
  if (auto csv = plan.indicators_data(org, "csv")) v.set("csv_href", here.href(*csv));
  if (auto json = plan.indicators_data(org, "json")) v.set("json_href", here.href(*json));
  Data indicators = list();
  if (org.indicators) {
    size_t n = 0;
    for (const auto& ind : org.indicators->indicators) {
      Data d = object();
      d.set("title", ind.title);
      d.set("id", ind.id);
      d.set("unit", unit_label(ind.unit));
      d.set("chart_svg", indicator_chart_svg(ind, org.indicators->years, "chart-" + std::to_string(++n)));
      Data rows = list();
      for (int year : org.indicators->years) {
        auto it = ind.values.find(year);
        if (it != ind.values.end()) {
          rows.push_back(value_row(year, ind.unit, it->second));
        } else {
          Data r = object();
          r.set("year", std::to_string(year));
          r.set("fact", "нет данных");
          r.set("target", "—");
          Data met = object();
          met.set("label", "нет данных");
          met.set("class", "status-none");
          r.set("met", met);
          rows.push_back(r);
        }
      }
      d.set("rows", rows);
      indicators.push_back(d);
    }
  }
  set_list(v, "indicators", indicators);
  if (summaries && !summaries->empty()) {
    set_list(v, "summaries", summary_view(here, *summaries));
    if (auto csv = plan.totals_data(org, "csv")) v.set("summary_csv_href", here.href(*csv));
    if (auto json = plan.totals_data(org, "json")) v.set("summary_json_href", here.href(*json));
  }
  return v;
}

Data indicators_brief(const Here& here, const Organisation& org) {
  Data out = object();
  if (!org.indicators) return Data(false);
  Data rows = list();
  for (const auto& ind : org.indicators->indicators) {
    if (ind.values.empty()) continue;
    const auto& [year, v] = *ind.values.rbegin();
    Data r = value_row(year, ind.unit, v);
    r.set("title", ind.title);
    rows.push_back(r);
  }
  set_list(out, "rows", rows);
  out.set("title", org.indicators->title);
  if (auto route = here.plan().indicators(org)) out.set("href", here.href(*route));
  if (auto csv = here.plan().indicators_data(org, "csv")) out.set("csv_href", here.href(*csv));
  return out;
}

}  // namespace nastavnik
