#pragma once
#include "model/monitoring.h"
#include "render/view_common.h"

namespace nastavnik {

/// Where the monitoring page lives: the department's folder, or the root without one.
std::string monitoring_url(const Site& site);

/// The department's monitoring page: every organisation against the checklist, each cell
/// «есть» / «устарело» / «нет» with a link to what is present.
Data monitoring_view(const Site& site, const Theme& theme, const MonitoringReport& report);

}  // namespace nastavnik
