#include "editor/decap_config.h"

#include <algorithm>
#include <set>

#include "contract/declarations.h"
#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

// Slugs. Decap makes a new file's name from the title with its own sanitiser, which does
// not transliterate: with `encoding: ascii` a Russian title loses every letter
// («Новость» → ""). So the file name is made of the entry's `slug` field, which the editor
// page fills, for a new entry whose field is empty, with nastavnik's own transliteration of
// the title (render/editor_page.cpp): the file is named as `nastavnik new` names it
// («2026-11-20-den-nastavnika.md») and the page's address is the one `new` gives. Decap's
// sanitiser then sees ASCII only; `unicode` keeps it from touching what it cannot read,
// `clean_accents` stays off (it would make «й» an «и» before nastavnik sees it).
Json slug_settings() {
  return Json{{"encoding", "unicode"}, {"clean_accents", false}, {"sanitize_replacement", "-"}};
}

// The checks nastavnik makes of a shape (contract/read.cpp), as the form's patterns: the
// form refuses what `check` would.
Json pattern_of(FieldKind kind) {
  switch (kind) {
    case FieldKind::Slug:
      return Json::array({"^(?=.{1,100}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$",
                          "Только строчные латинские буквы, цифры и дефис, не больше 100 символов: school-1"});
    case FieldKind::Url:
      return Json::array({"^https?://[^\\s\"<>]{2,}$", "Адрес сайта, начинающийся с https://"});
    case FieldKind::Email:
      return Json::array({"^[^@\\s\"<>,;]+@[^@\\s\"<>,;]+$", "Адрес электронной почты вида name@school.ru"});
    default:
      return nullptr;
  }
}

Json options_of(const Vocabulary& vocabulary) {
  Json out = Json::array();
  for (const auto& t : vocabulary.terms) out.push_back(Json{{"label", t.title}, {"value", t.id}});
  return out;
}

// The widget of one value of a list: a line of text, a file, a number.
Json item_field(const std::string& label, Json widget) {
  Json out{{"label", label}, {"name", "item"}};
  out.update(widget);
  return out;
}

// A list of single values (texts, files, years): shown open, each value in its own input;
// collapsed, Decap shows the list's label for every item instead of its value.
Json value_list(const std::string& label, Json widget) {
  return Json{{"widget", "list"}, {"collapsed", false}, {"field", item_field(label, std::move(widget))}};
}

Json file_widget(const FieldInfo& f) {
  // Files come from the organisation's files/ (the collection's media folder); a link to
  // another site is refused by nastavnik, so the form offers none.
  return Json{{"widget", f.image ? "image" : "file"}, {"choose_url", false}};
}

Json fields_of(const ContractInfo& contract, const EditorOrg& org) {
  Json out = Json::array();
  for (const auto& f : contract.fields) out.push_back(decap_field(f, org));
  return out;
}

Json body_field() {
  // Raw HTML is refused by nastavnik: the rich text editor offers only what Markdown writes.
  return Json{{"label", "Текст"},
              {"name", "body"},
              {"widget", "markdown"},
              {"required", false},
              {"modes", Json::array({"rich_text", "raw"})},
              {"editor_components", Json::array({"image"})},
              {"hint", "Текст страницы. Ссылки на файлы и картинки — из папки files/ организации."}};
}

// A section's fields, made once: they depend on the contract only.
const Json& section_fields(Section s) {
  static const std::vector<Json> all = [] {
    std::vector<Json> out;
    for (Section section : kAllSections) {
      Json fields = fields_of(section_contract(section), EditorOrg{});
      fields.push_back(body_field());
      out.push_back(std::move(fields));
    }
    return out;
  }();
  return all[index_of(s)];
}

std::string trimmed_folder(std::string folder, const char* fallback) {
  while (!folder.empty() && folder.back() == '/') folder.pop_back();
  while (!folder.empty() && folder.front() == '/') folder.erase(0, 1);
  return folder.empty() ? fallback : folder;
}

Json backend_of(const EditorRecord& s) {
  std::string gitlab = s.gitlab.present ? s.gitlab.value : "https://gitlab.com/";
  while (!gitlab.empty() && gitlab.back() == '/') gitlab.pop_back();
  Json out{{"name", "gitlab"}};
  if (s.repo.present) out["repo"] = s.repo.value;
  out["branch"] = s.branch.present ? s.branch.value : "main";
  // PKCE: editors log in with their GitLab account in the browser; no server of our own.
  out["auth_type"] = "pkce";
  if (s.app_id.present) out["app_id"] = s.app_id.value;
  out["base_url"] = gitlab;
  out["api_root"] = gitlab + "/api/v4";
  return out;
}

// A group's description, written for YAML, names its keys («Наставник: name, position,
// consent, minor.», «у каждого id, title, unit и values»); in a form each of those is a field
// with its own label and hint. The hint keeps the sentences that name none of them.
std::string without_key_sentences(const std::string& doc, const ContractInfo& nested) {
  auto names_a_key = [&](std::string_view sentence) {
    for (size_t i = 0; i < sentence.size();) {
      if (!(sentence[i] >= 'a' && sentence[i] <= 'z')) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < sentence.size() && ((sentence[end] >= 'a' && sentence[end] <= 'z') || sentence[end] == '_')) ++end;
      const std::string_view word = sentence.substr(i, end - i);
      for (const auto& f : nested.fields) {
        if (f.key == word) return true;
      }
      i = end;
    }
    return false;
  };
  std::string out;
  for (size_t start = 0; start < doc.size();) {
    size_t end = doc.find(". ", start);
    end = end == std::string::npos ? doc.size() : end + 1;
    const std::string_view sentence = std::string_view(doc).substr(start, end - start);
    if (!names_a_key(sentence)) out += (out.empty() ? "" : " ") + std::string(sentence);
    start = end;
    while (start < doc.size() && doc[start] == ' ') ++start;
  }
  return out;
}

}  // namespace

std::string field_label(const FieldInfo& f) {
  if (f.kind == FieldKind::Choice && f.vocabulary) return upper_first(f.vocabulary->name);
  std::string doc = f.doc;
  if (doc.rfind("true — ", 0) == 0) doc.erase(0, std::string("true — ").size());
  for (size_t at; (at = doc.find(", ГГГГ-ММ-ДД")) != std::string::npos;) doc.erase(at, std::string(", ГГГГ-ММ-ДД").size());
  size_t end = doc.size();
  for (std::string_view stop : {". ", ":", ";", " (", " — "}) end = std::min(end, doc.find(stop));
  doc.resize(end);
  while (!doc.empty() && (doc.back() == '.' || doc.back() == ' ')) doc.pop_back();
  return doc.empty() ? f.key : upper_first(doc);
}

Json decap_field(const FieldInfo& f, const EditorOrg& org) {
  const std::string label = field_label(f);
  Json out{{"label", label}, {"name", f.key}};
  switch (f.kind) {
    case FieldKind::Text:
      out["widget"] = "string";
      break;
    case FieldKind::Url:
    case FieldKind::Email:
    case FieldKind::Slug:
      out["widget"] = "string";
      out["pattern"] = pattern_of(f.kind);
      break;
    case FieldKind::Date:
      // A calendar; the value is written as nastavnik reads it, 2024-09-01. An optional
      // date starts empty (Decap's default is today).
      out.update(Json{{"widget", "datetime"}, {"format", "YYYY-MM-DD"}, {"date_format", "DD.MM.YYYY"},
                      {"time_format", false}, {"picker_utc", true}});
      if (!f.required) out["default"] = "";
      break;
    case FieldKind::Bool:
      out.update(Json{{"widget", "boolean"}, {"default", false}});
      break;
    case FieldKind::Integer:
      out.update(Json{{"widget", "number"}, {"value_type", "int"}});
      break;
    case FieldKind::Number:
      out.update(Json{{"widget", "number"}, {"value_type", "float"}});
      break;
    case FieldKind::Choice:
    case FieldKind::ChoiceList:
      out.update(Json{{"widget", "select"}, {"options", options_of(*f.vocabulary)}});
      if (f.kind == FieldKind::ChoiceList) out["multiple"] = true;
      break;
    case FieldKind::FilePath:
      out.update(file_widget(f));
      break;
    case FieldKind::TextList:
      out.update(value_list(label, Json{{"widget", "string"}}));
      break;
    case FieldKind::FilePathList:
      out.update(value_list(label, file_widget(f)));
      break;
    case FieldKind::IntegerList:
      out.update(value_list(label, Json{{"widget", "number"}, {"value_type", "int"}}));
      break;
    case FieldKind::Map:
      out.update(Json{{"widget", "object"}, {"fields", fields_of(*f.nested, org)}});
      break;
    case FieldKind::MapList:
      out.update(Json{{"widget", "list"}, {"fields", fields_of(*f.nested, org)}});
      break;
    case FieldKind::YearMap: {
      // Keys are years: Decap's groups have fixed names, so the form has one group per year
      // of indicators.yaml's `years` (a year added there gets its group at the next build).
      Json years = Json::array();
      for (int year : org.years) {
        years.push_back(Json{{"label", std::to_string(year) + " год"},
                             {"name", std::to_string(year)},
                             {"widget", "object"},
                             {"required", false},
                             {"fields", fields_of(*f.nested, org)}});
      }
      out.update(Json{{"widget", "object"}, {"fields", years}});
      break;
    }
  }
  // Decap requires every field unless told otherwise; the contract requires few.
  if (!f.required) out["required"] = false;
  // Descriptions written for YAML: «true — черновик: не публикуется.» needs no «true» beside
  // a check box; «planned — запланировано, …» only repeats the drop-down list.
  const std::string_view yes = "true — ";
  const bool lists_ids = f.vocabulary && !f.vocabulary->terms.empty() && f.doc.rfind(f.vocabulary->terms.front().id + " — ", 0) == 0;
  // «Заголовок новости.» under the label «Заголовок новости» says nothing more.
  const bool only_label = f.doc == label + ".";
  const std::string doc = f.nested ? without_key_sentences(f.doc, *f.nested) : f.doc;
  if (doc.rfind(yes, 0) == 0) out["hint"] = upper_first(doc.substr(yes.size()));
  else if (!doc.empty() && !lists_ids && !only_label) out["hint"] = doc;
  return out;
}

std::string decap_slug_template(Section section) {
  return section == Section::News ? "{{year}}-{{month}}-{{day}}-{{fields.slug}}" : "{{fields.slug}}";
}

namespace {

// One organisation: its collections by their own names; the department's page prefixes
// each with the organisation's folder.
std::string collection_name(const std::vector<EditorOrg>& orgs, const EditorOrg& org, std::string_view name) {
  return orgs.size() > 1 ? org.id + "-" + std::string(name) : std::string(name);
}

}  // namespace

std::vector<std::string> decap_entry_collections(const std::vector<EditorOrg>& orgs) {
  std::vector<std::string> out;
  for (const EditorOrg& org : orgs) {
    for (Section s : kAllSections) out.push_back(collection_name(orgs, org, section_id(s)));
  }
  return out;
}

Json decap_config(const EditorRecord& settings, const std::vector<EditorOrg>& orgs, const std::string& site_url) {
  const std::string content = trimmed_folder(settings.content.value, "content");
  // The department's page names the organisation in each label too.
  const bool many = orgs.size() > 1;
  auto name_of = [&](const EditorOrg& org, const std::string& name) { return collection_name(orgs, org, name); };
  auto label_of = [&](const EditorOrg& org, const std::string& label) { return many ? label + " — " + org.name : label; };
  // A form that is the same for several organisations: the department's page writes it once,
  // as a YAML anchor, and names it for every other organisation (see to_yaml).
  std::set<std::string> anchored;
  auto shared = [&](const std::string& name, const auto& make) -> Json {
    if (!many) return make();
    if (anchored.insert(name).second) return Json{{kYamlAnchor, name}, {kYamlValue, make()}};
    return Json{{kYamlAlias, name}};
  };
  auto media = [&](const EditorOrg& org, Json& collection) {
    // Uploads go to the organisation's files/ and are written as nastavnik reads them:
    // files/name.pdf, relative to the organisation's folder. A leading '/' makes the folder
    // relative to the repository, not to the entry.
    collection["media_folder"] = "/" + content + "/" + org.id + "/files";
    collection["public_folder"] = "files";
  };

  Json collections = Json::array();
  for (const EditorOrg& org : orgs) {
    const std::string folder = content + "/" + org.id;
    for (Section s : kAllSections) {
      const ContractInfo& contract = section_contract(s);
      Json c{{"name", name_of(org, section_id(s))},
             {"label", label_of(org, section_title(s))},
             {"label_singular", contract.title},
             {"folder", folder + "/" + section_id(s)},
             {"create", true},
             {"extension", "md"},
             {"format", "frontmatter"},
             {"slug", decap_slug_template(s)}};
      media(org, c);
      c["fields"] = shared(section_id(s), [&] { return section_fields(s); });
      collections.push_back(std::move(c));
    }
    Json files = Json::array();
    auto file = [&](const ContractInfo& contract, const std::string& name, const std::string& path, bool markdown) {
      // The forms differ between organisations only in indicators.yaml's years.
      std::string form = name;
      if (name == "indicators") {
        for (int year : org.years) form += "-" + std::to_string(year);
      }
      Json f{{"name", name}, {"label", contract.title}, {"file", folder + "/" + path}};
      f["fields"] = shared(form, [&] {
        Json fields = fields_of(contract, org);
        if (markdown) fields.push_back(body_field());
        return fields;
      });
      files.push_back(std::move(f));
    };
    file(org_contract(), "org", "org.yaml", false);
    file(index_contract(), "index", "_index.md", true);  // saving it makes the tab's text, if there is none yet
    if (org.indicators) file(indicators_contract(), "indicators", "indicators.yaml", false);
    if (org.roadmap) file(roadmap_contract(), "roadmap", "roadmap.yaml", false);
    Json c{{"name", name_of(org, "data")}, {"label", label_of(org, "Данные организации")}};
    media(org, c);
    c["files"] = std::move(files);
    collections.push_back(std::move(c));
    // mentors.yaml is a list at its root, which Decap's own YAML cannot edit
    // (decaporg/decap-cms#531): its collection has a format of ours, which the editor page
    // registers, reading the list into one list field and writing it back as the list.
    const ContractInfo& mentor = mentor_contract();
    Json list{{"label", "Наставники"},
              {"name", kMentorsField},
              {"widget", "list"},
              {"label_singular", "наставника"},
              {"summary", "{{fields.name}} — {{fields.position}}"},
              {"required", false}};
    list["fields"] = shared("mentor", [&] { return fields_of(mentor, org); });
    Json m{{"name", name_of(org, "mentors")},
           {"label", label_of(org, "Наставники")},
           {"format", kMentorsFormat},
           {"extension", "yaml"}};
    media(org, m);
    m["files"] = Json::array({Json{{"name", "mentors"},
                                   {"label", "Наши наставники"},
                                   {"file", folder + "/mentors.yaml"},
                                   {"fields", Json::array({std::move(list)})}}});
    collections.push_back(std::move(m));
  }

  Json config{{"backend", backend_of(settings)}};
  // `decap-server` on this computer, when the page is opened from 127.0.0.1 or localhost
  // (Decap ignores it elsewhere): editing without GitLab, and the browser tests.
  config["local_backend"] = true;
  // Every change is a merge request: the `check` job and the preview review it first.
  config["publish_mode"] = "editorial_workflow";
  config["locale"] = "ru";
  config["site_url"] = site_url;
  config["display_url"] = site_url;
  config["media_folder"] = orgs.empty() ? content + "/files" : content + "/" + orgs.front().id + "/files";
  config["public_folder"] = "files";
  config["slug"] = slug_settings();
  config["collections"] = std::move(collections);
  return config;
}

namespace {

bool plain_key(const std::string& key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string scalar_text(const Json& v) {
  // A JSON string is a YAML double-quoted one, with every control character escaped.
  if (v.is_string()) return v.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (v.is_null()) return "null";
  if (v.is_object()) return "{}";
  if (v.is_array()) return "[]";
  return v.dump();  // true, false, numbers
}

bool is_block(const Json& v) { return (v.is_object() || v.is_array()) && !v.empty(); }

void emit(const Json& v, size_t indent, std::string& out);

void emit_map_entries(const Json& map, size_t indent, bool first_inline, std::string& out) {
  bool first = true;
  for (const auto& [key, value] : map.items()) {
    if (!(first && first_inline)) out.append(indent, ' ');
    first = false;
    out += plain_key(key) ? key : Json(key).dump(-1, ' ', false, Json::error_handler_t::replace);
    out += ':';
    if (value.is_object() && value.contains(kYamlAlias)) {
      out += " *" + value[kYamlAlias].get<std::string>() + '\n';
    } else if (value.is_object() && value.contains(kYamlAnchor)) {
      const Json& shared = value[kYamlValue];
      out += " &" + value[kYamlAnchor].get<std::string>() + '\n';
      emit(shared, shared.is_array() ? indent : indent + 2, out);
    } else if (is_block(value)) {
      out += '\n';
      emit(value, value.is_array() ? indent : indent + 2, out);
    } else {
      out += ' ' + scalar_text(value) + '\n';
    }
  }
}

void emit(const Json& v, size_t indent, std::string& out) {
  if (v.is_object()) {
    emit_map_entries(v, indent, false, out);
    return;
  }
  for (const auto& item : v) {
    out.append(indent, ' ');
    out += "- ";
    if (item.is_object() && !item.empty()) emit_map_entries(item, indent + 2, true, out);
    else if (is_block(item)) {
      out += '\n';
      emit(item, indent + 2, out);
    } else {
      out += scalar_text(item) + '\n';
    }
  }
}

}  // namespace

std::string to_yaml(const Json& value) {
  std::string out;
  if (is_block(value)) emit(value, 0, out);
  else out = scalar_text(value) + "\n";
  return out;
}

}  // namespace nastavnik
