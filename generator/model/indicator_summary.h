#pragma once
// The department's view of indicators: each indicator id summed over every organisation
// (numerators and denominators separately for shares), and who has not reported.
#include <map>
#include <string>
#include <vector>

#include "model/site.h"

namespace nastavnik {

/// Sums every indicator id over the site's organisations, in order of first appearance
/// (the department's own first). An id used with another unit is left out where it differs
/// (validation reports it).
std::vector<IndicatorSummary> summarise_indicators(const Site& site);

}  // namespace nastavnik
