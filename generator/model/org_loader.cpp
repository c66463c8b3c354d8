#include "model/org_loader.h"

#include "core/strings.h"
#include "load/front_matter.h"
#include "load/yaml_reader.h"
#include "markdown/markdown.h"
#include "model/attachments.h"
#include "model/schema.h"
#include "text/russian.h"
#include "text/typography.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

Person read_curator(const YAML::Node& map) {
  Person p;
  if (!map || !map.IsMap()) return p;
  p.present = true;
  p.name = typograph(get_text(map, "name"));
  p.position = typograph(get_text(map, "position"));
  p.email = get_text(map, "email");
  p.phone = get_text(map, "phone");
  p.consent = get_bool(map, "consent");
  return p;
}

bool load_index(const fs::path& root, const std::string& relative, Organisation& org, Diagnostics& diagnostics) {
  auto source = read_source(root, relative, diagnostics);
  if (!source) return false;
  FrontMatter split;
  FrontMatterError split_error;
  std::string_view body = source->text();
  int line_offset = 0;
  // The landing text may come without front matter: it is plain Markdown then.
  if (source->text().rfind("---", 0) == 0) {
    if (!split_front_matter(source->text(), split, split_error)) {
      diagnostics.error(relative, split_error.pos, split_error.message);
      return false;
    }
    YamlContext ctx(*source, split.yaml_offset, diagnostics);
    auto fm = parse_yaml(split.yaml, ctx);
    if (!fm || !check_fields(*fm, index_schema().fields, ctx)) return false;
    org.intro_title = typograph(get_text(*fm, "title"));
    if (YAML::Node image = field(*fm, "image"); image && image.IsScalar()) {
      AttachmentList files(root, root / org.id, org.intro_files);
      org.intro_image = files.add(trim(image.Scalar()), relative, ctx.position(image), diagnostics, true);
      if (org.intro_image < 0) return false;
    }
    body = split.body;
    line_offset = split.body_first_line - 1;
  }
  if (auto problem = check_markdown_limits(body)) {
    diagnostics.error(relative, {problem->pos.line + line_offset, problem->pos.column}, problem->message);
    return false;
  }
  bool ok = true;
  AttachmentList files(root, root / org.id, org.intro_files);
  auto rendered = render_markdown(body, [&](const std::string& url, Position pos) -> std::optional<std::string> {
    if (!is_attachment_link(url)) return std::nullopt;
    int index = files.add(url.substr(0, url.find_first_of("?#")), relative, {pos.line + line_offset, pos.column}, diagnostics);
    if (index < 0) {
      ok = false;
      return std::nullopt;
    }
    return org.intro_files[static_cast<size_t>(index)].file_name;
  });
  for (const auto& problem : rendered.problems) {
    diagnostics.error(relative, {problem.pos.line + line_offset, problem.pos.column}, problem.message);
    ok = false;
  }
  org.intro_html = std::move(rendered.html);
  org.intro_text = std::string(body);
  org.intro_first_line = line_offset + 1;
  return ok;
}

bool load_mentors(const fs::path& root, const std::string& relative, Organisation& org, Diagnostics& diagnostics) {
  auto source = read_source(root, relative, diagnostics);
  if (!source) return false;
  YamlContext ctx(*source, 0, diagnostics);
  auto doc = parse_yaml(source->text(), ctx);
  if (!doc) return false;
  org.has_mentors_file = true;
  if (doc->IsNull()) return true;
  if (!doc->IsSequence()) {
    ctx.error(*doc, "mentors.yaml должен быть списком наставников: каждый начинается со строки «- name: …»");
    return false;
  }
  bool ok = true;
  AttachmentList photos(root, root / org.id, org.mentor_files);
  for (const auto& item : *doc) {
    if (!check_fields(item, mentor_schema().fields, ctx)) {
      ok = false;
      continue;
    }
    Mentor m;
    m.person.present = true;
    m.person.name = typograph(get_text(item, "name"));
    m.person.position = typograph(get_text(item, "position"));
    m.person.consent = get_bool(item, "consent");
    m.forms = get_list(item, "forms");
    m.role = get_text(item, "role");
    if (YAML::Node photo = field(item, "photo"); photo && photo.IsScalar() && m.person.consent) {
      // Without consent a photo identifies the person as surely as a name: it stays unpublished.
      m.photo = photos.add(trim(photo.Scalar()), relative, ctx.position(photo), diagnostics, true);
      if (m.photo < 0) ok = false;
    }
    org.mentors.push_back(std::move(m));
  }
  return ok;
}

}  // namespace

std::optional<SiteConfig> load_site_config(const fs::path& root, Diagnostics& diagnostics) {
  auto source = read_source(root, "site.yaml", diagnostics);
  if (!source) return std::nullopt;
  YamlContext ctx(*source, 0, diagnostics);
  auto doc = parse_yaml(source->text(), ctx);
  if (!doc || !check_fields(*doc, site_schema().fields, ctx)) return std::nullopt;
  SiteConfig config;
  config.title = typograph(get_text(*doc, "title"));
  config.base_url = get_text(*doc, "base_url");
  config.description = typograph(get_text(*doc, "description"));
  config.department = get_text(*doc, "department");
  if (YAML::Node d = field(*doc, "department")) config.department_pos = ctx.position(d);
  bool ok = true;
  if (!config.base_url.empty() && config.base_url.back() != '/') {
    ctx.error(field(*doc, "base_url"), "адрес base_url должен оканчиваться на /, напишите «" + config.base_url + "/»");
    ok = false;
  }
  if (std::string zone = get_text(*doc, "timezone"); !zone.empty()) {
    if (!is_known_time_zone(zone)) {
      ctx.error(field(*doc, "timezone"), "неизвестный часовой пояс «" + zone + "», укажите его как Europe/Moscow или Asia/Krasnoyarsk");
      ok = false;
    }
    config.timezone = zone;
  }
  if (!ok) return std::nullopt;
  return config;
}

std::optional<Organisation> load_organisation(const fs::path& root, const OrgFolder& folder, Diagnostics& diagnostics) {
  const std::string relative = folder.id + "/org.yaml";
  auto source = read_source(root, relative, diagnostics);
  if (!source) return std::nullopt;
  YamlContext ctx(*source, 0, diagnostics);
  auto doc = parse_yaml(source->text(), ctx);
  if (!doc || !check_fields(*doc, org_schema().fields, ctx)) return std::nullopt;
  Organisation org;
  org.id = folder.id;
  org.name = typograph(get_text(*doc, "name"));
  org.short_name = typograph(get_text(*doc, "short_name"));
  org.kind = get_text(*doc, "kind");
  org.city = typograph(get_text(*doc, "city"));
  org.site = get_text(*doc, "site");
  org.curator = read_curator(field(*doc, "curator"));
  org.forms = get_list(*doc, "forms");
  bool ok = true;
  if (folder.has_index) ok = load_index(root, folder.id + "/_index.md", org, diagnostics) && ok;
  if (folder.has_mentors) ok = load_mentors(root, folder.id + "/mentors.yaml", org, diagnostics) && ok;
  if (folder.has_indicators) {
    org.indicators = load_indicators(root, folder.id, diagnostics);
    ok = org.indicators.has_value() && ok;
  }
  if (folder.has_roadmap) {
    org.roadmap = load_roadmap(root, folder.id, diagnostics);
    ok = org.roadmap.has_value() && ok;
  }
  if (!ok) return std::nullopt;
  return org;
}

}  // namespace nastavnik
