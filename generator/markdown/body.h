#pragma once
// Markdown bodies, rendered once from md4c's parse events (CommonMark with the GFM tables,
// strikethrough and autolinks): heading levels fitted under the page's own h1, Russian
// typography on text, tables wrapped for narrow screens, relative links resolved
// (attachments) and marked with Body::kLinkBase, raw HTML and dangerous links reported.
// Everything is done as the HTML is written; nothing edits it afterwards.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "model/site.h"

namespace nastavnik {

/// Called for each relative link or image target of a body: the published file name that
/// replaces it (an attachment next to the page), or nothing to keep it as written. `pos`
/// is in the file.
using LinkResolver = std::function<std::optional<std::string>(const std::string& url, Position pos)>;

/// How a photo in a body is shown (image/picture.h): `before` opens its <picture> with its
/// sources, `attributes` go into its <img> (srcset, sizes, width, height, loading), `after`
/// closes the <picture>. Links in them are preceded by Body::kLinkBase.
struct ImageMarkup {
  std::string before, attributes, after;
};
/// Called for each local image with the published file name its LinkResolver gave: its
/// markup, or nothing for a plain <img>.
using ImageMarkupFor = std::function<std::optional<ImageMarkup>(const std::string& file_name)>;

struct MarkdownProblem {
  Position pos;         ///< in the file
  std::string message;  ///< Russian, with the fix
};

struct RenderedBody {
  Body body;
  std::string first_paragraph;   ///< plain text, for summaries
  std::vector<Position> images;  ///< where the body shows images, in the file
  /// Raw HTML and dangerous links: never rendered, and errors for the caller to report, so
  /// that what an editor wrote never vanishes from the page without a word.
  std::vector<MarkdownProblem> problems;
};

/// Table rows wider than this are refused: no page shows a table of even 30 columns
/// legibly (and Markdown parsers spend time growing with the square of the columns).
constexpr size_t kMaxTableColumns = 100;

/// What render_body must not be given, checked first; `first_line` is the body's first
/// line in its file.
std::optional<MarkdownProblem> check_markdown_limits(std::string_view text, int first_line);

/// True for javascript:, vbscript:, file: and data: URLs.
bool is_dangerous_url(std::string_view url);

/// CommonMark with the GFM extensions (tables, strikethrough, autolinks); raw HTML is
/// never rendered.
/// `first_line`: the body's first line in its file. HTML comments are dropped silently
/// (editors use them to hide a draft passage).
RenderedBody render_body(std::string_view text, int first_line, const LinkResolver& resolve_link, const ImageMarkupFor& markup = {});

}  // namespace nastavnik
