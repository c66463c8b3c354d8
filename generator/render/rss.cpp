#include "output/feeds.h"

#include <tinyxml2.h>

#include <algorithm>

#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

bool in_feeds(Section s) { return s != Section::Pages; }

std::vector<size_t> newest(std::vector<size_t> items, const Site& site) {
  std::stable_sort(items.begin(), items.end(), [&](size_t a, size_t b) { return site.entries[a].sort_key < site.entries[b].sort_key; });
  if (items.size() > kFeedItems) items.resize(kFeedItems);
  return items;
}

tinyxml2::XMLElement* text_element(tinyxml2::XMLElement* parent, const char* name, const std::string& text) {
  tinyxml2::XMLElement* e = parent->InsertNewChildElement(name);
  e->SetText(text.c_str());
  return e;
}

}  // namespace

std::string absolute_url(const Site& site, const std::string& relative) { return site.base_url + relative; }

std::string absolutize_links(const std::string& html, const std::string& page_url) {
  std::string out;
  out.reserve(html.size() + 256);
  size_t i = 0;
  while (i < html.size()) {
    size_t href = html.find(" href=\"", i);
    size_t src = html.find(" src=\"", i);
    size_t at = std::min(href, src);
    if (at == std::string::npos) {
      out.append(html, i, std::string::npos);
      break;
    }
    size_t value = at + (at == href ? 7 : 6);
    out.append(html, i, value - i);
    size_t end = html.find('"', value);
    std::string url = html.substr(value, end == std::string::npos ? std::string::npos : end - value);
    bool relative = !url.empty() && url[0] != '#' && url[0] != '/' && url.find(':') == std::string::npos;
    out += relative ? page_url + url : url;
    i = end == std::string::npos ? html.size() : end;
  }
  return out;
}

std::vector<FeedSpec> plan_feeds(const Site& site) {
  std::vector<FeedSpec> feeds;
  std::vector<size_t> portal;
  for (const auto& org : site.orgs) {
    std::vector<size_t> all;
    for (Section s : kAllSections) {
      if (!in_feeds(s)) continue;
      const auto& items = org.sections[static_cast<size_t>(s)];
      if (items.empty()) continue;
      std::string base = org.id + "/" + section_id(s) + "/";
      feeds.push_back({base + "rss.xml", base, std::string(section_title(s)) + " — " + org.short_name,
                       std::string(section_title(s)) + ": " + org.name, newest(items, site)});
      all.insert(all.end(), items.begin(), items.end());
    }
    feeds.push_back({org.id + "/rss.xml", org.id + "/", "Наставничество — " + org.short_name,
                     "Новости, документы, приказы, истории и практики наставничества: " + org.name, newest(all, site)});
    portal.insert(portal.end(), all.begin(), all.end());
  }
  feeds.push_back({"rss.xml", "", site.title, site.description.empty() ? site.title : site.description, newest(portal, site)});
  return feeds;
}

std::string render_rss(const Site& site, const FeedSpec& feed) {
  tinyxml2::XMLDocument doc;
  doc.InsertEndChild(doc.NewDeclaration("xml version=\"1.0\" encoding=\"UTF-8\""));
  tinyxml2::XMLElement* rss = doc.NewElement("rss");
  doc.InsertEndChild(rss);
  rss->SetAttribute("version", "2.0");
  rss->SetAttribute("xmlns:atom", "http://www.w3.org/2005/Atom");
  rss->SetAttribute("xmlns:content", "http://purl.org/rss/1.0/modules/content/");
  tinyxml2::XMLElement* channel = rss->InsertNewChildElement("channel");
  text_element(channel, "title", feed.title);
  text_element(channel, "link", absolute_url(site, feed.page_url));
  text_element(channel, "description", html_escape(feed.description));  // HTML to feed readers
  text_element(channel, "language", "ru");
  text_element(channel, "generator", "nastavnik");
  tinyxml2::XMLElement* self = channel->InsertNewChildElement("atom:link");
  self->SetAttribute("href", absolute_url(site, feed.path).c_str());
  self->SetAttribute("rel", "self");
  self->SetAttribute("type", "application/rss+xml");
  if (!feed.items.empty() && site.entries[feed.items.front()].date) {
    text_element(channel, "lastBuildDate", rfc822_midnight(*site.entries[feed.items.front()].date, site.timezone));
  }
  for (size_t index : feed.items) {
    const Entry& e = site.entries[index];
    const Organisation* org = site.find_org(e.org);
    std::string link = absolute_url(site, e.url);
    tinyxml2::XMLElement* item = channel->InsertNewChildElement("item");
    text_element(item, "title", e.title);
    text_element(item, "link", link);
    tinyxml2::XMLElement* guid = item->InsertNewChildElement("guid");
    guid->SetAttribute("isPermaLink", "true");
    guid->SetText(link.c_str());
    if (e.date) text_element(item, "pubDate", rfc822_midnight(*e.date, site.timezone));
    text_element(item, "category", section_title(e.section));
    if (org) text_element(item, "source", org->short_name)->SetAttribute("url", absolute_url(site, org->id + "/rss.xml").c_str());
    text_element(item, "description", html_escape(e.summary));
    std::string body = absolutize_links(e.body_html, link);
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
