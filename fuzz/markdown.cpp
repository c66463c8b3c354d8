// Markdown bodies with our options (GFM tables, strikethrough, autolinks, tag filter, no raw
// HTML) and our typography: the HTML must hold only the tags cmark makes, with no event
// handlers and no javascript:/vbscript:/data: URLs, whatever the text.
#include <cstddef>
#include <cstdint>
#include <set>

#include "fuzz_common.h"
#include "markdown/markdown.h"

using namespace nastavnik;

namespace {

const std::set<std::string> kAllowedTags = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img", "em", "strong", "code", "pre",
    "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del", "div", "!--"};
const std::set<std::string> kAllowedAttributes = {"href", "src", "alt", "title", "class", "start", "align",
                                                  "role", "aria-label", "tabindex"};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The loader passes only valid UTF-8 without control characters; keep to that, but let
  // mutations through instead of discarding them.
  std::string text = fuzz::as_loaded_text(std::string_view(reinterpret_cast<const char*>(data), size));
  // The loaders refuse what check_markdown_limits refuses before rendering.
  if (auto problem = check_markdown_limits(text)) {
    FUZZ_CHECK(problem->pos.line >= 1 && !problem->message.empty(), "a limit without a place or message");
    return 0;
  }
  int links = 0;
  auto rendered = render_markdown(text, [&](const std::string& url, Position pos) -> std::optional<std::string> {
    FUZZ_CHECK(pos.line >= 1 && pos.column >= 1, "link position before the text");
    ++links;
    if (url.rfind("files/", 0) == 0) return std::string("attachment-") + std::to_string(links) + ".pdf";
    return std::nullopt;
  });
  FUZZ_CHECK(is_valid_utf8(rendered.html), "HTML is not UTF-8");
  FUZZ_CHECK(is_valid_utf8(rendered.first_paragraph), "summary is not UTF-8");
  for (const auto& problem : rendered.problems) {
    FUZZ_CHECK(problem.pos.line >= 1 && problem.pos.column >= 1, "a problem before the text: " + problem.message);
    FUZZ_CHECK(is_valid_utf8(problem.message) && problem.message.find("«") != std::string::npos, "a message without its quote");
  }

  std::string error;
  auto tags = fuzz::scan_tags(rendered.html, &error);
  FUZZ_CHECK(error.empty(), error + "\n" + rendered.html);
  for (const auto& tag : tags) {
    std::string name = tag.name[0] == '/' ? tag.name.substr(1) : tag.name;
    FUZZ_CHECK(kAllowedTags.count(name), "unexpected tag <" + tag.name + ">\n" + rendered.html);
    if (tag.name == "!--") {
      // The only comment cmark writes is its stand-in for raw HTML.
      static const std::string_view kOmitted = "<!-- raw HTML omitted -->";
      FUZZ_CHECK(rendered.html.compare(tag.offset, kOmitted.size(), kOmitted) == 0, "unexpected comment\n" + rendered.html);
    }
    for (const auto& [attr, value] : tag.attributes) {
      FUZZ_CHECK(kAllowedAttributes.count(attr), "unexpected attribute " + attr + "\n" + rendered.html);
      if (attr == "href" || attr == "src") FUZZ_CHECK(!fuzz::dangerous_url(value), "dangerous URL " + value);
    }
  }
  return 0;
}
