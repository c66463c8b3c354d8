#include "render/editor_page.h"

#include "core/strings.h"
#include "core/utf8.h"
#include "contract/declarations.h"
#include "editor/decap_config.h"
#include "plan/routes.h"
#include "text/slug.h"
#include "text/typography.h"

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

// The organisations an editor page shows: its own, or every one (the department's page).
std::vector<EditorOrg> editor_orgs(const RenderContext& ctx, const OutputRecord& r) {
  std::vector<EditorOrg> orgs;
  if (r.org) orgs.push_back(editor_org(*r.org));
  else {
    for (const auto& org : ctx.site.orgs) orgs.push_back(editor_org(org));
  }
  return orgs;
}

// mentors.yaml's format (decap_config.h, kMentorsFormat): the list at the file's root is the
// entry's one field. A file that is not a list stops the editor with the reason, rather than
// reading as no mentors and being saved empty. Written back without the empty values the
// form leaves («photo: ""»), so the file stays as a person would write it.
std::string mentors_format() {
  // The keys in the contract's order, as people write them: name first, not consent.
  std::string order;
  for (const auto& f : mentor_contract().fields) order += (order.empty() ? "\"" : ", \"") + f.key + "\"";
  return std::string("CMS.registerCustomFormat(\"") + kMentorsFormat + "\", \"yaml\", {\n" +
         "  fromFile: function (text) {\n"
         "    var list = jsyaml.load(text);\n"
         "    if (list === null || list === undefined) list = [];\n"
         "    if (!Array.isArray(list)) throw new Error(\"mentors.yaml: в файле должен быть список наставников (строки, начинающиеся с «- »)\");\n"
         "    return {" + kMentorsField + ": list};\n"
         "  },\n"
         "  toFile: function (data) {\n"
         "    function clean(v) {\n"
         "      if (Array.isArray(v)) return v.map(clean).filter(function (x) { return x !== undefined; });\n"
         "      if (v && typeof v === \"object\") {\n"
         "        var out = {};\n"
         "        Object.keys(v).forEach(function (k) { var x = clean(v[k]); if (x !== undefined) out[k] = x; });\n"
         "        return Object.keys(out).length ? out : undefined;\n"
         "      }\n"
         "      return v === \"\" || v === null ? undefined : v;\n"
         "    }\n"
         "    var order = [" + order + "];\n"
         "    function ordered(m) {\n"
         "      var out = {};\n"
         "      order.concat(Object.keys(m)).forEach(function (k) { if (k in m && !(k in out)) out[k] = m[k]; });\n"
         "      return out;\n"
         "    }\n"
         "    var list = (data && data." + kMentorsField + ") || [];\n"
         "    // flowLevel 2: lists inside a mentor on one line, forms: [teacher-teacher].\n"
         "    return jsyaml.dump(list.map(function (m) { return ordered(clean(m) || {}); }),\n"
         "                       {lineWidth: -1, noRefs: true, flowLevel: 2});\n"
         "  }\n"
         "});\n";
}

// What an editor reads when the build had no editor files, typeset as the site's text is.
std::string not_installed() {
  TypographState state;
  auto text = [&](std::string_view piece) { return html_escape(typograph(piece, state)); };
  auto code = [&](std::string_view piece) { return "<code>" + html_escape(piece) + "</code>"; };
  return text("Редактор в браузере не установлен: при сборке не нашлись его файлы (Decap CMS и js-yaml). Установите их командой ") +
         code("npm ci") + text(" в папке nastavnik (или укажите их папку: ") + code("nastavnik build --editor-assets ПАПКА") +
         text(") и соберите сайт снова. А пока материалы правятся в веб-редакторе GitLab.");
}

// The preview of a Markdown entry as its page shows it (themes/default/templates/entry.mustache):
// the title, the kind and the date in Russian, the facts with the labels of their choices
// («учитель – ученик», not teacher-student), a person's name only with consent, as the site
// publishes it, and the text; in the site's styles (registerPreviewStyle). Decap's own
// preview lists raw values, names included.
constexpr std::string_view kEntryPreview = R"JS(
var nastavnikPreview = createClass({
  render: function () {
    var props = this.props, data = props.entry.get("data");
    var skip = {title: 1, date: 1, body: 1, draft: 1, summary: 1, slug: 1, namesakes: 1, tags: 1, image: 1, photos: 1, file: 1, files: 1};
    function text(field, value) {
      if (value === undefined || value === null || value === "") return "";
      var widget = field.get("widget");
      if (widget === "boolean") return value ? "да" : "нет";
      if (widget === "select") {
        var labels = {};
        field.get("options").forEach(function (o) { labels[o.get("value")] = o.get("label"); });
        var values = value && value.toJS ? value.toJS() : [value];
        return values.map(function (v) { return labels[v] || v; }).join(", ");
      }
      if (widget === "datetime") return day(value);
      if (widget === "object" && value.get) {
        var name = value.get("name"), position = value.get("position") || "";
        if (field.get("fields").some(function (f) { return f.get("name") === "consent"; })) {
          if (!name) return position;
          if (!value.get("consent")) return (position ? position + " " : "") + "(имя без согласия не публикуется)";
          return name + (position ? ", " + position : "");
        }
        return field.get("fields").map(function (f) { return text(f, value.get(f.get("name"))); })
          .filter(function (t) { return t; }).join(" — ");
      }
      if (value.toJS) return value.toJS().filter(function (v) { return v !== "" && v !== null; }).join(", ");
      return String(value);
    }
    function day(value) {
      var d = new Date(String(value).slice(0, 10) + "T00:00:00Z");
      if (isNaN(d)) return String(value);
      return d.toLocaleDateString("ru-RU", {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"}).replace(/\s*г\.$/, "");
    }
    var facts = [];
    props.fields.forEach(function (f) {
      var name = f.get("name");
      if (skip[name]) return;
      var t = text(f, data.get(name));
      if (t) facts.push(h("dt", {key: name + "-t"}, f.get("label")), h("dd", {key: name + "-d"}, t));
    });
    var meta = props.collection.get("label_singular") || props.collection.get("label");
    if (data.get("date")) meta += " · " + day(data.get("date"));
    return h("article", {className: "wrap entry"},
      h("h1", {}, data.get("title") || "Без заголовка"),
      h("p", {className: "meta"}, meta),
      data.get("draft") ? h("p", {className: "badge"}, "Черновик: на сайт не попадёт") : null,
      facts.length ? h("dl", {className: "facts"}, facts) : null,
      h("div", {className: "prose"}, props.widgetFor("body")));
  }
});
)JS";

// The file name of a new entry (decap_config.cpp, «Slugs»): its empty `slug` field gets
// the title as nastavnik's slugify makes it (text/slug.h), with the same letters (the table
// is slugify()'s own) and the same joining and cutting (kTitleSlugLength). Signs and
// spaces separate words; a letter outside the table (only ICU knows it) is dropped, which gives another
// address than `new` would for such a title, but the one written in `slug`, so the page
// still has the address its file names.
std::string slug_script(const std::vector<std::string>& collections) {
  // The same for every page: made once.
  static const std::string letters = [] {
    Json table = Json::object();
    auto add = [&](char32_t cp) {
      std::string letter;
      append_utf8(cp, letter);
      table[letter] = slugify(letter);  // «щ» → "shch", «ъ» → ""
    };
    for (char32_t cp = 0x430; cp < 0x450; ++cp) add(cp);  // а–я
    for (char32_t cp : {U'ё', U'і', U'ї', U'є', U'ґ', U'ў', U'№'}) add(cp);
    return table.dump();
  }();
  Json names = Json::object();
  for (const std::string& name : collections) names[name] = true;
  return "var nastavnikLetters = " + letters + ";\n" + "var nastavnikEntries = " + names.dump() + ";\n" +
         "var nastavnikSlugLength = " + std::to_string(kTitleSlugLength) + ";\n" + R"JS(function nastavnikSlug(title) {
  var latin = "";
  Array.from(String(title).normalize("NFC").toLowerCase()).forEach(function (ch) {
    if (/[a-z0-9]/.test(ch)) latin += ch;
    else if (Object.prototype.hasOwnProperty.call(nastavnikLetters, ch)) latin += nastavnikLetters[ch];
    else latin += " ";
  });
  var out = "", dash = false;
  Array.from(latin).forEach(function (c) {
    if (/[a-z0-9]/.test(c)) {
      if (dash && out) out += "-";
      out += c;
      dash = false;
    } else dash = true;
  });
  if (out.length > nastavnikSlugLength) {
    var cut = out.lastIndexOf("-", nastavnikSlugLength);
    out = out.slice(0, cut <= 0 ? nastavnikSlugLength : cut);
  }
  return out;
}
CMS.registerEventListener({name: "preSave", handler: function (args) {
  var entry = args.entry, data = entry.get("data");
  if (!entry.get("newRecord") || !nastavnikEntries[entry.get("collection")] || data.get("slug")) return data;
  return data.set("slug", nastavnikSlug(data.get("title") || "") || "material");
}});
)JS";
}

}  // namespace

// Decap CMS reads config.yml from the page's own folder: no <link rel="cms-config-url">
// (not a link type HTML knows).
std::string render_editor_page(const RenderContext& ctx, const OutputRecord& r) {
  const Here here(ctx, r.route);
  const std::string title = typograph("Редактор — " + (r.org ? r.org->short_name() : ctx.site.title));
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
      "<title>" + html_escape(title) + "</title>\n</head>\n<body>\n";
  auto script = ctx.plan.editor_script();
  auto yaml = ctx.plan.editor_yaml_script();
  if (script && yaml) {
    out += "<script src=\"" + html_escape(here.href(*yaml)) + "\"></script>\n";
    out += "<script src=\"" + html_escape(here.href(*script)) + "\"></script>\n<script>\n";
    // The preview pane in the site's own styles.
    if (ctx.theme.assets().count("style.css")) {
      // A JavaScript string (JSON's): the address is script text, not HTML.
      out += "CMS.registerPreviewStyle(" + Json(here.href(std::string(routes::kAssets) + "style.css")).dump() + ");\n";
    }
    static const std::string mentors = mentors_format();  // the same for every page
    out += mentors;
    out += kEntryPreview;
    const std::vector<std::string> entries = decap_entry_collections(editor_orgs(ctx, r));
    for (const std::string& name : entries) {
      out += "CMS.registerPreviewTemplate(" + Json(name).dump() + ", nastavnikPreview);\n";
    }
    out += slug_script(entries);
    out += "</script>\n";
  } else {
    out += "<main>\n<h1>" + html_escape(title) + "</h1>\n"
           "<p>" + not_installed() + "</p>\n</main>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

std::string render_editor_config(const RenderContext& ctx, const OutputRecord& r) {
  const std::vector<EditorOrg> orgs = editor_orgs(ctx, r);
  const std::string site_url = ctx.plan.absolute(r.org ? routes::org(r.org->id) : std::string(routes::kHome));
  return "# Настройки редактора в браузере (Decap CMS). Файл создан командой nastavnik build из описаний полей;\n"
         "# не правьте его: он пишется заново при каждой сборке.\n" +
         to_yaml(decap_config(ctx.site.editor, orgs, site_url));
}

}  // namespace nastavnik
