#pragma once
// RSS 2.0 feeds. Every text value is escaped as XML; full text goes in CDATA sections
// (split where the text itself contains "]]>"), which feed readers take verbatim.
#include <string>

#include "model/site.h"
#include "plan/output_plan.h"
#include "render/view.h"

namespace nastavnik {

/// A feed of the plan (its newest items, full text in content:encoded with absolute links).
std::string render_rss(const RenderContext& ctx, const OutputRecord& feed);

}  // namespace nastavnik
