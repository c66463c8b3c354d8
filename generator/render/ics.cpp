#include "render/ics.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/strings.h"
#include "plan/output_plan.h"
#include "render/rss.h"
#include "text/russian.h"
#include "text/slug.h"

namespace nastavnik {
namespace {

constexpr size_t kMaxLineOctets = 75;

std::string ics_status(const std::string& status) {
  if (status == "CANCELLED" || status == "cancelled") return "CANCELLED";
  if (status == "TENTATIVE" || status == "tentative") return "TENTATIVE";
  return "CONFIRMED";
}

// "https://user@Group.GitLab.io:8443/project/" → "group.gitlab.io".
std::string host_of(const std::string& url) {
  size_t from = url.find("://");
  from = from == std::string::npos ? 0 : from + 3;
  size_t to = url.find_first_of("/?#", from);
  std::string authority = url.substr(from, to == std::string::npos ? std::string::npos : to - from);
  if (size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (size_t colon = authority.rfind(':'); colon != std::string::npos && authority.find(']') == std::string::npos) {
    authority.erase(colon);
  }
  std::transform(authority.begin(), authority.end(), authority.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return authority.empty() ? std::string("nastavnik") : authority;
}

}  // namespace

std::string roadmap_term(const RoadmapItem& item) {
  if (!item.when.empty()) return item.when;
  if (item.start && item.end && *item.end != *item.start) {
    return "с " + format_date_ru(*item.start) + " по " + format_date_ru(*item.end);
  }
  if (item.start) return format_date_ru(*item.start);
  return {};
}

std::string ics_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      case '\t': out += c; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) break;  // CTLs are not allowed in TEXT
        out += c;
    }
  }
  return out;
}

std::string fold_ics_line(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  size_t pos = 0;
  size_t limit = kMaxLineOctets;
  while (line.size() - pos > limit) {
    size_t cut = pos + limit;
    // Step back to the first byte of a UTF-8 sequence: a character is never split.
    while (cut > pos && is_utf8_continuation(line[cut])) --cut;
    if (cut == pos) cut = pos + limit;  // not UTF-8 at all: cut anyway rather than loop
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    limit = kMaxLineOctets - 1;  // the leading space counts
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string ics_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year % 10000, d.month % 100, d.day % 100);
  return buf;
}

std::string ics_stamp(const Date& d) { return ics_date(d) + "T000000Z"; }

std::string fnv1a_hex(std::string_view text) {
  uint32_t hash = 2166136261u;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  char buf[12];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(hash));
  return buf;
}

std::string render_ics(const std::string& calendar_name, const std::string& stamp_utc, const std::vector<IcsEvent>& events) {
  std::vector<const IcsEvent*> sorted;
  sorted.reserve(events.size());
  for (const auto& e : events) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](const IcsEvent* a, const IcsEvent* b) {
    Date a_end = a->end.value_or(a->start);
    Date b_end = b->end.value_or(b->start);
    if (a->start != b->start) return a->start < b->start;
    if (a_end != b_end) return a_end < b_end;
    return a->uid < b->uid;
  });

  std::string out;
  auto line = [&out](std::string_view text) { out += fold_ics_line(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//nastavnik//RU");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + ics_escape_text(calendar_name));
  for (const IcsEvent* e : sorted) {
    Date last = e->end && *e->end >= e->start ? *e->end : e->start;
    Date after = Date::from_days_since_epoch(last.days_since_epoch() + 1);  // DTEND is exclusive
    line("BEGIN:VEVENT");
    line("UID:" + ics_escape_text(e->uid));
    line("DTSTAMP:" + stamp_utc);
    line("DTSTART;VALUE=DATE:" + ics_date(e->start));
    line("DTEND;VALUE=DATE:" + ics_date(after));
    line("SUMMARY:" + ics_escape_text(e->summary));
    if (!e->description.empty()) line("DESCRIPTION:" + ics_escape_text(e->description));
    if (!e->location.empty()) line("LOCATION:" + ics_escape_text(e->location));
    if (!e->url.empty()) line("URL:" + e->url);
    line("STATUS:" + ics_status(e->status));
    line("TRANSP:TRANSPARENT");  // a months-long roadmap item must not show the curator as busy
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

std::vector<IcsEvent> roadmap_events(const Site& site, const OutputPlan& plan, const Organisation& org, bool with_org_name) {
  std::vector<IcsEvent> events;
  if (!org.roadmap) return events;
  const std::string host = host_of(site.base_url);
  const auto route = plan.roadmap(org);
  const std::string page = route ? plan.absolute(*route) : std::string();
  std::set<std::string> used;
  for (const auto& section : org.roadmap->sections) {
    for (const auto& item : section.items) {
      if (!item.start) continue;
      IcsEvent e;
      std::string key = slugify(item.id);
      if (key.empty()) key = fnv1a_hex(item.title);
      // A dot cannot occur in an org id or a slug: «school-1» + «1-1» never meets
      // «school-1-1» + «1» in the department's merged calendar.
      std::string uid = org.id + "." + key + "@" + host;
      // Duplicate item ids are a warning, not an error: keep the UIDs unique anyway.
      for (int n = 2; !used.insert(uid).second; ++n) uid = org.id + "." + key + "-" + std::to_string(n) + "@" + host;
      e.uid = std::move(uid);
      e.start = *item.start;
      e.end = item.end;
      e.summary = with_org_name ? org.short_name() + ": " + item.title : item.title;
      std::vector<std::string> lines;
      if (std::string term = roadmap_term(item); !term.empty()) lines.push_back("Срок: " + term);
      if (!item.responsible.empty()) lines.push_back("Ответственные: " + join(item.responsible, "; "));
      if (!item.result.empty()) lines.push_back("Ожидаемый результат: " + item.result);
      lines.push_back("Статус: " + roadmap_status_title(item.status));
      e.description = join(lines, "\n");
      e.url = page;
      e.status = item.status == "cancelled" ? "CANCELLED" : "CONFIRMED";
      events.push_back(std::move(e));
    }
  }
  return events;
}

}  // namespace nastavnik
