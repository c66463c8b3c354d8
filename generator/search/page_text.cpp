#include "search/page_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "core/utf8.h"

namespace nastavnik::search {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// What the text needs to know of an element: one that has no end tag; one inside a line of
// text (no space is put where it begins or ends: «<em>на</em>ставник» stays one word); one
// whose content is not text a reader reads.
enum TagKind : unsigned { kBlock = 0, kVoid = 1, kInline = 2, kHidden = 4 };

unsigned kind_of(std::string_view n) {
  auto any = [&](std::initializer_list<std::string_view> names) { return std::find(names.begin(), names.end(), n) != names.end(); };
  switch (n.size()) {
    case 1: return any({"a", "b", "i", "q", "s", "u"}) ? kInline : kBlock;
    case 2: return any({"br", "hr"}) ? kVoid : n == "em" ? kInline : kBlock;
    case 3:
      if (any({"img", "col", "wbr"})) return kVoid;
      if (any({"bdi", "bdo", "dfn", "kbd", "sub", "sup", "del", "ins"})) return kInline;
      return n == "svg" ? kHidden : kBlock;
    case 4:
      if (any({"area", "base", "link", "meta"})) return kVoid;
      return any({"abbr", "cite", "code", "data", "mark", "samp", "span", "time"}) ? kInline : kBlock;
    case 5:
      if (any({"embed", "input", "param", "track"})) return kVoid;
      return n == "small" ? kInline : n == "style" ? kHidden : kBlock;
    case 6: return n == "source" ? kVoid : n == "strong" ? kInline : n == "script" ? kHidden : kBlock;
    case 8: return any({"template", "noscript"}) ? kHidden : kBlock;
    default: return kBlock;
  }
}

struct Tag {
  std::string name;  // lower case
  unsigned kind = kBlock;
  bool closing = false;
  std::string_view attributes;
  size_t end = 0;  // past '>'
};

bool is_name_character(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; }

// The tag that starts at html[i] == '<', or nothing when '<' starts no tag (then it is text).
std::optional<Tag> read_tag(std::string_view html, size_t i) {
  Tag t;
  size_t j = i + 1;
  if (j < html.size() && html[j] == '/') {
    t.closing = true;
    ++j;
  }
  const size_t name_start = j;
  while (j < html.size() && is_name_character(html[j])) t.name += lower(html[j++]);
  if (j == name_start) return std::nullopt;
  t.kind = kind_of(t.name);
  const size_t attr_start = j;
  for (;;) {
    j = html.find_first_of("\"'>", j);
    if (j == std::string_view::npos) return std::nullopt;
    if (html[j] == '>') break;
    j = html.find(html[j], j + 1);  // the closing quote
    if (j == std::string_view::npos) return std::nullopt;
    ++j;
  }
  t.attributes = html.substr(attr_start, j - attr_start);
  t.end = j + 1;
  return t;
}

// The value of attribute `name` among a tag's attributes ("" for one without a value).
std::optional<std::string> attribute(std::string_view a, std::string_view name) {
  size_t i = 0;
  while (i < a.size()) {
    while (i < a.size() && (is_space(a[i]) || a[i] == '/')) ++i;
    const size_t name_start = i;
    while (i < a.size() && !is_space(a[i]) && a[i] != '=' && a[i] != '/') ++i;
    std::string_view found = a.substr(name_start, i - name_start);
    while (i < a.size() && is_space(a[i])) ++i;
    std::optional<std::string_view> value;
    if (i < a.size() && a[i] == '=') {
      ++i;
      while (i < a.size() && is_space(a[i])) ++i;
      if (i < a.size() && (a[i] == '"' || a[i] == '\'')) {
        const char quote = a[i];
        const size_t close = a.find(quote, i + 1);
        const size_t stop = close == std::string_view::npos ? a.size() : close;
        value = a.substr(i + 1, stop - i - 1);
        i = stop + 1;
      } else {
        const size_t v = i;
        while (i < a.size() && !is_space(a[i])) ++i;
        value = a.substr(v, i - v);
      }
    }
    if (found.size() == name.size() && std::equal(found.begin(), found.end(), name.begin(), [](char x, char y) { return lower(x) == y; })) {
      return value ? decode_html_text(*value) : std::string();
    }
    if (found.empty() && !value) ++i;
  }
  return std::nullopt;
}

// An element marked data-search-ignore or hidden (the attributes parsed only when one of
// the words is there at all: nearly every tag of a page has neither).
bool is_left_out(std::string_view attributes) {
  const bool ignore = attributes.find("data-search-ignore") != std::string_view::npos;
  const bool hidden = attributes.find("hidden") != std::string_view::npos;
  return (ignore && attribute(attributes, "data-search-ignore")) || (hidden && attribute(attributes, "hidden"));
}

// Text appended with runs of white space as one space.
struct TextOut {
  std::string& out;
  // Past this many bytes the text is appended as it stands: its white space still parts the
  // words, and tidying every byte of every page cost as much as finding the words.
  size_t tidy_until = SIZE_MAX;
  void space() {
    if (!out.empty() && !is_space(out.back())) out += ' ';
  }
  // `s` as HTML text: character references decoded (one may stand for a space or a line
  // break, &#10;: decoded, then spaced), runs of white space as one space.
  void text(std::string_view s) {
    if (std::memchr(s.data(), '&', s.size())) {
      plain(decode_html_text(s));
      return;
    }
    plain(s);
  }
  void plain(std::string_view s) {
    if (out.size() >= tidy_until) {
      out += s;
      return;
    }
    const char* p = s.data();
    const char* const e = p + s.size();
    // The text is appended a stretch at a time: from a word up to the next white space
    // that is not a single ' '.
    while (p < e) {
      if (is_space(*p)) {
        space();
        while (++p < e && is_space(*p)) {
        }
        continue;
      }
      const char* q = p + 1;
      while (q < e && (!is_space(*q) || (*q == ' ' && q + 1 < e && !is_space(q[1])))) ++q;
      out.append(p, static_cast<size_t>(q - p));
      p = q;
    }
  }
};

void trim_end(std::string& s) {
  while (!s.empty() && is_space(s.back())) s.pop_back();
}

}  // namespace

std::string decode_html_text(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (name == "amp") cp = '&';
    else if (name == "lt") cp = '<';
    else if (name == "gt") cp = '>';
    else if (name == "quot") cp = '"';
    else if (name == "apos") cp = '\'';
    else if (name == "nbsp") cp = 0xA0;
    else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      for (size_t k = hex ? 2 : 1; k < name.size(); ++k) {
        const char c = lower(name[k]);
        const int digit = c >= '0' && c <= '9' ? c - '0' : (hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1);
        if (digit < 0 || cp > 0x10FFFF) {
          cp = 0;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0;
    }
    if (cp == 0) {
      out += '&';
      continue;
    }
    // A reference to a character no text may hold (&#1;, &#x200B;) stands for nothing.
    if (!is_forbidden_code_point(cp)) append_utf8(cp, out);
    i = semi;
  }
  return out;
}

std::optional<PageText> page_text(std::string_view html) {
  PageText page;
  if (!page_text(html, page)) return std::nullopt;
  return page;
}

bool page_text(std::string_view html, PageText& page) {
  const size_t main_at = html.find("<main");
  if (main_at == std::string_view::npos) return false;
  const auto main_tag = read_tag(html, main_at);
  if (!main_tag || main_tag->name != "main" || !attribute(main_tag->attributes, "data-search-body")) return false;
  page.org = attribute(main_tag->attributes, "data-search-org").value_or("");
  page.collection = attribute(main_tag->attributes, "data-search-collection").value_or("");
  page.date = attribute(main_tag->attributes, "data-search-date").value_or("");
  size_t end = html.rfind("</main>");
  if (end == std::string_view::npos || end < main_tag->end) end = html.size();

  std::string& body = page.text;
  body.clear();
  TextOut text{body, kTidyText};
  std::string& title = page.title;
  title.clear();
  TextOut title_text{title};
  int in_title = 0;  // inside the first <h1>: 1; after it: -1
  // An element left out, and how deep the same element nests inside it.
  std::string skipping;
  int skip_depth = 0;
  size_t i = main_tag->end;
  while (i < end) {
    if (html[i] != '<') {
      const size_t next = std::min(html.find('<', i), end);
      if (skipping.empty()) {
        text.text(html.substr(i, next - i));
        if (in_title == 1) title_text.text(html.substr(i, next - i));
      }
      i = next;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      const size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? end : close + 3;
      continue;
    }
    const auto tag = read_tag(html, i);
    if (!tag) {
      if (skipping.empty()) text.text("<");
      ++i;
      continue;
    }
    i = tag->end;
    if (!skipping.empty()) {
      if (tag->name == skipping && !(tag->kind & kVoid)) skip_depth += tag->closing ? -1 : 1;
      if (skip_depth == 0) skipping.clear();
      continue;
    }
    if (!tag->closing && !(tag->kind & kVoid) && ((tag->kind & kHidden) || is_left_out(tag->attributes))) {
      skipping = tag->name;
      skip_depth = 1;
      text.space();
      continue;
    }
    if (tag->name == "h1" && in_title == 0 && !tag->closing) in_title = 1;
    else if (tag->name == "h1" && in_title == 1 && tag->closing) in_title = -1;
    if (!(tag->kind & kInline)) text.space();
  }
  trim_end(body);
  trim_end(title);
  if (!body.empty() && body.front() == ' ') body.erase(0, 1);
  if (!title.empty() && title.front() == ' ') title.erase(0, 1);
  return true;
}

}  // namespace nastavnik::search
