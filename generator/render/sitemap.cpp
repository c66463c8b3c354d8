#include "output/sitemap.h"

#include <tinyxml2.h>

#include "output/feeds.h"

namespace nastavnik {

std::string render_sitemap(const Site& site, const std::vector<SitemapUrl>& urls) {
  tinyxml2::XMLDocument doc;
  doc.InsertEndChild(doc.NewDeclaration("xml version=\"1.0\" encoding=\"UTF-8\""));
  tinyxml2::XMLElement* set = doc.NewElement("urlset");
  doc.InsertEndChild(set);
  set->SetAttribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
  for (const auto& u : urls) {
    tinyxml2::XMLElement* url = set->InsertNewChildElement("url");
    url->InsertNewChildElement("loc")->SetText(absolute_url(site, u.url).c_str());
    if (u.lastmod) url->InsertNewChildElement("lastmod")->SetText(u.lastmod->iso().c_str());
  }
  tinyxml2::XMLPrinter printer;
  doc.Print(&printer);
  return std::string(printer.CStr(), static_cast<size_t>(printer.CStrSize() - 1));
}

std::string render_robots(const Site& site) {
  return "User-agent: *\nAllow: /\n\nSitemap: " + absolute_url(site, "sitemap.xml") + "\n";
}

}  // namespace nastavnik
