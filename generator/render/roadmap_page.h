#pragma once
// The roadmap page of an organisation (`<org>/roadmap/`, template kind "roadmap") and the
// «Ближайшие мероприятия» block of its tab.
#include <cstddef>
#include <string>

#include "model/site.h"
#include "render/theme.h"
#include "render/view.h"

namespace nastavnik {

/// The page `<org>/roadmap/` of r.org (which has a roadmap). Keys: the base layout's, plus
/// approved_by, total, counts, status_counts, sections (has_sections), ics_href and
/// ics_label (only when the plan makes the organisation's calendar).
Data roadmap_view(const RenderContext& ctx, const OutputRecord& r);

/// The next dated items as of today: those with a start date whose end (or start) is
/// today or later and whose status is neither done nor cancelled, sorted by start, then
/// title; at most `limit`. A list of {title, when, date {text, iso}, href, status,
/// status_title, status_class}; empty when the organisation has no roadmap.
Data upcoming_events(const Here& here, const Organisation& org, size_t limit);

}  // namespace nastavnik
