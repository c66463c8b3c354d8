#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "core/strings.h"
#include "text/typography.h"

namespace nastavnik {
namespace {

void register_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

bool is_local_url(const std::string& url) {
  if (url.empty() || url[0] == '#' || url[0] == '/' || url.rfind("//", 0) == 0) return false;
  // A scheme ("https:", "mailto:") means an external link.
  for (char c : url) {
    if (c == ':') return false;
    if (c == '/' || c == '?' || c == '#') break;
  }
  return true;
}

std::string cmark_string(char* s) {
  std::string out = s ? s : "";
  std::free(s);
  return out;
}

// Tables wider than a phone scroll inside their own focusable region, never the page.
std::string wrap_tables(std::string html) {
  static const std::string open = "<table>";
  static const std::string wrapped_open =
      "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица\" tabindex=\"0\"><table>";
  static const std::string close = "</table>";
  static const std::string wrapped_close = "</table></div>";
  if (html.find(open) == std::string::npos) return html;
  std::string out;
  out.reserve(html.size() + 256);
  size_t i = 0;
  while (i < html.size()) {
    if (html.compare(i, open.size(), open) == 0) {
      out += wrapped_open;
      i += open.size();
    } else if (html.compare(i, close.size(), close) == 0) {
      out += wrapped_close;
      i += close.size();
    } else {
      out += html[i++];
    }
  }
  return out;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// The first line of a piece of raw HTML, cut short, to quote in a message.
std::string html_quote(std::string_view literal) {
  std::string_view first = literal.substr(0, literal.find('\n'));
  while (!first.empty() && (first.back() == '\r' || first.back() == ' ')) first.remove_suffix(1);
  return truncate_words(first, 40);  // returns short text as it is
}

}  // namespace

bool is_dangerous_url(std::string_view url) {
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:", "data:"}) {
    if (starts_with_nocase(url, scheme)) return true;
  }
  return false;
}

std::optional<MarkdownProblem> check_markdown_limits(std::string_view text) {
  std::string_view fence;  // the open code fence, if any: its lines are code, not tables
  int line = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    start = end + 1;
    ++line;
    size_t indent = l.find_first_not_of(' ');
    if (indent != std::string_view::npos && indent < 4) {
      std::string_view rest = l.substr(indent);
      for (std::string_view marker : {"```", "~~~"}) {
        if (rest.substr(0, 3) != marker) continue;
        if (fence.empty()) fence = marker;
        else if (fence == marker) fence = {};
      }
    }
    if (!fence.empty()) continue;
    size_t pipes = 0;
    for (size_t i = 0; i < l.size(); ++i) {
      if (l[i] == '\\') ++i;
      else if (l[i] == '|') ++pipes;
    }
    if (pipes > kMaxTableColumns + 1) {
      return MarkdownProblem{{line, 1}, "в строке " + std::to_string(pipes) + " знаков «|» — таблица шире " + std::to_string(kMaxTableColumns) +
                                            " столбцов не поддерживается; разбейте таблицу на несколько или приложите её файлом XLSX в папке files/ "
                                            "(если «|» — часть текста, поставьте перед ним \\)"};
    }
  }
  return std::nullopt;
}

RenderedMarkdown render_markdown(std::string_view text, const LinkResolver& resolve_link) {
  register_extensions();
  const int options = CMARK_OPT_DEFAULT;
  std::unique_ptr<cmark_parser, void (*)(cmark_parser*)> parser(cmark_parser_new(options), cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), text.data(), text.size());
  std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(cmark_parser_finish(parser.get()), cmark_node_free);

  RenderedMarkdown out;
  // cmark counts columns in bytes; editors count characters.
  std::vector<size_t> line_starts = {0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts.push_back(i + 1);
  }
  auto char_column = [&](int line, int byte_column) {
    if (line < 1 || static_cast<size_t>(line) > line_starts.size()) return byte_column;
    size_t start = line_starts[static_cast<size_t>(line - 1)];
    int column = 1;
    for (size_t i = start; i < text.size() && i < start + static_cast<size_t>(byte_column - 1); ++i) {
      if (!is_utf8_continuation(text[i])) ++column;
    }
    return column;
  };
  // Where a link or image is. cmark-gfm 0.29.0.gfm.6 loses the positions of a paragraph
  // that a table follows (it parses it again with line 0, column 0): then the URL is
  // looked for in the text, its n-th occurrence for the n-th such link.
  std::map<std::string, size_t> seen_urls;
  auto node_position = [&](cmark_node* node, const std::string& url) -> Position {
    int line = cmark_node_get_start_line(node);
    int column = cmark_node_get_start_column(node);
    bool reliable = line >= 1 && column >= 1 && static_cast<size_t>(line) <= line_starts.size();
    for (cmark_node* up = cmark_node_parent(node); reliable && up; up = cmark_node_parent(up)) {
      if (cmark_node_get_type(up) == CMARK_NODE_PARAGRAPH && cmark_node_get_start_line(up) < 1) reliable = false;
    }
    if (reliable) return {line, char_column(line, column)};
    size_t nth = seen_urls[url]++;
    size_t at = url.empty() ? std::string_view::npos : text.find(url);
    for (size_t k = 0; k < nth && at != std::string_view::npos; ++k) at = text.find(url, at + 1);
    if (at == std::string_view::npos) return {1, 1};
    // Back from "](url" to the link's "[" (or the image's "!["), as cmark would report it.
    if (at >= 2 && text.compare(at - 2, 2, "](") == 0) {
      int depth = 0;
      for (size_t i = at - 2; i-- > 0 && text[i] != '\n';) {
        if (text[i] == ']') ++depth;
        else if (text[i] == '[' && depth-- == 0) {
          at = i > 0 && text[i - 1] == '!' ? i - 1 : i;
          break;
        }
      }
    }
    size_t found_line = static_cast<size_t>(std::upper_bound(line_starts.begin(), line_starts.end(), at) - line_starts.begin());
    int byte_column = static_cast<int>(at - line_starts[found_line - 1]) + 1;
    return {static_cast<int>(found_line), char_column(static_cast<int>(found_line), byte_column)};
  };
  TypographState typography;  // carried across the inline pieces of one block
  std::set<int> html_lines;
  std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> iter(cmark_iter_new(doc.get()), cmark_iter_free);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
                                    std::string_view(cmark_node_get_type_string(node)) == "table_cell")) {
      typography = TypographState();  // each block's inline text starts afresh
    }
    if (ev == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_HEADING) {
        cmark_node_set_heading_level(node, std::min(6, cmark_node_get_heading_level(node) + 1));
      } else if (type == CMARK_NODE_TEXT) {
        const char* literal = cmark_node_get_literal(node);
        if (literal && *literal) cmark_node_set_literal(node, typograph(literal, typography).c_str());
      } else if (type == CMARK_NODE_CODE || type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        typography.previous = type == CMARK_NODE_CODE ? 'x' : ' ';
        typography.word_length = type == CMARK_NODE_CODE ? 99 : 0;
      } else if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
        const char* literal = cmark_node_get_literal(node);
        std::string_view html = literal ? literal : "";
        while (!html.empty() && (html.front() == ' ' || html.front() == '\n')) html.remove_prefix(1);
        if (html.empty() || html.rfind("<!--", 0) == 0) continue;
        Position pos = node_position(node, std::string(html.substr(0, html.find('\n'))));
        // <b>…</b> is two pieces of HTML on one line: one message is enough.
        if (!html_lines.insert(pos.line).second) continue;
        out.problems.push_back({pos, "разметка HTML «" + html_quote(html) +
                                         "» на сайт не попадает: уберите её, а оформление задайте средствами Markdown — "
                                         "**жирный**, *курсив*, [текст ссылки](адрес), пустая строка между абзацами"});
      } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
        const char* url = cmark_node_get_url(node);
        std::string u = url ? url : "";
        std::optional<Position> pos;
        if (is_dangerous_url(u)) {
          out.problems.push_back({node_position(node, u), std::string(type == CMARK_NODE_IMAGE ? "картинка" : "ссылка") +
                                                              " с небезопасным адресом «" + html_quote(u) +
                                                              "» на сайт не попадает: укажите адрес страницы (https://…) "
                                                              "или файла из папки files/"});
          continue;
        }
        if (type == CMARK_NODE_IMAGE) {
          pos = node_position(node, u);
          out.images.push_back(*pos);
        }
        if (!resolve_link) continue;
        if (is_local_url(u)) {
          if (!pos) pos = node_position(node, u);
          if (auto replaced = resolve_link(u, *pos)) cmark_node_set_url(node, replaced->c_str());
        }
      } else if (type == CMARK_NODE_PARAGRAPH && out.first_paragraph.empty() &&
                 cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT) {
        out.first_paragraph = trim(cmark_string(cmark_render_plaintext(node, CMARK_OPT_DEFAULT, 0)));
      }
    }
  }
  out.html = wrap_tables(cmark_string(
      cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()))));
  return out;
}

}  // namespace nastavnik
