// RSS feeds: absolute links for feed readers, escaped values, RFC 822 dates.
#include <doctest/doctest.h>
#include <tinyxml2.h>

#include <string>
#include <vector>

#include "markdown/body.h"
#include "model/site.h"
#include "plan/output_plan.h"
#include "render/rss.h"
#include "render/view.h"
#include "support.h"

using namespace nastavnik;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

Entry make_entry(std::string slug, std::string title, Date date) {
  Entry e;
  e.section = Section::News;
  e.org = "school-1";
  e.source_path = "school-1/news/" + slug + ".md";
  e.slug = slug;
  NewsFront front;
  front.title = {std::move(title), {2, 8}, true};
  front.date = {date, {3, 7}, true};
  e.front = front;
  e.url = "school-1/news/" + slug + "/";
  return e;
}

EntryText make_text(const std::string& markdown) {
  EntryText t;
  t.summary = "Кратко о событии";
  t.body = render_body(markdown, 5, nullptr).body;
  return t;
}

/// A site of one school with two news items, and a second school with none; the texts of
/// the entries as the body stage makes them.
struct FeedSite {
  Site site;
  std::vector<EntryText> texts;

  /// The feed at `route` as the build writes it.
  std::string rss(const std::string& route) const;
};

FeedSite make_site() {
  FeedSite f;
  Site& site = f.site;
  site.title = "Наставничество";
  site.base_url = "https://example.ru/sub/";
  site.timezone = "Europe/Moscow";
  site.today = {2022, 5, 1};
  Organisation org;
  org.id = "school-1";
  org.card.name.value = "Муниципальное бюджетное общеобразовательное учреждение «Школа № 1»";
  org.card.short_name.value = "МБОУ «Школа № 1»";
  site.orgs.push_back(org);
  Organisation empty;
  empty.id = "school-2";
  empty.card.name.value = "Школа № 2";
  empty.card.short_name.value = "Школа № 2";
  site.orgs.push_back(empty);

  site.entries.push_back(make_entry("itogi", "Итоги & планы <2022> \"Наставник\"", {2022, 4, 26}));
  f.texts.push_back(make_text("Итоги конкурса. <script>alert(1)</script>\n\n[Положение](polozhenie.pdf) и "
                              "[сайт](https://example.org/x) и [наверх](#top)\n\n![фото](photo.jpg)"));
  Attachment pdf;
  pdf.file_name = "prikaz.pdf";
  pdf.format = "PDF";
  f.texts[0].attachments.push_back(pdf);
  site.entries.push_back(make_entry("start", "Старт программы", {2022, 1, 10}));
  f.texts.push_back(make_text("Программа начата."));
  site.entries[0].sort_key = "1";
  site.entries[1].sort_key = "2";
  site.orgs[0].sections[index_of(Section::News)] = {0, 1};
  return f;
}

const OutputRecord& feed(const OutputPlan& plan, const std::string& route) {
  for (const auto& r : plan.records()) {
    if (r.kind == OutputKind::Feed && r.route == route) return r;
  }
  FAIL("the plan has no feed " << route);
  return plan.records().front();
}

std::string FeedSite::rss(const std::string& route) const {
  const OutputPlan plan = OutputPlan::make(site, {});
  std::vector<const EntryText*> by_entry;
  for (const auto& t : texts) by_entry.push_back(&t);
  const RenderContext ctx{site, plan, test::embedded(), nullptr, &by_entry};
  return render_rss(ctx, feed(plan, route));
}

std::string news_feed(const FeedSite& f) { return f.rss("school-1/news/rss.xml"); }

std::string in_feed(const std::string& markdown, const std::string& page) { return render_body(markdown, 1, nullptr).body.with_base(page); }

}  // namespace

TEST_CASE("relative href and src of a body become absolute under the page in a feed") {
  const std::string page = "https://example.ru/sub/school-1/news/itogi/";
  CHECK(in_feed("[приказ](prikaz.pdf)", page) == "<p><a href=\"https://example.ru/sub/school-1/news/itogi/prikaz.pdf\">приказ</a></p>\n");
  CHECK(in_feed("![](photo.jpg)", page) == "<p><img src=\"https://example.ru/sub/school-1/news/itogi/photo.jpg\" alt=\"\" /></p>\n");
  CHECK(in_feed("[x](../start/)", page) == "<p><a href=\"https://example.ru/sub/school-1/news/itogi/../start/\">x</a></p>\n");
}

TEST_CASE("external, absolute, anchor and empty URLs of a body stay as written in a feed") {
  const std::string page = "https://example.ru/sub/p/";
  for (const char* markdown : {"[x](https://example.org/x)", "[x](mailto:a@b.ru)", "[x](#top)", "[x](/root.html)", "[x]()",
                               "href=\"x\" in text", "без ссылок"}) {
    CAPTURE(markdown);
    const std::string html = in_feed(markdown, page);
    CHECK(html == in_feed(markdown, ""));
    CHECK_FALSE(contains(html, page));
  }
  CHECK(in_feed("[1](a) ![2](b) [3](https://c)", page) ==
        "<p><a href=\"https://example.ru/sub/p/a\">1</a> <img src=\"https://example.ru/sub/p/b\" alt=\"2\" /> <a href=\"https://c\">3</a></p>\n");
}

TEST_CASE("render_rss produces a valid RSS 2.0 channel") {
  FeedSite site = make_site();
  std::string xml = news_feed(site);
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  tinyxml2::XMLElement* rss = doc.FirstChildElement("rss");
  REQUIRE(rss);
  CHECK(std::string(rss->Attribute("version")) == "2.0");
  CHECK(std::string(rss->Attribute("xmlns:atom")) == "http://www.w3.org/2005/Atom");
  CHECK(std::string(rss->Attribute("xmlns:content")) == "http://purl.org/rss/1.0/modules/content/");
  tinyxml2::XMLElement* channel = rss->FirstChildElement("channel");
  REQUIRE(channel);
  CHECK(std::string(channel->FirstChildElement("title")->GetText()) == "Новости — МБОУ «Школа № 1»");
  CHECK(std::string(channel->FirstChildElement("link")->GetText()) == "https://example.ru/sub/school-1/news/");
  CHECK(std::string(channel->FirstChildElement("language")->GetText()) == "ru");
  CHECK(std::string(channel->FirstChildElement("lastBuildDate")->GetText()) == "Tue, 26 Apr 2022 00:00:00 +0300");

  tinyxml2::XMLElement* self = channel->FirstChildElement("atom:link");
  REQUIRE(self);
  CHECK(std::string(self->Attribute("rel")) == "self");
  CHECK(std::string(self->Attribute("href")) == "https://example.ru/sub/school-1/news/rss.xml");
  CHECK(std::string(self->Attribute("type")) == "application/rss+xml");
}

TEST_CASE("render_rss items: link, permalink guid, RFC 822 date, source and content") {
  FeedSite site = make_site();
  std::string xml = news_feed(site);
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  tinyxml2::XMLElement* item = doc.FirstChildElement("rss")->FirstChildElement("channel")->FirstChildElement("item");
  REQUIRE(item);
  CHECK(std::string(item->FirstChildElement("link")->GetText()) == "https://example.ru/sub/school-1/news/itogi/");
  tinyxml2::XMLElement* guid = item->FirstChildElement("guid");
  REQUIRE(guid);
  CHECK(std::string(guid->Attribute("isPermaLink")) == "true");
  CHECK(std::string(guid->GetText()) == "https://example.ru/sub/school-1/news/itogi/");
  CHECK(std::string(item->FirstChildElement("pubDate")->GetText()) == "Tue, 26 Apr 2022 00:00:00 +0300");
  CHECK(std::string(item->FirstChildElement("category")->GetText()) == "Новости");
  CHECK(std::string(item->FirstChildElement("description")->GetText()) == "Кратко о событии");
  tinyxml2::XMLElement* source = item->FirstChildElement("source");
  REQUIRE(source);
  CHECK(std::string(source->GetText()) == "МБОУ «Школа № 1»");
  CHECK(std::string(source->Attribute("url")) == "https://example.ru/sub/school-1/rss.xml");

  tinyxml2::XMLElement* content = item->FirstChildElement("content:encoded");
  REQUIRE(content);
  REQUIRE(content->GetText());
  std::string body = content->GetText();
  CHECK(contains(body, "Итоги конкурса."));
  // Raw HTML never reaches a page or a feed (the build reports it as an error).
  CHECK_FALSE(contains(body, "<script"));
  CHECK(contains(body, "href=\"https://example.ru/sub/school-1/news/itogi/polozhenie.pdf\""));
  CHECK(contains(body, "src=\"https://example.ru/sub/school-1/news/itogi/photo.jpg\""));
  CHECK(contains(body, "href=\"https://example.org/x\""));
  CHECK(contains(body, "href=\"#top\""));
  CHECK(contains(body, "<a href=\"https://example.ru/sub/school-1/news/itogi/prikaz.pdf\">prikaz.pdf</a> (PDF)"));

  tinyxml2::XMLElement* second = item->NextSiblingElement("item");
  REQUIRE(second);
  CHECK(std::string(second->FirstChildElement("pubDate")->GetText()) == "Mon, 10 Jan 2022 00:00:00 +0300");
  CHECK(second->NextSiblingElement("item") == nullptr);
}

TEST_CASE("XML special characters in a title are escaped and read back intact") {
  FeedSite site = make_site();
  std::string xml = news_feed(site);
  CHECK(contains(xml, "<title>Итоги &amp; планы &lt;2022&gt;"));
  CHECK_FALSE(contains(xml, "Итоги & планы"));
  CHECK_FALSE(contains(xml, "<2022>"));
  // The markup of content:encoded is text (CDATA) to an XML reader, never raw elements.
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  tinyxml2::XMLElement* item = doc.FirstChildElement("rss")->FirstChildElement("channel")->FirstChildElement("item");
  CHECK(std::string(item->FirstChildElement("title")->GetText()) == "Итоги & планы <2022> \"Наставник\"");
  tinyxml2::XMLElement* content = item->FirstChildElement("content:encoded");
  REQUIRE(content);
  CHECK(content->FirstChildElement() == nullptr);
  CHECK(contains(content->GetText(), "<p>"));
}

TEST_CASE("a feed with no items is still a valid channel without lastBuildDate") {
  FeedSite f = make_site();
  const OutputPlan plan = OutputPlan::make(f.site, {});
  CHECK(feed(plan, "school-2/rss.xml").feed_items.empty());
  std::string xml = f.rss("school-2/rss.xml");
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  tinyxml2::XMLElement* channel = doc.FirstChildElement("rss")->FirstChildElement("channel");
  CHECK(channel->FirstChildElement("item") == nullptr);
  CHECK(channel->FirstChildElement("lastBuildDate") == nullptr);
  CHECK(std::string(channel->FirstChildElement("link")->GetText()) == "https://example.ru/sub/school-2/");
  CHECK(plan.absolute("school-1/") == "https://example.ru/sub/school-1/");
}
