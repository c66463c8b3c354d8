#include "render/view.h"

#include <algorithm>

#include "core/strings.h"
#include "core/utf8.h"
#include "document/thumbnail.h"
#include "plan/routes.h"
#include "render/rss.h"
#include "text/russian.h"
#include "text/typography.h"

namespace nastavnik {

Noun section_noun(Section s) {
  switch (s) {
    case Section::News: return {"новость", "новости", "новостей"};
    case Section::Documents: return {"документ", "документа", "документов"};
    case Section::Orders: return {"приказ", "приказа", "приказов"};
    case Section::Stories: return {"история", "истории", "историй"};
    case Section::Practices: return {"практика", "практики", "практик"};
    case Section::Pages: return {"страница", "страницы", "страниц"};
  }
  return {"", "", ""};
}

std::string count_of(size_t n, Noun noun) { return count_phrase(static_cast<int64_t>(n), noun.one, noun.few, noun.many); }

const char* all_label(Section s) {
  switch (s) {
    case Section::News: return "Все новости";
    case Section::Documents: return "Все документы";
    case Section::Orders: return "Все приказы";
    case Section::Stories: return "Все истории";
    case Section::Practices: return "Все практики";
    case Section::Pages: return "Все страницы";
  }
  return "";
}

Data list() { return Data(Data::type::list); }
Data object() { return Data(Data::type::object); }

void set_list(Data& target, const std::string& name, const Data& items) {
  target.set(name, items);
  if (items.is_non_empty_list()) target.set("has_" + name, true);
}

Data text_list(const std::vector<std::string>& items) {
  Data out = list();
  for (const auto& s : items) out.push_back(Data(s));
  return out;
}

Data text_list(const TextList& items) {
  Data out = list();
  for (const auto& s : items.value) out.push_back(Data(s.value));
  return out;
}

Here::Here(const RenderContext& ctx, std::string route) : ctx_(ctx), route_(std::move(route)) {
  // Depth in this build's folder: a section's pages sit one level higher than the portal's.
  const std::string local = ctx_.plan.publication().local(route_).value_or(route_);
  for (char c : local) {
    if (c == '/') root_ += "../";
  }
}

std::string Here::href(std::string_view route) const {
  const Publication& publication = ctx_.plan.publication();
  if (!publication.is_section()) {
    std::string h = root_;
    h.append(route);
    return h.empty() ? "./" : h;
  }
  // What this build does not write (the portal, from a section) is linked where it is.
  auto local = publication.local(route);
  if (!local) return ctx_.plan.absolute(route);
  std::string h = root_;
  h.append(*local);
  return h.empty() ? "./" : h;
}

void Here::use_absolute_root() {
  const std::string& path = ctx_.plan.publication().url();
  size_t scheme = path.find("://");
  size_t slash = path.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  root_ = slash == std::string::npos ? "/" : path.substr(slash);
}

namespace {

Data portal_nav(const Here& here, const std::string& current) {
  Data nav = list();
  auto add = [&](const char* title, const std::optional<std::string>& route) {
    if (!route) return;
    Data item = object();
    item.set("title", title);
    item.set("href", here.href(*route));
    if (*route == current) item.set("current", "page");
    nav.push_back(item);
  };
  const OutputPlan& plan = here.plan();
  add("Главная", plan.home());
  add("Организации", plan.orgs());
  add("Новости", plan.portal_news());
  add("Лучшие практики", plan.portal_practices());
  return nav;
}

Data org_nav(const Here& here, const Organisation& org, const std::string& current) {
  Data nav = list();
  const OutputPlan& plan = here.plan();
  const std::string tab = *plan.org_tab(org);
  auto add = [&](const std::string& title, const std::optional<std::string>& route) {
    if (!route) return;
    Data item = object();
    item.set("title", typograph(title));
    item.set("href", here.href(*route));
    // The page itself, or the section the page belongs to.
    if (*route == current) item.set("current", "page");
    else if (current.rfind(*route, 0) == 0 && *route != tab) item.set("current", "true");
    nav.push_back(item);
  };
  add("О наставничестве", tab);
  for (Section s : kAllSections) {
    if (s != Section::Pages) add(section_title(s), plan.section_list(org, s));
  }
  add("Наши наставники", plan.mentors(org));
  add("Показатели", plan.indicators(org));
  add("Дорожная карта", plan.roadmap(org));
  if (here.site().is_department(org)) add("Мониторинг", plan.monitoring());
  for (size_t i : org.in(Section::Pages)) add(here.site().entries[i].title(), plan.entry(here.site(), here.site().entries[i]));
  return nav;
}

// Files of the theme's static/ folder that the head links when the theme has them.
constexpr const char* kShareImage = "share.png";  // 1200 × 630, what VK and Telegram ask for
constexpr const char* kShareImageWidth = "1200";
constexpr const char* kShareImageHeight = "630";

std::optional<std::string> asset_href(const Here& here, const char* name) {
  if (!here.ctx().theme.assets().count(name)) return std::nullopt;
  return here.root() + std::string(routes::kAssets) + name;
}

// Whose emblem stands for a page: its organisation's, else the portal's (the department's).
const Organisation* emblem_owner(const Here& here, const Organisation* org) {
  if (org && here.plan().emblem(*org)) return org;
  const Organisation* dept = here.site().department_org();
  if (dept && here.plan().emblem(*dept)) return dept;
  return nullptr;
}

// The icons of the page: the emblem's smallest file (re-encoded like every photo: PNG when
// it has transparency, else JPEG; at least 180 px wide when the emblem is) for the tab and
// the phone's home screen, else the theme's icon in three forms: ICO for every browser, SVG
// for sharp ones, a 180 × 180 PNG for phones' home screens. /favicon.ico at the root stays
// the theme's: browsers that ask for it ask once per host.
void set_icons(Data& v, const Here& here, const Organisation* owner) {
  if (owner) {
    const std::string href = here.href(*here.plan().emblem_icon(*owner));
    Data icon = object();
    icon.set("href", href);
    icon.set("type", std::string(picture_mime(largest_fallback(*owner->emblem.front().picture).format)));
    v.set("icon", icon);
    v.set("touch_icon", href);
    return;
  }
  if (auto ico = asset_href(here, "favicon.ico")) v.set("icon_ico", *ico);
  if (auto svg = asset_href(here, "favicon.svg")) {
    Data icon = object();
    icon.set("href", *svg);
    icon.set("type", "image/svg+xml");
    v.set("icon", icon);
  }
  if (auto touch = asset_href(here, "apple-touch-icon.png")) v.set("touch_icon", *touch);
}

}  // namespace

void set_share_image(Data& v, const Here& here, const std::string& route, const std::string& alt, const Attachment* file) {
  v.set("og_image", here.plan().absolute(route));
  v.set("og_image_alt", alt);
  v.set("og_image_size", false);
  if (file && file->picture) {
    const PictureVariant largest = largest_fallback(*file->picture);
    Data size = object();
    size.set("width", std::to_string(largest.width));
    size.set("height", std::to_string(largest.height));
    v.set("og_image_size", size);
  }
}

Data feed_link(const Here& here, const std::string& title, const std::string& route) {
  Data f = object();
  f.set("title", typograph(title));
  f.set("href", here.href(route));
  return f;
}

Data base_view(const Here& here, const std::string& title, const Organisation* org, const std::vector<Crumb>& crumbs, Data feeds,
               const std::string& description, const std::string& nav_current) {
  const Site& site = here.site();
  const Theme& theme = here.ctx().theme;
  Data v = object();
  v.set("lang", "ru");
  v.set("site_title", site.title);
  v.set("site_description", site.description);
  v.set("title", title);
  std::string head = title;
  if (org && title != org->short_name()) head += " — " + org->short_name();
  if (title != site.title) head += " — " + site.title;
  v.set("head_title", head);
  v.set("description", description.empty() ? site.description : description);
  v.set("root", here.root());
  v.set("home_href", here.href(""));
  v.set("assets", here.root() + std::string(routes::kAssets));
  v.set("canonical", here.plan().absolute(here.route()));
  v.set("theme", theme.settings());
  v.set("theme_style", theme.colour_style());
  if (auto a = here.plan().accessibility()) v.set("accessibility_href", here.href(*a));
  if (auto s = here.plan().search()) v.set("search_href", here.href(*s));
  // Cards sit under a section's h2 unless a list view puts them right under the h1.
  v.set("card_heading", "h3");
  v.set("portal_nav", portal_nav(here, nav_current));
  if (feeds.is_list() && !feeds.is_empty_list()) v.set("feeds", feeds);
  Data bc = list();
  for (size_t i = 0; i < crumbs.size(); ++i) {
    Data c = object();
    c.set("title", crumbs[i].title);
    c.set("href", here.href(crumbs[i].route));
    if (i + 1 == crumbs.size()) c.set("current", true);
    bc.push_back(c);
  }
  if (crumbs.size() > 1) set_list(v, "breadcrumbs", bc);
  if (org) {
    Data o = object();
    o.set("short_name", org->short_name());
    o.set("name", org->name());
    o.set("href", here.href(*here.plan().org_tab(*org)));
    Data nav = org_nav(here, *org, here.route());
    // The menu on a phone is folded: its button tells screen readers which section is open.
    for (const Data& item : nav.items()) {
      if (item.get("current")) o.set("current_title", *item.get("title"));
    }
    o.set("nav", nav);
    v.set("org", o);
  }
  // Sharing in VK, Telegram and chats (OpenGraph), and the icons of the page. A page with a
  // picture of its own (an entry's image) sets it over the emblem or the theme's picture.
  v.set("og_type", "website");
  v.set("og_title", title);
  const Data* shown = v.get("description");
  v.set("og_description", shown && !shown->string_value().empty() ? shown->string_value() : head);
  const Organisation* owner = emblem_owner(here, org);
  if (owner) {
    set_share_image(v, here, *here.plan().emblem(*owner), "Эмблема: " + owner->short_name(), &owner->emblem.front());
  } else if (here.ctx().theme.assets().count(kShareImage)) {
    v.set("og_image", here.plan().absolute(std::string(routes::kAssets) + kShareImage));
    v.set("og_image_alt", site.title);
    Data size = object();
    size.set("width", kShareImageWidth);
    size.set("height", kShareImageHeight);
    v.set("og_image_size", size);
  }
  set_icons(v, here, owner);
  return v;
}

std::vector<Crumb> org_crumbs(const Here& here, const Organisation& org) {
  return {{"Главная", ""}, {org.short_name(), *here.plan().org_tab(org)}};
}

Data date_view(const std::optional<Date>& d) {
  if (!d) return Data(false);
  Data v = object();
  v.set("text", format_date_ru(*d));
  v.set("iso", d->iso());
  return v;
}

namespace {
// Characters of a document's text shown whole; a longer one is collapsed to its start.
constexpr size_t kShortDocumentText = 1500;
}  // namespace

// The text version of a document: its paragraphs and lines as the document has them, set
// like the site's text (no-break spaces after short words and «№», «ёлочки»): the wording
// is the document's, the typesetting the page's. A long one is shown collapsed (site.js; without
// scripts and in print it is shown whole).
Data document_text_view(const DocumentText& d) {
  std::string html;
  size_t start = 0;
  while (start < d.text.size()) {
    size_t end = d.text.find("\n\n", start);
    if (end == std::string::npos) end = d.text.size();
    std::string_view paragraph = std::string_view(d.text).substr(start, end - start);
    html += "<p>";
    size_t line = 0;
    while (line <= paragraph.size()) {
      size_t stop = paragraph.find('\n', line);
      if (stop == std::string_view::npos) stop = paragraph.size();
      if (line > 0) html += "<br>";
      html += html_escape(typograph(paragraph.substr(line, stop - line)));
      line = stop + 1;
    }
    html += "</p>\n";
    start = end + 2;
  }
  Data v = object();
  v.set("html", html);
  if (utf8_length(d.text) > kShortDocumentText) v.set("long", true);
  if (d.text.size() >= kMaxDocumentTextBytes) v.set("cut", true);
  return v;
}

// The stamp of a checked signature, as Russian sites show one: who signed, the
// certificate's serial number and validity, when it was signed, and the signature's file.
Data signature_view(const Here& here, const std::string& page_route, const Attachment& a) {
  const SignatureCheck& s = *a.signature;
  auto day = [](int64_t seconds) { return format_date_ru(date_in_zone(seconds, "UTC")); };
  Data v = object();
  v.set("owner", s.owner);
  if (!s.title.empty()) v.set("title", s.title);
  if (!s.organisation.empty()) v.set("organisation", s.organisation);
  v.set("serial", s.serial);
  v.set("valid", typograph("с " + day(s.valid_from) + " по " + day(s.valid_to)));
  if (s.signing_time) v.set("signed", day(*s.signing_time));
  v.set("href", here.href(page_route + a.file_name + a.signature_extension));
  std::string format = a.signature_extension.substr(1);
  std::transform(format.begin(), format.end(), format.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  v.set("format", format);
  return v;
}

Data attachment_view(const Here& here, const std::string& page_route, const Attachment& a, const std::string& label) {
  Data v = object();
  v.set("href", here.href(page_route + a.file_name));
  v.set("name", label.empty() ? a.file_name : label);
  v.set("format", a.format);
  // «821 КБ» must not break between the number and the unit.
  std::string size = human_size(a.size);
  if (size_t space = size.find(' '); space != std::string::npos) size.replace(space, 1, "\u00A0");
  v.set("size", size);
  // A photo's size is known only once encoded: its format alone.
  std::string facts = a.picture ? a.format : a.format + ", " + size;
  if (a.document && a.document->pages > 0) {
    std::string pages = count_phrase(a.document->pages, "страница", "страницы", "страниц");
    if (size_t space = pages.find(' '); space != std::string::npos) pages.replace(space, 1, "\u00A0");
    facts += ", " + pages;
  }
  if (a.signature) facts += ", с электронной подписью";
  v.set("label", facts);
  if (a.document && !a.document->text.empty()) v.set("text", document_text_view(*a.document));
  if (a.signature) v.set("signature", signature_view(here, page_route, a));
  return v;
}

Data first_page_view(const Here& here, const std::string& page_route, const Attachment& a) {
  if (!a.document || !a.document->first_page) return Data(false);
  const PageThumbnail& t = *a.document->first_page;
  Data v = object();
  v.set("src", here.href(page_route + thumbnail_file_name(a.file_name)));
  // Its box reserved at the size shown (half its pixels: sharp on phones), so that the
  // text below does not move when it arrives.
  v.set("width", std::to_string(kThumbnailCssWidth));
  v.set("height", std::to_string(std::max(1, (t.height * kThumbnailCssWidth * 2 + t.width) / (2 * t.width))));
  return v;
}

Data picture_view(const Here& here, const std::string& folder_route, const Attachment& a, PictureRole role, bool lazy,
                  const std::string& alt, const std::string& css_class) {
  Data v = object();
  v.set("src", here.href(folder_route + a.file_name));
  v.set("alt", alt);
  if (!css_class.empty()) v.set("class", css_class);
  if (lazy) v.set("lazy", true);
  if (!a.picture) return v;
  const Picture& p = *a.picture;
  auto href = [&](const std::string& name) { return here.href(folder_route + name); };
  const PictureVariant largest = largest_fallback(p);
  v.set("srcset", picture_srcset(p, a.stem, largest.format, href));
  v.set("webp_srcset", picture_srcset(p, a.stem, PictureFormat::Webp, href));
  v.set("sizes", std::string(picture_sizes(role)));
  // A portrait is shown 96 px wide: its box is reserved at that size.
  const int width = role == PictureRole::Portrait ? 96 : largest.width;
  const int height = role == PictureRole::Portrait ? std::max(1, (largest.height * 96 * 2 + largest.width) / (2 * largest.width)) : largest.height;
  v.set("width", std::to_string(width));
  v.set("height", std::to_string(height));
  return v;
}

}  // namespace nastavnik
