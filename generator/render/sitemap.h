#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace nastavnik {

struct SitemapUrl {
  std::string url;  ///< relative to the site root
  std::optional<Date> lastmod;
};

/// sitemap.xml (sitemaps.org 0.9) with absolute URLs.
std::string render_sitemap(const Site& site, const std::vector<SitemapUrl>& urls);
/// robots.txt that allows everything and names the sitemap.
std::string render_robots(const Site& site);

}  // namespace nastavnik
