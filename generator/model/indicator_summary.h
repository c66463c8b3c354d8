#pragma once
// The department's view of indicators: each indicator id summed over every organisation
// (numerators and denominators separately for shares), and who has not reported.
#include <map>
#include <string>
#include <vector>

#include "model/site.h"

namespace nastavnik {

struct IndicatorSummary {
  std::string id;
  std::string title;  ///< from the first organisation that reports it
  IndicatorUnit unit = IndicatorUnit::Count;
  std::vector<int> years;  ///< every year any organisation reports for this id
  std::map<int, IndicatorValue> total;  ///< target left empty: targets are not summed
  /// Each reporting organisation with its indicator, in the site's order of organisations.
  std::vector<std::pair<const Organisation*, const Indicator*>> reports;
  /// By year: organisations (the department aside) with no value for this id that year.
  std::map<int, std::vector<const Organisation*>> missing;
};

/// Sums every indicator id over the site's organisations, in order of first appearance
/// (the department's own first). Reports an id used with different units as an error.
std::vector<IndicatorSummary> summarise_indicators(const Site& site, Diagnostics& diagnostics);

}  // namespace nastavnik
