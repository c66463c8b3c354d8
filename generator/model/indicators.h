#pragma once
// Indicator tables (показатели): per year a fact against a target, a share (numerator of
// denominator) or a count.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contract/records.h"
#include "core/diagnostics.h"

namespace nastavnik {

enum class IndicatorUnit { Percent, Count };

struct IndicatorValue {
  int64_t numerator = 0;    ///< percent
  int64_t denominator = 0;  ///< percent
  int64_t value = 0;        ///< count
  std::optional<double> target;
};

struct Indicator {
  std::string id;
  Position pos;  ///< of the id, for messages about the indicator
  std::string title;
  IndicatorUnit unit = IndicatorUnit::Count;
  std::map<int, IndicatorValue> values;  ///< by year
};

struct Organisation;

/// One indicator id summed over every organisation (numerators and denominators
/// separately for shares), and who has not reported.
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

struct IndicatorTable {
  std::string title;
  std::vector<int> years;
  std::vector<Indicator> indicators;
};

/// The model of a validated indicators.yaml (validate/files.h checks it).
IndicatorTable indicator_table(const IndicatorsFile& file);

/// The share in percent, or nothing for a zero denominator.
std::optional<double> share_percent(int64_t numerator, int64_t denominator);
/// «66,7 %»: one decimal, a decimal comma, a non-breaking space before the sign.
std::string format_percent(double percent);
/// Whether the fact reaches the target (a share at or above the target percent, a count at
/// or above the target count); nothing when there is no target or no fact.
std::optional<bool> target_met(IndicatorUnit unit, const IndicatorValue& v);
/// The fact as a reader sees it: «12 из 15 (80,0 %)» or «8».
std::string format_fact(IndicatorUnit unit, const IndicatorValue& v);
/// The target as a reader sees it: «70 %» or «10».
std::string format_target(IndicatorUnit unit, const IndicatorValue& v);

}  // namespace nastavnik
