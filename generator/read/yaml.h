#pragma once
// Content YAML (front matter and .yaml data files) read into a small positioned tree, in one
// pass over libyaml's events. What content never needs and a hostile file could abuse
// (anchors and aliases, tags, deep nesting, huge numbers of values, a second document,
// control characters made by escapes) is refused, and syntax errors get Russian messages
// that name the real cause (a tab in the indentation, a missing space after a key's colon,
// quotes inside quotes, a # that cuts a value, what Word pastes in place of YAML's spaces,
// colons and list dashes) at the character an editor must fix.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nastavnik {

/// Content YAML is nested at most this deep; at most this many values in one text.
constexpr int kMaxYamlDepth = 64;
constexpr size_t kMaxYamlNodes = 100000;

/// One node of a parsed YAML text. Positions are 1-based line and column of the node's
/// first character *in the YAML text given to parse_yaml* (line 1 = its first line);
/// columns count characters (UTF-8 code points), not bytes.
struct YamlNode {
  enum class Kind { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  int line = 1;
  int column = 1;
  std::string scalar;   ///< Scalar: the value; Null: empty
  bool plain = true;    ///< Scalar written without quotes and not a block scalar (| or >)
  std::vector<YamlNode> items;                          ///< Sequence
  std::vector<std::pair<YamlNode, YamlNode>> entries;   ///< Map, in file order; duplicate keys are KEPT (the caller reports them)

  // Defined (as defaults) in yaml.cpp: implicit ones would make clang with libstdc++
  // instantiate std::pair<YamlNode, YamlNode> while YamlNode is still incomplete.
  YamlNode();
  ~YamlNode();
  YamlNode(const YamlNode&);
  YamlNode(YamlNode&&) noexcept;
  YamlNode& operator=(const YamlNode&);
  YamlNode& operator=(YamlNode&&) noexcept;

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_map() const { return kind == Kind::Map; }
  /// The value of the first entry whose key is the scalar `key`, or nullptr.
  const YamlNode* find(std::string_view key) const;
};

struct YamlError {
  int line = 1;       ///< in the YAML text, 1-based
  int column = 1;     ///< characters, 1-based
  std::string message;  ///< Russian: what is wrong, then how to fix it
};

/// Parses one YAML document. A plain scalar that is empty, `~`, `null`, `Null` or `NULL`
/// is Null; every other scalar is a string (no number/boolean/date resolution: the
/// content contract decides types). An empty text, or one of comments only, is Null.
/// On the first problem returns nullopt and sets `error`.
///
/// Refused, with a message that starts «ошибка в YAML: »: anchors (&name), aliases (*name)
/// and tags (!name); nesting deeper than kMaxYamlDepth; more than kMaxYamlNodes values; a
/// second document after a `---` line; scalars holding a control or invisible format
/// character (see is_forbidden_code_point) or broken UTF-8, which only escapes in double
/// quotes can make. Refused as syntax errors («ошибка синтаксиса YAML: …»): whatever libyaml
/// refuses, and also a quoted value that runs over several lines (an unclosed quote), a
/// plain value followed on its line by `#` and a non-space character, or by ` #` after a
/// single space (YAML would silently cut the value there: a comment after a value is
/// written after two spaces or more, as `nastavnik new` writes them), a document that is a
/// single `key:value` without the space, and what text pasted from Word or a web page puts
/// in place of YAML's structure: a no-break space in the indentation, after a key's colon or
/// after «-»; a colon look-alike (：) after a key; a dash or bullet (— – •) in place of «-».
/// Curly quotes are not YAML quotes: `title: “День”` is the plain text “День” (typography
/// turns it into «День»).
/// Safe to call from several threads at once.
std::optional<YamlNode> parse_yaml(std::string_view text, YamlError& error);

namespace yaml_detail {
/// The message for a problem libyaml names that parse_yaml has no Russian explanation for
/// (none with the libyaml of Debian 12; a newer one may add some). For tests.
std::string unknown_problem_message(std::string_view english);
}  // namespace yaml_detail

}  // namespace nastavnik
