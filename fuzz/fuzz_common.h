#pragma once
// Shared pieces of the fuzz targets: the checks (FUZZ_CHECK), text clean-up that keeps
// mutations inside what the loader lets through, and checks of what the generator writes.
//
// A failed check throws fuzz::CheckFailed (what the unit tests want: replay.h). The libFuzzer
// executables switch to printing the message and aborting at the failing check instead
// (fuzz_main.h), so that libFuzzer keeps the input and prints the stack of the check.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/utf8.h"
#include "read/text_file.h"
#include "render/theme.h"

namespace fuzz {

/// What a failed check throws when it does not abort.
struct CheckFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// False (the default): a failed check throws CheckFailed. True: it prints and aborts.
inline bool& abort_on_failure() {
  static bool value = false;
  return value;
}

[[noreturn]] inline void fail(const char* file, int line, const char* what, const std::string& detail) {
  std::string message = std::string(file) + ":" + std::to_string(line) + ": FUZZ CHECK FAILED: " + what + "\n" + detail.substr(0, 4000);
  if (abort_on_failure()) {
    std::fprintf(stderr, "%s\n", message.c_str());
    std::abort();
  }
  throw CheckFailed(message);
}

/// Unlike assert(), active in every build type.
#define FUZZ_CHECK(cond, detail)                                                 \
  do {                                                                           \
    if (!(cond)) ::fuzz::fail(__FILE__, __LINE__, #cond, std::string(detail));   \
  } while (0)

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// Invalid UTF-8 bytes become '?', so that mutations keep exercising the code behind the
/// UTF-8 check instead of stopping at it.
inline std::string utf8_lossy(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t bad = 0;
    std::string_view rest = s.substr(i);
    if (nastavnik::is_valid_utf8(rest, &bad)) {
      out.append(rest);
      break;
    }
    out.append(rest.substr(0, bad));
    out += '?';
    i += bad + 1;
    // Skip continuation bytes of the broken sequence.
    while (i < s.size() && nastavnik::is_utf8_continuation(s[i])) ++i;
  }
  return out;
}

/// Text as decode_text lets it through to the parsers: valid UTF-8, no BOM, LF line ends,
/// each character it refuses (control characters but tab and line ends, invisible format
/// characters, U+FFFE, U+FFFF: is_forbidden_code_point) replaced by a space, and no line
/// longer than kMaxLineBytes (a line break is put in).
inline std::string as_loaded_text(std::string_view s) {
  std::string text = nastavnik::normalise_text(utf8_lossy(s));
  std::string out;
  out.reserve(text.size());
  size_t line_bytes = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t len = nastavnik::decode_utf8(text, i, cp);
    if (len == 0) len = 1, cp = '?';  // cannot happen after utf8_lossy; never loop forever
    if (cp == '\n') {
      out += '\n';
      line_bytes = 0;
    } else {
      if (line_bytes + len > nastavnik::kMaxLineBytes) {
        out += '\n';
        line_bytes = 0;
      }
      if (nastavnik::is_forbidden_code_point(cp)) {
        out += ' ';
        line_bytes += 1;
      } else {
        out.append(text, i, len);
        line_bytes += len;
      }
    }
    i += len;
  }
  return out;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

inline size_t count_of(std::string_view s, char c) {
  size_t n = 0;
  for (char x : s) n += x == c;
  return n;
}

inline size_t lines_in(std::string_view s) { return count_of(s, '\n') + 1; }

/// Every diagnostic must be one line of valid UTF-8 with a message, inside its file
/// (`max_line` < 0: any line), and must not quote `secret`.
inline void check_diagnostics(const nastavnik::Diagnostics& diagnostics, int max_line = -1, std::string_view secret = {}) {
  for (const auto& d : diagnostics.sorted()) {
    std::string line = d.format();
    FUZZ_CHECK(nastavnik::is_valid_utf8(line), "diagnostic is not UTF-8: " + line);
    FUZZ_CHECK(line.find('\n') == std::string::npos && line.find('\r') == std::string::npos, "diagnostic spans lines: " + line);
    FUZZ_CHECK(!d.message.empty(), "a diagnostic without a message: " + line);
    FUZZ_CHECK(d.pos.line >= 0 && d.pos.column >= 0, "a diagnostic before its file: " + line);
    FUZZ_CHECK(max_line < 0 || d.pos.line <= max_line, "a diagnostic after the end of its file: " + line);
    FUZZ_CHECK(secret.empty() || line.find(secret) == std::string::npos, "the secret leaked into a message: " + line);
  }
}

/// Decodes the few entities an attribute value can use to hide a scheme, then drops what a
/// browser ignores in a URL scheme (spaces, control characters).
inline std::string url_scheme_view(std::string_view value) {
  std::string decoded;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '&') {
      size_t semi = value.find(';', i);
      if (semi != std::string_view::npos && semi - i < 12) {
        std::string entity(value.substr(i + 1, semi - i - 1));
        char c = 0;
        if (entity == "amp") c = '&';
        else if (entity == "colon") c = ':';
        else if (entity == "quot") c = '"';
        else if (entity == "lt") c = '<';
        else if (entity == "gt") c = '>';
        else if (!entity.empty() && entity[0] == '#') {
          long v = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X') ? std::strtol(entity.c_str() + 2, nullptr, 16)
                                                                               : std::strtol(entity.c_str() + 1, nullptr, 10);
          c = v > 0 && v < 128 ? static_cast<char>(v) : '?';
        }
        if (c) {
          decoded += c;
          i = semi;
          continue;
        }
      }
    }
    decoded += value[i];
  }
  std::string out;
  for (char c : decoded) {
    if (static_cast<unsigned char>(c) > 0x20) out += c;
  }
  return lower_ascii(out);
}

inline bool dangerous_url(std::string_view value) {
  std::string v = url_scheme_view(value);
  for (const char* scheme : {"javascript:", "vbscript:", "file:", "data:"}) {
    if (v.rfind(scheme, 0) == 0) {
      if (std::string_view(scheme) == "data:" &&
          (v.rfind("data:image/png", 0) == 0 || v.rfind("data:image/gif", 0) == 0 || v.rfind("data:image/jpeg", 0) == 0 ||
           v.rfind("data:image/webp", 0) == 0)) {
        return false;
      }
      return true;
    }
  }
  return false;
}

struct Tag {
  std::string name;  ///< lower case; "!--" for a comment, "/p" for an end tag
  std::vector<std::pair<std::string, std::string>> attributes;
  size_t offset = 0;
  size_t end = 0;  ///< just after the closing '>'
};

/// A small HTML tokenizer: enough to list the tags and attributes a renderer produced, so
/// that a check can refuse anything it did not expect. Reports malformed markup through
/// `error` (an unquoted or unterminated attribute, a '<' that starts nothing).
inline std::vector<Tag> scan_tags(std::string_view html, std::string* error) {
  std::vector<Tag> tags;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    Tag tag;
    tag.offset = i;
    if (html.substr(i, 4) == "<!--") {
      size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) {
        if (error) *error = "unterminated comment";
        return tags;
      }
      tag.name = "!--";
      tag.end = end + 3;
      tags.push_back(tag);
      i = end + 3;
      continue;
    }
    size_t j = i + 1;
    if (j < html.size() && html[j] == '/') ++j;
    while (j < html.size() && (std::isalnum(static_cast<unsigned char>(html[j])) || html[j] == '!' || html[j] == '-')) ++j;
    tag.name = lower_ascii(html.substr(i + 1, j - i - 1));
    if (tag.name.empty() || tag.name == "/") {
      if (error) *error = "a raw '<' at offset " + std::to_string(i);
      return tags;
    }
    // Attributes: name, optionally ="value".
    for (;;) {
      while (j < html.size() && std::isspace(static_cast<unsigned char>(html[j]))) ++j;
      if (j >= html.size()) {
        if (error) *error = "unterminated tag at offset " + std::to_string(i);
        return tags;
      }
      if (html[j] == '>') {
        ++j;
        break;
      }
      if (html[j] == '/' && j + 1 < html.size() && html[j + 1] == '>') {
        j += 2;
        break;
      }
      size_t name_start = j;
      while (j < html.size() && !std::isspace(static_cast<unsigned char>(html[j])) && html[j] != '=' && html[j] != '>' &&
             html[j] != '/' && html[j] != '"' && html[j] != '\'' && html[j] != '<') {
        ++j;
      }
      if (j == name_start) {
        if (error) *error = "bad attribute in tag at offset " + std::to_string(i);
        return tags;
      }
      std::string attr = lower_ascii(html.substr(name_start, j - name_start));
      std::string value;
      if (j < html.size() && html[j] == '=') {
        ++j;
        if (j >= html.size() || (html[j] != '"' && html[j] != '\'')) {
          if (error) *error = "unquoted attribute " + attr + " at offset " + std::to_string(i);
          return tags;
        }
        char quote = html[j];
        size_t end = html.find(quote, j + 1);
        if (end == std::string_view::npos) {
          if (error) *error = "unterminated attribute " + attr + " at offset " + std::to_string(i);
          return tags;
        }
        value = std::string(html.substr(j + 1, end - j - 1));
        if (value.find('<') != std::string::npos) {
          if (error) *error = "raw '<' inside attribute " + attr + " at offset " + std::to_string(i);
          return tags;
        }
        j = end + 1;
      }
      tag.attributes.emplace_back(std::move(attr), std::move(value));
    }
    tag.end = j;
    tags.push_back(std::move(tag));
    i = j;
    // Raw text elements: their content is not markup.
    if (tags.back().name == "script" || tags.back().name == "style") {
      size_t end = lower_ascii(html.substr(i)).find("</" + tags.back().name);
      if (end == std::string::npos) {
        if (error) *error = "unterminated " + tags.back().name;
        return tags;
      }
      i += end;
    }
  }
  return tags;
}

/// The templates of the default theme, one after another: inline scripts of a page must
/// come from here.
inline const std::string& theme_templates() {
  static const std::string text = [] {
    std::string all;
    for (const auto& f : nastavnik::embedded_theme()) {
      if (ends_with(f.path, ".mustache")) all.append(f.bytes);
    }
    return all;
  }();
  return text;
}

/// A text output (HTML, XML, iCalendar, CSV, JSON, robots.txt) is valid UTF-8 without any
/// character content may not hold (is_forbidden_code_point: control characters but tab and
/// line ends, invisible format characters, U+FFFE, U+FFFF): the loader refuses them in every
/// file, XML refuses most of them outright, and Body::kLinkBase must never be left over.
inline void check_text_output(const std::string& where, std::string_view text) {
  FUZZ_CHECK(nastavnik::is_valid_utf8(text), where + ": not UTF-8");
  // A CSV file starts with a BOM, so that Excel reads it as UTF-8.
  if (ends_with(where, ".csv") && starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  auto control = nastavnik::find_forbidden_character(text);
  if (control) {
    size_t from = control->first < 80 ? 0 : control->first - 80;
    FUZZ_CHECK(!control, where + ": character " + nastavnik::code_point_name(control->second) + " at offset " +
                             std::to_string(control->first) + ", after: " + utf8_lossy(text.substr(from, control->first - from)));
  }
}

/// Every HTML-ish output of the generator is checked the same way: well-formed tags, no
/// event handler attributes, no dangerous URLs, scripts only from the theme (its assets, or
/// inline code written in its templates), no control characters (check_text_output).
inline void check_html_page(const std::string& where, std::string_view html) {
  check_text_output(where, html);
  std::string error;
  auto tags = scan_tags(html, &error);
  FUZZ_CHECK(error.empty(), where + ": " + error);
  for (const auto& tag : tags) {
    if (tag.name == "style") {
      size_t close = lower_ascii(html.substr(tag.end)).find("</style");
      std::string_view body = html.substr(tag.end, close == std::string::npos ? 0 : close);
      // The theme's colours, from theme.yaml: no content reaches a style sheet.
      FUZZ_CHECK(tag.attributes.empty() && close != std::string::npos && body.find('<') == std::string_view::npos &&
                     lower_ascii(body).find("javascript:") == std::string::npos,
                 where + ": an unexpected <style> at offset " + std::to_string(tag.offset));
    }
    if (tag.name == "script") {
      bool theme_asset = tag.attributes.size() == 2 && tag.attributes[0].first == "src" &&
                         (ends_with(tag.attributes[0].second, "assets/site.js") || ends_with(tag.attributes[0].second, "assets/search.js")) &&
                         tag.attributes[1].first == "defer";
      bool theme_inline = false;
      if (tag.attributes.empty()) {
        size_t close = lower_ascii(html.substr(tag.end)).find("</script");
        std::string_view body = html.substr(tag.end, close == std::string::npos ? 0 : close);
        theme_inline = close != std::string::npos && theme_templates().find(body) != std::string::npos;
      }
      FUZZ_CHECK(theme_asset || theme_inline, where + ": a <script> the theme did not write, at offset " + std::to_string(tag.offset));
    }
    // The theme's two search forms (the header's and the search page's), known by their class;
    // no other form.
    const bool theme_form = tag.name == "form" && !tag.attributes.empty() && tag.attributes[0].first == "class" &&
                            (tag.attributes[0].second == "site-search" || tag.attributes[0].second == "search-form");
    FUZZ_CHECK(tag.name != "iframe" && tag.name != "object" && tag.name != "embed" && tag.name != "base" &&
                   (tag.name != "form" || theme_form),
               where + ": unexpected <" + tag.name + ">");
    for (const auto& [name, value] : tag.attributes) {
      FUZZ_CHECK(!(name.size() > 2 && name[0] == 'o' && name[1] == 'n'), where + ": event handler attribute " + name);
      if (name == "href" || name == "src" || name == "action" || name == "formaction" || name == "xlink:href") {
        FUZZ_CHECK(!dangerous_url(value), where + ": dangerous URL in " + name + ": " + value);
      }
    }
  }
}

/// An output path must stay inside the output folder: relative, '/'-separated, no empty,
/// "." or ".." component, no backslash, valid UTF-8 without control characters.
inline void check_output_path(const std::string& path) {
  FUZZ_CHECK(!path.empty() && path[0] != '/' && path.back() != '/', "an output path that is not a relative file path: " + path);
  FUZZ_CHECK(nastavnik::is_valid_utf8(path), "an output path that is not UTF-8: " + path);
  FUZZ_CHECK(path.find('\\') == std::string::npos, "a backslash in an output path: " + path);
  for (char c : path) {
    FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F, "a control character in an output path: " + path);
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string_view part = std::string_view(path).substr(start, end - start);
    FUZZ_CHECK(!part.empty() && part != "." && part != "..", "an output path that leaves the output folder: " + path);
    start = end + 1;
  }
}

}  // namespace fuzz
