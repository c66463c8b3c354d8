#pragma once
// The browser editor's outputs: its page (admin/index.html), which loads Decap CMS, and the
// configuration beside it (admin/config.yml), made from the contract (editor/decap_config.h).
#include <string>

#include "plan/output_plan.h"
#include "render/view.h"

namespace nastavnik {

/// The page of an Editor record: noindex, Decap CMS's script when the build publishes it,
/// else a Russian note that the editor is not installed.
std::string render_editor_page(const RenderContext& ctx, const OutputRecord& record);

/// The configuration of an EditorConfig record: the record's organisation's collections, or
/// every organisation's (the department's page, org nullptr).
std::string render_editor_config(const RenderContext& ctx, const OutputRecord& record);

}  // namespace nastavnik
