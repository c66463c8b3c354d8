#pragma once
#include "model/monitoring.h"
#include "render/view.h"

namespace nastavnik {

/// The department's monitoring page: every organisation against the checklist, each cell
/// «есть» / «устарело» / «нет» with a link to what is present.
Data monitoring_view(const RenderContext& ctx, const OutputRecord& r);

}  // namespace nastavnik
