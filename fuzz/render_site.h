#pragma once
// Every output of a site rendered into memory, the way run_build renders it into files.
#include <map>
#include <string>

#include "core/diagnostics.h"
#include "model/monitoring.h"
#include "model/site.h"
#include "output/data_files.h"
#include "output/feeds.h"
#include "output/sitemap.h"
#include "render/html_pages.h"
#include "render/theme.h"

namespace fuzz {

inline std::map<std::string, std::string> render_site(const nastavnik::Site& site, const nastavnik::Theme& theme) {
  using namespace nastavnik;
  std::map<std::string, std::string> out;
  Diagnostics diagnostics;
  auto checklist = parse_checklist(theme.data_file("monitoring.yaml"), "monitoring.yaml", diagnostics);
  FUZZ_CHECK(checklist.has_value(), "the theme's monitoring.yaml does not load");
  MonitoringReport monitoring = monitor(site, *checklist);
  std::vector<PageJob> pages = plan_pages(site, theme, site.department.empty() ? nullptr : &monitoring);
  std::vector<SitemapUrl> urls;
  for (const auto& page : pages) {
    out[page_file(page.url)] = theme.render(page.kind, page.view());
    if (page.in_sitemap) urls.push_back({page.url, page.lastmod});
  }
  for (const auto& feed : plan_feeds(site)) out[feed.path] = render_rss(site, feed);
  for (const auto& file : plan_data_files(site)) out[file.path] = file.render();
  out["sitemap.xml"] = render_sitemap(site, urls);
  out["robots.txt"] = render_robots(site);
  return out;
}

}  // namespace fuzz
