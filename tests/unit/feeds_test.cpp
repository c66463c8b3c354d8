// RSS feeds: absolute links for feed readers, escaped values, RFC 822 dates.
#include <doctest/doctest.h>
#include <tinyxml2.h>

#include <string>

#include "markdown/markdown.h"
#include "output/feeds.h"

using namespace nastavnik;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

Entry make_entry(std::string slug, std::string title, Date date, const std::string& markdown) {
  Entry e;
  e.section = Section::News;
  e.org = "school-1";
  e.source_path = "school-1/news/" + slug + ".md";
  e.slug = slug;
  e.title = std::move(title);
  e.date = date;
  e.summary = "Кратко о событии";
  e.url = "school-1/news/" + slug + "/";
  e.body_html = render_markdown(markdown, nullptr).html;
  return e;
}

Site make_site() {
  Site site;
  site.title = "Наставничество";
  site.base_url = "https://example.ru/sub/";
  site.timezone = "Europe/Moscow";
  site.today = {2022, 5, 1};
  Organisation org;
  org.id = "school-1";
  org.name = "Муниципальное бюджетное общеобразовательное учреждение «Школа № 1»";
  org.short_name = "МБОУ «Школа № 1»";
  site.orgs.push_back(org);

  site.entries.push_back(make_entry("itogi", "Итоги & планы <2022> \"Наставник\"", {2022, 4, 26},
                                    "Итоги конкурса. <script>alert(1)</script>\n\n[Положение](polozhenie.pdf) и "
                                    "[сайт](https://example.org/x) и [наверх](#top)\n\n![фото](photo.jpg)"));
  Attachment pdf;
  pdf.file_name = "prikaz.pdf";
  pdf.format = "PDF";
  site.entries[0].attachments.push_back(pdf);
  site.entries.push_back(make_entry("start", "Старт программы", {2022, 1, 10}, "Программа начата."));
  site.orgs[0].sections[static_cast<size_t>(Section::News)] = {0, 1};
  return site;
}

FeedSpec news_feed() { return {"school-1/news/rss.xml", "school-1/news/", "Новости — МБОУ «Школа № 1»", "Новости школы", {0, 1}}; }

}  // namespace

TEST_CASE("absolutize_links makes relative href and src absolute under the page") {
  const std::string page = "https://example.ru/sub/school-1/news/itogi/";
  CHECK(absolutize_links("<a href=\"prikaz.pdf\">приказ</a>", page) ==
        "<a href=\"https://example.ru/sub/school-1/news/itogi/prikaz.pdf\">приказ</a>");
  CHECK(absolutize_links("<img src=\"photo.jpg\" alt=\"\" />", page) ==
        "<img src=\"https://example.ru/sub/school-1/news/itogi/photo.jpg\" alt=\"\" />");
  CHECK(absolutize_links("<a href=\"../start/\">x</a>", page) ==
        "<a href=\"https://example.ru/sub/school-1/news/itogi/../start/\">x</a>");
}

TEST_CASE("absolutize_links leaves external, absolute, anchor and empty URLs alone") {
  const std::string page = "https://example.ru/sub/p/";
  for (const char* html : {"<a href=\"https://example.org/x\">x</a>", "<a href=\"mailto:a@b.ru\">x</a>",
                           "<a href=\"#top\">x</a>", "<a href=\"/root.html\">x</a>", "<a href=\"\">x</a>",
                           "<p>href=\"x\" in text</p>", "<p>без ссылок</p>"}) {
    CAPTURE(html);
    CHECK(absolutize_links(html, page) == html);
  }
  CHECK(absolutize_links("<a href=\"a\">1</a><img src=\"b\" /><a href=\"https://c\">3</a>", page) ==
        "<a href=\"https://example.ru/sub/p/a\">1</a><img src=\"https://example.ru/sub/p/b\" /><a href=\"https://c\">3</a>");
}

TEST_CASE("render_rss produces a valid RSS 2.0 channel") {
  Site site = make_site();
  std::string xml = render_rss(site, news_feed());
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
  Site site = make_site();
  std::string xml = render_rss(site, news_feed());
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
  CHECK_FALSE(contains(body, "<script"));
  CHECK(contains(body, "<!-- raw HTML omitted -->"));
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
  Site site = make_site();
  std::string xml = render_rss(site, news_feed());
  CHECK(contains(xml, "<title>Итоги &amp; планы &lt;2022&gt;"));
  CHECK_FALSE(contains(xml, "Итоги & планы"));
  CHECK_FALSE(contains(xml, "<2022>"));
  // The markup of content:encoded is escaped text too, never raw elements.
  CHECK_FALSE(contains(xml, "<p>"));
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  tinyxml2::XMLElement* item = doc.FirstChildElement("rss")->FirstChildElement("channel")->FirstChildElement("item");
  CHECK(std::string(item->FirstChildElement("title")->GetText()) == "Итоги & планы <2022> \"Наставник\"");
}

TEST_CASE("a feed with no items is still a valid channel without lastBuildDate") {
  Site site = make_site();
  FeedSpec empty{"school-1/stories/rss.xml", "school-1/stories/", "Истории", "Истории", {}};
  std::string xml = render_rss(site, empty);
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  tinyxml2::XMLElement* channel = doc.FirstChildElement("rss")->FirstChildElement("channel");
  CHECK(channel->FirstChildElement("item") == nullptr);
  CHECK(channel->FirstChildElement("lastBuildDate") == nullptr);
  CHECK(absolute_url(site, "school-1/") == "https://example.ru/sub/school-1/");
}
