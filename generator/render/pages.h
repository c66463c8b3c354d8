#pragma once
// Which HTML pages the site has and what each one shows: the view layer between the site
// model and the Mustache templates.
#include <functional>
#include <string>
#include <vector>

#include "model/monitoring.h"
#include "model/site.h"
#include "output/sitemap.h"
#include "render/theme.h"

namespace nastavnik {

/// Items on one page of a collection list.
constexpr size_t kPageSize = 20;

struct PageJob {
  std::string url;   ///< relative, ends with '/' ("" is the home page); "404.html" for the error page
  std::string kind;  ///< template: home, orgs, org, list, entry, mentors, 404
  std::function<Data()> view;
  std::optional<Date> lastmod;
  bool in_sitemap = true;
};

/// Every HTML page of the site. Views are built lazily, on the rendering thread.
/// `monitoring` is the department's report, when there is one to publish.
std::vector<PageJob> plan_pages(const Site& site, const Theme& theme, const MonitoringReport* monitoring);

/// Output file of a page URL: "school-1/news/" → "school-1/news/index.html".
std::string page_file(const std::string& url);

/// Files to copy: (source, output path relative to the output root).
struct FileCopy {
  std::filesystem::path from;
  std::string to;
};
std::vector<FileCopy> plan_copies(const Site& site);

}  // namespace nastavnik
