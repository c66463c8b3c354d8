#include "render/rss.h"

#include <cstring>

#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

// Text as XML character data: & < > escaped. Feeds carry the whole text of every item, so
// this runs over megabytes: one pass, no copies. Body::kLinkBase, when asked, becomes `base`.
void append_xml(std::string& out, std::string_view text, char link_base = 0, std::string_view base = {}) {
  out.reserve(out.size() + text.size() + text.size() / 8);
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char* entity;
    switch (c) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      default:
        if (link_base && c == link_base) {
          out.append(text, run, i - run);
          append_xml(out, base);
          run = i + 1;
        }
        continue;
    }
    out.append(text, run, i - run);
    out += entity;
    run = i + 1;
  }
  out.append(text, run, std::string_view::npos);
}

void append_attribute(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
}

void element(std::string& out, int depth, const char* name, std::string_view text) {
  out.append(static_cast<size_t>(depth) * 4, ' ');
  out += '<';
  out += name;
  out += '>';
  append_xml(out, text);
  out += "</";
  out += name;
  out += ">\n";
}

}  // namespace

std::string absolute_url(const Site& site, std::string_view route) { return site.base_url + std::string(route); }

std::string render_rss(const RenderContext& ctx, const OutputRecord& feed) {
  const Site& site = ctx.site;
  const OutputPlan& plan = ctx.plan;
  // The feed belongs to the page it sits in: "school-1/news/rss.xml" → "school-1/news/".
  const std::string page = feed.route.substr(0, feed.route.size() - std::strlen("rss.xml"));
  std::string description;
  if (!feed.org) description = site.description.empty() ? site.title : site.description;
  else if (page == *plan.org_tab(*feed.org)) description = "Новости, документы, приказы, истории и практики наставничества: " + feed.org->name();
  else description = std::string(section_title(feed.section)) + ": " + feed.org->name();

  std::string out;
  out.reserve(4096 + feed.feed_items.size() * 16384);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
         "    <channel>\n";
  element(out, 2, "title", feed.title);
  element(out, 2, "link", absolute_url(site, page));
  element(out, 2, "description", html_escape(description));  // HTML to feed readers
  element(out, 2, "language", "ru");
  element(out, 2, "generator", "nastavnik");
  out += "        <atom:link href=\"";
  append_attribute(out, absolute_url(site, feed.route));
  out += "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  if (!feed.feed_items.empty() && site.entries[feed.feed_items.front()].date()) {
    element(out, 2, "lastBuildDate", rfc822_midnight(*site.entries[feed.feed_items.front()].date(), site.timezone));
  }
  for (size_t index : feed.feed_items) {
    const Entry& e = site.entries[index];
    const EntryText& text = ctx.text(index);
    const Organisation* org = site.find_org(e.org);
    const std::string link = absolute_url(site, *plan.entry(site, e));
    out += "        <item>\n";
    element(out, 3, "title", e.title());
    element(out, 3, "link", link);
    out += "            <guid isPermaLink=\"true\">";
    append_xml(out, link);
    out += "</guid>\n";
    if (e.date()) element(out, 3, "pubDate", rfc822_midnight(*e.date(), site.timezone));
    element(out, 3, "category", section_title(e.section));
    if (org) {
      if (auto org_feed = plan.org_feed(*org)) {
        out += "            <source url=\"";
        append_attribute(out, absolute_url(site, *org_feed));
        out += "\">";
        append_xml(out, org->short_name());
        out += "</source>\n";
      }
    }
    element(out, 3, "description", html_escape(text.summary));
    // The full text; feed readers have no page to resolve relative links against, so the
    // links get the page's URL as their base. Then the files, linked the same way.
    out += "            <content:encoded>";
    append_xml(out, text.body.html, Body::kLinkBase, link);
    for (const auto& a : text.attachments) {
      if (a.image) continue;
      append_xml(out, "<p><a href=\"" + html_escape(link + a.file_name) + "\">" + a.file_name + "</a> (" + a.format + ")</p>");
    }
    out += "</content:encoded>\n";
    out += "        </item>\n";
  }
  out += "    </channel>\n</rss>\n";
  return out;
}

}  // namespace nastavnik
