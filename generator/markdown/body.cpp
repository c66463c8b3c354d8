#include "markdown/body.h"

#include <md4c-html.h>
#include <md4c.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/find_byte.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "text/typography.h"

namespace nastavnik {
namespace {

bool is_local_url(const std::string& url) {
  if (url.empty() || url[0] == '#' || url[0] == '/' || url.rfind("//", 0) == 0) return false;
  // A scheme ("https:", "mailto:") means an external link.
  for (char c : url) {
    if (c == ':') return false;
    if (c == '/' || c == '?' || c == '#') break;
  }
  return true;
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

// md4c, as CommonMark says, takes no spaces in a link's target: [приказ](files/Приказ
// 125.pdf) would reach the page as that text. A target that names a file gets its spaces
// replaced by this byte, which no UTF-8 text holds, one byte for one, so that every
// position in the text stays where it was; the renderer turns them back into spaces.
constexpr char kMendedSpace = '\xFF';

// A link target that names a file: under files/, or a name with an extension.
bool looks_like_file(std::string_view target) {
  if (target.rfind("./", 0) == 0) target.remove_prefix(2);
  if (target.rfind("files/", 0) == 0) return true;
  const size_t dot = target.rfind('.');
  if (dot == std::string_view::npos || target.size() - dot < 3 || target.size() - dot > 6) return false;
  for (char c : target.substr(dot + 1)) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  const size_t scheme = target.find(':');
  return scheme == std::string_view::npos || target.find('/') < scheme;
}

// What is between the parentheses of a link, without the spaces around it and without a
// title ("…", '…' or (…) after a space): its target as written.
std::string_view link_target(std::string_view inside) {
  auto trim_spaces = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == kMendedSpace)) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == kMendedSpace)) v.remove_suffix(1);
    return v;
  };
  inside = trim_spaces(inside);
  if (inside.size() >= 2 && (inside.back() == '"' || inside.back() == '\'' || inside.back() == ')')) {
    const char open = inside.back() == ')' ? '(' : inside.back();
    const size_t title = inside.rfind(open, inside.size() - 2);
    if (title != std::string_view::npos && title > 0 && (inside[title - 1] == ' ' || inside[title - 1] == kMendedSpace)) {
      inside = trim_spaces(inside.substr(0, title));
    }
  }
  return inside;
}

// Where the parenthesis opened at `open` closes on its line (escapes and nested pairs
// skipped), or npos.
size_t closing_parenthesis(std::string_view text, size_t open) {
  int depth = 0;
  for (size_t i = open + 1; i < text.size() && text[i] != '\n'; ++i) {
    if (text[i] == '\\') ++i;
    else if (text[i] == '(') ++depth;
    else if (text[i] == ')' && depth-- == 0) return i;
  }
  return std::string_view::npos;
}

// The body with the spaces in file targets mended (see kMendedSpace), or nothing when no
// target needs it: the text is copied only then.
std::optional<std::string> mend_link_targets(std::string_view text) {
  std::optional<std::string> out;
  for (size_t at = text.find("]("); at != std::string_view::npos; at = text.find("](", at + 2)) {
    const size_t close = closing_parenthesis(text, at + 1);
    if (close == std::string_view::npos || text[at + 2] == '<') continue;  // <…> may hold spaces as it is
    const std::string_view target = link_target(text.substr(at + 2, close - at - 2));
    if (target.find(' ') == std::string_view::npos || !looks_like_file(target)) continue;
    if (!out) out.emplace(text);
    const size_t from = static_cast<size_t>(target.data() - text.data());
    for (size_t i = 0; i < target.size(); ++i) {
      if (target[i] == ' ') (*out)[from + i] = kMendedSpace;
    }
  }
  return out;
}

void unmend(std::string& text) { std::replace(text.begin(), text.end(), kMendedSpace, ' '); }

// The first line of a piece of raw HTML, cut short, to quote in a message.
std::string html_quote(std::string_view literal) {
  std::string_view first = literal.substr(0, literal.find('\n'));
  while (!first.empty() && (first.back() == '\r' || first.back() == ' ')) first.remove_suffix(1);
  return truncate_words(first, 40);
}

// An href or src value as CommonMark renderers write it: reserved URL characters stay, &
// and ' become entities, everything else is percent-encoded.
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

// Text as HTML content: & < > and " escaped (an apostrophe needs nothing in content).
void append_escaped(std::string& out, std::string_view text) {
  size_t run = 0;
  for (size_t i = find_byte<'&', '<', '>', '"'>(text, 0); i < text.size(); i = find_byte<'&', '<', '>', '"'>(text, i + 1)) {
    out.append(text, run, i - run);
    switch (text[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += "&quot;"; break;
    }
    run = i + 1;
  }
  out.append(text, run, text.size() - run);
}

// A character reference as the character it stands for. md4c hands references over as
// written; numeric ones are read here, named ones (rare in an editor's text: &nbsp;,
// &laquo;) by md4c's own HTML renderer, which knows the HTML5 list. An unknown name stays
// text as written.
std::string decode_reference(std::string_view ref) {
  std::string out;
  if (ref.size() >= 4 && ref[1] == '#') {
    const bool hex = ref[2] == 'x' || ref[2] == 'X';
    uint32_t cp = 0;
    bool too_big = false;
    for (size_t i = hex ? 3 : 2; i + 1 < ref.size(); ++i) {
      const char c = ref[i];
      const uint32_t digit = c >= '0' && c <= '9' ? static_cast<uint32_t>(c - '0') : static_cast<uint32_t>((c | 0x20) - 'a' + 10);
      cp = cp * (hex ? 16 : 10) + digit;
      too_big = too_big || cp > 0x10FFFF;
    }
    // As CommonMark says: 0, surrogates and beyond Unicode become U+FFFD.
    if (too_big || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    append_utf8(cp, out);
    return out;
  }
  thread_local std::unordered_map<std::string, std::string> named;
  auto it = named.find(std::string(ref));
  if (it != named.end()) return it->second;
  std::string html;
  md_html(ref.data(), static_cast<MD_SIZE>(ref.size()),
          [](const MD_CHAR* text, MD_SIZE size, void* to) { static_cast<std::string*>(to)->append(text, size); }, &html, 0, 0);
  // "<p>…</p>\n": the character, or the reference escaped when the name is unknown.
  std::string decoded(ref);
  if (html.size() > 8 && html.rfind("<p>", 0) == 0 && html.compare(html.size() - 5, 5, "</p>\n") == 0 && html.find('&') == std::string::npos) {
    decoded = html.substr(3, html.size() - 8);
  }
  named.emplace(std::string(ref), decoded);
  return decoded;
}

// An attribute (a link's target, a title) as plain text: references decoded.
std::string attribute_text(const MD_ATTRIBUTE& a) {
  std::string out;
  for (unsigned k = 0; a.substr_offsets && a.substr_offsets[k] < a.size; ++k) {
    std::string_view piece(a.text + a.substr_offsets[k], a.substr_offsets[k + 1] - a.substr_offsets[k]);
    switch (a.substr_types[k]) {
      case MD_TEXT_ENTITY: out += decode_reference(piece); break;
      case MD_TEXT_NULLCHAR: out += "\uFFFD"; break;
      default: out += piece; break;
    }
  }
  return out;
}

// Positions in the body as the editor sees them in the file: lines from `first_line`,
// columns in characters. md4c hands over pointers into the text, so most places are exact.
class Positions {
 public:
  Positions(std::string_view text, int first_line) : text_(text), first_line_(first_line) {}

  bool inside(const char* p) const { return p >= text_.data() && p <= text_.data() + text_.size(); }

  Position at(size_t offset) {
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
      }
    }
    offset = std::min(offset, text_.size());
    const size_t line = static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
    int column = 1;
    for (size_t i = line_starts_[line - 1]; i < offset; ++i) {
      if (!is_utf8_continuation(text_[i])) ++column;
    }
    return {static_cast<int>(line) + first_line_ - 1, column};
  }

  // A link or image: at its "[" (or "!["), found back from its target in the text; an
  // autolink at its "<" or its first letter. A target md4c had to rewrite (references,
  // escapes, the "http://" it adds to www.…) is looked for in the text, its n-th occurrence
  // for the n-th such link.
  Position of_link(const MD_ATTRIBUTE& target, const std::string& url) {
    size_t offset;
    if (target.size > 0 && inside(target.text)) {
      offset = static_cast<size_t>(target.text - text_.data());
    } else {
      std::string_view wanted = url;
      if (text_.find(wanted) == std::string_view::npos) {
        for (std::string_view added : {"http://", "mailto:"}) {
          if (wanted.rfind(added, 0) == 0) wanted.remove_prefix(added.size());
        }
      }
      const size_t nth = seen_urls_[std::string(wanted)]++;
      offset = wanted.empty() ? std::string_view::npos : text_.find(wanted);
      for (size_t k = 0; k < nth && offset != std::string_view::npos; ++k) offset = text_.find(wanted, offset + 1);
      if (offset == std::string_view::npos) return {first_line_, 1};
    }
    size_t close = offset;
    if (close > 0 && text_[close - 1] == '<') --close;  // [text](<target>) or <target>
    if (close >= 2 && text_.compare(close - 2, 2, "](") == 0) {
      int depth = 0;
      for (size_t i = close - 2; i-- > 0 && text_[i] != '\n';) {
        if (text_[i] == ']') ++depth;
        else if (text_[i] == '[' && depth-- == 0) return at(i > 0 && text_[i - 1] == '!' ? i - 1 : i);
      }
    }
    return at(close);
  }

 private:
  std::string_view text_;
  int first_line_;
  std::vector<size_t> line_starts_;  ///< made when a position is first asked for
  std::map<std::string, size_t> seen_urls_;
};

constexpr unsigned kFlags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS;

// One body rendered from md4c's events: the HTML written as the events come, each change
// (typography, heading levels, link targets, wrappers) made on the way, never on the
// finished HTML. Heading levels are known only at the end: their tags are written without
// the digit, whose places are kept, and the digits go in as the pieces are joined.
class Renderer {
 public:
  /// `mended`: the text had spaces in link targets replaced (mend_link_targets).
  Renderer(std::string_view text, int first_line, const LinkResolver& resolve, bool mended = false, const ImageMarkupFor* markup = nullptr)
      : text_(text), positions_(text, first_line), resolve_(resolve), mended_(mended), markup_(markup) {
    html_.reserve(text.size() + text.size() / 4 + 64);
  }

  RenderedBody finish() {
    // Headings go under the page's h1: the highest level used becomes h2 and the levels
    // close up (h3, h5 → h2, h3), so that a text whose editor began with «###» skips none.
    char digit_of[7] = {};
    for (int level = 1, next = 2; level <= 6; ++level) {
      if (used_levels_[level]) digit_of[level] = static_cast<char>('0' + std::min(6, next++));
    }
    std::string& html = out_.body.html;
    html.reserve(html_.size() + headings_.size());
    size_t from = 0;
    for (const auto& [at, level] : headings_) {
      html.append(html_, from, at - from);
      html += digit_of[level];
      from = at;
    }
    html.append(html_, from, html_.size() - from);
    out_.first_paragraph = trim(out_.first_paragraph);
    return std::move(out_);
  }

  static int enter_block(MD_BLOCKTYPE type, void* detail, void* self) { return static_cast<Renderer*>(self)->enter(type, detail); }
  static int leave_block(MD_BLOCKTYPE type, void* detail, void* self) { return static_cast<Renderer*>(self)->leave(type, detail); }
  static int enter_span(MD_SPANTYPE type, void* detail, void* self) { return static_cast<Renderer*>(self)->enter(type, detail); }
  static int leave_span(MD_SPANTYPE type, void* detail, void* self) { return static_cast<Renderer*>(self)->leave(type, detail); }
  static int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
    auto* r = static_cast<Renderer*>(self);
    const std::string_view piece(text, size);
    if (type == MD_TEXT_NORMAL) r->check_unlinked(piece);
    if (r->mended_ && piece.find(kMendedSpace) != std::string_view::npos) {
      std::string restored(piece);
      unmend(restored);
      return r->on_text(type, restored);
    }
    return r->on_text(type, piece);
  }

 private:
  std::string attribute(const MD_ATTRIBUTE& a) const {
    std::string out = attribute_text(a);
    if (mended_) unmend(out);
    return out;
  }

  // A link to a file that md4c did not take for a link ("[приказ] (files/…)", a missing
  // ")") would reach the page as its Markdown: reported instead, with the fix.
  void check_unlinked(std::string_view piece) {
    if (!positions_.inside(piece.data()) || !positions_.inside(piece.data() + piece.size())) return;
    const size_t from = static_cast<size_t>(piece.data() - text_.data());
    for (size_t at = piece.find(']'); at != std::string_view::npos; at = piece.find(']', at + 1)) {
      if (from + at > 0 && text_[from + at - 1] == '\\') continue;  // \] is text the editor meant
      size_t open = at + 1;
      const bool space = open < piece.size() && piece[open] == ' ';
      if (space) ++open;
      if (open >= piece.size() || piece[open] != '(') continue;
      const size_t close = closing_parenthesis(piece, open);
      const std::string_view inside = piece.substr(open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1);
      std::string_view target = link_target(inside);
      if (target.size() > 1 && target.front() == '<') target.remove_prefix(1);
      if (!looks_like_file(target.substr(0, target.find_first_of(" \n")))) continue;
      // The message points at the "[" (or "![") that opens the link text, on the same line.
      size_t start = from + at;
      for (int depth = 0; start > 0 && text_[start - 1] != '\n';) {
        const char c = text_[--start];
        if (c == ']') ++depth;
        else if (c == '[' && depth-- == 0) break;
      }
      if (start > 0 && text_[start - 1] == '!') --start;
      const size_t end = close == std::string_view::npos ? piece.size() : close + 1;
      std::string quoted(text_.substr(start, from + end - start));
      unmend(quoted);
      const char* fix = space ? "уберите пробел между «]» и «(»"
                              : close == std::string_view::npos ? "закройте адрес скобкой «)»" : "проверьте скобки и адрес";
      out_.problems.push_back({positions_.at(start), "ссылка «" + html_quote(quoted) + "» не распознана и попала бы на страницу как текст; " + fix +
                                                         ": ссылка пишется как [текст ссылки](files/имя-файла.pdf)"});
    }
  }

  // A new line unless the HTML already ends one, as CommonMark renderers separate blocks.
  void cr() {
    if (!html_.empty() && html_.back() != '\n') html_ += '\n';
  }

  int enter(MD_BLOCKTYPE type, void* detail) {
    blocks_.push_back(type);
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: cr(); html_ += "<blockquote>\n"; break;
      case MD_BLOCK_UL: cr(); html_ += "<ul>\n"; break;
      case MD_BLOCK_OL: {
        const unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
        cr();
        html_ += start == 1 ? std::string("<ol>\n") : "<ol start=\"" + std::to_string(start) + "\">\n";
        break;
      }
      case MD_BLOCK_LI: cr(); html_ += "<li>"; break;
      case MD_BLOCK_HR: cr(); html_ += "<hr />\n"; break;
      case MD_BLOCK_H: {
        const int level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        used_levels_[level] = true;
        typography_ = TypographState();
        cr();
        html_ += "<h";
        headings_.emplace_back(html_.size(), level);
        html_ += '>';
        heading_level_ = level;
        break;
      }
      case MD_BLOCK_CODE: {
        const auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
        cr();
        html_ += "<pre><code";
        if (code->lang.size > 0) {
          html_ += " class=\"language-";
          append_escaped(html_, attribute(code->lang));
          html_ += '"';
        }
        html_ += '>';
        break;
      }
      case MD_BLOCK_HTML: html_block_.clear(); break;
      case MD_BLOCK_P:
        typography_ = TypographState();
        // The first paragraph right under the document: its plain text makes summaries.
        if (!first_paragraph_done_ && blocks_.size() == 2) in_first_paragraph_ = true;
        cr();
        html_ += "<p>";
        break;
      case MD_BLOCK_TABLE:
        // Tables wider than a phone scroll inside their own focusable region, never the page.
        cr();
        html_ += "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица\" tabindex=\"0\">\n<table>\n";
        break;
      case MD_BLOCK_THEAD: html_ += "<thead>\n"; break;
      case MD_BLOCK_TBODY: html_ += "<tbody>\n"; break;
      case MD_BLOCK_TR: html_ += "<tr>\n"; break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        typography_ = TypographState();
        html_ += type == MD_BLOCK_TH ? "<th" : "<td";
        switch (static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align) {
          case MD_ALIGN_LEFT: html_ += " align=\"left\""; break;
          case MD_ALIGN_CENTER: html_ += " align=\"center\""; break;
          case MD_ALIGN_RIGHT: html_ += " align=\"right\""; break;
          default: break;
        }
        html_ += '>';
        break;
      }
    }
    return 0;
  }

  int leave(MD_BLOCKTYPE type, void*) {
    blocks_.pop_back();
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: cr(); html_ += "</blockquote>\n"; break;
      case MD_BLOCK_UL: cr(); html_ += "</ul>\n"; break;
      case MD_BLOCK_OL: cr(); html_ += "</ol>\n"; break;
      case MD_BLOCK_LI: html_ += "</li>\n"; break;
      case MD_BLOCK_HR: break;
      case MD_BLOCK_H:
        html_ += "</h";
        headings_.emplace_back(html_.size(), heading_level_);
        html_ += ">\n";
        break;
      case MD_BLOCK_CODE: html_ += "</code></pre>\n"; break;
      case MD_BLOCK_HTML: report_html(html_block_text_, html_block_); break;
      case MD_BLOCK_P:
        html_ += "</p>\n";
        if (in_first_paragraph_) {
          in_first_paragraph_ = false;
          first_paragraph_done_ = true;
        }
        break;
      case MD_BLOCK_TABLE: html_ += "</table>\n</div>\n"; break;
      case MD_BLOCK_THEAD: html_ += "</thead>\n"; break;
      case MD_BLOCK_TBODY: html_ += "</tbody>\n"; break;
      case MD_BLOCK_TR: html_ += "</tr>\n"; break;
      case MD_BLOCK_TH: html_ += "</th>\n"; break;
      case MD_BLOCK_TD: html_ += "</td>\n"; break;
    }
    return 0;
  }

  int enter(MD_SPANTYPE type, void* detail) {
    if (image_depth_ > 0) {
      // Inside an image everything is its alt text: a link there is only text.
      if (type == MD_SPAN_IMG) ++image_depth_;
      return 0;
    }
    switch (type) {
      case MD_SPAN_EM: html_ += "<em>"; break;
      case MD_SPAN_STRONG: html_ += "<strong>"; break;
      case MD_SPAN_DEL: html_ += "<del>"; break;
      case MD_SPAN_CODE:
        html_ += "<code>";
        typography_.previous = 'x';
        typography_.word_length = 99;
        break;
      case MD_SPAN_A: {
        const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
        const std::string url = attribute(a->href);
        html_ += "<a href=\"";
        if (is_dangerous_url(url)) {
          dangerous(a->href, url, "ссылка");
        } else if (is_local_url(url)) {
          const Position pos = positions_.of_link(a->href, url);
          const std::optional<std::string> replaced = resolve_ ? resolve_(url, pos) : std::nullopt;
          html_ += Body::kLinkBase;
          append_href(html_, replaced ? *replaced : url);
        } else {
          append_href(html_, url);
        }
        html_ += '"';
        if (a->title.size > 0) {
          html_ += " title=\"";
          append_escaped(html_, attribute(a->title));
          html_ += '"';
        }
        html_ += '>';
        break;
      }
      case MD_SPAN_IMG: {
        const auto* img = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        const std::string url = attribute(img->src);
        image_depth_ = 1;
        image_ = "<img src=\"";
        if (is_dangerous_url(url)) {
          dangerous(img->src, url, "картинка");
        } else {
          const Position pos = positions_.of_link(img->src, url);
          out_.images.push_back(pos);
          if (is_local_url(url)) {
            const std::optional<std::string> replaced = resolve_ ? resolve_(url, pos) : std::nullopt;
            image_ += Body::kLinkBase;
            append_href(image_, replaced ? *replaced : url);
            // A photo: its <picture> around, its sizes in the <img>.
            if (replaced && markup_ && *markup_) {
              if (std::optional<ImageMarkup> m = (*markup_)(*replaced)) {
                image_.insert(0, m->before);
                image_attributes_ = std::move(m->attributes);
                image_after_ = std::move(m->after);
              }
            }
          } else {
            append_href(image_, url);
          }
        }
        image_ += "\" alt=\"";
        image_title_ = img->title.size > 0 ? attribute(img->title) : std::string();
        break;
      }
      default: break;  // not enabled: underline, wiki links, LaTeX
    }
    return 0;
  }

  int leave(MD_SPANTYPE type, void*) {
    if (image_depth_ > 0) {
      if (type == MD_SPAN_IMG && --image_depth_ == 0) {
        html_ += image_;
        html_ += '"';
        if (!image_title_.empty()) {
          html_ += " title=\"";
          append_escaped(html_, image_title_);
          html_ += '"';
        }
        html_ += image_attributes_;
        html_ += " />";
        html_ += image_after_;
        image_attributes_.clear();
        image_after_.clear();
      }
      return 0;
    }
    switch (type) {
      case MD_SPAN_EM: html_ += "</em>"; break;
      case MD_SPAN_STRONG: html_ += "</strong>"; break;
      case MD_SPAN_DEL: html_ += "</del>"; break;
      case MD_SPAN_CODE: html_ += "</code>"; break;
      case MD_SPAN_A: html_ += "</a>"; break;
      default: break;
    }
    return 0;
  }

  // Text as the page shows it: in the HTML (or an image's alt text) and in the summary.
  void put_text(std::string_view text) {
    if (image_depth_ > 0) append_escaped(image_, text);
    else append_escaped(html_, text);
    if (in_first_paragraph_) out_.first_paragraph += text;
  }

  int on_text(MD_TEXTTYPE type, std::string_view text) {
    switch (type) {
      case MD_TEXT_NORMAL:
        put_text(typograph(text, typography_));
        break;
      case MD_TEXT_NULLCHAR:
        put_text("\uFFFD");
        break;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR:
        typography_.previous = ' ';
        typography_.word_length = 0;
        if (image_depth_ > 0) image_ += ' ';
        else html_ += type == MD_TEXT_BR ? "<br />\n" : "\n";
        if (in_first_paragraph_) out_.first_paragraph += '\n';
        break;
      case MD_TEXT_ENTITY: {
        const std::string decoded = decode_reference(text);
        // The file holds no control characters, but a character reference (&#x5;,
        // &ZeroWidthSpace;) can make one: it would reach the page, invisible.
        if (auto bad = find_forbidden_character(decoded)) {
          out_.problems.push_back({positions_.at(static_cast<size_t>(text.data() - text_.data())),
                                   "запись символа в тексте даёт невидимый управляющий символ «" + code_point_name(bad->second) +
                                       "» (вероятно, запись вида &#…; из скопированного текста), удалите её"});
          break;
        }
        put_text(typograph(decoded, typography_));
        break;
      }
      case MD_TEXT_CODE:
        if (blocks_.back() == MD_BLOCK_CODE) append_escaped(html_, text);
        else put_text(text);
        break;
      case MD_TEXT_HTML:
        if (blocks_.back() == MD_BLOCK_HTML) {
          if (html_block_.empty()) html_block_text_ = text.data();
          html_block_ += text;
        } else {
          report_html(text.data(), text);
        }
        break;
      case MD_TEXT_LATEXMATH:
        put_text(text);
        break;
    }
    return 0;
  }

  // The editor's raw HTML never reaches the page; it is reported (once per line), so that
  // what an editor wrote never vanishes without a word. Comments hide a draft passage: they
  // go silently.
  void report_html(const char* where, std::string_view html) {
    while (!html.empty() && (html.front() == ' ' || html.front() == '\n')) {
      html.remove_prefix(1);
      ++where;
    }
    if (html.empty() || html.rfind("<!--", 0) == 0) return;
    const Position pos = positions_.inside(where) ? positions_.at(static_cast<size_t>(where - text_.data())) : positions_.at(0);
    // <b>…</b> is two pieces of HTML on one line: one message is enough.
    if (!html_lines_.insert(pos.line).second) return;
    out_.problems.push_back({pos, "разметка HTML «" + html_quote(html) +
                                      "» на сайт не попадает: уберите её, а оформление задайте средствами Markdown — "
                                      "**жирный**, *курсив*, [текст ссылки](адрес), пустая строка между абзацами"});
  }

  void dangerous(const MD_ATTRIBUTE& target, const std::string& url, const char* what) {
    out_.problems.push_back({positions_.of_link(target, url), std::string(what) + " с небезопасным адресом «" +
                                                                            html_quote(url) +
                                                                            "» на сайт не попадает: укажите адрес страницы (https://…) "
                                                                            "или файла из папки files/"});
  }

  std::string_view text_;
  Positions positions_;
  const LinkResolver& resolve_;
  bool mended_ = false;
  const ImageMarkupFor* markup_ = nullptr;
  std::string image_attributes_, image_after_;  ///< of the photo being written
  RenderedBody out_;
  std::string html_;
  std::vector<MD_BLOCKTYPE> blocks_;
  std::vector<std::pair<size_t, int>> headings_;  ///< where a heading tag's digit goes, and the level written
  int heading_level_ = 0;
  bool used_levels_[7] = {};
  TypographState typography_;  // carried across the inline pieces of one block
  bool in_first_paragraph_ = false;
  bool first_paragraph_done_ = false;
  int image_depth_ = 0;
  std::string image_;        ///< the <img> being written: its alt text comes as text
  std::string image_title_;
  std::string html_block_;   ///< a raw HTML block, reported whole when it ends
  const char* html_block_text_ = nullptr;
  std::set<int> html_lines_;
};

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

RenderedBody render_body(std::string_view original, int first_line, const LinkResolver& resolve_link, const ImageMarkupFor& markup) {
  const std::optional<std::string> mended = mend_link_targets(original);
  const std::string_view text = mended ? std::string_view(*mended) : original;
  Renderer renderer(text, first_line, resolve_link, mended.has_value(), &markup);
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = kFlags;
  parser.enter_block = &Renderer::enter_block;
  parser.leave_block = &Renderer::leave_block;
  parser.enter_span = &Renderer::enter_span;
  parser.leave_span = &Renderer::leave_span;
  parser.text = &Renderer::text;
  if (md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &renderer) != 0) {
    throw std::runtime_error("md4c: out of memory");
  }
  return renderer.finish();
}

}  // namespace nastavnik
