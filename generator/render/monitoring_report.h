#pragma once
#include <string>

#include <optional>

#include "model/monitoring.h"
#include "plan/output_plan.h"

namespace nastavnik {

/// The monitoring report for the terminal: one block per organisation.
std::string monitoring_text(const Site& site, const OutputPlan& plan, const MonitoringReport& report);
/// The same as JSON, with absolute URLs.
std::string monitoring_json(const Site& site, const OutputPlan& plan, const MonitoringReport& report);
/// The route of what a check found, when the plan makes it.
std::optional<std::string> check_route(const Site& site, const OutputPlan& plan, const Organisation& org, const CheckResult& r);

}  // namespace nastavnik
