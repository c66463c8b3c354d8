#pragma once
// The machinery of the content contract: each key of a content file is declared once, with
// its type, its Russian description and the member of a typed record it fills. The
// declarations themselves are in contract/declarations.cpp.
//
//   Contract<NewsFront> c("news", "Новость", "<организация>/news/*.md");
//   c.text("title", &NewsFront::title).required().prose().doc("Заголовок новости.");
//
// read_record() checks a YAML map against a contract and fills the record: required keys,
// types, allowed values, duplicates (errors) and unknown keys (warnings that name the
// nearest known key), each at its line and column.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contract/field.h"
#include "contract/vocabulary.h"
#include "core/date.h"
#include "core/diagnostics.h"
#include "read/yaml.h"

namespace nastavnik {

enum class FieldKind {
  Text,         ///< a string (numbers are accepted and read as text)
  Date,         ///< YYYY-MM-DD
  Bool,         ///< true | false
  Integer,      ///< a whole number
  Number,       ///< a number, the decimal point or comma allowed: 70, 72,5
  Choice,       ///< one id of a vocabulary
  TextList,     ///< [a, b]; a single value is a one-item list
  ChoiceList,   ///< [a, b], each an id of a vocabulary
  FilePath,     ///< files/name.ext inside the organisation's folder
  FilePathList,
  Url,          ///< http:// or https://
  Email,
  Slug,         ///< [a-z0-9-], at most kMaxSlugLength characters
  Map,          ///< nested keys, described by `nested`
  MapList,      ///< a list of maps, each described by `nested`
  YearMap,      ///< keys are years (2022: …), each value a map described by `nested`
  IntegerList,  ///< [2022, 2023]
};

struct ContractInfo;

/// What the contract says about one key. Everything here is data: the reference, the
/// templates of `new` and the editor's forms are made from it.
struct FieldInfo {
  std::string key;
  FieldKind kind = FieldKind::Text;
  bool required = false;
  std::string doc;                          ///< Russian, for editors
  const Vocabulary* vocabulary = nullptr;   ///< Choice, ChoiceList
  bool prose = false;                       ///< text readers see: typography applied, checked for names
  bool image = false;                       ///< FilePath(List) that must name images
  std::string example;                      ///< a typical value, as written in YAML; "{slug}" stands for the file's slug
  bool prompt = false;                      ///< `new` writes this optional key for the editor to fill (others it comments out)
  const ContractInfo* nested = nullptr;     ///< Map, MapList, YearMap
};

/// One kind of content file: where it lives and what it may hold.
struct ContractInfo {
  std::string id;        ///< "news", "org", ...
  std::string title;     ///< Russian name of the kind
  std::string location;  ///< where such files live: "<организация>/news/*.md"
  std::vector<FieldInfo> fields;

  const FieldInfo* find(std::string_view key) const;
};

/// Human text for a field's type, for messages and the reference: «дата в формате ГГГГ-ММ-ДД».
std::string describe_kind(const FieldInfo& field);

/// Where a YAML text sits (its file and first line) and where its problems go.
class FileContext {
 public:
  FileContext(std::string path, int first_line, Diagnostics& diagnostics)
      : path_(std::move(path)), first_line_(first_line), diagnostics_(diagnostics) {}

  Position at(const YamlNode& node) const { return {node.line + first_line_ - 1, node.column}; }
  Position start() const { return {first_line_, 1}; }
  void error(Position pos, std::string message);
  void warning(Position pos, std::string message);
  void error(const YamlNode& node, std::string message) { error(at(node), std::move(message)); }
  void warning(const YamlNode& node, std::string message) { warning(at(node), std::move(message)); }
  const std::string& path() const { return path_; }
  Diagnostics& diagnostics() const { return diagnostics_; }
  /// Errors reported through this context so far.
  size_t errors() const { return errors_; }

 private:
  std::string path_;
  int first_line_;
  Diagnostics& diagnostics_;
  size_t errors_ = 0;
};

// Readers of one value of each kind; they report what is wrong and return false. `name` is
// the key as shown in messages, «mentor.name».
namespace contract_detail {
bool read_text(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Text& out);
bool read_date(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Field<Date>& out);
bool read_bool(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Field<bool>& out);
bool read_integer(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Field<int64_t>& out);
bool read_number(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Field<double>& out);
bool read_text_list(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, TextList& out);
bool read_integer_list(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name,
                       std::vector<Field<int64_t>>& out);
/// Checks that `n` is a map (or a list of maps, or a map of years) before the nested reads.
bool expect_map(const YamlNode& n, FileContext& ctx, const std::string& name);
bool expect_map_list(const YamlNode& n, FileContext& ctx, const std::string& name);
bool expect_year_map(const YamlNode& n, FileContext& ctx, const std::string& name);
/// A year key of a YearMap: four digits.
bool read_year(const YamlNode& key, FileContext& ctx, const std::string& name, Field<int>& out);

/// The key handling every map shares: reports a non-map, duplicate keys, unknown keys
/// (warnings), missing and empty required keys; calls `on_value(field index, value)` for
/// each known key with a value. Returns false when something was an error.
bool read_map(const YamlNode* map, Position missing_at, const ContractInfo& contract, FileContext& ctx, std::string_view where,
              const std::function<bool(size_t, const YamlNode&, const std::string&)>& on_value);
}  // namespace contract_detail

template <class R>
class Contract : public ContractInfo {
 public:
  using Reader = std::function<bool(R&, const YamlNode&, FileContext&, const FieldInfo&, const std::string& name)>;

  Contract(std::string id_, std::string title_, std::string location_) {
    id = std::move(id_);
    title = std::move(title_);
    location = std::move(location_);
  }

  /// Sets the properties of the field just declared.
  class Decl {
   public:
    Decl(Contract& c, size_t i) : c_(c), i_(i) {}
    Decl& required() { f().required = true; return *this; }
    Decl& prose() { f().prose = true; return *this; }
    Decl& image() { f().image = true; return *this; }
    Decl& doc(std::string text) { f().doc = std::move(text); return *this; }
    Decl& example(std::string value) { f().example = std::move(value); return *this; }
    Decl& prompt() { f().prompt = true; return *this; }

   private:
    FieldInfo& f() { return c_.fields[i_]; }
    Contract& c_;
    size_t i_;
  };

  Decl text(std::string key, Text R::*m) { return scalar(std::move(key), FieldKind::Text, m); }
  Decl url(std::string key, Text R::*m) { return scalar(std::move(key), FieldKind::Url, m); }
  Decl email(std::string key, Text R::*m) { return scalar(std::move(key), FieldKind::Email, m); }
  Decl slug(std::string key, Text R::*m) { return scalar(std::move(key), FieldKind::Slug, m); }
  Decl file(std::string key, Text R::*m) { return scalar(std::move(key), FieldKind::FilePath, m); }
  Decl choice(std::string key, Text R::*m, const Vocabulary& v) {
    Decl d = scalar(std::move(key), FieldKind::Choice, m);
    fields.back().vocabulary = &v;
    return d;
  }
  Decl date(std::string key, Field<Date> R::*m) {
    return add(std::move(key), FieldKind::Date, [m](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      return contract_detail::read_date(n, f, ctx, name, r.*m);
    });
  }
  Decl flag(std::string key, Field<bool> R::*m) {
    return add(std::move(key), FieldKind::Bool, [m](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      return contract_detail::read_bool(n, f, ctx, name, r.*m);
    });
  }
  Decl integer(std::string key, Field<int64_t> R::*m) {
    return add(std::move(key), FieldKind::Integer, [m](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      return contract_detail::read_integer(n, f, ctx, name, r.*m);
    });
  }
  Decl number(std::string key, Field<double> R::*m) {
    return add(std::move(key), FieldKind::Number, [m](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      return contract_detail::read_number(n, f, ctx, name, r.*m);
    });
  }
  Decl texts(std::string key, TextList R::*m) { return list(std::move(key), FieldKind::TextList, m); }
  Decl files(std::string key, TextList R::*m) { return list(std::move(key), FieldKind::FilePathList, m); }
  Decl choices(std::string key, TextList R::*m, const Vocabulary& v) {
    Decl d = list(std::move(key), FieldKind::ChoiceList, m);
    fields.back().vocabulary = &v;
    return d;
  }
  Decl integers(std::string key, std::vector<Field<int64_t>> R::*m) {
    return add(std::move(key), FieldKind::IntegerList, [m](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      return contract_detail::read_integer_list(n, f, ctx, name, r.*m);
    });
  }
  template <class S>
  Decl map(std::string key, Field<S> R::*m, const Contract<S>& sub) {
    Decl d = add(std::move(key), FieldKind::Map, [m, &sub](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      if (!contract_detail::expect_map(n, ctx, name)) return false;
      Field<S>& out = r.*m;
      out.pos = ctx.at(n);
      out.present = true;
      return read_nested(n, sub, ctx, f.key, out.value);
    });
    fields.back().nested = &sub;
    return d;
  }
  template <class S>
  Decl maps(std::string key, std::vector<Field<S>> R::*m, const Contract<S>& sub) {
    Decl d = add(std::move(key), FieldKind::MapList, [m, &sub](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      if (!contract_detail::expect_map_list(n, ctx, name)) return false;
      bool ok = true;
      for (const auto& item : n.items) {
        Field<S> one;
        one.pos = ctx.at(item);
        one.present = true;
        ok = read_nested(item, sub, ctx, f.key, one.value) && ok;
        (r.*m).push_back(std::move(one));
      }
      return ok;
    });
    fields.back().nested = &sub;
    return d;
  }
  template <class S>
  Decl years(std::string key, std::vector<std::pair<Field<int>, Field<S>>> R::*m, const Contract<S>& sub) {
    Decl d = add(std::move(key), FieldKind::YearMap, [m, &sub](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      if (!contract_detail::expect_year_map(n, ctx, name)) return false;
      bool ok = true;
      for (const auto& [k, v] : n.entries) {
        Field<int> year;
        if (!contract_detail::read_year(k, ctx, name, year)) {
          ok = false;
          continue;
        }
        Field<S> one;
        one.pos = ctx.at(v);
        one.present = true;
        ok = read_nested(v, sub, ctx, f.key + "." + std::to_string(year.value), one.value, ctx.at(k)) && ok;
        (r.*m).push_back({year, std::move(one)});
      }
      return ok;
    });
    fields.back().nested = &sub;
    return d;
  }

  std::vector<Reader> readers;  ///< parallel to `fields`

 private:
  Decl add(std::string key, FieldKind kind, Reader reader) {
    FieldInfo f;
    f.key = std::move(key);
    f.kind = kind;
    fields.push_back(std::move(f));
    readers.push_back(std::move(reader));
    return Decl(*this, fields.size() - 1);
  }
  Decl scalar(std::string key, FieldKind kind, Text R::*m) {
    return add(std::move(key), kind, [m](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      return contract_detail::read_text(n, f, ctx, name, r.*m);
    });
  }
  Decl list(std::string key, FieldKind kind, TextList R::*m) {
    return add(std::move(key), kind, [m](R& r, const YamlNode& n, FileContext& ctx, const FieldInfo& f, const std::string& name) {
      return contract_detail::read_text_list(n, f, ctx, name, r.*m);
    });
  }

  template <class S>
  static bool read_nested(const YamlNode& n, const Contract<S>& sub, FileContext& ctx, const std::string& name, S& out,
                          std::optional<Position> missing_at = std::nullopt) {
    return sub.read(&n, missing_at ? *missing_at : ctx.at(n), ctx, name, out);
  }

 public:
  /// Checks `map` against the contract and fills `out`. `map` may be null (an empty file);
  /// missing required keys are then reported at `missing_at`. `where` prefixes key names
  /// in messages («mentor»). Returns false when an error was reported.
  bool read(const YamlNode* map, Position missing_at, FileContext& ctx, std::string_view where, R& out) const {
    return contract_detail::read_map(map, missing_at, *this, ctx, where,
                                     [&](size_t i, const YamlNode& value, const std::string& name) {
                                       return readers[i](out, value, ctx, fields[i], name);
                                     });
  }
};

/// Reads a whole file's YAML (front matter or a data file) into `out`.
template <class R>
bool read_record(const YamlNode& root, const Contract<R>& contract, FileContext& ctx, R& out) {
  return contract.read(&root, root.is_map() ? ctx.at(root) : ctx.start(), ctx, {}, out);
}

}  // namespace nastavnik
