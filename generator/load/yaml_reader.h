#pragma once
// Reads YAML with positions: syntax errors and schema violations become Russian
// diagnostics at the line and column an editor sees.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/source_file.h"
#include "model/schema.h"

namespace nastavnik {

/// Where a YAML text sits: in which file and at which byte offset (front matter starts
/// after the first `---` line).
class YamlContext {
 public:
  YamlContext(const SourceFile& source, size_t offset, Diagnostics& diagnostics)
      : source_(source), offset_(offset), diagnostics_(diagnostics) {}

  Position position(const YAML::Mark& mark) const;
  Position position(const YAML::Node& node) const { return position(node.Mark()); }
  Position start() const { return source_.position_of(offset_); }
  /// Position of a byte offset into the YAML text.
  Position at(size_t yaml_offset) const { return source_.position_of(offset_ + yaml_offset); }
  void error(const YAML::Node& node, std::string message) const;
  void error(Position pos, std::string message) const;
  void warning(const YAML::Node& node, std::string message) const;
  const SourceFile& source() const { return source_; }
  Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  const SourceFile& source_;
  size_t offset_;
  Diagnostics& diagnostics_;
};

/// Content YAML is nested at most this deep: the deepest real file (a roadmap) needs 6
/// levels, and yaml-cpp parses nesting by recursion, which a hostile file could run off the
/// end of the stack.
constexpr int kMaxYamlDepth = 64;
/// At most this many values (scalars, lists and maps) in one YAML text: a thousand mentors
/// take about ten thousand.
constexpr size_t kMaxYamlNodes = 100000;

/// Parses `text`; on a syntax error reports it and returns nothing. Anchors (&name) and
/// aliases (*name) are refused: editors never need them, and a few lines of nested aliases
/// ("billion laughs") stand for billions of values to every loop that walks the tree.
/// Nesting deeper than kMaxYamlDepth, more than kMaxYamlNodes values, and scalars with
/// control characters or invalid UTF-8 (both can come from escapes like "\x01" or
/// "\uD800" in double quotes) are refused too.
std::optional<YAML::Node> parse_yaml(std::string_view text, const YamlContext& ctx);

/// Checks a map against field definitions: required keys, types, allowed values, duplicate
/// keys (errors) and unknown keys (warnings naming the nearest known key). Returns false
/// when there was an error.
bool check_fields(const YAML::Node& map, const std::vector<FieldSpec>& fields, const YamlContext& ctx,
                  std::string_view where = {});

// Accessors for maps that passed check_fields: absent or null values give the default.
YAML::Node field(const YAML::Node& map, std::string_view key);
std::string get_text(const YAML::Node& map, std::string_view key);
std::optional<Date> get_date(const YAML::Node& map, std::string_view key);
bool get_bool(const YAML::Node& map, std::string_view key);
int64_t get_int(const YAML::Node& map, std::string_view key, int64_t fallback = 0);
std::vector<std::string> get_list(const YAML::Node& map, std::string_view key);

}  // namespace nastavnik
