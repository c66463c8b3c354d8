// Markdown bodies: GFM, safety, heading levels, typography and attachment links.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "markdown/body.h"

using namespace nastavnik;

namespace {

struct Call {
  std::string url;
  Position pos;
};

// A rendered body as a page shows it: relative links with the page itself as their base.
struct Rendered {
  std::string html;
  std::string first_paragraph;
  std::vector<Position> images;
  std::vector<MarkdownProblem> problems;
};

Rendered on_page(RenderedBody r) {
  return {r.body.with_base(""), std::move(r.first_paragraph), std::move(r.images), std::move(r.problems)};
}

// Renders `text` (a body starting on line 1 of its file), recording every resolver call;
// files/ links are replaced by their file name.
Rendered render(const std::string& text, std::vector<Call>* calls = nullptr) {
  return on_page(render_body(text, 1, [calls](const std::string& url, Position pos) -> std::optional<std::string> {
    if (calls) calls->push_back({url, pos});
    if (url.rfind("files/", 0) == 0) return url.substr(6);
    return std::nullopt;
  }));
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("a GFM table is rendered inside a scrollable region") {
  std::string html = render("| Форма | Пар |\n|---|---:|\n| учитель – ученик | 12 |\n").html;
  // The region is a block of its own around the table: each on its own line.
  CHECK(contains(html, "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица\" tabindex=\"0\">\n<table>"));
  CHECK(contains(html, "</table>\n</div>"));
  CHECK(contains(html, "<th>Форма</th>"));
  CHECK(contains(html, "<td align=\"right\">12</td>"));
}

TEST_CASE("strikethrough and autolinks") {
  CHECK(contains(render("~~отменено~~").html, "<del>отменено</del>"));
  std::string html = render("Сайт: https://example.ru/plan и www.example.org").html;
  CHECK(contains(html, "<a href=\"https://example.ru/plan\">https://example.ru/plan</a>"));
  CHECK(contains(html, "<a href=\"http://www.example.org\">www.example.org</a>"));
}

TEST_CASE("raw HTML is never passed through") {
  std::string html = render("Текст <script>alert(1)</script>\n\n<script>\nalert(2)\n</script>\n\n<iframe src=\"x\"></iframe>").html;
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "<iframe"));
  CHECK_FALSE(contains(html, "alert(2)"));
  CHECK(contains(html, "Текст"));
}

TEST_CASE("javascript: URLs are dropped from links and images") {
  std::vector<Call> calls;
  std::string html = render("[x](javascript:alert(1)) ![y](JavaScript:alert(2)) [z](vbscript:msgbox)", &calls).html;
  CHECK_FALSE(contains(html, "javascript:"));
  CHECK_FALSE(contains(html, "JavaScript:"));
  CHECK_FALSE(contains(html, "vbscript:"));
  CHECK(calls.empty());
}

TEST_CASE("raw HTML is reported once per line, at its place; comments and text in <> are not") {
  auto r = render("Абзац.\n\nЭто <b>важно</b> и <i>очень</i>.\n\n<!-- черновик -->\n\n<ФИО наставника>, 5 < 6\n\n<div>\nблок\n</div>\n");
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].pos.line == 3);
  CHECK(r.problems[0].pos.column == 5);  // characters, not bytes
  CHECK(contains(r.problems[0].message, "разметка HTML «<b>»"));
  CHECK(contains(r.problems[0].message, "**жирный**"));
  CHECK(r.problems[1].pos.line == 9);
  CHECK(contains(r.problems[1].message, "«<div>»"));
  CHECK(contains(r.html, "&lt;ФИО наставника&gt;"));
}

TEST_CASE("dangerous links and images are reported, not resolved") {
  std::vector<Call> calls;
  auto r = render("Ссылка [x](javascript:alert(1))\n\n![y](data:image/png;base64,AAAA) [z](FILE:///etc/passwd) [ok](https://example.ru)", &calls);
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[0].pos.line == 1);
  CHECK(r.problems[0].pos.column == 8);
  CHECK(contains(r.problems[0].message, "ссылка с небезопасным адресом «javascript:alert(1)»"));
  CHECK(contains(r.problems[1].message, "картинка с небезопасным адресом «data:image/png"));
  CHECK(contains(r.problems[2].message, "«FILE:///etc/passwd»"));
  CHECK(r.images.empty());
  CHECK(calls.empty());
  CHECK(is_dangerous_url("JaVaScRiPt:x"));
  CHECK(is_dangerous_url("vbscript:x"));
  CHECK_FALSE(is_dangerous_url("https://example.ru/javascript:"));
  CHECK_FALSE(is_dangerous_url("files/javascript.pdf"));
  CHECK_FALSE(is_dangerous_url("mailto:school@example.ru"));
}

TEST_CASE("headings go under the page's h1: the highest level used becomes h2 and the levels close up") {
  std::string html = render("# Итоги\n\n## Участники\n\n###### Мелко\n").html;
  CHECK(contains(html, "<h2>Итоги</h2>"));
  CHECK(contains(html, "<h3>Участники</h3>"));
  CHECK(contains(html, "<h4>Мелко</h4>"));
  CHECK_FALSE(contains(html, "<h1"));
  CHECK_FALSE(contains(html, "<h6"));
  // A text whose editor began with «###» skips no level.
  std::string deep = render("### Раздел\n\n##### Подраздел\n").html;
  CHECK(contains(deep, "<h2>Раздел</h2>"));
  CHECK(contains(deep, "<h3>Подраздел</h3>"));
}

TEST_CASE("text nodes get Russian typography") {
  std::string html = render("Конкурс \"Наставник года\" - итоги в школе").html;
  CHECK(contains(html, "Конкурс «Наставник года»\xC2\xA0\xE2\x80\x94 итоги в\xC2\xA0школе"));
}

TEST_CASE("first_paragraph is the plain text of the first top-level paragraph") {
  Rendered r = render("# Заголовок\n\n> Цитата\n\nПервый **важный** абзац с [ссылкой](https://example.ru).\n\nВторой.");
  // Typography is applied to the tree before the plain text is taken: «с» is glued to its word.
  CHECK(r.first_paragraph == "Первый важный абзац с\u00A0ссылкой.");
  CHECK(render("").first_paragraph.empty());
  CHECK(render("# Только заголовок").first_paragraph.empty());
}

TEST_CASE("the resolver gets relative links with their position and replaces the URL") {
  std::vector<Call> calls;
  std::string html = render("First line.\n\nSee [the order](files/a.pdf) and ![photo](files/b.jpg \"Фото\").", &calls).html;
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].url == "files/a.pdf");
  CHECK(calls[0].pos.line == 3);
  CHECK(calls[0].pos.column == 5);
  CHECK(calls[1].url == "files/b.jpg");
  CHECK(calls[1].pos.line == 3);
  CHECK(calls[1].pos.column == 34);
  CHECK(contains(html, "<a href=\"a.pdf\">the order</a>"));
  CHECK(contains(html, "<img src=\"b.jpg\" alt=\"photo\" title=\"Фото\" />"));
  CHECK_FALSE(contains(html, "files/"));
}

TEST_CASE("a resolver returning nothing keeps the link") {
  std::vector<Call> calls;
  std::string html = render("[план](plan/)", &calls).html;
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].url == "plan/");
  CHECK(contains(html, "<a href=\"plan/\">план</a>"));
}

TEST_CASE("external, absolute and anchor links are not passed to the resolver") {
  std::vector<Call> calls;
  std::string html =
      render("[a](https://example.ru/files/a.pdf) [b](mailto:a@b.ru) [c](#top) [d](/files/d.pdf) [e](//cdn.ru/e.js) "
             "<https://example.ru> [f](tel:+70000000000)",
             &calls)
          .html;
  CHECK(calls.empty());
  CHECK(contains(html, "href=\"https://example.ru/files/a.pdf\""));
  CHECK(contains(html, "href=\"#top\""));
}

TEST_CASE("an empty resolver is allowed") {
  Rendered r = on_page(render_body("[a](files/a.pdf)", 1, LinkResolver()));
  CHECK(contains(r.html, "href=\"files/a.pdf\""));
}

TEST_CASE("relative link targets carry the link base, which each output replaces") {
  std::vector<Call> calls;
  RenderedBody r = render_body("[приказ](files/a.pdf) [план](plan/) [сайт](https://example.ru/x) [наверх](#top)", 1,
                               [&](const std::string& url, Position pos) -> std::optional<std::string> {
                                 calls.push_back({url, pos});
                                 if (url.rfind("files/", 0) == 0) return url.substr(6);
                                 return std::nullopt;
                               });
  CHECK(contains(r.body.html, std::string("href=\"") + Body::kLinkBase + "a.pdf\""));
  CHECK(contains(r.body.html, std::string("href=\"") + Body::kLinkBase + "plan/\""));
  CHECK(contains(r.body.html, "href=\"https://example.ru/x\""));
  CHECK(contains(r.body.html, "href=\"#top\""));
  // A feed gives the page's absolute address as the base.
  std::string in_feed = r.body.with_base("https://example.ru/school-1/news/itogi/");
  CHECK(contains(in_feed, "href=\"https://example.ru/school-1/news/itogi/a.pdf\""));
  CHECK(contains(in_feed, "href=\"https://example.ru/school-1/news/itogi/plan/\""));
  CHECK(contains(in_feed, "href=\"https://example.ru/x\""));
  CHECK(in_feed.find(Body::kLinkBase) == std::string::npos);
}

TEST_CASE("positions are in the file: the body's first line is added") {
  std::vector<Call> calls;
  auto r = render_body("Абзац.\n\n[x](files/a.pdf) <b>жирный</b>\n", 6, [&](const std::string& url, Position pos) -> std::optional<std::string> {
    calls.push_back({url, pos});
    return std::nullopt;
  });
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].pos.line == 8);
  CHECK(calls[0].pos.column == 1);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].pos.line == 8);
  CHECK(r.problems[0].pos.column == 18);
}

// Bug: columns were passed on in bytes, so after Cyrillic text the resolver (and the
// «file not found» diagnostic) got a wrong column.
TEST_CASE("the resolver column counts characters after Cyrillic text") {
  std::vector<Call> calls;
  render("Текст [приказ](files/a.pdf)", &calls);  // «Текст » is 6 characters, 11 bytes
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].pos.line == 1);
  CHECK(calls[0].pos.column == 7);
}

// Bug: typograph() runs on each text node alone, so a quote that closes right after
// emphasis or a link starts a new «» pair instead of closing the first one.
TEST_CASE("a short word before emphasis, a link or code is glued to it") {
  std::string html = render("Встреча в **актовом зале**, и [в фойе](https://example.ru) и `код` по плану").html;
  CHECK(contains(html, "в\u00A0<strong>актовом"));
  CHECK(contains(html, "и\u00A0<a href"));
  CHECK(contains(html, ">в\u00A0фойе</a>"));
  CHECK(contains(html, "и\u00A0<code>"));
}

TEST_CASE("quotes around emphasis are closed") {
  std::string html = render("Конкурс \"*Наставник года*\" завершён").html;
  CHECK(contains(html, "Конкурс «<em>Наставник года</em>» завершён"));
}

// Found by fuzzing (tests/fixtures/crashes/markdown/relative-link-in-table-cell-dropped):
// with cmark-gfm (the parser before md4c) table cells refused custom nodes, and the link used
// to vanish with its text.
TEST_CASE("a relative link in a table cell keeps its text and its target") {
  std::vector<Call> calls;
  std::string html = render("| Документ |\n|---|\n| [приказ](files/a.pdf) и [план](plan/) |\n", &calls).html;
  CHECK(calls.size() == 2);
  CHECK(contains(html, "<td><a href=\"a.pdf\">приказ</a> и\u00A0<a href=\"plan/\">план</a></td>"));
}

TEST_CASE("an external link in a table cell is kept") {
  std::string html = render("| Сайт |\n|---|\n| [школа](https://school.example.ru/) |\n").html;
  CHECK(contains(html, "<td><a href=\"https://school.example.ru/\">школа</a></td>"));
}

// CommonMark takes no spaces in a link's target: a curator's [приказ](files/Приказ 125.pdf)
// would reach the page as that text.
TEST_CASE("a link to a file with spaces in its name is a link, at its place in the file") {
  std::vector<Call> calls;
  Rendered r = render("Текст [приказ](files/Приказ 125.pdf) и\n![фото](files/Фото 1 мая.jpg \"Подпись к фото\") и [файл](files/a b.pdf (заголовок))\n", &calls);
  REQUIRE(calls.size() == 3);
  CHECK(calls[0].url == "files/Приказ 125.pdf");
  CHECK(calls[0].pos.line == 1);
  CHECK(calls[0].pos.column == 7);
  CHECK(calls[1].url == "files/Фото 1 мая.jpg");
  CHECK(calls[1].pos.line == 2);
  CHECK(calls[1].pos.column == 1);
  CHECK(calls[2].url == "files/a b.pdf");
  CHECK(contains(r.html, "title=\"Подпись к фото\""));
  CHECK(contains(r.html, "title=\"заголовок\""));
  CHECK_FALSE(contains(r.html, "]("));
  CHECK(r.problems.empty());
}

TEST_CASE("spaces in code and in targets that name no file stay as written") {
  Rendered code = render("`[a](files/a b.pdf)` и\n\n```\n[b](files/c d.pdf)\n```\n");
  CHECK(contains(code.html, "<code>[a](files/a b.pdf)</code>"));
  CHECK(contains(code.html, "[b](files/c d.pdf)\n</code></pre>"));
  CHECK(code.problems.empty());
  Rendered text = render("См. [1](стр. 5) выше.\n");
  CHECK(contains(text.html, "[1](стр. 5)"));
  CHECK(text.problems.empty());
}

TEST_CASE("a link to a file Markdown does not take for one is a problem at its bracket, never text on the page") {
  Rendered space = render("См. [приказ] (files/prikaz.pdf) здесь.\n");
  REQUIRE(space.problems.size() == 1);
  CHECK(space.problems[0].pos.line == 1);
  CHECK(space.problems[0].pos.column == 5);
  CHECK(contains(space.problems[0].message, "«[приказ] (files/prikaz.pdf)»"));
  CHECK(contains(space.problems[0].message, "уберите пробел между «]» и «(»"));
  Rendered open = render("Текст\n\n![фото](files/foto.jpg и дальше\n");
  REQUIRE(open.problems.size() == 1);
  CHECK(open.problems[0].pos.line == 3);
  CHECK(open.problems[0].pos.column == 1);
  CHECK(contains(open.problems[0].message, "закройте адрес скобкой «)»"));
  // Brackets the editor escaped are text on purpose.
  Rendered escaped = render("Пример: \\[приказ\\] (files/prikaz.pdf)\n");
  CHECK(escaped.problems.empty());
  CHECK(contains(escaped.html, "[приказ] (files/prikaz.pdf)"));
}
