#pragma once
// Search: the search page (results drawn by the theme's static/search.js with Pagefind's
// API) and what the pages a reader should find tell the index. Only those pages carry
// `search` (layout.mustache: data-pagefind-body on <main>, the title, organisation and date
// as Pagefind's metadata, the organisation and the collection as its filters); lists,
// feeds, the editor and the portal's own pages do not, and Pagefind leaves them out.
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
