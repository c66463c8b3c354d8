#include "render/view_common.h"

#include <algorithm>

#include "core/strings.h"
#include "output/feeds.h"
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

void set_list(Data& target, const std::string& name, const Data& items) {
  target.set(name, items);
  if (items.is_non_empty_list()) target.set("has_" + name, true);
}
Data object() { return Data(Data::type::object); }

Here::Here(const Site& site, std::string url) : site_(site), url_(std::move(url)) {
  for (char c : url_) {
    if (c == '/') root_ += "../";
  }
}

std::string Here::href(const std::string& target) const {
  std::string h = root_ + target;
  return h.empty() ? "./" : h;
}

void Here::use_absolute_root() {
  std::string path = site_.base_url;
  size_t scheme = path.find("://");
  size_t slash = path.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  root_ = slash == std::string::npos ? "/" : path.substr(slash);
}

std::string list_url(const std::string& base, size_t page) {
  return page <= 1 ? base : base + "page/" + std::to_string(page) + "/";
}

namespace {

Data portal_nav(const Here& here, const std::string& current) {
  Data nav = list();
  auto add = [&](const char* title, const std::string& url) {
    Data item = object();
    item.set("title", title);
    item.set("href", here.href(url));
    if (url == current) item.set("current", "page");
    nav.push_back(item);
  };
  add("Главная", "");
  add("Организации", "orgs/");
  if (!here.site().all_news.empty()) add("Новости", "news/");
  if (!here.site().featured_practices.empty()) add("Лучшие практики", "practices/");
  return nav;
}

Data org_nav(const Here& here, const Organisation& org, const std::string& current) {
  Data nav = list();
  auto add = [&](const std::string& title, const std::string& url) {
    Data item = object();
    item.set("title", typograph(title));
    item.set("href", here.href(url));
    // The page itself, or the section the page belongs to.
    if (url == current) item.set("current", "page");
    else if (current.rfind(url, 0) == 0 && url != org.id + "/") item.set("current", "true");
    nav.push_back(item);
  };
  add("О наставничестве", org.id + "/");
  for (Section s : kAllSections) {
    if (s == Section::Pages || org.sections[static_cast<size_t>(s)].empty()) continue;
    add(section_title(s), org.id + "/" + section_id(s) + "/");
  }
  if (org.has_mentors_file) add("Наши наставники", org.id + "/mentors/");
  if (org.indicators || (org.id == here.site().department && !here.site().indicator_summaries.empty())) {
    add("Показатели", org.id + "/indicators/");
  }
  if (org.roadmap) add("Дорожная карта", org.id + "/roadmap/");
  if (org.id == here.site().department && here.site().orgs.size() > 1) add("Мониторинг", org.id + "/monitoring/");
  for (size_t i : org.sections[static_cast<size_t>(Section::Pages)]) {
    add(here.site().entries[i].title, here.site().entries[i].url);
  }
  return nav;
}

}  // namespace

Data feed_link(const Here& here, const std::string& title, const std::string& path) {
  Data f = object();
  f.set("title", typograph(title));
  f.set("href", here.href(path));
  return f;
}

Data base_view(const Here& here, const Theme& theme, const std::string& title, const Organisation* org,
               const std::vector<Crumb>& crumbs, Data feeds, const std::string& description, const std::string& nav_current) {
  const Site& site = here.site();
  Data v = object();
  v.set("lang", "ru");
  v.set("site_title", site.title);
  v.set("site_description", site.description);
  v.set("title", title);
  std::string head = title;
  if (org && title != org->short_name) head += " — " + org->short_name;
  if (title != site.title) head += " — " + site.title;
  v.set("head_title", head);
  v.set("description", description.empty() ? site.description : description);
  v.set("root", here.root());
  v.set("home_href", here.href(""));
  v.set("assets", here.root() + "assets/");
  v.set("canonical", absolute_url(site, here.url()));
  v.set("theme", theme.settings());
  v.set("theme_style", theme.colour_style());
  v.set("accessibility_href", here.href("accessibility/"));
  // Cards sit under a section's h2 unless a list view puts them right under the h1.
  v.set("card_heading", "h3");
  v.set("portal_nav", portal_nav(here, nav_current));
  if (feeds.is_list() && !feeds.is_empty_list()) v.set("feeds", feeds);
  Data bc = list();
  for (size_t i = 0; i < crumbs.size(); ++i) {
    Data c = object();
    c.set("title", crumbs[i].title);
    c.set("href", here.href(crumbs[i].url));
    if (i + 1 == crumbs.size()) c.set("current", true);
    bc.push_back(c);
  }
  if (crumbs.size() > 1) set_list(v, "breadcrumbs", bc);
  if (org) {
    Data o = object();
    o.set("short_name", org->short_name);
    o.set("name", org->name);
    o.set("href", here.href(org->id + "/"));
    o.set("nav", org_nav(here, *org, here.url()));
    v.set("org", o);
  }
  return v;
}

std::vector<Crumb> org_crumbs(const Organisation& org) { return {{"Главная", ""}, {org.short_name, org.id + "/"}}; }

Data date_view(const std::optional<Date>& d) {
  Data v = object();
  if (!d) return Data(false);
  v.set("text", format_date_ru(*d));
  v.set("iso", d->iso());
  return v;
}

std::string fit_headings(const std::string& html, int top) {
  // Positions of the level digits of <hN …> and </hN>.
  std::vector<size_t> digits;
  bool used[7] = {};
  for (size_t i = html.find("<"); i != std::string::npos && i + 3 < html.size(); i = html.find('<', i + 1)) {
    size_t d = html[i + 1] == '/' ? i + 3 : i + 2;
    if (d + 1 >= html.size() || (html[d - 1] != 'h' && html[d - 1] != 'H')) continue;
    char c = html[d], after = html[d + 1];
    if (c < '1' || c > '6' || !(after == '>' || after == ' ' || after == '\t' || after == '\n')) continue;
    if (html[i + 1] == '/' && after != '>') continue;
    digits.push_back(d);
    used[c - '0'] = true;
  }
  if (digits.empty()) return html;
  char level_of[7] = {};
  int next = top;
  for (int level = 1; level <= 6; ++level) {
    if (used[level]) level_of[level] = static_cast<char>('0' + std::min(6, next++));
  }
  std::string out = html;
  for (size_t d : digits) out[d] = level_of[out[d] - '0'];
  return out;
}

Data text_list(const std::vector<std::string>& items) {
  Data out = list();
  for (const auto& s : items) out.push_back(Data(s));
  return out;
}

}  // namespace nastavnik
