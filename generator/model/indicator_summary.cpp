#include "model/indicator_summary.h"

#include <algorithm>
#include <set>

namespace nastavnik {

std::vector<IndicatorSummary> summarise_indicators(const Site& site) {
  std::vector<IndicatorSummary> out;
  std::map<std::string, size_t> index;
  for (const auto& org : site.orgs) {
    if (!org.indicators) continue;
    for (const auto& ind : org.indicators->indicators) {
      auto [it, inserted] = index.emplace(ind.id, out.size());
      if (inserted) {
        IndicatorSummary s;
        s.id = ind.id;
        s.title = ind.title;
        s.unit = ind.unit;
        out.push_back(std::move(s));
      }
      IndicatorSummary& s = out[it->second];
      if (s.unit != ind.unit) continue;  // reported by check_indicator_units
      s.reports.emplace_back(&org, &ind);
      for (const auto& [year, v] : ind.values) {
        IndicatorValue& t = s.total[year];
        t.numerator += v.numerator;
        t.denominator += v.denominator;
        t.value += v.value;
      }
    }
  }
  for (auto& s : out) {
    std::set<int> years;
    for (const auto& [org, ind] : s.reports) {
      for (const auto& [year, v] : ind->values) years.insert(year);
    }
    s.years.assign(years.begin(), years.end());
    for (int year : s.years) {
      auto& missing = s.missing[year];
      for (const auto& org : site.orgs) {
        if (site.is_department(org)) continue;
        auto report = std::find_if(s.reports.begin(), s.reports.end(), [&](const auto& r) { return r.first == &org; });
        if (report == s.reports.end() || !report->second->values.count(year)) missing.push_back(&org);
      }
    }
  }
  return out;
}

}  // namespace nastavnik
