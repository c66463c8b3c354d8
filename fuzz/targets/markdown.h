#pragma once
// Markdown bodies through render_body (GFM tables, strikethrough, autolinks, raw HTML
// dropped and reported) and our typography: the HTML must hold only the tags render_body
// writes (and our table wrapper), with no event handlers, no javascript:/vbscript:/data:
// URLs and no comment, whatever the text; Body::kLinkBase only at the start of a link
// target; every problem and link at a place inside the body.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "../fuzz_common.h"
#include "core/utf8.h"
#include "markdown/body.h"
#include "read/text_file.h"

namespace fuzz {
namespace markdown_detail {

inline const std::set<std::string>& allowed_tags() {
  static const std::set<std::string> tags = {"p",   "h1", "h2", "h3",     "h4",    "h5",    "h6",    "ul", "ol", "li",
                                             "a",   "img", "em", "strong", "code",  "pre",   "blockquote", "hr", "br",
                                             "table", "thead", "tbody", "tr", "th", "td", "del", "div"};
  return tags;
}
inline const std::set<std::string>& allowed_attributes() {
  static const std::set<std::string> attributes = {"href", "src",        "alt",      "title", "class",   "start", "align",
                                                   "role", "aria-label", "tabindex"};
  return attributes;
}

/// The body starts here in its file, as after a front matter of one key.
constexpr int kFirstLine = 4;

}  // namespace markdown_detail

inline void run_markdown(const uint8_t* data, size_t size) {
  using namespace nastavnik;
  using namespace markdown_detail;
  // The loader passes only what decode_text accepts; keep to that, but let mutations through
  // instead of discarding them.
  const std::string text = as_loaded_text(as_text(data, size));
  {
    Diagnostics d;
    FUZZ_CHECK(decode_text("school/news/x.md", text, d).has_value(), "the harness gave the renderer text the loader refuses");
  }
  const int last_line = kFirstLine + static_cast<int>(lines_in(text)) - 1;
  auto inside = [&](Position pos) { return pos.line >= kFirstLine && pos.line <= last_line && pos.column >= 1; };
  auto where = [](Position pos) { return std::to_string(pos.line) + ":" + std::to_string(pos.column); };

  // The loaders refuse what check_markdown_limits refuses before rendering.
  if (auto problem = check_markdown_limits(text, kFirstLine)) {
    FUZZ_CHECK(inside(problem->pos) && !problem->message.empty() && is_valid_utf8(problem->message),
               "a limit outside the body or without a message: " + where(problem->pos));
    return;
  }
  std::vector<std::string> names;  // what the resolver gave, in order
  auto rendered = render_body(text, kFirstLine, [&](const std::string& url, Position pos) -> std::optional<std::string> {
    FUZZ_CHECK(inside(pos), "a link outside the body: " + where(pos) + " " + url);
    FUZZ_CHECK(is_valid_utf8(url), "a link target that is not UTF-8");
    if (url.rfind("files/", 0) != 0) return std::nullopt;
    names.push_back("attachment-" + std::to_string(names.size() + 1) + ".pdf");
    return names.back();
  });
  const std::string& raw = rendered.body.html;
  FUZZ_CHECK(is_valid_utf8(raw), "HTML is not UTF-8");
  check_text_output("the summary", rendered.first_paragraph);
  for (const auto& problem : rendered.problems) {
    FUZZ_CHECK(inside(problem.pos), "a problem outside the body: " + where(problem.pos) + " " + problem.message);
    FUZZ_CHECK(is_valid_utf8(problem.message) && problem.message.find("«") != std::string::npos, "a message without its quote");
    FUZZ_CHECK(problem.message.find('\n') == std::string::npos, "a message over several lines: " + problem.message);
  }
  for (const auto& pos : rendered.images) FUZZ_CHECK(inside(pos), "an image outside the body: " + where(pos));

  // Body::kLinkBase marks the start of a relative link target, nowhere else.
  for (size_t at = raw.find(Body::kLinkBase); at != std::string::npos; at = raw.find(Body::kLinkBase, at + 1)) {
    bool target = (at >= 6 && raw.compare(at - 6, 6, "href=\"") == 0) || (at >= 5 && raw.compare(at - 5, 5, "src=\"") == 0);
    FUZZ_CHECK(target, "the link base marker outside a link target at offset " + std::to_string(at) + "\n" + raw);
  }
  for (const auto& name : names) {
    FUZZ_CHECK(raw.find(std::string(1, Body::kLinkBase) + name + "\"") != std::string::npos,
               "a resolved link that is not in the HTML: " + name + "\n" + raw);
  }
  const std::string html = rendered.body.with_base("");
  FUZZ_CHECK(html.find(Body::kLinkBase) == std::string::npos, "with_base left the marker");
  // Nothing the loader refuses in a text may come out of it (a character reference such as
  // &#x5; must not make one).
  check_text_output("the body", html);

  std::string error;
  auto tags = scan_tags(html, &error);
  FUZZ_CHECK(error.empty(), error + "\n" + html);
  for (const auto& tag : tags) {
    FUZZ_CHECK(tag.name != "!--", "a comment in the HTML (raw HTML and comments are dropped)\n" + html);
    std::string name = tag.name[0] == '/' ? tag.name.substr(1) : tag.name;
    FUZZ_CHECK(allowed_tags().count(name), "unexpected tag <" + tag.name + ">\n" + html);
    for (const auto& [attr, value] : tag.attributes) {
      FUZZ_CHECK(allowed_attributes().count(attr), "unexpected attribute " + attr + "\n" + html);
      if (attr == "href" || attr == "src") FUZZ_CHECK(!dangerous_url(value), "dangerous URL " + value);
    }
  }
  // The same body rendered for a feed: absolute links, no marker left.
  const std::string feed = rendered.body.with_base("https://nastavnik.example.ru/school/news/x/");
  FUZZ_CHECK(feed.find(Body::kLinkBase) == std::string::npos, "with_base left the marker in a feed");
}

}  // namespace fuzz
