#include "model/site_builder.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "model/forms.h"
#include "model/indicator_summary.h"
#include "model/privacy.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

// Newest first; equal dates by Russian collation of the title, then by source path, so
// that the order never depends on the file system or on threads.
std::string entry_sort_key(const Entry& e) {
  char date[32] = "99999999";
  if (e.date) std::snprintf(date, sizeof date, "%08ld", 99999999L - (e.date->year * 10000L + e.date->month * 100 + e.date->day));
  if (e.section == Section::Pages) {
    std::snprintf(date, sizeof date, "%08lld", static_cast<long long>(e.as<PageInfo>().weight + 50000000));
  }
  return std::string(date) + '\x01' + collation_key(e.title) + '\x01' + e.source_path;
}

std::string org_sort_key(const Organisation& o, const std::string& department) {
  return std::string(o.id == department ? "0" : "1") + std::to_string(index_of(organisation_kinds(), o.kind)) +
         collation_key(o.short_name) + '\x01' + o.id;
}

}  // namespace

bool is_reserved_page_slug(const std::string& slug) {
  static const char* reserved[] = {"news",  "documents", "orders", "stories", "practices",  "pages",        "mentors",
                                   "files", "page",      "assets", "indicators", "roadmap", "monitoring", "accessibility"};
  return std::any_of(std::begin(reserved), std::end(reserved), [&](const char* r) { return slug == r; });
}

Site assemble_site(const SiteConfig& config, std::vector<Organisation> orgs, std::vector<Entry> entries, const Date& today,
                   Diagnostics& diagnostics) {
  Site site;
  site.title = config.title;
  site.base_url = config.base_url;
  site.description = config.description;
  site.timezone = config.timezone;
  site.department = config.department;
  site.today = today;

  if (!site.department.empty() &&
      std::none_of(orgs.begin(), orgs.end(), [&](const Organisation& o) { return o.id == site.department; })) {
    diagnostics.error("site.yaml", config.department_pos,
                      "в поле department указана папка «" + site.department + "», которой нет; укажите имя папки органа управления образованием");
  }

  check_hidden_names(orgs, entries, diagnostics);
  for (auto& org : orgs) org.sort_key = org_sort_key(org, site.department);
  std::sort(orgs.begin(), orgs.end(), [](const Organisation& a, const Organisation& b) { return a.sort_key < b.sort_key; });

  // URLs are claimed by every non-draft entry, future ones included: a clash would
  // otherwise appear only on the day the later item is published.
  std::map<std::string, const Entry*> claimed;
  for (auto& e : entries) {
    if (e.section == Section::Pages) {
      if (is_reserved_page_slug(e.slug)) {
        diagnostics.error(e.source_path, e.slug_pos, "адрес страницы «" + e.slug + "» занят разделом сайта, переименуйте файл или задайте другое поле slug");
        continue;
      }
      e.url = e.org + "/" + e.slug + "/";
    } else {
      e.url = e.org + "/" + section_id(e.section) + "/" + e.slug + "/";
    }
    if (e.draft) continue;
    auto [it, inserted] = claimed.emplace(e.url, &e);
    if (!inserted) {
      const Entry* first = it->second;
      const Entry& later = first->source_path < e.source_path ? e : *first;
      const Entry& earlier = first->source_path < e.source_path ? *first : e;
      diagnostics.error(later.source_path, later.slug_pos,
                        "адрес страницы /" + e.url + " совпадает с адресом файла " + earlier.source_path +
                            "; переименуйте один из файлов или задайте в нём поле slug");
    }
  }

  std::vector<Entry> published;
  published.reserve(entries.size());
  for (auto& e : entries) {
    if (e.draft || e.url.empty()) continue;
    if (e.date && *e.date > today) continue;
    e.sort_key = entry_sort_key(e);
    published.push_back(std::move(e));
  }
  std::sort(published.begin(), published.end(), [](const Entry& a, const Entry& b) {
    return a.org != b.org ? a.org < b.org : a.sort_key < b.sort_key;
  });
  site.entries = std::move(published);

  std::map<std::string, Organisation*> by_id;
  for (auto& org : orgs) by_id[org.id] = &org;
  for (size_t i = 0; i < site.entries.size(); ++i) {
    const Entry& e = site.entries[i];
    if (auto it = by_id.find(e.org); it != by_id.end()) it->second->sections[static_cast<size_t>(e.section)].push_back(i);
    if (e.section == Section::News) site.all_news.push_back(i);
    if (e.section == Section::Practices && e.as<PracticeInfo>().featured) site.featured_practices.push_back(i);
  }
  auto newest_first = [&](std::vector<size_t>& v) {
    std::stable_sort(v.begin(), v.end(), [&](size_t a, size_t b) { return site.entries[a].sort_key < site.entries[b].sort_key; });
  };
  newest_first(site.all_news);
  newest_first(site.featured_practices);
  site.orgs = std::move(orgs);
  site.indicator_summaries = summarise_indicators(site, diagnostics);
  return site;
}

}  // namespace nastavnik
