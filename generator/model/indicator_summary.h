#pragma once
// The department's view of indicators: each indicator id summed over every organisation
// (numerators and denominators separately for shares), and who has not reported.
#include <map>
#include <string>
#include <vector>

#include "model/site.h"

namespace nastavnik {

/// Sums every indicator id over the site's organisations, in order of first appearance
/// (the department's own first). Reports an id used with different units as an error.
std::vector<IndicatorSummary> summarise_indicators(const Site& site, Diagnostics& diagnostics);

}  // namespace nastavnik
