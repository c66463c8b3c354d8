// The output plan is the one table of outputs: views ask it for links, so no page can link
// to a file that is not written. Checked on whole builds in memory (the minimal and the
// municipality fixtures and the demo content) by resolving every link of every page.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "core/strings.h"
#include "plan/output_plan.h"
#include "plan/routes.h"
#include "support.h"

using namespace nastavnik;

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// The values of every href and src attribute of an HTML page, entities decoded.
std::vector<std::string> links_of(const std::string& html) {
  std::vector<std::pair<size_t, std::string>> out;
  for (const char* name : {" href=\"", " src=\"", "\nhref=\"", "\nsrc=\""}) {
    const std::string key = name;
    for (size_t at = html.find(key); at != std::string::npos; at = html.find(key, at + 1)) {
      const size_t start = at + key.size();
      const size_t end = html.find('"', start);
      if (end == std::string::npos) break;
      std::string v = html.substr(start, end - start);
      for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
               {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
        for (size_t e; (e = v.find(entity)) != std::string::npos;) v.replace(e, entity.size(), c);
      }
      out.emplace_back(start, std::move(v));
    }
  }
  std::sort(out.begin(), out.end());
  std::vector<std::string> values;
  for (auto& [offset, v] : out) values.push_back(std::move(v));
  return values;
}

std::string percent_decoded(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// The output file a link of the page `page` (a path in the output) leads to, or nothing
/// when the link leaves the site; "" for links that point nowhere to check (other sites,
/// mail, phone, a place on the same page).
std::optional<std::string> target_of(const std::string& page, std::string link, const std::string& base_path) {
  for (const char* external : {"http://", "https://", "mailto:", "tel:", "#"}) {
    if (starts_with(link, external)) return std::string();
  }
  link = link.substr(0, link.find_first_of("#?"));
  std::vector<std::string> parts;
  if (starts_with(link, "/")) {
    // Only the 404 page links from the site's absolute path: it is served at any depth.
    if (page != routes::kNotFound || !starts_with(link, base_path)) return std::nullopt;
    link = link.substr(base_path.size());
  } else {
    for (size_t from = 0, slash; (slash = page.find('/', from)) != std::string::npos; from = slash + 1) {
      parts.push_back(page.substr(from, slash - from));
    }
  }
  bool folder = link.empty() || ends_with(link, "/");
  for (size_t from = 0; from <= link.size();) {
    size_t slash = link.find('/', from);
    if (slash == std::string::npos) slash = link.size();
    std::string part = percent_decoded(link.substr(from, slash - from));
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    from = slash + 1;
  }
  std::string path = join(parts, "/");
  if (folder) path += path.empty() ? "index.html" : "/index.html";
  return path;
}

std::string base_path_of(const std::string& base_url) {
  size_t scheme = base_url.find("://");
  size_t slash = base_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : base_url.substr(slash);
}

/// Every link of every HTML output that does not lead to a file of the output: "page → link".
std::vector<std::string> broken_links(const MemorySink& sink, const std::string& base_url, size_t& checked) {
  const std::string base_path = base_path_of(base_url);
  std::vector<std::string> broken;
  for (const auto& [page, html] : sink.files()) {
    if (!ends_with(page, ".html")) continue;
    for (const auto& link : links_of(html)) {
      auto target = target_of(page, link, base_path);
      if (target && target->empty()) continue;
      ++checked;
      if (!target || !sink.files().count(*target)) broken.push_back(page + " → " + link);
    }
  }
  return broken;
}

std::string base_url_of(const ContentSource& source) {
  std::string site;
  REQUIRE(source.read("site.yaml", 1 << 20, site) == ReadStatus::Ok);
  std::smatch m;
  REQUIRE(std::regex_search(site, m, std::regex("base_url: \"([^\"]+)\"")));
  return m[1];
}

void check_every_link_resolves(const ContentSource& source) {
  test::Built built;
  test::build(source, built);
  REQUIRE(built.report.ok);
  CHECK(test::errors_of(built.diagnostics).empty());
  size_t checked = 0;
  auto broken = broken_links(built.sink, base_url_of(source), checked);
  CHECK(join(broken, "\n") == "");
  CHECK(checked > 100);
}

}  // namespace

TEST_CASE("links are resolved as a browser does: relative to the page, folders to their index") {
  CHECK(target_of("school-7/news/den/index.html", "../../../", "/") == std::optional<std::string>("index.html"));
  CHECK(target_of("school-7/news/den/index.html", "../", "/") == std::optional<std::string>("school-7/news/index.html"));
  CHECK(target_of("school-7/news/den/index.html", "prikaz.pdf", "/") == std::optional<std::string>("school-7/news/den/prikaz.pdf"));
  CHECK(target_of("school-7/news/den/index.html", "./", "/") == std::optional<std::string>("school-7/news/den/index.html"));
  CHECK(target_of("index.html", "school-7/rss.xml#x", "/") == std::optional<std::string>("school-7/rss.xml"));
  CHECK(target_of("index.html", "%D1%84.pdf", "/") == std::optional<std::string>("ф.pdf"));
  CHECK(target_of("index.html", "../x/", "/") == std::nullopt);  // above the site
  CHECK(target_of("index.html", "/x/", "/") == std::nullopt);    // absolute: only the 404 page
  CHECK(target_of("404.html", "/sub/x/", "/sub/") == std::optional<std::string>("x/index.html"));
  CHECK(target_of("404.html", "/other/x/", "/sub/") == std::nullopt);
  CHECK(target_of("index.html", "https://example.ru/", "/") == std::optional<std::string>(""));
  CHECK(target_of("index.html", "mailto:a@b.ru", "/") == std::optional<std::string>(""));
  CHECK(target_of("index.html", "#main", "/") == std::optional<std::string>(""));
  CHECK(links_of("<a href=\"a?x=1&amp;y=2\">x</a><img alt=\"\" src=\"b.jpg\">") == std::vector<std::string>{"a?x=1&y=2", "b.jpg"});
}

TEST_CASE("the link check reports every link to a file that is not written") {
  MemorySink sink;
  sink.write("index.html", "<a href=\"news/\">Новости</a> <a href=\"orgs/\">Организации</a> <img src=\"assets/logo.png\" alt=\"\">");
  sink.write("news/index.html", "<a href=\"../\">Главная</a> <a href=\"../index.html#main\">Главная</a> <a href=\"../../x/\">Выше сайта</a>");
  sink.write("404.html", "<a href=\"/news/\">Новости</a> <a href=\"/orgs/\">Организации</a>");
  sink.commit();
  size_t checked = 0;
  CHECK(broken_links(sink, "https://nastavnik.example.ru/", checked) ==
        std::vector<std::string>{"404.html → /orgs/", "index.html → orgs/", "index.html → assets/logo.png", "news/index.html → ../../x/"});
  CHECK(checked == 8);
}

TEST_CASE("no page of the minimal fixture links to a file that is not written") {
  check_every_link_resolves(test::source_from("tests/fixtures/minimal"));
}

TEST_CASE("no page of the municipality fixture links to a file that is not written") {
  check_every_link_resolves(test::source_from("tests/fixtures/municipality"));
}

TEST_CASE("no page of the demo content links to a file that is not written") {
  check_every_link_resolves(test::source_from("content"));
}

TEST_CASE("a roadmap whose items have no dates is published without a calendar, and no page links to one") {
  MemorySource source = test::source_from("tests/fixtures/minimal");
  source.add("school-7/roadmap.yaml",
             "title: \"Дорожная карта\"\n"
             "sections:\n"
             "  - title: \"Раздел\"\n"
             "    items:\n"
             "      - id: \"1.1\"\n"
             "        title: \"Разработка программы\"\n"
             "        when: \"Сентябрь 2025\"\n"
             "        status: done\n"
             "      - title: \"Семинар без даты\"\n");
  test::Built built;
  test::build(source, built);
  REQUIRE(built.report.ok);
  CHECK(test::formatted(built.diagnostics).empty());
  CHECK(built.has("school-7/roadmap/index.html"));
  for (const auto& [path, bytes] : built.sink.files()) {
    CAPTURE(path);
    CHECK_FALSE(ends_with(path, ".ics"));
    CHECK(bytes.find("roadmap.ics") == std::string::npos);
  }
  size_t checked = 0;
  CHECK(join(broken_links(built.sink, "https://nastavnik.example.ru/", checked), "\n") == "");
}

TEST_CASE("a roadmap with one dated item gets its calendar, and the department's calendar merges it") {
  MemorySource source = test::source_from("tests/fixtures/minimal");
  source.add("school-7/roadmap.yaml",
             "title: \"Дорожная карта\"\n"
             "sections:\n"
             "  - title: \"Раздел\"\n"
             "    items:\n"
             "      - title: \"Семинар\"\n"
             "        start: 2026-12-01\n"
             "      - title: \"Без даты\"\n");
  test::Built built;
  test::build(source, built);
  REQUIRE(built.report.ok);
  REQUIRE(built.has("school-7/roadmap/roadmap.ics"));
  CHECK(built.file("school-7/roadmap/roadmap.ics").find("SUMMARY:Семинар\r\n") != std::string::npos);
  CHECK(built.file("school-7/roadmap/index.html").find("href=\"../../school-7/roadmap/roadmap.ics\"") != std::string::npos);
  size_t checked = 0;
  CHECK(join(broken_links(built.sink, "https://nastavnik.example.ru/", checked), "\n") == "");
}

TEST_CASE("the plan names the calendar of an organisation only when its roadmap has a dated item") {
  Site site;
  site.base_url = "https://nastavnik.example.ru/";
  Organisation dated, undated, none;
  dated.id = "dated";
  undated.id = "undated";
  none.id = "none";
  RoadmapItem with_date;
  with_date.title = "Семинар";
  with_date.start = Date{2026, 12, 1};
  RoadmapItem without_date;
  without_date.title = "Без даты";
  dated.roadmap = Roadmap{"Карта", "", {RoadmapSection{"Раздел", {with_date, without_date}}}};
  undated.roadmap = Roadmap{"Карта", "", {RoadmapSection{"Раздел", {without_date}}}};
  site.orgs = {dated, undated, none};
  OutputPlan plan = OutputPlan::make(site, {});
  CHECK(plan.calendar(site.orgs[0]) == std::optional<std::string>("dated/roadmap/roadmap.ics"));
  CHECK(plan.roadmap(site.orgs[0]) == std::optional<std::string>("dated/roadmap/"));
  CHECK(plan.calendar(site.orgs[1]) == std::nullopt);
  CHECK(plan.roadmap(site.orgs[1]) == std::optional<std::string>("undated/roadmap/"));
  CHECK(plan.calendar(site.orgs[2]) == std::nullopt);
  CHECK(plan.roadmap(site.orgs[2]) == std::nullopt);
  for (const auto& r : plan.records()) {
    CAPTURE(r.path);
    if (r.kind == OutputKind::Calendar) CHECK(r.org == &site.orgs[0]);
  }
}

TEST_CASE("a section build writes its organisation's routes at its root and links the rest to the portal") {
  Site site;
  site.base_url = "https://nastavnik.example.ru/";
  const Publication portal(site);
  CHECK(portal.local("school-1/news/") == "school-1/news/");
  CHECK(portal.absolute("school-1/news/") == "https://nastavnik.example.ru/school-1/news/");
  CHECK_FALSE(portal.is_section());

  site.section_org = "school-1";
  site.section_url = "https://school1.example.ru/nastavnichestvo/";
  const Publication section(site);
  CHECK(section.is_section());
  CHECK(section.local("school-1/") == "");
  CHECK(section.local("school-1/news/page/2/") == "news/page/2/");
  CHECK(section.local("assets/style.css") == "assets/style.css");
  CHECK(section.local("sitemap.xml") == "sitemap.xml");
  CHECK_FALSE(section.local("school-10/").has_value());  // another organisation, however alike its name
  CHECK_FALSE(section.local("").has_value());
  CHECK_FALSE(section.local("robots.txt").has_value());
  CHECK(section.absolute("school-1/news/") == "https://school1.example.ru/nastavnichestvo/news/");
  CHECK(section.absolute("school-10/") == "https://nastavnik.example.ru/school-10/");
  CHECK(section.absolute("orgs/") == "https://nastavnik.example.ru/orgs/");
  CHECK(section.url() == "https://school1.example.ru/nastavnichestvo/");
}

TEST_CASE("the search page is always made; its index only when the build writes one, never in a section") {
  Site site;
  site.base_url = "https://nastavnik.example.ru/";
  Organisation school;
  school.id = "school-1";
  site.orgs = {school};
  PlanOptions without;
  const OutputPlan plain = OutputPlan::make(site, without);
  CHECK(plain.search() == std::optional<std::string>("search/"));
  CHECK(plain.search_index() == std::nullopt);
  PlanOptions with;
  with.search_index = true;
  const OutputPlan indexed = OutputPlan::make(site, with);
  CHECK(indexed.search_index() == std::optional<std::string>("search/data/"));
  bool in_sitemap = false;
  for (const auto& r : indexed.records()) in_sitemap = in_sitemap || (r.kind == OutputKind::Search && r.in_sitemap);
  CHECK_FALSE(in_sitemap);
  // A section's pages search the portal: its search page is the portal's, and no index.
  site.section_org = "school-1";
  site.section_url = "https://school1.example.ru/nastavnichestvo/";
  const OutputPlan section = OutputPlan::make(site, with);
  CHECK(section.search() == std::optional<std::string>("search/"));
  CHECK(section.search_index() == std::nullopt);
  CHECK(section.absolute(*section.search()) == "https://nastavnik.example.ru/search/");
}
