// The browser editor's configuration (editor/decap_config.h) against the contract it is
// made from: every key of every kind of file has its form field, with the widget of its
// kind, required as the contract says, every value of a vocabulary with its Russian name.
// A key added to the contract and missing from the forms fails here.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "contract/declarations.h"
#include "core/source_file.h"
#include "editor/decap_config.h"
#include "read/yaml.h"
#include "validate/files.h"
#include "support.h"
#include "../../fuzz/yaml_events.h"

using namespace nastavnik;

namespace {

EditorOrg school() {
  EditorOrg org;
  org.id = "school-1";
  org.name = "МБОУ СОШ № 1";
  org.indicators = true;
  org.roadmap = true;
  org.years = {2024, 2025};
  return org;
}

EditorRecord settings() {
  EditorRecord s;
  s.repo = {"uo/nastavnik", {}, true};
  s.gitlab = {"https://gitlab.example.ru/", {}, true};
  s.app_id = {"0123abcd", {}, true};
  return s;
}

const Json* find_named(const Json& list, const std::string& name) {
  for (const auto& item : list) {
    if (item.value("name", "") == name) return &item;
  }
  return nullptr;
}

const Json& collection(const Json& config, const std::string& name) {
  const Json* c = find_named(config["collections"], name);
  REQUIRE_MESSAGE(c, "no collection " << name);
  return *c;
}

const Json& data_file(const Json& config, const std::string& collection_name, const std::string& name) {
  const Json* f = find_named(collection(config, collection_name)["files"], name);
  REQUIRE_MESSAGE(f, "no file " << name << " in " << collection_name);
  return *f;
}

bool starts_with_cyrillic(const std::string& s) {
  // Cyrillic capitals and small letters are D0 xx / D1 xx in UTF-8; «» open some labels.
  return s.size() >= 2 && ((static_cast<unsigned char>(s[0]) & 0xFE) == 0xD0 || s.rfind("«", 0) == 0);
}

std::string widget_of(FieldKind kind, bool image) {
  switch (kind) {
    case FieldKind::Text:
    case FieldKind::Url:
    case FieldKind::Email:
    case FieldKind::Slug: return "string";
    case FieldKind::Date: return "datetime";
    case FieldKind::Bool: return "boolean";
    case FieldKind::Integer:
    case FieldKind::Number: return "number";
    case FieldKind::Choice:
    case FieldKind::ChoiceList: return "select";
    case FieldKind::FilePath: return image ? "image" : "file";
    case FieldKind::TextList:
    case FieldKind::FilePathList:
    case FieldKind::MapList:
    case FieldKind::IntegerList: return "list";
    case FieldKind::Map:
    case FieldKind::YearMap: return "object";
  }
  return "";
}

// The form's fields against the contract's, key by key, nested groups too.
void check_fields(const Json& fields, const ContractInfo& contract, const EditorOrg& org, const std::string& where,
                  bool markdown = false) {
  std::set<std::string> declared;
  for (const FieldInfo& f : contract.fields) {
    const std::string name = where + "." + f.key;
    declared.insert(f.key);
    const Json* field = find_named(fields, f.key);
    REQUIRE_MESSAGE(field, name << " is in the contract and not in the form");
    const Json& j = *field;
    CHECK_MESSAGE(j["widget"] == widget_of(f.kind, f.image), name);
    // Decap requires a field unless told otherwise.
    CHECK_MESSAGE(j.value("required", true) == f.required, name);
    CHECK_MESSAGE(starts_with_cyrillic(j["label"].get<std::string>()), name << ": label «" << j["label"] << "»");
    CHECK_MESSAGE(j["label"].get<std::string>().size() <= 160, name);  // 80 Cyrillic letters
    if (j.contains("hint")) CHECK_MESSAGE(starts_with_cyrillic(j["hint"].get<std::string>()), name);
    switch (f.kind) {
      case FieldKind::Choice:
      case FieldKind::ChoiceList: {
        const Json& options = j["options"];
        REQUIRE_MESSAGE(options.size() == f.vocabulary->terms.size(), name);
        for (size_t i = 0; i < options.size(); ++i) {
          CHECK_MESSAGE(options[i]["value"] == f.vocabulary->terms[i].id, name);
          CHECK_MESSAGE(options[i]["label"] == f.vocabulary->terms[i].title, name);
          CHECK_MESSAGE(starts_with_cyrillic(options[i]["label"].get<std::string>()), name);
        }
        CHECK_MESSAGE(j.value("multiple", false) == (f.kind == FieldKind::ChoiceList), name);
        break;
      }
      case FieldKind::Slug:
      case FieldKind::Url:
      case FieldKind::Email:
        CHECK_MESSAGE(j["pattern"].size() == 2, name);
        break;
      case FieldKind::Date:
        CHECK_MESSAGE(j["format"] == "YYYY-MM-DD", name);
        CHECK_MESSAGE(j["time_format"] == false, name);
        break;
      case FieldKind::Integer:
        CHECK_MESSAGE(j["value_type"] == "int", name);
        break;
      case FieldKind::FilePath:
        CHECK_MESSAGE(j["choose_url"] == false, name);
        break;
      case FieldKind::TextList:
        CHECK_MESSAGE(j["field"]["widget"] == "string", name);
        CHECK_MESSAGE(j["collapsed"] == false, name);  // the values shown, not the label once per item
        break;
      case FieldKind::FilePathList:
        CHECK_MESSAGE(j["field"]["widget"] == (f.image ? "image" : "file"), name);
        break;
      case FieldKind::IntegerList:
        CHECK_MESSAGE(j["field"]["widget"] == "number", name);
        break;
      case FieldKind::Map:
      case FieldKind::MapList:
        check_fields(j["fields"], *f.nested, org, name);
        break;
      case FieldKind::YearMap:
        REQUIRE_MESSAGE(j["fields"].size() == org.years.size(), name);
        for (size_t i = 0; i < org.years.size(); ++i) {
          const Json& year = j["fields"][i];
          CHECK(year["name"] == std::to_string(org.years[i]));
          CHECK(year["widget"] == "object");
          check_fields(year["fields"], *f.nested, org, name + "." + std::to_string(org.years[i]));
        }
        break;
      default:
        break;
    }
  }
  // Nothing in the form that the contract does not know (a Markdown file's text aside):
  // nastavnik would warn about an unknown key.
  for (const auto& field : fields) {
    const std::string key = field["name"];
    if (markdown && key == "body") continue;
    CHECK_MESSAGE(declared.count(key), where << "." << key << " is in the form and not in the contract");
  }
}

}  // namespace

TEST_CASE("every field of every Markdown kind is in its collection's form, with the widget of its kind") {
  const EditorOrg org = school();
  const Json config = decap_config(settings(), {org}, "https://example.ru/school-1/");
  for (Section s : kAllSections) {
    CAPTURE(section_id(s));
    const Json& c = collection(config, section_id(s));
    CHECK(c["folder"] == std::string("content/school-1/") + section_id(s));
    CHECK(c["create"] == true);
    CHECK(c["format"] == "frontmatter");
    CHECK(c["label"] == section_title(s));
    CHECK(c["media_folder"] == "/content/school-1/files");
    CHECK(c["public_folder"] == "files");
    CHECK(c["slug"] == decap_slug_template(s));
    check_fields(c["fields"], section_contract(s), org, section_id(s), true);
    const Json* body = find_named(c["fields"], "body");
    REQUIRE(body);
    CHECK((*body)["widget"] == "markdown");
  }
}

TEST_CASE("the data files of an organisation are a file collection, each file's form its contract") {
  const EditorOrg org = school();
  const Json config = decap_config(settings(), {org}, "https://example.ru/school-1/");
  const Json& data = collection(config, "data");
  CHECK(data["media_folder"] == "/content/school-1/files");
  CHECK(data["public_folder"] == "files");
  struct Expected {
    const char* name;
    const char* file;
    const ContractInfo& contract;
  };
  for (const Expected& e : {Expected{"org", "content/school-1/org.yaml", org_contract()},
                            Expected{"index", "content/school-1/_index.md", index_contract()},
                            Expected{"indicators", "content/school-1/indicators.yaml", indicators_contract()},
                            Expected{"roadmap", "content/school-1/roadmap.yaml", roadmap_contract()}}) {
    CAPTURE(std::string(e.name));
    const Json& f = data_file(config, "data", e.name);
    CHECK(f["file"] == e.file);
    CHECK(f["label"] == e.contract.title);
    check_fields(f["fields"], e.contract, org, e.name, std::string(e.name) == "index");
  }
}

TEST_CASE("every kind of file is in the forms, or is left out for a stated reason") {
  // The reasons, so that a new kind of file fails here until it has its form or its reason:
  // site.yaml holds the portal's settings (the editor's own among them), not a curator's
  // content.
  const std::set<std::string> left_out = {"site"};
  const EditorOrg org = school();
  const Json config = decap_config(settings(), {org}, "https://example.ru/school-1/");
  std::set<std::string> in_forms;
  for (Section s : kAllSections) {
    if (find_named(config["collections"], section_id(s))) in_forms.insert(section_contract(s).id);
  }
  for (const char* files : {"data", "mentors"}) {
    for (const auto& f : collection(config, files)["files"]) in_forms.insert(f["name"].get<std::string>());
  }
  for (const ContractInfo* c : all_contracts()) {
    CHECK_MESSAGE((in_forms.count(c->id) + left_out.count(c->id)) == 1, c->id << " (" << c->title << ")");
  }
}

TEST_CASE("mentors.yaml, a list at its root, is one list field of the mentor's form, in nastavnik's format") {
  const EditorOrg org = school();
  const Json config = decap_config(settings(), {org}, "https://example.ru/school-1/");
  const Json& c = collection(config, "mentors");
  // Decap's own YAML reads only a map at the root: the editor page registers this format.
  CHECK(c["format"] == kMentorsFormat);
  CHECK(c["media_folder"] == "/content/school-1/files");
  REQUIRE(c["files"].size() == 1);
  const Json& file = c["files"][0];
  CHECK(file["file"] == "content/school-1/mentors.yaml");
  REQUIRE(file["fields"].size() == 1);
  const Json& list = file["fields"][0];
  CHECK(list["name"] == kMentorsField);
  CHECK(list["widget"] == "list");
  CHECK(list["required"] == false);  // an empty base of mentors is allowed
  check_fields(list["fields"], mentor_contract(), org, "mentors", false);
  const Json* consent = find_named(list["fields"], "consent");
  REQUIRE(consent);
  CHECK((*consent)["widget"] == "boolean");
  CHECK((*consent)["default"] == false);
}

TEST_CASE("an organisation without indicators or a roadmap gets no form for them") {
  EditorOrg org = school();
  org.indicators = org.roadmap = false;
  const Json config = decap_config(settings(), {org}, "https://example.ru/school-1/");
  CHECK_FALSE(find_named(collection(config, "data")["files"], "indicators"));
  CHECK_FALSE(find_named(collection(config, "data")["files"], "roadmap"));
  CHECK(find_named(collection(config, "data")["files"], "org"));
}

TEST_CASE("the department's editor shows every organisation, each collection named after its folder") {
  EditorOrg dept = school();
  dept.id = "uo";
  dept.name = "ГУО";
  const Json config = decap_config(settings(), {dept, school()}, "https://example.ru/");
  CHECK(config["collections"].size() == 2 * (kSectionCount + 2));  // the sections, the data files, the mentors
  const Json& news = collection(config, "school-1-news");
  CHECK(news["folder"] == "content/school-1/news");
  CHECK(news["label"] == "Новости — МБОУ СОШ № 1");
  CHECK(news["media_folder"] == "/content/school-1/files");
  CHECK(collection(config, "uo-orders")["folder"] == "content/uo/orders");
  CHECK(data_file(config, "uo-data", "org")["file"] == "content/uo/org.yaml");
  CHECK(config["media_folder"] == "content/uo/files");
  // The collections the page gives the preview of an entry page: every folder collection.
  const std::vector<std::string> entries = decap_entry_collections({dept, school()});
  CHECK(entries.size() == 2 * kSectionCount);
  size_t folders = 0;
  for (const auto& c : config["collections"]) folders += c.contains("folder");
  CHECK(folders == entries.size());
  for (const std::string& name : entries) CHECK(collection(config, name).contains("folder"));
}

TEST_CASE("GitLab login with PKCE, the editorial workflow and the Russian interface") {
  Json config = decap_config(settings(), {school()}, "https://example.ru/school-1/");
  const Json& backend = config["backend"];
  CHECK(backend["name"] == "gitlab");
  CHECK(backend["repo"] == "uo/nastavnik");
  CHECK(backend["auth_type"] == "pkce");
  CHECK(backend["app_id"] == "0123abcd");
  CHECK(backend["base_url"] == "https://gitlab.example.ru");
  CHECK(backend["api_root"] == "https://gitlab.example.ru/api/v4");
  CHECK(backend["branch"] == "main");
  CHECK(config["publish_mode"] == "editorial_workflow");
  CHECK(config["locale"] == "ru");
  CHECK(config["site_url"] == "https://example.ru/school-1/");
  // Decap's slugs keep the Russian words: nastavnik transliterates the file name itself.
  CHECK(config["slug"]["encoding"] == "unicode");
  CHECK(config["slug"]["clean_accents"] == false);

  EditorRecord other;
  other.branch = {"master", {}, true};
  other.content = {"/site/content/", {}, true};
  config = decap_config(other, {school()}, "https://example.ru/school-1/");
  CHECK(config["backend"]["base_url"] == "https://gitlab.com");
  CHECK(config["backend"]["branch"] == "master");
  CHECK_FALSE(config["backend"].contains("repo"));
  CHECK(collection(config, "news")["folder"] == "site/content/school-1/news");
  CHECK(collection(config, "news")["media_folder"] == "/site/content/school-1/files");
}

TEST_CASE("labels are short Russian names taken from the descriptions") {
  auto label = [](const ContractInfo& c, const std::string& key) { return field_label(*c.find(key)); };
  CHECK(label(news_contract(), "title") == "Заголовок новости");
  CHECK(label(news_contract(), "date") == "Дата новости");
  CHECK(label(news_contract(), "draft") == "Черновик");
  CHECK(label(order_contract(), "topic") == "Тема приказа");
  CHECK(label(order_contract(), "number") == "Номер приказа");
  CHECK(label(document_contract(), "valid_until") == "Срок действия");
  CHECK(label(story_contract(), "mentor") == "Наставник");
  CHECK(label(story_contract(), "form") == "Форма наставничества");
  CHECK(label(practice_contract(), "featured") == "Показать в банке лучших практик на главной странице портала");
  CHECK(field_label(*story_contract().find("mentor")->nested->find("consent")) == "Есть письменное согласие на публикацию имени");
  CHECK(field_label(*story_contract().find("mentor")->nested->find("minor")) == "Несовершеннолетний");
  CHECK(label(news_contract(), "namesakes") == "Тёзки");
}

TEST_CASE("a group's hint keeps what its description says beyond the names of its keys") {
  const EditorOrg org = school();
  // «Наставник: name, position, consent, minor. Зачем имя, …»: the keys are fields of the group.
  const Json mentor = decap_field(*story_contract().find("mentor"), org);
  REQUIRE(mentor.contains("hint"));
  CHECK(mentor["hint"].get<std::string>().rfind("Зачем имя, если его нельзя публиковать", 0) == 0);
  CHECK(decap_field(*story_contract().find("mentee"), org).count("hint") == 0);  // only its keys
  CHECK(decap_field(*story_contract().find("period"), org).count("hint") == 0);
  // No hint of any group in any form names a key of the group.
  for (const ContractInfo* c : all_contracts()) {
    for (const auto& f : c->fields) {
      if (!f.nested) continue;
      CAPTURE(c->id + "." + f.key);
      const Json field = decap_field(f, org);
      if (!field.contains("hint")) continue;
      const std::string hint = field["hint"];
      for (const auto& key : f.nested->fields) {
        for (size_t at = hint.find(key.key); at != std::string::npos; at = hint.find(key.key, at + 1)) {
          const auto ascii_letter = [](char ch) { return (ch >= 'a' && ch <= 'z') || ch == '_'; };
          const bool word = (at == 0 || !ascii_letter(hint[at - 1])) &&
                            (at + key.key.size() == hint.size() || !ascii_letter(hint[at + key.key.size()]));
          CHECK_MESSAGE(!word, hint);
        }
      }
    }
  }
}

namespace {

// The YAML text against the tree it was written from.
void same(const YamlNode& node, const Json& value, const std::string& where) {
  if (value.is_object()) {
    REQUIRE_MESSAGE(node.is_map(), where);
    REQUIRE_MESSAGE(node.entries.size() == value.size(), where);
    size_t i = 0;
    for (const auto& [key, v] : value.items()) {
      CHECK_MESSAGE(node.entries[i].first.scalar == key, where);
      same(node.entries[i].second, v, where + "." + key);
      ++i;
    }
  } else if (value.is_array()) {
    REQUIRE_MESSAGE(node.is_sequence(), where);
    REQUIRE_MESSAGE(node.items.size() == value.size(), where);
    for (size_t i = 0; i < value.size(); ++i) same(node.items[i], value[i], where + "[" + std::to_string(i) + "]");
  } else {
    REQUIRE_MESSAGE(node.is_scalar(), where);
    CHECK_MESSAGE(node.scalar == (value.is_string() ? value.get<std::string>() : value.dump()), where);
    CHECK_MESSAGE(node.plain == !value.is_string(), where);
  }
}

}  // namespace

TEST_CASE("config.yml is the configuration's tree written as YAML") {
  const Json config = decap_config(settings(), {school()}, "https://example.ru/school-1/");
  YamlError error;
  auto doc = parse_yaml(to_yaml(config), error);
  REQUIRE_MESSAGE(doc, error.message);
  same(*doc, config, "config");
}

TEST_CASE("the department's config.yml writes each form once and names it for the other organisations") {
  EditorOrg dept = school();
  dept.id = "uo";
  EditorOrg other = school();
  other.id = "school-2";
  other.years = {2023, 2024};  // its indicators have other years: a form of their own
  const std::string yml = to_yaml(decap_config(settings(), {dept, school(), other}, "https://example.ru/"));
  auto count = [&](const std::string& text) {
    size_t n = 0;
    for (size_t at = yml.find(text); at != std::string::npos; at = yml.find(text, at + 1)) ++n;
    return n;
  };
  for (Section s : kAllSections) {
    CAPTURE(section_id(s));
    CHECK(count(std::string("fields: &") + section_id(s) + "\n") == 1);
    CHECK(count(std::string("fields: *") + section_id(s) + "\n") == 2);
  }
  CHECK(count("fields: &mentor\n") == 1);
  CHECK(count("fields: *mentor\n") == 2);
  CHECK(count("fields: &indicators-2024-2025\n") == 1);
  CHECK(count("fields: *indicators-2024-2025\n") == 1);  // school-1 has the department's years
  CHECK(count("fields: &indicators-2023-2024\n") == 1);
  // One organisation's page has nothing to share.
  CHECK(to_yaml(decap_config(settings(), {school()}, "https://example.ru/school-1/")).find(": &") == std::string::npos);
}

TEST_CASE("a field an editor cleared, written as an empty text, is read as a missing one") {
  // Decap writes `key: ""` for an optional field emptied in the form.
  const std::string yaml = "title: \"Новость\"\ndate: 2025-10-03\nslug: \"\"\nimage: \"\"\nsummary: \"\"\n";
  SourceFile source("school-1/news/x.md", "---\n" + yaml + "---\nТекст.\n");
  Diagnostics diagnostics;
  auto doc = parse_yaml_at(source, std::string_view(source.text()).substr(4, yaml.size()), 2, diagnostics);
  REQUIRE(doc);
  FileContext ctx(source.path(), 2, diagnostics);
  NewsFront front;
  CHECK(read_record(*doc, news_contract(), ctx, front));
  CHECK(test::formatted(diagnostics).empty());
  CHECK_FALSE(front.slug.present);
  CHECK_FALSE(front.image.present);
  // A required one is still refused.
  SourceFile empty_title("x.md", "title: \"\"\ndate: 2025-10-03\n");
  auto doc2 = parse_yaml_at(empty_title, empty_title.text(), 1, diagnostics);
  REQUIRE(doc2);
  FileContext ctx2(empty_title.path(), 1, diagnostics);
  NewsFront front2;
  CHECK_FALSE(read_record(*doc2, news_contract(), ctx2, front2));
}

TEST_CASE("a build writes an editor page and its configuration per organisation and the department's, none in the sitemap") {
  const MemorySource source = test::source_from("content");
  test::Built built;
  test::build(source, built);
  REQUIRE(built.report.ok);
  for (const std::string folder : {"admin/", "school-1/admin/", "guo-chernogorsk/admin/"}) {
    CAPTURE(folder);
    const std::string& page = built.file(folder + "index.html");
    CHECK(page.find("<meta name=\"robots\" content=\"noindex, nofollow\">") != std::string::npos);
    // This build has no Decap CMS files: the page says so and loads no script.
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("Редактор в\u00a0браузере не\u00a0установлен") != std::string::npos);
    std::string error;  // libyaml: the department's has anchors, which nastavnik's reader refuses in content
    CHECK_MESSAGE(fuzz::yaml_events(built.file(folder + "config.yml"), &error), error);
  }
  CHECK(built.file("school-1/admin/config.yml").find("folder: \"content/school-1/news\"") != std::string::npos);
  CHECK(built.file("school-1/admin/config.yml").find("content/licey/") == std::string::npos);
  CHECK(built.file("admin/config.yml").find("folder: \"content/licey/news\"") != std::string::npos);
  CHECK(built.file("sitemap.xml").find("admin") == std::string::npos);
}

TEST_CASE("with Decap CMS's files the build publishes them once and every editor page loads the script") {
  Theme theme = test::embedded();
  auto files = std::make_shared<MemorySource>();
  files->add("decap-cms/dist/decap-cms.js", "/* the CMS */");
  files->add("decap-cms/dist/7.decap-cms.js", "/* a chunk */");
  files->add("js-yaml/dist/browser/js-yaml.umd.min.js", "/* YAML */");
  theme.set_editor_files(EditorFiles{files, {"decap-cms/dist/7.decap-cms.js", "decap-cms/dist/decap-cms.js",
                                             "js-yaml/dist/browser/js-yaml.umd.min.js"}});
  const MemorySource source = test::source_from("content");
  test::Built built;
  built.report = build_site(source, theme, built.sink, test::kEpoch, 2, built.diagnostics);
  REQUIRE(built.report.ok);
  CHECK(built.file("assets/decap-cms/decap-cms.js") == "/* the CMS */");
  CHECK(built.file("assets/decap-cms/7.decap-cms.js") == "/* a chunk */");
  CHECK(built.file("assets/decap-cms/js-yaml.umd.min.js") == "/* YAML */");
  const std::string& page = built.file("school-1/admin/index.html");
  // js-yaml first: the format of mentors.yaml, registered after the CMS, uses it.
  CHECK(page.find("<script src=\"../../assets/decap-cms/js-yaml.umd.min.js\"></script>\n"
                  "<script src=\"../../assets/decap-cms/decap-cms.js\"></script>") != std::string::npos);
  CHECK(page.find("CMS.registerCustomFormat(\"nastavnik-mentors\", \"yaml\"") != std::string::npos);
  CHECK(page.find("CMS.registerPreviewTemplate(\"stories\", nastavnikPreview);") != std::string::npos);
  CHECK(built.file("admin/index.html").find("CMS.registerPreviewTemplate(\"school-1-stories\", nastavnikPreview);") != std::string::npos);
  CHECK(page.find("CMS.registerPreviewStyle(\"../../assets/style.css\")") != std::string::npos);
  CHECK(built.file("admin/index.html").find("<script src=\"../assets/decap-cms/decap-cms.js\"></script>") != std::string::npos);
  CHECK(page.find("не установлен") == std::string::npos);
}
