#pragma once
// Open data of the indicator tables: CSV for people with spreadsheets, JSON for programs.
#include <string>
#include <string_view>
#include <vector>

#include "model/indicator_summary.h"
#include "model/site.h"
#include "plan/output_plan.h"

namespace nastavnik {

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a text that
/// begins with =, +, -, @, tab or CR gets a leading apostrophe, so that a spreadsheet shows
/// it instead of running it as a formula.
std::string csv_field(std::string_view value);

/// indicators.csv of one organisation: UTF-8 with BOM (Russian Excel reads it then), CRLF.
std::string indicators_csv(const Organisation& org);
std::string indicators_json(const OutputPlan& plan, const Organisation& org);
/// The department's totals: every id summed, with each organisation's own figures.
std::string summary_csv(const std::vector<IndicatorSummary>& summaries);
std::string summary_json(const Site& site, const OutputPlan& plan, const std::vector<IndicatorSummary>& summaries);

}  // namespace nastavnik
