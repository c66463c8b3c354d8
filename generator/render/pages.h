#pragma once
// The views of the HTML page kinds: what each template is given.
#include "plan/output_plan.h"
#include "render/view.h"

namespace nastavnik {

Data home_view(const RenderContext& ctx, const OutputRecord& r);
Data orgs_view(const RenderContext& ctx, const OutputRecord& r);
Data accessibility_view(const RenderContext& ctx, const OutputRecord& r);
Data not_found_view(const RenderContext& ctx, const OutputRecord& r);
Data org_view(const RenderContext& ctx, const OutputRecord& r);
Data list_view(const RenderContext& ctx, const OutputRecord& r);
Data entry_view(const RenderContext& ctx, const OutputRecord& r);
Data mentors_view(const RenderContext& ctx, const OutputRecord& r);

}  // namespace nastavnik
