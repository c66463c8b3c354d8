// Every content schema from YAML: the text is parsed once (as a whole YAML file, and as the
// front matter of a Markdown file when it has one) and checked against each schema of
// all_schemas(); then read as indicators.yaml and roadmap.yaml by their loaders.
#include <cstddef>
#include <cstdint>

#include "core/diagnostics.h"
#include "fuzz_common.h"
#include "load/content_tree.h"
#include "load/front_matter.h"
#include "load/yaml_reader.h"
#include "model/indicators.h"
#include "model/roadmap.h"
#include "model/schema.h"

using namespace nastavnik;

namespace {

void check_diagnostics(const Diagnostics& diagnostics, const SourceFile& source) {
  const int lines = source.position_of(source.text().size()).line;
  for (const auto& d : diagnostics.sorted()) {
    std::string line = d.format();
    FUZZ_CHECK(is_valid_utf8(line), "diagnostic is not UTF-8: " + line);
    FUZZ_CHECK(line.find('\n') == std::string::npos, "diagnostic spans lines: " + line);
    FUZZ_CHECK(d.pos.line >= 0 && d.pos.line <= lines, "diagnostic outside the file: " + line);
    FUZZ_CHECK(!d.message.empty(), "empty diagnostic");
  }
}

// The accessors the loaders use, over every key of a schema (and nested ones).
void read_all(const YAML::Node& map, const std::vector<FieldSpec>& fields) {
  for (const auto& spec : fields) {
    (void)get_text(map, spec.key);
    (void)get_date(map, spec.key);
    (void)get_bool(map, spec.key);
    (void)get_int(map, spec.key);
    (void)get_list(map, spec.key);
    YAML::Node v = field(map, spec.key);
    if (!spec.fields.empty() && v) {
      if (v.IsMap()) {
        read_all(v, spec.fields);
        for (const auto& kv : v) read_all(kv.second, spec.fields);
      } else if (v.IsSequence()) {
        for (const auto& item : v) read_all(item, spec.fields);
      }
    }
  }
}

void check_schemas(const YAML::Node& doc, const YamlContext& ctx) {
  for (const Schema* schema : all_schemas()) {
    bool ok = check_fields(doc, schema->fields, ctx);
    (void)ok;
    read_all(doc, schema->fields);
    if (doc.IsSequence()) {
      for (const auto& item : doc) {
        check_fields(item, schema->fields, ctx);
        read_all(item, schema->fields);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Diagnostics diagnostics;
  auto source = decode_source("school/indicators.yaml", std::string(reinterpret_cast<const char*>(data), size), diagnostics);
  if (!source) return 0;

  {
    Diagnostics d;
    YamlContext ctx(*source, 0, d);
    if (auto doc = parse_yaml(source->text(), ctx)) check_schemas(*doc, ctx);
    check_diagnostics(d, *source);
  }
  {
    FrontMatter fm;
    FrontMatterError error;
    if (split_front_matter(source->text(), fm, error)) {
      Diagnostics d;
      YamlContext ctx(*source, fm.yaml_offset, d);
      if (auto doc = parse_yaml(fm.yaml, ctx)) check_schemas(*doc, ctx);
      check_diagnostics(d, *source);
    }
  }
  {
    Diagnostics d;
    auto table = parse_indicators(*source, d);
    FUZZ_CHECK(table.has_value() != d.has_errors(), "indicators: a table with errors, or no table and no error");
    if (table) {
      for (const auto& indicator : table->indicators) {
        for (const auto& [year, value] : indicator.values) {
          FUZZ_CHECK(value.numerator >= 0 && value.denominator >= 0 && value.value >= 0, "negative value accepted");
          if (indicator.unit == IndicatorUnit::Percent) FUZZ_CHECK(value.numerator <= value.denominator, "share over 100 %");
          (void)format_fact(indicator.unit, value);
          (void)format_target(indicator.unit, value);
          (void)target_met(indicator.unit, value);
        }
      }
    }
    check_diagnostics(d, *source);
  }
  {
    Diagnostics d;
    auto roadmap = parse_roadmap(*source, d);
    FUZZ_CHECK(roadmap.has_value() != d.has_errors(), "roadmap: a roadmap with errors, or no roadmap and no error");
    if (roadmap) {
      for (const auto& section : roadmap->sections) {
        for (const auto& item : section.items) {
          FUZZ_CHECK(!(item.start && item.end && *item.end < *item.start), "end before start accepted");
          (void)roadmap_status_title(item.status);
        }
      }
    }
    check_diagnostics(d, *source);
  }
  return 0;
}
