#include "render/sitemap.h"

#include <tinyxml2.h>

#include "plan/routes.h"
#include "render/rss.h"

namespace nastavnik {

std::string render_sitemap(const OutputPlan& plan) {
  tinyxml2::XMLDocument doc;
  doc.InsertEndChild(doc.NewDeclaration("xml version=\"1.0\" encoding=\"UTF-8\""));
  tinyxml2::XMLElement* set = doc.NewElement("urlset");
  doc.InsertEndChild(set);
  set->SetAttribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
  for (const auto& r : plan.records()) {
    if (!r.in_sitemap) continue;
    tinyxml2::XMLElement* url = set->InsertNewChildElement("url");
    url->InsertNewChildElement("loc")->SetText(plan.absolute(r.route).c_str());
    if (r.lastmod) url->InsertNewChildElement("lastmod")->SetText(r.lastmod->iso().c_str());
  }
  tinyxml2::XMLPrinter printer;
  doc.Print(&printer);
  return std::string(printer.CStr(), static_cast<size_t>(printer.CStrSize() - 1));
}

std::string render_robots(const OutputPlan& plan) {
  return "User-agent: *\nAllow: /\n\nSitemap: " + plan.absolute(routes::kSitemap) + "\n";
}

}  // namespace nastavnik
