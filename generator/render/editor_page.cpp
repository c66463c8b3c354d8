#include "render/editor_page.h"

#include "core/strings.h"
#include "editor/decap_config.h"
#include "plan/routes.h"

namespace nastavnik {
namespace {

EditorOrg editor_org(const Organisation& org) {
  EditorOrg out;
  out.id = org.id;
  out.name = org.short_name();
  out.indicators = org.indicators.has_value();
  out.roadmap = org.roadmap.has_value();
  if (org.indicators) out.years = org.indicators->years;
  return out;
}

}  // namespace

// Decap CMS reads config.yml from the page's own folder: no <link rel="cms-config-url">
// (not a link type HTML knows).
std::string render_editor_page(const RenderContext& ctx, const OutputRecord& r) {
  const Here here(ctx, r.route);
  const std::string title = "Редактор — " + (r.org ? r.org->short_name() : ctx.site.title);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
      "<title>" + html_escape(title) + "</title>\n</head>\n<body>\n";
  if (auto script = ctx.plan.editor_script()) {
    out += "<script src=\"" + html_escape(here.href(*script)) + "\"></script>\n";
    // The preview pane in the site's own styles.
    if (ctx.theme.assets().count("style.css")) {
      out += "<script>CMS.registerPreviewStyle(\"" + html_escape(here.href(std::string(routes::kAssets) + "style.css")) + "\");</script>\n";
    }
  } else {
    out += "<main>\n<h1>" + html_escape(title) + "</h1>\n"
           "<p>Редактор в браузере не установлен: при сборке не нашлись файлы Decap CMS. Установите их командой "
           "<code>npm ci</code> в папке nastavnik (или укажите их папку: <code>nastavnik build --editor-assets ПАПКА</code>) "
           "и соберите сайт снова. А пока материалы правятся в веб-редакторе GitLab.</p>\n</main>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

std::string render_editor_config(const RenderContext& ctx, const OutputRecord& r) {
  std::vector<EditorOrg> orgs;
  if (r.org) orgs.push_back(editor_org(*r.org));
  else {
    for (const auto& org : ctx.site.orgs) orgs.push_back(editor_org(org));
  }
  const std::string site_url = ctx.plan.absolute(r.org ? routes::org(r.org->id) : std::string(routes::kHome));
  return "# Настройки редактора в браузере (Decap CMS). Файл создан командой nastavnik build из описаний полей;\n"
         "# не правьте его: он пишется заново при каждой сборке.\n" +
         to_yaml(decap_config(ctx.site.editor, orgs, site_url));
}

}  // namespace nastavnik
