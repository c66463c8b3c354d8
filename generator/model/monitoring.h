#pragma once
// The department's monitoring: each organisation against the set of items every mentoring
// tab is expected to carry. The set itself is data (monitoring.yaml in the theme).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "model/site.h"

namespace nastavnik {

struct ChecklistItem {
  std::string id;
  std::string title;
  std::string check;  ///< document | order | roadmap | curator | indicators | news | signed
  std::string type;   ///< document type, for `document`
  std::string topic;  ///< order topic, for `order`
  int max_age_days = 90;
};

enum class CheckStatus { Present, Outdated, Missing };

/// What a check found, for a link to it: an entry, or a page of the organisation.
enum class CheckTarget { None, Entry, Tab, Roadmap, Indicators };

struct CheckResult {
  CheckStatus status = CheckStatus::Missing;
  CheckTarget target = CheckTarget::None;
  const Entry* entry = nullptr;  ///< for CheckTarget::Entry
  std::string detail;  ///< Russian: «от 26 апреля 2022 г.», «утратил силу 31 декабря 2024 г.»
};

struct MonitoringRow {
  const Organisation* org = nullptr;
  std::vector<CheckResult> results;  ///< one per checklist item
  size_t present() const;
};

struct MonitoringReport {
  Date date;
  std::vector<ChecklistItem> items;
  std::vector<MonitoringRow> rows;  ///< every organisation but the department
};

/// Reads the checklist (monitoring.yaml of the theme); reports what is wrong under `label`.
std::optional<std::vector<ChecklistItem>> parse_checklist(std::string_view yaml, const std::string& label,
                                                          Diagnostics& diagnostics);

MonitoringReport monitor(const Site& site, const std::vector<ChecklistItem>& items);

/// «есть», «устарело», «нет».
const char* check_status_title(CheckStatus s);
/// "present", "outdated", "missing".
const char* check_status_id(CheckStatus s);

}  // namespace nastavnik
