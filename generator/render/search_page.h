#pragma once
// Search: the search page (results drawn by the theme's static/search.js from the index the
// build writes, search/index.h) and what the pages a reader should find tell the index.
// Only those pages carry `search` (layout.mustache: data-search-body on <main>, with the
// organisation, the collection and the date); lists, feeds, the editor and the portal's
// own pages do not, and the index leaves them out.
#include <optional>

#include "core/date.h"
#include "plan/output_plan.h"
#include "render/view.h"

namespace nastavnik {

/// The collections of the search page's filter, in its order: the sections' titles, then
/// the organisations' tabs and their mentors.
extern const char* const kTabCollection;      ///< «О наставничестве»
extern const char* const kMentorsCollection;  ///< «Наши наставники»

/// Marks `view` as a page the index holds: `org`'s, in `collection`, dated `date`.
void mark_searchable(Data& view, const Organisation& org, const std::string& collection, const std::optional<Date>& date);

Data search_view(const RenderContext& ctx, const OutputRecord& r);

}  // namespace nastavnik
