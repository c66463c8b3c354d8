#pragma once
// The content contract as data. The validator walks these definitions, and the editors'
// field reference is generated from them, so the two cannot drift apart.
#include <string>
#include <vector>

namespace nastavnik {

enum class FieldType {
  Text,        ///< a string (numbers are accepted and read as text)
  Date,        ///< YYYY-MM-DD
  Bool,        ///< true | false
  Integer,     ///< a whole number
  Choice,      ///< one of `choices`
  TextList,    ///< [a, b]
  ChoiceList,  ///< [a, b], each one of `choices`
  FilePath,    ///< files/name.ext inside the organisation's folder
  FilePathList,
  Url,         ///< http:// or https://
  Email,
  Slug,        ///< [a-z0-9-]
  Map,         ///< a nested map described by `fields`
  MapList,     ///< a list of maps, each described by `fields`
  YearMap,     ///< keys are years (2022: …), each value a map described by `fields`
  IntegerList, ///< [2022, 2023]
};

struct FieldSpec {
  std::string key;
  FieldType type = FieldType::Text;
  bool required = false;
  std::string doc;  ///< Russian, for editors
  std::vector<std::string> choices;
  std::vector<FieldSpec> fields;  ///< for Map
};

/// One kind of content file: where it lives and what it may hold.
struct Schema {
  std::string id;        ///< "news", "org", ...
  std::string title;     ///< Russian name of the kind
  std::string location;  ///< where such files live, e.g. "<org>/news/*.md"
  std::vector<FieldSpec> fields;
};

const Schema& site_schema();
const Schema& org_schema();
const Schema& index_schema();
const Schema& news_schema();
const Schema& document_schema();
const Schema& order_schema();
const Schema& story_schema();
const Schema& practice_schema();
const Schema& page_schema();
const Schema& mentor_schema();
const Schema& indicators_schema();
const Schema& roadmap_schema();
/// Every schema, in the order of the reference.
std::vector<const Schema*> all_schemas();

/// Human text for a field type, for messages: «дата в формате ГГГГ-ММ-ДД».
std::string describe_type(const FieldSpec& spec);

}  // namespace nastavnik
