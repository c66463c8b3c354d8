#include "render/roadmap_page.h"

#include <algorithm>
#include <array>
#include <set>
#include <vector>

#include "core/strings.h"
#include "render/ics.h"
#include "text/russian.h"
#include "text/slug.h"

namespace nastavnik {
namespace {

const Noun kItemNoun{"мероприятие", "мероприятия", "мероприятий"};

// Statuses in the order the counts name them.
constexpr std::array<const char*, 4> kStatuses = {"done", "in-progress", "planned", "cancelled"};

struct StatusCounts {
  std::array<size_t, kStatuses.size()> n{};

  void add(const std::string& status) {
    for (size_t i = 0; i < kStatuses.size(); ++i) {
      if (status == kStatuses[i]) {
        ++n[i];
        return;
      }
    }
    ++n[2];  // unknown statuses cannot pass the schema; count them as planned
  }
  void add(const StatusCounts& other) {
    for (size_t i = 0; i < n.size(); ++i) n[i] += other.n[i];
  }
  size_t total() const {
    size_t t = 0;
    for (size_t v : n) t += v;
    return t;
  }
  // «выполнено: 5, выполняется: 1, запланировано: 0», with «отменено: N» only when there are some.
  std::string text() const {
    std::vector<std::string> parts;
    for (size_t i = 0; i < kStatuses.size(); ++i) {
      if (std::string(kStatuses[i]) == "cancelled" && n[i] == 0) continue;
      parts.push_back(roadmap_status_title(kStatuses[i]) + ": " + std::to_string(n[i]));
    }
    return join(parts, ", ");
  }
  Data list_view() const {
    Data out = list();
    for (size_t i = 0; i < kStatuses.size(); ++i) {
      if (std::string(kStatuses[i]) == "cancelled" && n[i] == 0) continue;
      Data c = object();
      c.set("status", kStatuses[i]);
      c.set("status_class", std::string("status-") + kStatuses[i]);
      c.set("title", roadmap_status_title(kStatuses[i]));
      c.set("count", std::to_string(n[i]));
      out.push_back(c);
    }
    return out;
  }
};

// HTML ids of the items' table rows, "item-1-1", unique within the page; the tab's
// «Ближайшие мероприятия» links to them. Items without a number get "item-<n>".
std::vector<std::vector<std::string>> item_anchors(const Roadmap& roadmap) {
  std::vector<std::vector<std::string>> out;
  std::set<std::string> used;
  size_t ordinal = 0;
  for (const auto& section : roadmap.sections) {
    auto& anchors = out.emplace_back();
    for (const auto& item : section.items) {
      ++ordinal;
      std::string key = slugify(item.id);
      if (key.empty()) key = std::to_string(ordinal);
      std::string anchor = "item-" + key;
      for (int n = 2; !used.insert(anchor).second; ++n) anchor = "item-" + key + "-" + std::to_string(n);
      anchors.push_back(std::move(anchor));
    }
  }
  return out;
}

void set_status(Data& v, const std::string& status) {
  v.set("status", status);
  v.set("status_title", roadmap_status_title(status));
  v.set("status_class", "status-" + status);
}

Data item_view(const RoadmapItem& item, const std::string& anchor) {
  Data v = object();
  v.set("anchor", anchor);
  if (!item.id.empty()) v.set("number", item.id);
  v.set("title", item.title);
  if (std::string term = roadmap_term(item); !term.empty()) v.set("when", term);
  v.set("start", date_view(item.start));
  v.set("end", date_view(item.end));
  if (!item.responsible.empty()) {
    set_list(v, "responsible", text_list(item.responsible));
    v.set("responsible_text", join(item.responsible, "; "));
    if (item.responsible.size() > 1) v.set("responsible_many", true);
  }
  if (!item.result.empty()) v.set("result", item.result);
  set_status(v, item.status);
  return v;
}

}  // namespace

Data roadmap_view(const RenderContext& ctx, const OutputRecord& r) {
  const Organisation& org = *r.org;
  static const Roadmap kEmpty;
  const Roadmap& roadmap = org.roadmap ? *org.roadmap : kEmpty;
  Here here(ctx, r.route);
  std::vector<Crumb> crumbs = org_crumbs(here, org);
  crumbs.push_back({"Дорожная карта", r.route});
  std::string title = roadmap.title.empty() ? std::string("Дорожная карта") : roadmap.title;
  std::string description = "Дорожная карта внедрения целевой модели наставничества: " + org.short_name();
  Data v = base_view(here, title, &org, crumbs, list(), description, "-");
  if (!roadmap.approved_by.empty()) v.set("approved_by", roadmap.approved_by);

  const auto anchors = item_anchors(roadmap);
  StatusCounts overall;
  Data sections = list();
  for (size_t s = 0; s < roadmap.sections.size(); ++s) {
    const RoadmapSection& section = roadmap.sections[s];
    StatusCounts counts;
    Data items = list();
    for (size_t i = 0; i < section.items.size(); ++i) {
      const RoadmapItem& item = section.items[i];
      counts.add(item.status);
      items.push_back(item_view(item, anchors[s][i]));
    }
    overall.add(counts);
    std::string section_title = section.title.empty() ? "Раздел " + std::to_string(s + 1) : section.title;
    Data sv = object();
    sv.set("title", section_title);
    sv.set("anchor", "section-" + std::to_string(s + 1));
    sv.set("caption", section_title + "\u00A0— " + count_of(counts.total(), kItemNoun));
    sv.set("table_label", "Таблица мероприятий: " + section_title);
    sv.set("total", count_of(counts.total(), kItemNoun));
    sv.set("counts", counts.text());
    set_list(sv, "status_counts", counts.list_view());
    set_list(sv, "items", items);
    sections.push_back(sv);
  }
  set_list(v, "sections", sections);
  v.set("total", count_of(overall.total(), kItemNoun));
  v.set("counts", overall.text());
  set_list(v, "status_counts", overall.list_view());
  if (auto calendar = ctx.plan.calendar(org)) {
    v.set("ics_href", here.href(*calendar));
    v.set("ics_label", "Добавить в\u00A0календарь (iCalendar)");
  }
  return v;
}

Data upcoming_events(const Here& here, const Organisation& org, size_t limit) {
  const Site& site = here.site();
  Data out = list();
  auto roadmap_route = here.plan().roadmap(org);
  if (!org.roadmap || !roadmap_route || limit == 0) return out;
  struct Upcoming {
    const RoadmapItem* item;
    const std::string* anchor;
    std::string key;
  };
  const auto anchors = item_anchors(*org.roadmap);
  std::vector<Upcoming> found;
  for (size_t s = 0; s < org.roadmap->sections.size(); ++s) {
    const auto& items = org.roadmap->sections[s].items;
    for (size_t i = 0; i < items.size(); ++i) {
      const RoadmapItem& item = items[i];
      if (!item.start || item.status == "done" || item.status == "cancelled") continue;
      if (item.end.value_or(*item.start) < site.today) continue;
      found.push_back({&item, &anchors[s][i], collation_key(item.title)});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Upcoming& a, const Upcoming& b) {
    if (*a.item->start != *b.item->start) return *a.item->start < *b.item->start;
    return a.key < b.key;
  });
  if (found.size() > limit) found.resize(limit);
  for (const auto& u : found) {
    const RoadmapItem& item = *u.item;
    Data v = object();
    v.set("title", item.title);
    v.set("when", item.when.empty() ? format_date_ru(*item.start) : item.when);
    v.set("date", date_view(item.start));
    v.set("href", here.href(*roadmap_route) + "#" + *u.anchor);
    set_status(v, item.status);
    out.push_back(v);
  }
  return out;
}

}  // namespace nastavnik
