#pragma once
// Template rendering with hostile data: the fuzz input gives the strings of every text field
// of a two-organisation site (titles, summaries, tags, names, positions, the organisation's
// name, indicator titles, roadmap items…), read from a MemorySource by the real loaders and
// rendered with the embedded theme through the output plan (render_site.h: OutputPlan and
// render_output) into every output: HTML, RSS, sitemap, JSON, CSV, iCalendar.
//
// The same site is rendered a second time with the characters that matter to markup
// (< > " ' &) replaced by '_'. Whatever a string holds, escaping must make the two renders
// agree on the markup: the same number of < > " ' in every HTML page, the same number of
// elements in every XML file, the same JSON shape, the same CSV rows and columns, the same
// iCalendar lines. A string that got out of its escaping changes one of these. Every HTML
// page also passes check_html_page (theme scripts only, no event handler, no dangerous URL,
// no control character).
#include <tinyxml2.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../fuzz_common.h"
#include "../render_site.h"
#include "../site_tree.h"
#include "../yaml_events.h"
#include "core/utf8.h"
#include "read/content_source.h"
#include "render/theme.h"

namespace fuzz {
namespace render_detail {

using namespace nastavnik;

constexpr int64_t kEpoch = 1795608000;  // 2026-11-25

inline std::vector<std::string> strings_from(std::string_view input) {
  std::string text = utf8_lossy(input);
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size() && out.size() < kSiteTreeStrings) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string s = utf8_lossy(text.substr(start, std::min<size_t>(end - start, 240)));  // the cut may split a character
    // What the loader refuses (control characters, invisible format characters) is left
    // out: keep to what loads.
    std::string clean;
    for (size_t i = 0; i < s.size();) {
      char32_t cp = 0;
      size_t len = decode_utf8(s, i, cp);
      if (len == 0) break;
      if (!is_forbidden_code_point(cp) && cp != '\t' && cp != '\r') clean.append(s, i, len);
      i += len;
    }
    // A blank value of a required field is refused: give it a word, keep its spaces.
    if (clean.find_first_not_of(" ") == std::string::npos) clean += "пусто";
    out.push_back(clean);
    start = end + 1;
  }
  return out;
}

inline std::string benign(std::string s) {
  for (auto& c : s) {
    if (c == '<' || c == '>' || c == '"' || c == '\'' || c == '&') c = '_';
  }
  return s;
}

inline const Theme& embedded() {
  static const Theme* t = [] {
    Diagnostics diagnostics;
    auto loaded = Theme::load({}, diagnostics);
    FUZZ_CHECK(loaded.has_value(), "the embedded theme does not load");
    return new Theme(std::move(*loaded));
  }();
  return *t;
}

inline std::optional<std::map<std::string, std::string>> build(const std::vector<std::string>& strings, Diagnostics& diagnostics) {
  MemorySource source(site_tree(strings));
  auto content = load_content(source, kEpoch, diagnostics);
  if (!content) return std::nullopt;
  return render_site(*content, source, embedded());
}

// The shape of a JSON document: every string emptied, numbers and structure kept.
inline nlohmann::json shape(const nlohmann::json& j) {
  if (j.is_string()) return "";
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = shape(it.value());
    return out;
  }
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : j) out.push_back(shape(item));
    return out;
  }
  return j;
}

// RFC 4180 with CRLF rows; fails on a quote in the middle of an unquoted field.
inline std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& where) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows(1);
  rows.back().emplace_back();
  size_t i = 0;
  bool quoted = false, field_start = true;
  while (i < text.size()) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          rows.back().back() += '"';
          i += 2;
          continue;
        }
        quoted = false;
        ++i;
        FUZZ_CHECK(i == text.size() || text[i] == ',' || text[i] == '\r', where + ": text after a closing quote");
        continue;
      }
      rows.back().back() += c;
      ++i;
      continue;
    }
    if (c == '"') {
      FUZZ_CHECK(field_start, where + ": a quote inside an unquoted field");
      quoted = true;
      field_start = false;
      ++i;
    } else if (c == ',') {
      rows.back().emplace_back();
      field_start = true;
      ++i;
    } else if (c == '\r') {
      FUZZ_CHECK(i + 1 < text.size() && text[i + 1] == '\n', where + ": CR without LF");
      i += 2;
      if (i < text.size()) {
        rows.emplace_back();
        rows.back().emplace_back();
      }
      field_start = true;
    } else {
      FUZZ_CHECK(c != '\n', where + ": a bare LF outside quotes");
      rows.back().back() += c;
      field_start = false;
      ++i;
    }
  }
  FUZZ_CHECK(!quoted, where + ": unterminated quote");
  return rows;
}

inline std::vector<std::string> ics_lines(const std::string& text, const std::string& where) {
  std::vector<std::string> physical;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    FUZZ_CHECK(end != std::string::npos, where + ": a line not ended by CRLF");
    std::string line = text.substr(start, end - start);
    FUZZ_CHECK(line.size() <= 75, where + ": a line longer than 75 octets");
    FUZZ_CHECK(line.find('\n') == std::string::npos && line.find('\r') == std::string::npos, where + ": a bare line break");
    FUZZ_CHECK(is_valid_utf8(line), where + ": folding split a character");
    physical.push_back(line);
    start = end + 2;
  }
  std::vector<std::string> logical;
  for (const auto& line : physical) {
    if (!line.empty() && line[0] == ' ') {
      FUZZ_CHECK(!logical.empty(), where + ": continuation without a line");
      logical.back() += line.substr(1);
    } else {
      logical.push_back(line);
    }
  }
  return logical;
}

inline std::string ics_name(const std::string& line) { return line.substr(0, line.find_first_of(":;")); }

inline void compare(const std::string& path, const std::string& hostile, const std::string& plain) {
  const bool text = ends_with(path, ".html") || ends_with(path, ".xml") || ends_with(path, ".json") || ends_with(path, ".csv") ||
                    ends_with(path, ".ics") || ends_with(path, ".txt") || ends_with(path, ".yml");
  if (!text) {
    // The theme's assets and the content's attachments: no string reaches them.
    FUZZ_CHECK(hostile == plain, path + ": the strings changed a file they have no place in");
    return;
  }
  if (ends_with(path, ".html")) {
    check_html_page(path, hostile);  // check_text_output too
    for (char c : {'<', '>', '"', '\''}) {
      FUZZ_CHECK(count_of(hostile, c) == count_of(plain, c),
                 path + ": a string changed the markup (count of " + std::string(1, c) + " differs)\n" + hostile);
    }
    return;
  }
  check_text_output(path, hostile);
  if (ends_with(path, ".xml")) {
    tinyxml2::XMLDocument doc;
    FUZZ_CHECK(doc.Parse(hostile.data(), hostile.size()) == tinyxml2::XML_SUCCESS, path + ": not well-formed XML\n" + hostile);
    FUZZ_CHECK(count_of(hostile, '<') == count_of(plain, '<'), path + ": a string changed the XML\n" + hostile);
  } else if (ends_with(path, ".json")) {
    auto a = nlohmann::json::parse(hostile, nullptr, false);
    auto b = nlohmann::json::parse(plain, nullptr, false);
    FUZZ_CHECK(!a.is_discarded(), path + ": not JSON\n" + hostile);
    FUZZ_CHECK(shape(a) == shape(b), path + ": a string changed the JSON structure\n" + hostile);
  } else if (ends_with(path, ".yml")) {
    // The editor's configuration: names of organisations are labels in it, never keys, nor
    // anchors or aliases.
    std::string error;
    auto a = yaml_events(hostile, &error);
    FUZZ_CHECK(a.has_value(), path + ": not YAML: " + error + "\n" + hostile);
    auto b = yaml_events(plain);
    FUZZ_CHECK(b.has_value() && *a == *b, path + ": a string changed the YAML structure\n" + hostile);
  } else if (ends_with(path, ".csv")) {
    auto a = parse_csv(hostile, path);
    auto b = parse_csv(plain, path);
    FUZZ_CHECK(a.size() == b.size(), path + ": a string changed the number of rows\n" + hostile);
    for (size_t r = 0; r < a.size(); ++r) {
      FUZZ_CHECK(a[r].size() == b[r].size(), path + ": a string changed the number of columns\n" + hostile);
      for (const auto& cell : a[r]) {
        FUZZ_CHECK(cell.empty() || std::string_view("=+-@\t\r").find(cell[0]) == std::string_view::npos,
                   path + ": a cell a spreadsheet would run as a formula: " + cell);
      }
    }
  } else if (ends_with(path, ".ics")) {
    auto a = ics_lines(hostile, path);
    auto b = ics_lines(plain, path);
    FUZZ_CHECK(a.size() == b.size(), path + ": a string changed the number of lines\n" + hostile);
    for (size_t i = 0; i < a.size(); ++i) {
      FUZZ_CHECK(ics_name(a[i]) == ics_name(b[i]), path + ": a string changed a property name: " + a[i]);
    }
  }
}

}  // namespace render_detail

inline void run_render(const uint8_t* data, size_t size) {
  using namespace nastavnik;
  using namespace render_detail;
  std::vector<std::string> strings = strings_from(as_text(data, size));
  std::vector<std::string> plain_strings;
  for (const auto& s : strings) plain_strings.push_back(benign(s));

  Diagnostics hostile_diagnostics, plain_diagnostics;
  auto hostile = build(strings, hostile_diagnostics);
  check_diagnostics(hostile_diagnostics);
  const bool verbose = std::getenv("NASTAVNIK_FUZZ_VERBOSE") != nullptr;
  if (verbose) {
    for (const auto& d : hostile_diagnostics.sorted()) std::fprintf(stderr, "%s\n", d.format().c_str());
    std::fprintf(stderr, "hostile strings: %s\n", hostile ? "rendered" : "refused");
  }
  if (!hostile) return;
  auto plain = build(plain_strings, plain_diagnostics);
  if (verbose) {
    for (const auto& d : plain_diagnostics.sorted()) std::fprintf(stderr, "%s\n", d.format().c_str());
    std::fprintf(stderr, "plain strings: %s\n", plain ? "rendered" : "refused");
  }
  if (!plain) return;  // a value that is refused once its markup is gone: nothing to compare
  FUZZ_CHECK(hostile->size() == plain->size(), "the strings changed the set of output files");
  for (const auto& [path, text] : *hostile) {
    auto it = plain->find(path);
    FUZZ_CHECK(it != plain->end(), "the strings changed the set of output files: " + path);
    compare(path, text, it->second);
  }
}

}  // namespace fuzz
