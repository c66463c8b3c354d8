#include "markdown/body.h"

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
#include "core/utf8.h"
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
  return truncate_words(first, 40);
}

// An href or src value as cmark-gfm writes it (houdini_escape_href): reserved URL
// characters stay, & and ' become entities, everything else is percent-encoded.
void append_href(std::string& out, std::string_view url) {
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : url) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                std::string_view("-_.+!*(),%#@?=;:/$~").find(static_cast<char>(c)) != std::string_view::npos;
    if (safe) out += static_cast<char>(c);
    else if (c == '&') out += "&amp;";
    else if (c == '\'') out += "&#x27;";
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
}

// What cmark-gfm writes in an image's alt attribute: the text of its children.
void append_plain(std::string& out, cmark_node* node) {
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    cmark_node_type t = cmark_node_get_type(child);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
      const char* literal = cmark_node_get_literal(child);
      if (literal) out += literal;
    } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
      out += ' ';
    } else {
      append_plain(out, child);
    }
  }
}

// Positions in the body as the editor sees them in the file: cmark counts columns in
// bytes, editors count characters; lines start at `first_line`.
class Positions {
 public:
  Positions(std::string_view text, int first_line) : text_(text), first_line_(first_line) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  // cmark-gfm 0.29.0.gfm.6 loses the positions of a paragraph that a table follows (it
  // parses it again with line 0, column 0): then the URL is looked for in the text, its
  // n-th occurrence for the n-th such link.
  Position of(cmark_node* node, const std::string& url) {
    int line = cmark_node_get_start_line(node);
    int column = cmark_node_get_start_column(node);
    bool reliable = line >= 1 && column >= 1 && static_cast<size_t>(line) <= line_starts_.size();
    for (cmark_node* up = cmark_node_parent(node); reliable && up; up = cmark_node_parent(up)) {
      if (cmark_node_get_type(up) == CMARK_NODE_PARAGRAPH && cmark_node_get_start_line(up) < 1) reliable = false;
    }
    if (reliable) return in_file(line, char_column(line, column));
    size_t nth = seen_urls_[url]++;
    size_t at = url.empty() ? std::string_view::npos : text_.find(url);
    for (size_t k = 0; k < nth && at != std::string_view::npos; ++k) at = text_.find(url, at + 1);
    if (at == std::string_view::npos) return in_file(1, 1);
    // Back from "](url" to the link's "[" (or the image's "!["), as cmark would report it.
    if (at >= 2 && text_.compare(at - 2, 2, "](") == 0) {
      int depth = 0;
      for (size_t i = at - 2; i-- > 0 && text_[i] != '\n';) {
        if (text_[i] == ']') ++depth;
        else if (text_[i] == '[' && depth-- == 0) {
          at = i > 0 && text_[i - 1] == '!' ? i - 1 : i;
          break;
        }
      }
    }
    size_t found_line = static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), at) - line_starts_.begin());
    int byte_column = static_cast<int>(at - line_starts_[found_line - 1]) + 1;
    return in_file(static_cast<int>(found_line), char_column(static_cast<int>(found_line), byte_column));
  }

 private:
  Position in_file(int line, int column) const { return {line + first_line_ - 1, column}; }
  int char_column(int line, int byte_column) const {
    if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return byte_column;
    size_t start = line_starts_[static_cast<size_t>(line - 1)];
    int column = 1;
    for (size_t i = start; i < text_.size() && i < start + static_cast<size_t>(byte_column - 1); ++i) {
      if (!is_utf8_continuation(text_[i])) ++column;
    }
    return column;
  }

  std::string_view text_;
  int first_line_;
  std::vector<size_t> line_starts_;
  std::map<std::string, size_t> seen_urls_;
};

cmark_node* html_inline(const std::string& html) {
  cmark_node* node = cmark_node_new(CMARK_NODE_HTML_INLINE);
  cmark_node_set_literal(node, html.c_str());
  return node;
}

// A relative link is written as the same <a> cmark would write, with Body::kLinkBase before
// the target: its tags become inline HTML nodes around its text (the editor's own raw HTML
// is gone by then; table cells may hold inline HTML but no custom nodes).
void replace_link(cmark_node* link, const std::string& url) {
  std::string open = "<a href=\"";
  open += Body::kLinkBase;
  append_href(open, url);
  const char* title = cmark_node_get_title(link);
  if (title && *title) open += "\" title=\"" + html_escape(title);
  open += "\">";
  cmark_node_insert_before(link, html_inline(open));
  while (cmark_node* child = cmark_node_first_child(link)) cmark_node_insert_before(link, child);
  cmark_node_insert_before(link, html_inline("</a>"));
  cmark_node_free(link);
}

void replace_image(cmark_node* image, const std::string& url) {
  std::string html = "<img src=\"";
  html += Body::kLinkBase;
  append_href(html, url);
  std::string alt;
  append_plain(alt, image);
  html += "\" alt=\"" + html_escape(alt) + "\"";
  const char* title = cmark_node_get_title(image);
  if (title && *title) html += " title=\"" + html_escape(title) + "\"";
  html += " />";
  cmark_node_insert_before(image, html_inline(html));
  cmark_node_free(image);
}

bool inside_image(cmark_node* node) {
  for (cmark_node* up = cmark_node_parent(node); up; up = cmark_node_parent(up)) {
    if (cmark_node_get_type(up) == CMARK_NODE_IMAGE) return true;
  }
  return false;
}

// Tables wider than a phone scroll inside their own focusable region, never the page.
void wrap_table(cmark_node* table) {
  cmark_node* wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_on_enter(wrapper, "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица\" tabindex=\"0\">");
  cmark_node_set_on_exit(wrapper, "</div>");
  cmark_node_insert_before(table, wrapper);
  cmark_node_append_child(wrapper, table);
}

}  // namespace

bool is_dangerous_url(std::string_view url) {
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:", "data:"}) {
    if (starts_with_nocase(url, scheme)) return true;
  }
  return false;
}

std::optional<MarkdownProblem> check_markdown_limits(std::string_view text, int first_line) {
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
    if (l.find('|') == std::string_view::npos) continue;
    size_t pipes = 0;
    for (size_t i = 0; i < l.size(); ++i) {
      if (l[i] == '\\') ++i;
      else if (l[i] == '|') ++pipes;
    }
    if (pipes > kMaxTableColumns + 1) {
      return MarkdownProblem{{line + first_line - 1, 1},
                             "в строке " + std::to_string(pipes) + " знаков «|» — таблица шире " + std::to_string(kMaxTableColumns) +
                                 " столбцов не поддерживается; разбейте таблицу на несколько или приложите её файлом XLSX в папке files/ "
                                 "(если «|» — часть текста, поставьте перед ним \\)"};
    }
  }
  return std::nullopt;
}

RenderedBody render_body(std::string_view text, int first_line, const LinkResolver& resolve_link) {
  register_extensions();
  const int options = CMARK_OPT_DEFAULT;
  std::unique_ptr<cmark_parser, void (*)(cmark_parser*)> parser(cmark_parser_new(options), cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), text.data(), text.size());
  std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(cmark_parser_finish(parser.get()), cmark_node_free);

  RenderedBody out;
  Positions positions(text, first_line);
  const bool has_references = text.find('&') != std::string_view::npos;
  // The first pass reads and fixes text; changes to the tree's shape wait for the second,
  // so that the iterator never walks a node that was moved.
  TypographState typography;  // carried across the inline pieces of one block
  std::set<int> html_lines;
  bool used_levels[7] = {};
  std::vector<cmark_node*> headings, tables, drop;
  std::vector<std::pair<cmark_node*, std::string>> local;  // relative links and images, with the target to write
  cmark_node* first_paragraph = nullptr;
  {
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> iter(cmark_iter_new(doc.get()), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* node = cmark_iter_get_node(iter.get());
      cmark_node_type type = cmark_node_get_type(node);
      switch (type) {
        case CMARK_NODE_PARAGRAPH:
          typography = TypographState();  // each block's inline text starts afresh
          if (!first_paragraph && cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT) first_paragraph = node;
          break;
        case CMARK_NODE_HEADING:
          typography = TypographState();
          headings.push_back(node);
          used_levels[cmark_node_get_heading_level(node)] = true;
          break;
        case CMARK_NODE_TEXT: {
          const char* literal = cmark_node_get_literal(node);
          if (!literal || !*literal) break;
          // The file holds no control characters, but a character reference (&#x5;,
          // &ZeroWidthSpace;) can make one: it would reach the page, invisible.
          if (std::optional<std::pair<size_t, char32_t>> bad; has_references && (bad = find_forbidden_character(literal))) {
            out.problems.push_back({positions.of(node, ""), "запись символа в тексте даёт невидимый управляющий символ «" +
                                                                code_point_name(bad->second) +
                                                                "» (вероятно, запись вида &#…; из скопированного текста), удалите её"});
            cmark_node_set_literal(node, "");
            break;
          }
          cmark_node_set_literal(node, typograph(literal, typography).c_str());
          break;
        }
        case CMARK_NODE_CODE:
          typography.previous = 'x';
          typography.word_length = 99;
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          typography.previous = ' ';
          typography.word_length = 0;
          break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE: {
          drop.push_back(node);
          const char* literal = cmark_node_get_literal(node);
          std::string_view html = literal ? literal : "";
          while (!html.empty() && (html.front() == ' ' || html.front() == '\n')) html.remove_prefix(1);
          if (html.empty() || html.rfind("<!--", 0) == 0) break;
          Position pos = positions.of(node, std::string(html.substr(0, html.find('\n'))));
          // <b>…</b> is two pieces of HTML on one line: one message is enough.
          if (!html_lines.insert(pos.line).second) break;
          out.problems.push_back({pos, "разметка HTML «" + html_quote(html) +
                                           "» на сайт не попадает: уберите её, а оформление задайте средствами Markdown — "
                                           "**жирный**, *курсив*, [текст ссылки](адрес), пустая строка между абзацами"});
          break;
        }
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
          const char* url = cmark_node_get_url(node);
          std::string u = url ? url : "";
          if (is_dangerous_url(u)) {
            cmark_node_set_url(node, "");
            out.problems.push_back({positions.of(node, u), std::string(type == CMARK_NODE_IMAGE ? "картинка" : "ссылка") +
                                                               " с небезопасным адресом «" + html_quote(u) +
                                                               "» на сайт не попадает: укажите адрес страницы (https://…) "
                                                               "или файла из папки files/"});
            break;
          }
          std::optional<Position> pos;
          if (type == CMARK_NODE_IMAGE) {
            pos = positions.of(node, u);
            out.images.push_back(*pos);
          }
          if (!is_local_url(u) || inside_image(node)) break;  // a link in an image's alt text is only text
          if (!pos) pos = positions.of(node, u);
          std::optional<std::string> replaced = resolve_link ? resolve_link(u, *pos) : std::nullopt;
          local.emplace_back(node, replaced ? *replaced : u);
          break;
        }
        default:
          if (std::string_view(cmark_node_get_type_string(node)) == "table_cell") typography = TypographState();
          if (std::string_view(cmark_node_get_type_string(node)) == "table") tables.push_back(node);
          break;
      }
    }
  }
  if (first_paragraph) out.first_paragraph = trim(cmark_string(cmark_render_plaintext(first_paragraph, CMARK_OPT_DEFAULT, 0)));

  // Headings go under the page's h1: the highest level used becomes h2 and the levels close
  // up (h3, h5 → h2, h3), so that a text whose editor began with «###» skips no level.
  int level_of[7] = {};
  for (int level = 1, next = 2; level <= 6; ++level) {
    if (used_levels[level]) level_of[level] = std::min(6, next++);
  }
  for (cmark_node* h : headings) cmark_node_set_heading_level(h, level_of[cmark_node_get_heading_level(h)]);
  for (cmark_node* t : tables) wrap_table(t);
  // The editor's raw HTML goes first (it is reported above): what is left as inline HTML
  // below is only ours, so the tree can be rendered as it is (CMARK_OPT_UNSAFE).
  for (cmark_node* node : drop) {
    cmark_node_unlink(node);
    cmark_node_free(node);
  }
  // Innermost first: an image may sit inside a link.
  for (auto it = local.rbegin(); it != local.rend(); ++it) {
    if (cmark_node_get_type(it->first) == CMARK_NODE_IMAGE) replace_image(it->first, it->second);
    else replace_link(it->first, it->second);
  }
  out.body.html = cmark_string(
      cmark_render_html(doc.get(), options | CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser.get())));
  return out;
}

}  // namespace nastavnik
