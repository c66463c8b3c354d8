#pragma once
// One output of the plan rendered to its bytes: the table from record kinds to renderers.
#include <string>

#include "plan/output_plan.h"
#include "render/theme.h"
#include "render/view.h"

namespace nastavnik {

/// The bytes of `record` (every kind but Asset and Attachment, which are copied).
std::string render_output(const RenderContext& ctx, const OutputRecord& record);

}  // namespace nastavnik
