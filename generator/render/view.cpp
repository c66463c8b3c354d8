#include "render/view.h"

#include <algorithm>

#include "core/strings.h"
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
  // What this build does not write (the portal, from a section) is linked where it is.
  auto local = ctx_.plan.publication().local(route);
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

}  // namespace

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
    o.set("nav", org_nav(here, *org, here.route()));
    v.set("org", o);
  }
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

Data attachment_view(const Here& here, const std::string& page_route, const Attachment& a, const std::string& label) {
  Data v = object();
  v.set("href", here.href(page_route + a.file_name));
  v.set("name", label.empty() ? a.file_name : label);
  v.set("format", a.format);
  // «821 КБ» must not break between the number and the unit.
  std::string size = human_size(a.size);
  if (size_t space = size.find(' '); space != std::string::npos) size.replace(space, 1, "\u00A0");
  v.set("size", size);
  v.set("label", a.format + ", " + size);
  return v;
}

}  // namespace nastavnik
