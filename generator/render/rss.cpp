#include "render/rss.h"

#include <tinyxml2.h>

#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

tinyxml2::XMLElement* text_element(tinyxml2::XMLElement* parent, const char* name, const std::string& text) {
  tinyxml2::XMLElement* e = parent->InsertNewChildElement(name);
  e->SetText(text.c_str());
  return e;
}

}  // namespace

std::string absolute_url(const Site& site, std::string_view route) { return site.base_url + std::string(route); }

std::string render_rss(const Site& site, const OutputPlan& plan, const OutputRecord& feed) {
  // The feed belongs to the page it sits in: "school-1/news/rss.xml" → "school-1/news/".
  const std::string page = feed.route.substr(0, feed.route.size() - std::string("rss.xml").size());
  std::string description;
  if (!feed.org) description = site.description.empty() ? site.title : site.description;
  else if (page == *plan.org_tab(*feed.org)) {
    description = "Новости, документы, приказы, истории и практики наставничества: " + feed.org->name();
  } else {
    description = std::string(section_title(feed.section)) + ": " + feed.org->name();
  }
  tinyxml2::XMLDocument doc;
  doc.InsertEndChild(doc.NewDeclaration("xml version=\"1.0\" encoding=\"UTF-8\""));
  tinyxml2::XMLElement* rss = doc.NewElement("rss");
  doc.InsertEndChild(rss);
  rss->SetAttribute("version", "2.0");
  rss->SetAttribute("xmlns:atom", "http://www.w3.org/2005/Atom");
  rss->SetAttribute("xmlns:content", "http://purl.org/rss/1.0/modules/content/");
  tinyxml2::XMLElement* channel = rss->InsertNewChildElement("channel");
  text_element(channel, "title", feed.title);
  text_element(channel, "link", absolute_url(site, page));
  text_element(channel, "description", html_escape(description));  // HTML to feed readers
  text_element(channel, "language", "ru");
  text_element(channel, "generator", "nastavnik");
  tinyxml2::XMLElement* self = channel->InsertNewChildElement("atom:link");
  self->SetAttribute("href", absolute_url(site, feed.route).c_str());
  self->SetAttribute("rel", "self");
  self->SetAttribute("type", "application/rss+xml");
  if (!feed.feed_items.empty() && site.entries[feed.feed_items.front()].date()) {
    text_element(channel, "lastBuildDate", rfc822_midnight(*site.entries[feed.feed_items.front()].date(), site.timezone));
  }
  for (size_t index : feed.feed_items) {
    const Entry& e = site.entries[index];
    const Organisation* org = site.find_org(e.org);
    std::string link = absolute_url(site, *plan.entry(site, e));
    tinyxml2::XMLElement* item = channel->InsertNewChildElement("item");
    text_element(item, "title", e.title());
    text_element(item, "link", link);
    tinyxml2::XMLElement* guid = item->InsertNewChildElement("guid");
    guid->SetAttribute("isPermaLink", "true");
    guid->SetText(link.c_str());
    if (e.date()) text_element(item, "pubDate", rfc822_midnight(*e.date(), site.timezone));
    text_element(item, "category", section_title(e.section));
    if (org) {
      if (auto org_feed = plan.org_feed(*org)) {
        text_element(item, "source", org->short_name())->SetAttribute("url", absolute_url(site, *org_feed).c_str());
      }
    }
    text_element(item, "description", html_escape(e.summary));
    // Feed readers have no page to resolve relative links against: they get the page's URL.
    std::string body = e.body.with_base(link);
    for (const auto& a : e.attachments) {
      if (a.image) continue;
      body += "<p><a href=\"" + html_escape(link + a.file_name) + "\">" + a.file_name + "</a> (" + a.format + ")</p>";
    }
    text_element(item, "content:encoded", body);
  }
  tinyxml2::XMLPrinter printer;
  doc.Print(&printer);
  return std::string(printer.CStr(), static_cast<size_t>(printer.CStrSize() - 1));
}

}  // namespace nastavnik
