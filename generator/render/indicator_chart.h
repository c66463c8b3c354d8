#pragma once
#include <string>
#include <vector>

#include "model/indicators.h"

namespace nastavnik {

/// An inline SVG bar chart of the fact against the target across `years`, drawn by the
/// generator (no script, no library). role="img" with a <title> and a <desc> that reads
/// out every value; the table beside it is the full accessible equivalent.
std::string indicator_chart_svg(const Indicator& indicator, const std::vector<int>& years, const std::string& element_id);

/// The text alternative of the chart: «2022: факт 80,0 %, цель 70 %; 2023: нет данных».
std::string indicator_chart_description(const Indicator& indicator, const std::vector<int>& years);

}  // namespace nastavnik
