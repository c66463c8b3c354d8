#pragma once
// The roadmap page of an organisation (`<org>/roadmap/`, template kind "roadmap") and the
// «Ближайшие мероприятия» block of its tab.
#include <cstddef>
#include <string>

#include "model/site.h"
#include "render/theme.h"
#include "render/view_common.h"

namespace nastavnik {

/// URL of the roadmap page relative to the site root: "school-1/roadmap/".
std::string roadmap_url(const Organisation& org);
/// The calendar file beside it: "school-1/roadmap/roadmap.ics".
std::string roadmap_ics_path(const Organisation& org);

/// The page at roadmap_url(org); `org.roadmap` must be set. Keys: the base layout's, plus
/// approved_by, total, counts, status_counts, sections (has_sections), ics_href and
/// ics_label (only when some item has a start date, i.e. roadmap.ics is written).
Data roadmap_view(const Site& site, const Theme& theme, const Organisation& org);

/// The next dated items as of site.today: those with a start date whose end (or start) is
/// today or later and whose status is neither done nor cancelled, sorted by start, then
/// title; at most `limit`. A list of {title, when, date {text, iso}, href, status,
/// status_title, status_class}; empty when the organisation has no roadmap.
Data upcoming_events(const Here& here, const Site& site, const Organisation& org, size_t limit);

}  // namespace nastavnik
