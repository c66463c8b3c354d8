#include "model/site_builder.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "contract/vocabulary.h"
#include "model/indicator_summary.h"
#include "text/russian.h"

namespace nastavnik {

// Newest first; equal dates by Russian collation of the title, then by source path, so
// that the order never depends on the file system or on threads.
std::string entry_sort_key(const Entry& e) {
  char date[32] = "99999999";
  if (auto d = e.date()) std::snprintf(date, sizeof date, "%08ld", 99999999L - (d->year * 10000L + d->month * 100 + d->day));
  if (e.section == Section::Pages) {
    std::snprintf(date, sizeof date, "%08lld", static_cast<long long>(e.as<PageFront>().weight.value + 50000000));
  }
  return std::string(date) + '\x01' + collation_key(e.title()) + '\x01' + e.source_path;
}

namespace {

std::string org_sort_key(const Organisation& o, const std::string& department) {
  return std::string(o.id == department ? "0" : "1") + std::to_string(organisation_kinds().index_of(o.kind())) +
         collation_key(o.short_name()) + '\x01' + o.id;
}

}  // namespace

Site assemble_site(const SiteFile& config, std::vector<Organisation> orgs, std::vector<Entry> entries, const Date& today,
                   std::vector<Entry>* unpublished) {
  Site site;
  site.title = config.title.value;
  site.base_url = config.base_url.value;
  site.description = config.description.value;
  if (config.timezone.present) site.timezone = config.timezone.value;
  site.department = config.department.value;
  site.editor = config.editor.value;
  site.today = today;

  for (auto& org : orgs) org.sort_key = org_sort_key(org, site.department);
  std::sort(orgs.begin(), orgs.end(), [](const Organisation& a, const Organisation& b) { return a.sort_key < b.sort_key; });

  // Entries are large: sorted by index, then moved once.
  std::vector<size_t> order;
  order.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    Entry& e = entries[i];
    auto d = e.date();
    if (e.draft() || (d && *d > today)) {
      if (unpublished) unpublished->push_back(std::move(e));
      continue;
    }
    if (e.sort_key.empty()) e.sort_key = entry_sort_key(e);
    order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Entry& x = entries[a];
    const Entry& y = entries[b];
    return x.org != y.org ? x.org < y.org : x.sort_key < y.sort_key;
  });
  site.entries.reserve(order.size());
  for (size_t i : order) site.entries.push_back(std::move(entries[i]));

  std::map<std::string_view, Organisation*> by_id;
  for (auto& org : orgs) by_id[org.id] = &org;
  for (size_t i = 0; i < site.entries.size(); ++i) {
    const Entry& e = site.entries[i];
    if (auto it = by_id.find(e.org); it != by_id.end()) it->second->sections[index_of(e.section)].push_back(i);
    if (e.section == Section::News) site.all_news.push_back(i);
    if (e.section == Section::Practices && e.as<PracticeFront>().featured.value) site.featured_practices.push_back(i);
  }
  auto newest_first = [&](std::vector<size_t>& v) {
    std::stable_sort(v.begin(), v.end(), [&](size_t a, size_t b) { return site.entries[a].sort_key < site.entries[b].sort_key; });
  };
  newest_first(site.all_news);
  newest_first(site.featured_practices);
  site.orgs = std::move(orgs);
  site.indicator_summaries = summarise_indicators(site);
  return site;
}

}  // namespace nastavnik
