#pragma once
#include <string>

#include "model/monitoring.h"

namespace nastavnik {

/// The monitoring report for the terminal: one block per organisation.
std::string monitoring_text(const Site& site, const MonitoringReport& report);
/// The same as JSON, with absolute URLs.
std::string monitoring_json(const Site& site, const MonitoringReport& report);

}  // namespace nastavnik
