#pragma once
#include <vector>

#include "model/indicator_summary.h"
#include "render/view.h"

namespace nastavnik {

/// The page `<org>/indicators/`: a table and a chart per indicator, links to the open data;
/// for the department also every indicator summed over the organisations.
Data indicators_view(const RenderContext& ctx, const OutputRecord& r);

/// The tab's short table: each indicator with its latest reported year.
Data indicators_brief(const Here& here, const Organisation& org);

}  // namespace nastavnik
