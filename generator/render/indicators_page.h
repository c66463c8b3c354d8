#pragma once
#include <vector>

#include "model/indicator_summary.h"
#include "render/view_common.h"

namespace nastavnik {

/// The page `<org>/indicators/`: a table and a chart per indicator, links to the open data;
/// for the department also every indicator summed over the organisations.
Data indicators_view(const Site& site, const Theme& theme, const Organisation& org,
                     const std::vector<IndicatorSummary>* summaries);

/// The tab's short table: each indicator with its latest reported year.
Data indicators_brief(const Here& here, const Organisation& org);

}  // namespace nastavnik
