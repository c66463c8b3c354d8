#pragma once
// The browser editor's configuration (Decap CMS, admin/config.yml), made from the same
// declarations of the contract that reading and validation use (contract/declarations.cpp):
// one form field per key, with the widget of its kind, a Russian label and hint, required
// when the contract requires it, a pattern where the contract checks a shape. A key added to
// the contract is in the forms at the next build.
//
//   Json config = decap_config(site.editor, {EditorOrg{…}}, "https://…/school-1/");
//   std::string yml = to_yaml(config);
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/contract.h"
#include "contract/records.h"
#include "contract/section.h"

namespace nastavnik {

/// The configuration as data: an ordered tree, written as YAML by to_yaml.
using Json = nlohmann::ordered_json;

/// The format of mentors.yaml's collection, which the editor page registers with Decap: the
/// file's list at its root is the entry's field kMentorsField.
inline constexpr const char* kMentorsFormat = "nastavnik-mentors";
inline constexpr const char* kMentorsField = "mentors";

/// One organisation whose files an editor page shows.
struct EditorOrg {
  std::string id;          ///< its folder in the content
  std::string name;        ///< its short name, for the labels of its collections
  bool indicators = false;  ///< it has indicators.yaml
  bool roadmap = false;    ///< it has roadmap.yaml
  std::vector<int> years;  ///< indicators.yaml's years: one group of fields each in an indicator's values
};

/// The file names new entries get: the entry's `slug` field, which the editor page fills
/// from the title as nastavnik transliterates it (see decap_config.cpp, «Slugs»); news start
/// with their day, as `nastavnik new` names them.
std::string decap_slug_template(Section section);

/// The configuration of an editor page that shows `orgs`: one organisation's page, or the
/// department's with every organisation. `site_url`: the published address the page belongs to.
Json decap_config(const EditorRecord& settings, const std::vector<EditorOrg>& orgs, const std::string& site_url);

/// The names of the collections of Markdown entries (one per section and organisation) in
/// decap_config(…, orgs, …): the editor page gives them the preview of an entry page.
std::vector<std::string> decap_entry_collections(const std::vector<EditorOrg>& orgs);

/// The form field of one key of the contract.
Json decap_field(const FieldInfo& field, const EditorOrg& org);

/// A short Russian label for a field, taken from its description: «Заголовок новости» from
/// «Заголовок новости.», «Черновик» from «true — черновик: не публикуется.»; a choice is
/// named after its vocabulary («Тема приказа»).
std::string field_label(const FieldInfo& field);

/// A subtree written once and named (a YAML anchor: {kYamlAnchor: name, kYamlValue: tree}),
/// then repeated by its name ({kYamlAlias: name}): the department's page has every
/// organisation's forms, mostly the same. Decap's YAML reader resolves aliases.
inline constexpr const char* kYamlAnchor = "$anchor";
inline constexpr const char* kYamlValue = "$value";
inline constexpr const char* kYamlAlias = "$alias";

/// The tree as YAML in block style, every string double-quoted; anchors and aliases as above
/// (names: letters, digits and '-').
std::string to_yaml(const Json& value);

}  // namespace nastavnik
