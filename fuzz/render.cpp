// Template rendering with hostile data: the fuzz input gives the strings of every text field
// of a two-organisation site (titles, summaries, tags, names, positions, the organisation's
// name, indicator titles, roadmap items…), loaded by the real loaders and rendered with the
// embedded theme into every output: HTML, RSS, sitemap, JSON, CSV, iCalendar.
//
// The same site is rendered a second time with the characters that matter to markup
// (< > " ' &) replaced by '_'. Whatever a string holds, escaping must make the two renders
// agree on the markup: the same number of < > " ' in every HTML page, the same number of
// elements in every XML file, the same JSON shape, the same CSV rows and columns, the same
// iCalendar lines. A string that got out of its escaping changes one of these.
#include <tinyxml2.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "build/build.h"
#include "fuzz_common.h"
#include "load/content_tree.h"
#include "render_site.h"
#include "site_tree.h"

using namespace nastavnik;

namespace {

constexpr int64_t kEpoch = 1795608000;  // 2026-11-25

std::vector<std::string> strings_from(const uint8_t* data, size_t size) {
  std::string text = fuzz::utf8_lossy(std::string_view(reinterpret_cast<const char*>(data), size));
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size() && out.size() < fuzz::kSiteTreeStrings) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string s = text.substr(start, std::min<size_t>(end - start, 240));
    s = fuzz::utf8_lossy(s);  // the cut may have split a character
    std::string clean;
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == 0x7F) continue;
      // C1 controls and U+FFFE/U+FFFF are refused by the loader: keep to what loads.
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
        ++i;
        continue;
      }
      if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
          static_cast<unsigned char>(s[i + 2]) >= 0xBE) {
        i += 2;
        continue;
      }
      clean += static_cast<char>(c);
    }
    out.push_back(clean);
    start = end + 1;
  }
  return out;
}

std::string benign(std::string s) {
  for (auto& c : s) {
    if (c == '<' || c == '>' || c == '"' || c == '\'' || c == '&') c = '_';
  }
  return s;
}

const Theme& theme() {
  static const Theme* t = [] {
    Diagnostics diagnostics;
    auto loaded = Theme::load({}, diagnostics);
    FUZZ_CHECK(loaded.has_value(), "the embedded theme does not load");
    return new Theme(std::move(*loaded));
  }();
  return *t;
}

std::optional<std::map<std::string, std::string>> build(const std::vector<std::string>& strings, Diagnostics& diagnostics) {
  fuzz::TempDir dir;
  fuzz::write_site_tree(dir.path() / "content", strings);
  BuildOptions options;
  options.content = dir.path() / "content";
  options.jobs = 1;
  BuildReport report;
  auto site = load_site(options, kEpoch, diagnostics, report);
  if (!site) return std::nullopt;
  return fuzz::render_site(*site, theme());
}

// The shape of a JSON document: every string emptied, numbers and structure kept.
nlohmann::json shape(const nlohmann::json& j) {
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
std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& where) {
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

std::vector<std::string> ics_lines(const std::string& text, const std::string& where) {
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

std::string ics_name(const std::string& line) { return line.substr(0, line.find_first_of(":;")); }

void compare(const std::string& path, const std::string& hostile, const std::string& plain) {
  std::string_view h = hostile;
  FUZZ_CHECK(is_valid_utf8(h), path + ": not UTF-8");
  if (fuzz::ends_with(path, ".html")) {
    fuzz::check_html_page(path, hostile);
    for (char c : {'<', '>', '"', '\''}) {
      FUZZ_CHECK(fuzz::count_of(hostile, c) == fuzz::count_of(plain, c),
                 path + ": a string changed the markup (count of " + std::string(1, c) + " differs)\n" + hostile);
    }
  } else if (fuzz::ends_with(path, ".xml")) {
    tinyxml2::XMLDocument doc;
    FUZZ_CHECK(doc.Parse(hostile.data(), hostile.size()) == tinyxml2::XML_SUCCESS, path + ": not well-formed XML\n" + hostile);
    FUZZ_CHECK(fuzz::count_of(hostile, '<') == fuzz::count_of(plain, '<'), path + ": a string changed the XML\n" + hostile);
  } else if (fuzz::ends_with(path, ".json")) {
    auto a = nlohmann::json::parse(hostile, nullptr, false);
    auto b = nlohmann::json::parse(plain, nullptr, false);
    FUZZ_CHECK(!a.is_discarded(), path + ": not JSON\n" + hostile);
    FUZZ_CHECK(shape(a) == shape(b), path + ": a string changed the JSON structure\n" + hostile);
  } else if (fuzz::ends_with(path, ".csv")) {
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
  } else if (fuzz::ends_with(path, ".ics")) {
    auto a = ics_lines(hostile, path);
    auto b = ics_lines(plain, path);
    FUZZ_CHECK(a.size() == b.size(), path + ": a string changed the number of lines\n" + hostile);
    for (size_t i = 0; i < a.size(); ++i) {
      FUZZ_CHECK(ics_name(a[i]) == ics_name(b[i]), path + ": a string changed a property name: " + a[i]);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)theme();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> strings = strings_from(data, size);
  std::vector<std::string> plain_strings;
  for (const auto& s : strings) plain_strings.push_back(benign(s));

  Diagnostics hostile_diagnostics, plain_diagnostics;
  auto hostile = build(strings, hostile_diagnostics);
  for (const auto& d : hostile_diagnostics.sorted()) FUZZ_CHECK(is_valid_utf8(d.format()), "diagnostic is not UTF-8");
  if (!hostile) return 0;
  auto plain = build(plain_strings, plain_diagnostics);
  if (!plain) return 0;  // a value that is refused once its markup is gone: nothing to compare
  FUZZ_CHECK(hostile->size() == plain->size(), "the strings changed the set of output files");
  for (const auto& [path, text] : *hostile) {
    auto it = plain->find(path);
    FUZZ_CHECK(it != plain->end(), "the strings changed the set of output files: " + path);
    compare(path, text, it->second);
  }
  return 0;
}
