#pragma once
// Every content contract from YAML: the text is decoded as a content file, parsed with
// parse_yaml once as a whole YAML file and once as the front matter of a Markdown file
// (when it has one), the tree checked (positions, depth, size, no control characters) and
// read against every contract of contract/declarations.h (and each item of a list against
// each contract); then the text goes through every loader of validate/files.h as each kind
// of file, and the indicators and roadmap that load are checked against their rules.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "../fuzz_common.h"
#include "contract/declarations.h"
#include "core/diagnostics.h"
#include "core/source_file.h"
#include "core/utf8.h"
#include "model/indicators.h"
#include "model/roadmap.h"
#include "read/front_matter.h"
#include "read/text_file.h"
#include "read/yaml.h"
#include "validate/files.h"

namespace fuzz {
namespace yaml_schemas_detail {

using namespace nastavnik;

// The tree parse_yaml promises: positions inside the text, no deeper than kMaxYamlDepth, no
// more than kMaxYamlNodes values, and no scalar holding what content text may not.
inline void check_tree(const YamlNode& node, int lines, int depth, size_t& count) {
  FUZZ_CHECK(depth <= kMaxYamlDepth + 1, "a YAML tree deeper than kMaxYamlDepth");
  FUZZ_CHECK(++count <= kMaxYamlNodes + 1, "a YAML tree of more than kMaxYamlNodes values");
  // An empty value may sit just past the end («? key» on the last line, with no line break
  // after it: libyaml puts the implied null at the start of the next line).
  FUZZ_CHECK(node.line >= 1 && node.column >= 1 && (node.line <= lines || (node.line == lines + 1 && node.column == 1 && node.is_null())),
             "a YAML node outside its text: " + std::to_string(node.line) + ":" + std::to_string(node.column));
  FUZZ_CHECK(is_valid_utf8(node.scalar), "a YAML scalar that is not UTF-8");
  FUZZ_CHECK(!find_forbidden_character(node.scalar), "a YAML scalar with a control character: " + node.scalar);
  FUZZ_CHECK(node.is_scalar() || node.scalar.empty(), "a YAML collection or null with a scalar value");
  FUZZ_CHECK(node.is_sequence() || node.items.empty(), "YAML items outside a sequence");
  FUZZ_CHECK(node.is_map() || node.entries.empty(), "YAML entries outside a map");
  for (const auto& item : node.items) check_tree(item, lines, depth + 1, count);
  for (const auto& [key, value] : node.entries) {
    check_tree(key, lines, depth + 1, count);
    check_tree(value, lines, depth + 1, count);
  }
}

inline std::optional<YamlNode> parse(std::string_view yaml) {
  YamlError error;
  auto doc = parse_yaml(yaml, error);
  const int lines = static_cast<int>(lines_in(yaml));
  if (!doc) {
    FUZZ_CHECK(!error.message.empty() && is_valid_utf8(error.message) && error.message.find('\n') == std::string::npos,
               "a YAML error without a one-line message: " + error.message);
    FUZZ_CHECK(starts_with(error.message, "ошибка синтаксиса YAML") || starts_with(error.message, "ошибка в YAML: "),
               "a YAML error that does not say it is one: " + error.message);
    FUZZ_CHECK(error.line >= 1 && error.line <= lines + 1 && error.column >= 1,
               "a YAML error outside its text: " + std::to_string(error.line) + ":" + std::to_string(error.column));
    return doc;
  }
  size_t count = 0;
  check_tree(*doc, lines, 0, count);
  return doc;
}

// read_record of one contract, on the document and on each item of a list.
template <class R>
void read_as(const YamlNode& doc, const Contract<R>& contract, const std::string& path, int first_line, int max_line) {
  auto one = [&](const YamlNode& node) {
    Diagnostics diagnostics;
    FileContext ctx(path, first_line, diagnostics);
    R record;
    bool ok = read_record(node, contract, ctx, record);
    FUZZ_CHECK(ok == (ctx.errors() == 0), contract.id + ": read_record returned " + (ok ? "true" : "false") + " after " +
                                              std::to_string(ctx.errors()) + " errors");
    check_diagnostics(diagnostics, max_line);
  };
  one(doc);
  if (doc.is_sequence()) {
    for (const auto& item : doc.items) one(item);
  }
}

inline void read_as_every_contract(const YamlNode& doc, const std::string& path, int first_line, int max_line) {
  read_as(doc, site_contract(), path, first_line, max_line);
  read_as(doc, org_contract(), path, first_line, max_line);
  read_as(doc, index_contract(), path, first_line, max_line);
  read_as(doc, news_contract(), path, first_line, max_line);
  read_as(doc, document_contract(), path, first_line, max_line);
  read_as(doc, order_contract(), path, first_line, max_line);
  read_as(doc, story_contract(), path, first_line, max_line);
  read_as(doc, practice_contract(), path, first_line, max_line);
  read_as(doc, page_contract(), path, first_line, max_line);
  read_as(doc, mentor_contract(), path, first_line, max_line);
  read_as(doc, indicators_contract(), path, first_line, max_line);
  read_as(doc, roadmap_contract(), path, first_line, max_line);
}

// A loader gives a record exactly when it reported no error.
template <class T>
void check_loaded(const char* what, const std::optional<T>& loaded, const Diagnostics& diagnostics, int max_line) {
  FUZZ_CHECK(loaded.has_value() != diagnostics.has_errors(),
             std::string(what) + (loaded ? ": a record with errors" : ": no record and no error"));
  check_diagnostics(diagnostics, max_line);
}

inline void check_indicators(const IndicatorsFile& file) {
  IndicatorTable table = indicator_table(file);
  for (int year : table.years) FUZZ_CHECK(year >= 2000 && year <= 2100, "a year out of range accepted: " + std::to_string(year));
  for (const auto& indicator : table.indicators) {
    for (const auto& [year, value] : indicator.values) {
      FUZZ_CHECK(std::find(table.years.begin(), table.years.end(), year) != table.years.end(), "a value for a year not in years");
      FUZZ_CHECK(value.numerator >= 0 && value.denominator >= 0 && value.value >= 0, "negative value accepted");
      FUZZ_CHECK(!value.target || *value.target >= 0, "a negative target accepted");
      if (indicator.unit == IndicatorUnit::Percent) {
        FUZZ_CHECK(value.numerator <= value.denominator, "share over 100 %");
        FUZZ_CHECK(!value.target || *value.target <= 100, "a target share over 100 %");
      }
      FUZZ_CHECK(is_valid_utf8(format_fact(indicator.unit, value)), "format_fact is not UTF-8");
      FUZZ_CHECK(is_valid_utf8(format_target(indicator.unit, value)), "format_target is not UTF-8");
      (void)target_met(indicator.unit, value);
    }
  }
}

inline void check_roadmap(const RoadmapFile& file) {
  Roadmap roadmap = roadmap_of(file);
  for (const auto& section : roadmap.sections) {
    for (const auto& item : section.items) {
      FUZZ_CHECK(!(item.start && item.end && *item.end < *item.start), "end before start accepted");
      FUZZ_CHECK(!roadmap_status_title(item.status).empty(), "a status without a title");
    }
  }
}

}  // namespace yaml_schemas_detail

inline void run_yaml_schemas(const uint8_t* data, size_t size) {
  using namespace nastavnik;
  using namespace yaml_schemas_detail;
  Diagnostics decoding;
  auto source = decode_text("school/indicators.yaml", std::string(as_text(data, size)), decoding);
  if (!source) return;
  const std::string& text = source->text();
  // A diagnostic about an empty value may point just past the end (see check_tree).
  const int lines = static_cast<int>(lines_in(text)) + 1;

  // The whole text as a data file, against every contract.
  if (auto doc = parse(text)) read_as_every_contract(*doc, source->path(), 1, lines);
  // Its front matter, when it has one (the YAML starts on line 2).
  {
    FrontMatter fm;
    FrontMatterError error;
    if (split_front_matter(text, fm, error)) {
      if (auto doc = parse(fm.yaml)) read_as_every_contract(*doc, source->path(), 2, lines);
    }
  }

  // Every loader.
  {
    Diagnostics d;
    check_loaded("site.yaml", load_site_file(*source, d), d, lines);
  }
  {
    Diagnostics d;
    check_loaded("org.yaml", load_org_file(*source, d), d, lines);
  }
  {
    Diagnostics d;
    check_loaded("mentors.yaml", load_mentors_file(*source, d), d, lines);
  }
  {
    Diagnostics d;
    auto file = load_indicators_file(*source, d);
    check_loaded("indicators.yaml", file, d, lines);
    if (file) check_indicators(*file);
  }
  {
    Diagnostics d;
    auto file = load_roadmap_file(*source, d);
    check_loaded("roadmap.yaml", file, d, lines);
    if (file) check_roadmap(*file);
  }
  for (Section section : kAllSections) {
    Diagnostics d;
    auto file = load_markdown_file(section, *source, d);
    check_loaded(section_id(section), file, d, lines);
    if (file) {
      FUZZ_CHECK(file->body.data() >= text.data() && file->body.data() + file->body.size() == text.data() + text.size(),
                 "a Markdown body outside its text");
      FUZZ_CHECK(file->body_first_line >= 2 && file->body_first_line <= lines, "a Markdown body outside its file");
    }
  }
  {
    Diagnostics d;
    auto file = load_index_file(*source, d);
    check_loaded("_index.md", file, d, lines);
    if (file) {
      FUZZ_CHECK(file->body.data() >= text.data() && file->body.data() + file->body.size() == text.data() + text.size(),
                 "the tab's body outside its text");
      FUZZ_CHECK(file->body_first_line >= 1 && file->body_first_line <= lines, "the tab's body outside its file");
    }
  }
}

}  // namespace fuzz
