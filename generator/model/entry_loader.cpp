#include "model/entry_loader.h"

#include "core/strings.h"
#include "load/content_tree.h"
#include "load/front_matter.h"
#include "load/yaml_reader.h"
#include "markdown/markdown.h"
#include "model/attachments.h"
#include "model/privacy.h"
#include "model/schema.h"
#include "text/slug.h"
#include "text/typography.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

const Schema& schema_for(Section s) {
  switch (s) {
    case Section::News: return news_schema();
    case Section::Documents: return document_schema();
    case Section::Orders: return order_schema();
    case Section::Stories: return story_schema();
    case Section::Practices: return practice_schema();
    case Section::Pages: return page_schema();
  }
  return news_schema();
}

Person read_person(const YAML::Node& map) {
  Person p;
  if (!map || !map.IsMap()) return p;
  p.present = true;
  p.name = typograph(get_text(map, "name"));
  p.position = typograph(get_text(map, "position"));
  p.consent = get_bool(map, "consent");
  p.minor = get_bool(map, "minor");
  return p;
}

std::vector<std::string> typographed(std::vector<std::string> items) {
  for (auto& s : items) s = typograph(s);
  return items;
}

struct Loader {
  const fs::path& root;
  Diagnostics& diagnostics;
  const SourceFile& source;
  const YamlContext& ctx;
  const YAML::Node& fm;
  Entry& entry;
  AttachmentList attachments;
  size_t body_offset = 0;  ///< byte offset of the body in the file
  bool hidden_minor = false;  ///< a story with a minor who may not be shown

  int attach(std::string_view key) {
    YAML::Node v = field(fm, key);
    if (!v || !v.IsScalar()) return -1;
    return attachments.add(trim(v.Scalar()), source.path(), ctx.position(v), diagnostics, key == "image");
  }

  std::vector<int> attach_list(std::string_view key, bool images_only) {
    std::vector<int> out;
    YAML::Node v = field(fm, key);
    if (!v) return out;
    auto one = [&](const YAML::Node& item) {
      if (!item.IsScalar()) return;
      int index = attachments.add(trim(item.Scalar()), source.path(), ctx.position(item), diagnostics, images_only);
      if (index >= 0) out.push_back(index);
    };
    if (v.IsScalar()) one(v);
    else if (v.IsSequence()) for (const auto& item : v) one(item);
    return out;
  }

  // 152-ФЗ: a name given without consent must not surface in the text either. The whole
  // name in the text is an error; its surname alone (maybe a namesake) is a warning.
  void check_name_hidden(const Person& person, const char* key, const std::string& role) {
    if (!person.present || person.consent || person.name.empty()) return;
    YAML::Node name_node = field(field(fm, key), "name");
    std::vector<std::pair<std::string, std::string>> texts = {
        {entry.title, "заголовке"}, {get_text(fm, "summary"), "поле summary"}, {get_text(fm, "model"), "поле model"}};
    for (const auto& tag : get_list(fm, "tags")) texts.push_back({tag, "метках tags"});
    for (const auto& r : get_list(fm, "results")) texts.push_back({r, "результатах results"});
    const std::string fix = "; уберите имя из текста или укажите consent: true при наличии письменного согласия";
    for (const auto& [text, where] : texts) {
      if (find_full_name(text, person.name) != std::string_view::npos) {
        ctx.error(name_node, "имя " + role + " указано без согласия (consent: false), но встречается в " + where + fix);
        return;
      }
    }
    auto in_body = [&](size_t at) { return std::to_string(source.position_of(body_offset + at).line); };
    if (size_t at = find_full_name(entry.body_text, person.name); at != std::string_view::npos) {
      ctx.error(name_node, "имя " + role + " указано без согласия (consent: false), но встречается в тексте истории (строка " + in_body(at) + ")" + fix);
    } else if (size_t at = find_name(entry.body_text, person.name); at != std::string_view::npos) {
      ctx.warning(name_node, "фамилия или имя " + role + ", указанного без согласия, встречается в тексте истории (строка " + in_body(at) +
                                 "); если это тот же человек, уберите упоминание");
    }
  }

  void read_details() {
    switch (entry.section) {
      case Section::Documents: {
        DocumentInfo d;
        d.type = get_text(fm, "type");
        d.number = get_text(fm, "number");
        d.approved_by = typograph(get_text(fm, "approved_by"));
        d.valid_until = get_date(fm, "valid_until");
        d.file = attach("file");
        entry.details = d;
        break;
      }
      case Section::Orders: {
        OrderInfo o;
        o.number = get_text(fm, "number");
        o.issuer = typograph(get_text(fm, "issuer"));
        o.topic = get_text(fm, "topic");
        o.file = attach("file");
        entry.details = o;
        break;
      }
      case Section::Stories: {
        StoryInfo s;
        s.form = get_text(fm, "form");
        s.model = typograph(get_text(fm, "model"));
        s.mentor = read_person(field(fm, "mentor"));
        s.mentee = read_person(field(fm, "mentee"));
        YAML::Node period = field(fm, "period");
        s.from = get_date(period, "from");
        s.to = get_date(period, "to");
        if (s.from && s.to && *s.to < *s.from) {
          ctx.error(field(period, "to"), "окончание периода раньше его начала, проверьте даты from и to");
        }
        s.results = typographed(get_list(fm, "results"));
        hidden_minor = (s.mentor.minor && !s.mentor.consent) || (s.mentee.minor && !s.mentee.consent);
        if (YAML::Node image = field(fm, "image"); hidden_minor && image && !image.IsNull()) {
          ctx.error(image, "в истории участвует несовершеннолетний без согласия на публикацию, поэтому иллюстрацию публиковать нельзя; удалите поле image или получите согласие законного представителя (consent: true)");
        }
        YAML::Node photos = field(fm, "photos");
        if (hidden_minor && photos && !get_list(fm, "photos").empty()) {
          ctx.error(photos, "в истории участвует несовершеннолетний без согласия на публикацию, поэтому фотографии публиковать нельзя; удалите поле photos или получите согласие законного представителя (consent: true)");
        } else {
          s.photos = attach_list("photos", true);
        }
        check_name_hidden(s.mentor, "mentor", "наставника");
        check_name_hidden(s.mentee, "mentee", "наставляемого");
        entry.details = s;
        break;
      }
      case Section::Practices: {
        PracticeInfo p;
        p.form = get_text(fm, "form");
        p.authors = typographed(get_list(fm, "authors"));
        p.results = typographed(get_list(fm, "results"));
        p.files = attach_list("files", false);
        p.featured = get_bool(fm, "featured");
        entry.details = p;
        break;
      }
      case Section::Pages: {
        PageInfo p;
        p.weight = get_int(fm, "weight");
        entry.details = p;
        break;
      }
      case Section::News:
        break;
    }
  }
};

}  // namespace

std::string slug_from_file_name(const std::string& file_name) {
  std::string stem = fs::path(file_name).stem().string();
  if (stem.size() > 11 && Date::parse_iso(std::string_view(stem).substr(0, 10)) && stem[10] == '-') stem = stem.substr(11);
  return slugify(stem);
}

std::optional<Entry> load_entry(const fs::path& root, const std::string& org_id, Section section, const std::string& relative,
                                Diagnostics& shared_diagnostics) {
  // Collected per file, so that other threads' reports don't decide this file's fate.
  Diagnostics diagnostics;
  struct Merge {
    Diagnostics& from;
    Diagnostics& to;
    ~Merge() { to.merge(from); }
  } merge{diagnostics, shared_diagnostics};
  auto source = read_source(root, relative, diagnostics);
  if (!source) return std::nullopt;
  FrontMatter split;
  FrontMatterError split_error;
  if (!split_front_matter(source->text(), split, split_error)) {
    diagnostics.error(relative, split_error.pos, split_error.message);
    return std::nullopt;
  }
  YamlContext ctx(*source, split.yaml_offset, diagnostics);
  auto fm = parse_yaml(split.yaml, ctx);
  if (!fm) return std::nullopt;
  const Schema& schema = schema_for(section);
  if (!check_fields(*fm, schema.fields, ctx)) return std::nullopt;

  Entry entry;
  entry.section = section;
  entry.org = org_id;
  entry.source_path = relative;
  entry.title = typograph(get_text(*fm, "title"));
  entry.date = get_date(*fm, "date");
  entry.draft = get_bool(*fm, "draft");
  entry.tags = get_list(*fm, "tags");
  entry.body_text = std::string(split.body);
  entry.body_first_line = split.body_first_line;
  if (YAML::Node slug = field(*fm, "slug"); slug && slug.IsScalar()) {
    entry.slug = slug.Scalar();
    entry.slug_pos = ctx.position(slug);
  } else {
    entry.slug = slug_from_file_name(relative);
    entry.slug_pos = {1, 1};
    if (entry.slug.empty()) {
      diagnostics.error(relative, {1, 1}, "из имени файла не получается адрес страницы, переименуйте файл (буквы и цифры) или добавьте поле slug: latinskoe-imya");
      return std::nullopt;
    }
  }
  fs::path org_dir = root / org_id;
  Loader loader{root, diagnostics, *source, ctx, *fm, entry, AttachmentList(root, org_dir, entry.attachments),
                static_cast<size_t>(split.body.data() - source->text().data())};
  entry.image = loader.attach("image");
  loader.read_details();

  const int line_offset = split.body_first_line - 1;
  if (auto problem = check_markdown_limits(split.body)) {
    diagnostics.error(relative, {problem->pos.line + line_offset, problem->pos.column}, problem->message);
    return std::nullopt;
  }
  auto rendered = render_markdown(split.body, [&](const std::string& url, Position pos) -> std::optional<std::string> {
    if (!is_attachment_link(url)) return std::nullopt;
    std::string path = url.substr(0, url.find_first_of("?#"));
    int index = loader.attachments.add(path, relative, {pos.line + line_offset, pos.column}, diagnostics);
    if (index < 0) return std::nullopt;
    return entry.attachments[static_cast<size_t>(index)].file_name;
  });
  for (const auto& problem : rendered.problems) {
    diagnostics.error(relative, {problem.pos.line + line_offset, problem.pos.column}, problem.message);
  }
  if (loader.hidden_minor && !rendered.images.empty()) {
    const Position& first = rendered.images.front();
    diagnostics.error(relative, {first.line + line_offset, first.column},
                      "в истории участвует несовершеннолетний без согласия на публикацию, поэтому изображения в тексте публиковать нельзя; уберите изображение или получите согласие законного представителя (consent: true)");
  }
  entry.body_html = std::move(rendered.html);
  std::string summary = get_text(*fm, "summary");
  entry.summary = typograph(truncate_words(summary.empty() ? rendered.first_paragraph : summary, 300));
  if (diagnostics.has_errors()) return std::nullopt;
  return entry;
}

}  // namespace nastavnik
