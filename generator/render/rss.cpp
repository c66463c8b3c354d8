#include "render/rss.h"

#include <cstring>

#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

// Text as XML character data: & < > escaped.
void append_xml(std::string& out, std::string_view text) {
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char* entity;
    switch (c) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      default:
        continue;
    }
    out.append(text, run, i - run);
    out += entity;
    run = i + 1;
  }
  out.append(text, run, std::string_view::npos);
}

// HTML inside CDATA: copied as it is, but for the one sequence that would end the section
// (split across two sections) and Body::kLinkBase, which becomes `base`.
void append_cdata(std::string& out, std::string_view html, std::string_view base) {
  size_t run = 0;
  for (;;) {
    // The two bytes that need care are rare: jump from one to the next.
    const char* p = html.data() + run;
    const char* end = html.data() + html.size();
    const char* mark = static_cast<const char*>(std::memchr(p, Body::kLinkBase, static_cast<size_t>(end - p)));
    const char* bracket = static_cast<const char*>(std::memchr(p, ']', static_cast<size_t>((mark ? mark : end) - p)));
    while (bracket && html.compare(static_cast<size_t>(bracket - html.data()), 3, "]]>") != 0) {
      bracket = static_cast<const char*>(std::memchr(bracket + 1, ']', static_cast<size_t>((mark ? mark : end) - bracket - 1)));
    }
    if (bracket) {
      size_t at = static_cast<size_t>(bracket - html.data());
      out.append(html, run, at - run);
      out += "]]]]><![CDATA[>";
      run = at + 3;
    } else if (mark) {
      size_t at = static_cast<size_t>(mark - html.data());
      out.append(html, run, at - run);
      out.append(base);
      run = at + 1;
    } else {
      out.append(html, run, std::string_view::npos);
      return;
    }
  }
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
  element(out, 2, "link", plan.absolute(page));
  element(out, 2, "description", html_escape(description));  // HTML to feed readers
  element(out, 2, "language", "ru");
  element(out, 2, "generator", "nastavnik");
  out += "        <atom:link href=\"";
  append_attribute(out, plan.absolute(feed.route));
  out += "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  if (!feed.feed_items.empty() && site.entries[feed.feed_items.front()].date()) {
    element(out, 2, "lastBuildDate", rfc822_midnight(*site.entries[feed.feed_items.front()].date(), site.timezone));
  }
  for (size_t index : feed.feed_items) {
    const Entry& e = site.entries[index];
    const EntryText& text = ctx.text(index);
    const Organisation* org = site.find_org(e.org);
    const std::string link = plan.absolute(*plan.entry(site, e));
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
        append_attribute(out, plan.absolute(*org_feed));
        out += "\">";
        append_xml(out, org->short_name());
        out += "</source>\n";
      }
    }
    element(out, 3, "description", html_escape(text.summary));
    // The full text, as CDATA (HTML needs no escaping there, and feeds stay half the size);
    // feed readers have no page to resolve relative links against, so the links get the
    // page's URL as their base. Then the files, linked the same way.
    out += "            <content:encoded><![CDATA[";
    append_cdata(out, text.body.html, link);
    for (const auto& a : text.attachments) {
      if (a.image) continue;
      append_cdata(out, "<p><a href=\"" + html_escape(link + a.file_name) + "\">" + a.file_name + "</a> (" + a.format + ")</p>", link);
    }
    out += "]]></content:encoded>\n";
    out += "        </item>\n";
  }
  out += "    </channel>\n</rss>\n";
  return out;
}

}  // namespace nastavnik
