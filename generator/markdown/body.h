#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace nastavnik {

/// Called for each relative link or image in a body: returns the URL to use instead (for
/// an attachment under files/), or nothing to keep it. `pos` is the position in the body.
using LinkResolver = std::function<std::optional<std::string>(const std::string& url, Position pos)>;

struct MarkdownProblem {
  Position pos;         ///< in body lines
  std::string message;  ///< Russian, with the fix
};

struct RenderedMarkdown {
  std::string html;
  std::string first_paragraph;  ///< plain text, for summaries
  std::vector<Position> images;  ///< where the body shows images, in body lines
  /// Raw HTML and dangerous links: never rendered, and errors for the loaders to report,
  /// so that what an editor wrote never vanishes from the page without a word.
  std::vector<MarkdownProblem> problems;
};

/// Table rows wider than this are refused: cmark-gfm's table extension takes time growing
/// with the square of the number of columns (8 000 columns: seconds per table), and no
/// page shows a table of even 30 columns legibly.
constexpr size_t kMaxTableColumns = 100;

/// What render_markdown must not be given; checked by the loaders before rendering.
std::optional<MarkdownProblem> check_markdown_limits(std::string_view text);

/// True for javascript:, vbscript:, file: and data: URLs. cmark-gfm's renderer drops all but
/// data: images; those are refused too, since an image is a file in files/, checked and sized.
bool is_dangerous_url(std::string_view url);

/// CommonMark with the GFM extensions (tables, strikethrough, autolinks, tagfilter). Raw
/// HTML is never passed through and dangerous URLs (javascript:) are dropped, each reported
/// in `problems` (HTML comments are dropped silently: editors use them to hide a draft
/// passage); headings move one level down, since the page title is the only h1; text gets
/// Russian typography.
RenderedMarkdown render_markdown(std::string_view text, const LinkResolver& resolve_link);

}  // namespace nastavnik
