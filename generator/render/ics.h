#pragma once
// iCalendar (RFC 5545) files of roadmap items, so that a curator can put the dates into a
// phone or office calendar. All-day events only: roadmaps date items by day, not by hour.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "model/site.h"
#include "plan/output_plan.h"

namespace nastavnik {

/// One all-day VEVENT.
struct IcsEvent {
  std::string uid;
  Date start;
  std::optional<Date> end;  ///< the last day, inclusive; none means a one-day event
  std::string summary;
  std::string description;  ///< plain text, lines separated by '\n'
  std::string url;          ///< absolute; omitted when empty
  std::string location;     ///< omitted when empty
  /// iCalendar STATUS: "CONFIRMED" (also when empty), "TENTATIVE" or "CANCELLED"; the roadmap
  /// status "cancelled" is accepted for "CANCELLED".
  std::string status;
};

/// TEXT value escaping: `\` → `\\`, `;` → `\;`, `,` → `\,`, a line break → `\n`; other
/// control characters (forbidden in TEXT) are dropped.
std::string ics_escape_text(std::string_view text);

/// One content line ended by CRLF; lines longer than 75 octets are folded (CRLF and a space),
/// never inside a UTF-8 sequence: the first physical line carries at most 75 octets, every
/// continuation line a space and at most 74.
std::string fold_ics_line(std::string_view line);

/// "20220426".
std::string ics_date(const Date& d);
/// DTSTAMP value for a build made on `d`: "20220426T000000Z" (deterministic, unlike the clock).
std::string ics_stamp(const Date& d);

/// A whole VCALENDAR with CRLF line ends. Events are sorted by start, end and UID, so the
/// output depends on the events only, not on their order.
std::string render_ics(const std::string& calendar_name, const std::string& stamp_utc, const std::vector<IcsEvent>& events);

/// «Срок» of a roadmap item: its free text `when`, otherwise its dates («с 1 марта 2022 г. по
/// 30 апреля 2022 г.», «1 марта 2022 г.»), otherwise empty.
std::string roadmap_term(const RoadmapItem& item);

/// 32-bit FNV-1a of `text` as 8 lower-case hex digits.
std::string fnv1a_hex(std::string_view text);

/// Events for the items of `org.roadmap` that have a start date, in roadmap order. UIDs are
/// `<org id>-<slug of the item id, or the title's FNV-1a hash>@<host of base_url>`, so they
/// survive reordering and rebuilds. `with_org_name` prefixes summaries with the org's short
/// name (for calendars that merge several organisations).
std::vector<IcsEvent> roadmap_events(const Site& site, const OutputPlan& plan, const Organisation& org, bool with_org_name = false);

}  // namespace nastavnik
