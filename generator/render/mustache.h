#pragma once
// Mustache templates, compiled once per theme and rendered into a string with no
// allocation per tag. Themes are Mustache (the theme's templates/); the rendering follows
// kainjow/mustache, which the project used before, to the whitespace: a line that held a
// section tag and renders to nothing but spaces is left out, newline and all.
//
// Our own engine, not a library's: rendering was a fifth of a build's time with kainjow
// (a map lookup and string copies per tag); this one renders the same templates in a
// fraction of that (bench/). Partials are inlined by the theme before compiling; set
// delimiters and lambdas, which no theme needs, are refused.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nastavnik {

/// What a view gives a template: an object of named values, a list, a string or a boolean.
class Data {
 public:
  enum class type { object, list, string, boolean };

  Data() : Data(type::object) {}
  explicit Data(type t) : type_(t) {}
  Data(std::string s) : type_(type::string), string_(std::move(s)) {}
  Data(const char* s) : type_(type::string), string_(s) {}
  Data(bool b) : type_(type::boolean), bool_(b) {}

  /// Sets `key` of an object (replacing an earlier value).
  void set(std::string key, Data value);
  /// Adds an item to a list.
  void push_back(Data value) { items_.push_back(std::move(value)); }

  bool is_object() const { return type_ == type::object; }
  bool is_list() const { return type_ == type::list; }
  bool is_string() const { return type_ == type::string; }
  bool is_false() const { return type_ == type::boolean && !bool_; }
  bool is_empty_list() const { return type_ == type::list && items_.empty(); }
  bool is_non_empty_list() const { return type_ == type::list && !items_.empty(); }
  const std::string& string_value() const { return string_; }
  const std::vector<Data>& items() const { return items_; }
  /// The value of `key` in an object, or nullptr.
  const Data* get(std::string_view key) const;

 private:
  type type_;
  bool bool_ = false;
  std::string string_;
  std::vector<std::pair<std::string, Data>> members_;
  std::vector<Data> items_;
};

/// A compiled template.
class Template {
 public:
  /// Compiles `text`; on a syntax error, `error` says what and where (Russian).
  static std::optional<Template> compile(std::string_view text, std::string& error);
  /// Renders with `data` as the context, appending to `out`.
  void render(const Data& data, std::string& out) const;

  struct Node;

 private:
  std::shared_ptr<const std::vector<Node>> nodes_;
};

}  // namespace nastavnik
