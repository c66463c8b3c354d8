#include "render/html_pages.h"

#include "render/indicators_page.h"
#include "render/monitoring_page.h"
#include "render/roadmap_page.h"
#include "render/view_common.h"

#include <algorithm>
#include <map>

#include "core/strings.h"
#include "model/forms.h"
#include "output/feeds.h"
#include "text/russian.h"
#include "text/typography.h"

namespace nastavnik {
namespace {

Data attachment_view(const Here& here, const Entry& e, const Attachment& a, const std::string& label) {
  Data v = object();
  v.set("href", here.href(e.url + a.file_name));
  v.set("name", label.empty() ? a.file_name : label);
  v.set("format", a.format);
  // «821 КБ» must not break between the number and the unit.
  std::string size = human_size(a.size);
  if (size_t space = size.find(' '); space != std::string::npos) size.replace(space, 1, "\u00A0");
  v.set("size", size);
  v.set("label", a.format + ", " + size);
  return v;
}

Data card(const Here& here, const Entry& e, bool with_org) {
  const Site& site = here.site();
  Data v = object();
  v.set("title", e.title);
  v.set("href", here.href(e.url));
  v.set("date", date_view(e.date));
  v.set("summary", e.summary);
  v.set("section_title", section_title(e.section));
  if (with_org) {
    if (const Organisation* org = site.find_org(e.org)) {
      v.set("org_short_name", org->short_name);
      v.set("org_href", here.href(org->id + "/"));
    }
  }
  if (e.section == Section::Documents) {
    const auto& d = e.as<DocumentInfo>();
    if (!d.number.empty()) v.set("number", d.number);
    if (d.valid_until && *d.valid_until < site.today) {
      v.set("expired", true);
      v.set("valid_until", format_date_ru(*d.valid_until));
    }
    if (d.file >= 0) v.set("file", attachment_view(here, e, e.attachments[static_cast<size_t>(d.file)], ""));
  }
  if (e.section == Section::Orders) {
    const auto& o = e.as<OrderInfo>();
    v.set("number", o.number);
    v.set("topic", typograph(title_of(order_topics(), o.topic)));
    if (o.file >= 0) v.set("file", attachment_view(here, e, e.attachments[static_cast<size_t>(o.file)], ""));
  }
  if (e.section == Section::Stories) v.set("form", typograph(title_of(mentoring_forms(), e.as<StoryInfo>().form)));
  if (e.section == Section::Practices) v.set("form", typograph(title_of(mentoring_forms(), e.as<PracticeInfo>().form)));
  return v;
}

Data cards(const Here& here, const std::vector<size_t>& items, size_t from, size_t count, bool with_org) {
  Data out = list();
  for (size_t i = from; i < items.size() && i < from + count; ++i) out.push_back(card(here, here.site().entries[items[i]], with_org));
  return out;
}

Data person_view(const Person& p, const char* role) {
  Data v = object();
  v.set("role", role);
  std::string name = p.public_name();
  if (!name.empty()) v.set("name", name);
  if (!p.position.empty()) v.set("position", p.position);
  return v;
}

Data pagination(const Here& here, const std::string& base, size_t page, size_t pages) {
  if (pages <= 1) return Data(false);
  Data v = object();
  if (page > 1) v.set("prev_href", here.href(list_url(base, page - 1)));
  if (page < pages) v.set("next_href", here.href(list_url(base, page + 1)));
  Data numbers = list();
  for (size_t n = 1; n <= pages; ++n) {
    Data item = object();
    item.set("number", std::to_string(n));
    item.set("href", here.href(list_url(base, n)));
    if (n == page) item.set("current", true);
    numbers.push_back(item);
  }
  set_list(v, "pages", numbers);
  v.set("label", "Страница\u00A0" + std::to_string(page) + " из\u00A0" + std::to_string(pages));
  return v;
}

// ---------------------------------------------------------------- page views --

Data entry_view(const Site& site, const Theme& theme, const Organisation& org, const Entry& e) {
  Here here(site, e.url);
  std::vector<Crumb> crumbs = org_crumbs(org);
  if (e.section != Section::Pages) crumbs.push_back({section_title(e.section), org.id + "/" + section_id(e.section) + "/"});
  crumbs.push_back({e.title, e.url});
  Data feeds = list();
  if (e.section != Section::Pages) {
    feeds.push_back(feed_link(here, std::string(section_title(e.section)) + " — " + org.short_name,
                              org.id + "/" + section_id(e.section) + "/rss.xml"));
  }
  Data v = base_view(here, theme, e.title, &org, crumbs, feeds, e.summary, "-");
  v.set(std::string("is_") + section_id(e.section), true);
  v.set("section_title", section_title(e.section));
  v.set("date", date_view(e.date));
  v.set("body_html", fit_headings(e.body_html, 2));
  if (!e.tags.empty()) {
    std::vector<std::string> tags;
    for (const auto& t : e.tags) tags.push_back(typograph(t));
    set_list(v, "tags", text_list(tags));
  }
  if (e.image >= 0) {
    Data img = object();
    img.set("href", here.href(e.url + e.attachments[static_cast<size_t>(e.image)].file_name));
    img.set("alt", "Иллюстрация: " + e.title);
    v.set("image", img);
  }
  std::vector<int> listed;
  Data files = list();
  auto add_file = [&](int index, const std::string& label) {
    if (index < 0 || std::find(listed.begin(), listed.end(), index) != listed.end()) return;
    listed.push_back(index);
    files.push_back(attachment_view(here, e, e.attachments[static_cast<size_t>(index)], label));
  };
  switch (e.section) {
    case Section::Documents: {
      const auto& d = e.as<DocumentInfo>();
      Data doc = object();
      doc.set("type", typograph(title_of(document_types(), d.type)));
      if (!d.number.empty()) doc.set("number", d.number);
      if (!d.approved_by.empty()) doc.set("approved_by", d.approved_by);
      if (d.valid_until) {
        doc.set("valid_until", format_date_ru(*d.valid_until));
        if (*d.valid_until < site.today) doc.set("expired", true);
      }
      v.set("document", doc);
      add_file(d.file, "Текст документа");
      break;
    }
    case Section::Orders: {
      const auto& o = e.as<OrderInfo>();
      Data order = object();
      order.set("number", o.number);
      order.set("issuer", o.issuer.empty() ? org.short_name : o.issuer);
      order.set("topic", typograph(title_of(order_topics(), o.topic)));
      v.set("order", order);
      add_file(o.file, "Текст приказа");
      break;
    }
    case Section::Stories: {
      const auto& s = e.as<StoryInfo>();
      Data story = object();
      story.set("form", typograph(title_of(mentoring_forms(), s.form)));
      if (!s.model.empty()) story.set("model", s.model);
      Data people = list();
      if (s.mentor.present) people.push_back(person_view(s.mentor, "Наставник"));
      if (s.mentee.present) people.push_back(person_view(s.mentee, "Наставляемый"));
      if (!people.is_empty_list()) story.set("people", people);
      if (s.from || s.to) {
        std::string period = s.from ? "с " + format_date_ru(*s.from) : "";
        if (s.to) period += std::string(period.empty() ? "" : " ") + "по " + format_date_ru(*s.to);
        story.set("period", typograph(period));
      }
      if (!s.results.empty()) set_list(story, "results", text_list(s.results));
      Data photos = list();
      for (int p : s.photos) {
        Data ph = object();
        ph.set("href", here.href(e.url + e.attachments[static_cast<size_t>(p)].file_name));
        ph.set("alt", typograph("Фотография к истории «" + e.title + "»"));
        photos.push_back(ph);
        listed.push_back(p);
      }
      if (!s.photos.empty()) set_list(story, "photos", photos);
      v.set("story", story);
      break;
    }
    case Section::Practices: {
      const auto& p = e.as<PracticeInfo>();
      Data practice = object();
      practice.set("form", typograph(title_of(mentoring_forms(), p.form)));
      if (!p.authors.empty()) practice.set("authors", join(p.authors, ", "));
      if (!p.results.empty()) set_list(practice, "results", text_list(p.results));
      if (p.featured) practice.set("featured", true);
      v.set("practice", practice);
      for (int f : p.files) add_file(f, "");
      break;
    }
    default:
      break;
  }
  if (e.image >= 0) listed.push_back(e.image);
  for (size_t i = 0; i < e.attachments.size(); ++i) {
    if (!e.attachments[i].image) add_file(static_cast<int>(i), "");
  }
  if (!files.is_empty_list()) set_list(v, "files", files);
  return v;
}

// The registers of an organisation (documents, orders) stay on one page: they are read,
// sorted and printed whole. News, stories and practices are paginated.
size_t page_size(const Organisation* org, Section section) {
  return org && (section == Section::Documents || section == Section::Orders) ? SIZE_MAX : kPageSize;
}

// "125-о" → digits padded, so that 9 sorts before 10 in the register.
std::string number_sort_key(const std::string& number) {
  size_t digits = 0;
  while (digits < number.size() && number[digits] >= '0' && number[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return number;
  return std::string(12 - digits, '0') + number;
}

Data list_view(const Site& site, const Theme& theme, const Organisation* org, Section section, const std::vector<size_t>& items,
               const std::string& base, size_t page, size_t pages, const std::string& title, const std::string& feed_path) {
  const size_t per_page = page_size(org, section);
  Here here(site, list_url(base, page));
  std::vector<Crumb> crumbs = org ? org_crumbs(*org) : std::vector<Crumb>{{"Главная", ""}};
  crumbs.push_back({title, base});
  if (page > 1) crumbs.push_back({"Страница\u00A0" + std::to_string(page), list_url(base, page)});
  Data feeds = list();
  feeds.push_back(feed_link(here, title + (org ? " — " + org->short_name : ""), feed_path));
  Data v = base_view(here, theme, title, org, crumbs, feeds, "", org ? "-" : base);
  v.set(std::string("is_") + section_id(section), true);
  v.set("count", count_of(items.size(), section_noun(section)));
  v.set("feed_href", here.href(feed_path));
  size_t from = (page - 1) * std::min(per_page, items.size() + 1);
  if (section == Section::Documents && org) {
    // Grouped by type in the order of the contract; documents no longer in force go below
    // every document in force.
    std::map<std::pair<bool, size_t>, std::vector<size_t>> groups;
    for (size_t i = 0; i < items.size(); ++i) {
      const auto& d = site.entries[items[i]].as<DocumentInfo>();
      bool expired = d.valid_until && *d.valid_until < site.today;
      groups[{expired, index_of(document_types(), d.type)}].push_back(items[i]);
    }
    Data out = list();
    for (const auto& [key, group] : groups) {
      Data g = object();
      std::string group_title = document_types()[std::min(key.second, document_types().size() - 1)].title;
      g.set("title", key.first ? group_title + " (утратили силу)" : group_title);
      set_list(g, "items", cards(here, group, 0, group.size(), false));
      out.push_back(g);
    }
    v.set("groups", out);
  } else {
    v.set("card_heading", "h2");  // the cards come right under the h1
    Data shown = list();
    for (size_t i = from; i < items.size() && i - from < per_page; ++i) {
      const Entry& e = site.entries[items[i]];
      Data c = card(here, e, org == nullptr);
      // The register of orders sorts by number in the browser: 9 before 10.
      if (section == Section::Orders) c.set("number_key", number_sort_key(e.as<OrderInfo>().number));
      shown.push_back(c);
    }
    set_list(v, "items", shown);
  }
  v.set("pagination", pagination(here, base, page, pages));
  return v;
}

Data org_view(const Site& site, const Theme& theme, const Organisation& org, bool as_home) {
  Here here(site, as_home ? "" : org.id + "/");
  std::string title = org.intro_title.empty() ? org.short_name : org.intro_title;
  std::vector<Crumb> crumbs = as_home ? std::vector<Crumb>{{"Главная", ""}} : org_crumbs(org);
  Data feeds = list();
  feeds.push_back(feed_link(here, "Наставничество — " + org.short_name, org.id + "/rss.xml"));
  Data v = base_view(here, theme, as_home ? site.title : title, as_home ? nullptr : &org, crumbs, feeds, "", as_home ? "" : "-");
  Data card_data = object();
  card_data.set("name", org.name);
  card_data.set("short_name", org.short_name);
  card_data.set("kind", typograph(title_of(organisation_kinds(), org.kind)));
  if (!org.city.empty()) card_data.set("city", org.city);
  if (!org.site.empty()) card_data.set("site", org.site);
  card_data.set("href", here.href(org.id + "/"));
  v.set("org_card", card_data);
  if (org.curator.present) {
    Data c = object();
    std::string name = org.curator.public_name();
    if (!name.empty()) c.set("name", name);
    if (!org.curator.position.empty()) c.set("position", org.curator.position);
    if (!org.curator.email.empty()) c.set("email", org.curator.email);
    if (!org.curator.phone.empty()) c.set("phone", org.curator.phone);
    v.set("curator", c);
  }
  Data forms = list();
  for (const auto& f : org.forms) forms.push_back(Data(typograph(title_of(mentoring_forms(), f))));
  if (!org.forms.empty()) set_list(v, "forms", forms);
  if (!org.intro_html.empty()) v.set("intro_html", fit_headings(org.intro_html, 2));
  if (org.intro_image >= 0) {
    Data image = object();
    // The home page shows the department's tab: its files are copied to the root as well.
    image.set("href", here.href((as_home ? std::string() : org.id + "/") + org.intro_files[static_cast<size_t>(org.intro_image)].file_name));
    image.set("alt", "Иллюстрация: " + org.short_name);
    v.set("intro_image", image);
  }
  Data blocks = list();
  for (Section s : kAllSections) {
    const auto& items = org.sections[static_cast<size_t>(s)];
    if (s == Section::Pages || items.empty()) continue;
    Data b = object();
    b.set("title", section_title(s));
    b.set("id", std::string("block-") + section_id(s));
    b.set("href", here.href(org.id + "/" + section_id(s) + "/"));
    b.set("all_label", std::string(all_label(s)) + " (" + std::to_string(items.size()) + ")");
    set_list(b, "items", cards(here, items, 0, 3, false));
    b.set("feed_href", here.href(org.id + "/" + section_id(s) + "/rss.xml"));
    blocks.push_back(b);
  }
  if (!blocks.is_empty_list()) v.set("blocks", blocks);
  Data pages = list();
  for (size_t i : org.sections[static_cast<size_t>(Section::Pages)]) {
    Data p = object();
    p.set("title", site.entries[i].title);
    p.set("href", here.href(site.entries[i].url));
    pages.push_back(p);
  }
  if (!pages.is_empty_list()) set_list(v, "pages", pages);
  if (org.has_mentors_file) v.set("mentors_href", here.href(org.id + "/mentors/"));
  if (org.indicators) v.set("indicators", indicators_brief(here, org));
  if (org.roadmap) {
    set_list(v, "upcoming_events", upcoming_events(here, site, org, 5));
    v.set("roadmap_href", here.href(roadmap_url(org)));
  }
  v.set("feed_href", here.href(org.id + "/rss.xml"));
  return v;
}

Data orgs_list(const Here& here) {
  Data out = list();
  for (const auto& org : here.site().orgs) {
    Data o = object();
    o.set("short_name", org.short_name);
    o.set("name", org.name);
    o.set("kind", typograph(title_of(organisation_kinds(), org.kind)));
    if (!org.city.empty()) o.set("city", org.city);
    o.set("href", here.href(org.id + "/"));
    if (org.id == here.site().department) o.set("is_department", true);
    out.push_back(o);
  }
  return out;
}

Data home_view(const Site& site, const Theme& theme) {
  Here here(site, "");
  Data v;
  if (const Organisation* dept = site.department_org()) {
    v = org_view(site, theme, *dept, true);
  } else {
    Data feeds = list();
    v = base_view(here, theme, site.title, nullptr, {{"Главная", ""}}, feeds, "", "");
  }
  Data feeds = list();
  feeds.push_back(feed_link(here, site.title, "rss.xml"));
  v.set("feeds", feeds);
  v.set("is_home", true);
  v.set("portal_feed_href", here.href("rss.xml"));
  if (const Organisation* dept = site.department_org()) {
    for (const auto& org : site.orgs) {
      if (org.roadmap) {
        v.set("calendar_href", here.href(roadmap_ics_path(*dept)));
        break;
      }
    }
  }
  v.set("orgs", orgs_list(here));
  v.set("orgs_count", count_of(site.orgs.size(), {"организация", "организации", "организаций"}));
  if (!site.all_news.empty()) {
    set_list(v, "latest_news", cards(here, site.all_news, 0, 10, true));
    v.set("all_news_href", here.href("news/"));
  }
  if (!site.featured_practices.empty()) {
    set_list(v, "featured_practices", cards(here, site.featured_practices, 0, 6, true));
    v.set("all_practices_href", here.href("practices/"));
  }
  return v;
}

Data orgs_view(const Site& site, const Theme& theme) {
  Here here(site, "orgs/");
  Data v = base_view(here, theme, "Организации", nullptr, {{"Главная", ""}, {"Организации", "orgs/"}}, list(), "", "orgs/");
  v.set("orgs", orgs_list(here));
  v.set("count", count_of(site.orgs.size(), {"организация", "организации", "организаций"}));
  return v;
}

Data mentors_view(const Site& site, const Theme& theme, const Organisation& org) {
  Here here(site, org.id + "/mentors/");
  std::vector<Crumb> crumbs = org_crumbs(org);
  crumbs.push_back({"Наши наставники", org.id + "/mentors/"});
  Data v = base_view(here, theme, "Наши наставники", &org, crumbs, list(), "", "-");
  // A mentor who works in two forms is listed in both; sorted by Russian collation.
  std::map<size_t, std::vector<const Mentor*>> by_form;
  for (const auto& m : org.mentors) {
    if (m.forms.empty()) by_form[mentoring_forms().size()].push_back(&m);
    for (const auto& f : m.forms) by_form[index_of(mentoring_forms(), f)].push_back(&m);
  }
  Data groups = list();
  for (auto& [form, mentors] : by_form) {
    std::stable_sort(mentors.begin(), mentors.end(), [](const Mentor* a, const Mentor* b) {
      auto key = [](const Mentor* m) { return collation_key(m->person.public_name().empty() ? "я" + m->person.position : m->person.public_name()); };
      return key(a) < key(b);
    });
    Data g = object();
    g.set("title", typograph(form < mentoring_forms().size() ? "Форма " + mentoring_forms()[form].title : std::string("Другие формы")));
    Data people = list();
    for (const Mentor* m : mentors) {
      Data p = object();
      std::string name = m->person.public_name();
      if (!name.empty()) p.set("name", name);
      p.set("position", m->person.position);
      p.set("role", typograph(title_of(mentor_roles(), m->role.empty() ? "other" : m->role)));
      if (m->photo >= 0) {
        Data photo = object();
        photo.set("href", here.href(org.id + "/mentors/" + org.mentor_files[static_cast<size_t>(m->photo)].file_name));
        photo.set("alt", "Фотография: " + name);
        p.set("photo", photo);
      }
      people.push_back(p);
    }
    g.set("mentors", people);
    g.set("count", count_of(mentors.size(), {"наставник", "наставника", "наставников"}));
    groups.push_back(g);
  }
  if (!groups.is_empty_list()) v.set("groups", groups);
  v.set("count", count_of(org.mentors.size(), {"наставник", "наставника", "наставников"}));
  return v;
}

// «Версия для слабовидящих» without JavaScript: how to zoom and change colours in the
// browser. With JavaScript every page's control opens the settings panel instead.
Data accessibility_view(const Site& site, const Theme& theme) {
  Here here(site, "accessibility/");
  const std::string title = "Версия для слабовидящих";
  Data v = base_view(here, theme, title, nullptr, {{"Главная", ""}, {title, "accessibility/"}}, list(),
                     "Как увеличить текст, изменить цвета и читать раздел «Наставничество» программой экранного доступа", "-");
  v.set("is_accessibility", true);
  return v;
}

Data not_found_view(const Site& site, const Theme& theme) {
  Here here(site, "404.html");
  here.use_absolute_root();
  Data v = base_view(here, theme, "Страница не\u00A0найдена", nullptr, {}, list(), "", "-");
  return v;
}

void plan_list(std::vector<PageJob>& jobs, const Site& site, const Theme& theme, const Organisation* org, Section section,
               const std::vector<size_t>& items, const std::string& base, const std::string& title, const std::string& feed) {
  const size_t per_page = page_size(org, section);
  size_t pages = per_page == SIZE_MAX ? 1 : std::max<size_t>(1, (items.size() + per_page - 1) / per_page);
  for (size_t page = 1; page <= pages; ++page) {
    std::optional<Date> lastmod;
    if (page == 1 && !items.empty()) lastmod = site.entries[items.front()].date;
    jobs.push_back({list_url(base, page), "list",
                    [&site, &theme, org, section, &items, base, page, pages, title, feed] {
                      return list_view(site, theme, org, section, items, base, page, pages, title, feed);
                    },
                    lastmod, true});
  }
}

}  // namespace

std::string page_file(const std::string& url) {
  if (url.size() > 5 && url.compare(url.size() - 5, 5, ".html") == 0) return url;
  return url + "index.html";
}

std::vector<PageJob> plan_pages(const Site& site, const Theme& theme, const MonitoringReport* monitoring) {
  std::vector<PageJob> jobs;
  if (monitoring && !monitoring->rows.empty()) {
    jobs.push_back({monitoring_url(site), "monitoring", [&site, &theme, monitoring] { return monitoring_view(site, theme, *monitoring); },
                    std::nullopt, true});
  }
  jobs.push_back({"", "home", [&] { return home_view(site, theme); }, std::nullopt, true});
  jobs.push_back({"orgs/", "orgs", [&] { return orgs_view(site, theme); }, std::nullopt, true});
  jobs.push_back({"404.html", "404", [&] { return not_found_view(site, theme); }, std::nullopt, false});
  jobs.push_back({"accessibility/", "accessibility", [&] { return accessibility_view(site, theme); }, std::nullopt, true});
  if (!site.all_news.empty()) plan_list(jobs, site, theme, nullptr, Section::News, site.all_news, "news/", "Новости", "rss.xml");
  if (!site.featured_practices.empty()) {
    plan_list(jobs, site, theme, nullptr, Section::Practices, site.featured_practices, "practices/", "Лучшие практики", "rss.xml");
  }
  for (const auto& org : site.orgs) {
    jobs.push_back({org.id + "/", "org", [&] { return org_view(site, theme, org, false); }, std::nullopt, true});
    if (org.has_mentors_file) jobs.push_back({org.id + "/mentors/", "mentors", [&] { return mentors_view(site, theme, org); }, std::nullopt, true});
    const bool department = org.id == site.department;
    if (org.roadmap) {
      jobs.push_back({roadmap_url(org), "roadmap", [&site, &theme, &org] { return roadmap_view(site, theme, org); }, std::nullopt, true});
    }
    if (org.indicators || (department && !site.indicator_summaries.empty())) {
      jobs.push_back({org.id + "/indicators/", "indicators",
                      [&site, &theme, &org, department] {
                        return indicators_view(site, theme, org, department ? &site.indicator_summaries : nullptr);
                      },
                      std::nullopt, true});
    }
    for (Section s : kAllSections) {
      const auto& items = org.sections[static_cast<size_t>(s)];
      if (s != Section::Pages && !items.empty()) {
        std::string base = org.id + "/" + section_id(s) + "/";
        plan_list(jobs, site, theme, &org, s, items, base, section_title(s), base + "rss.xml");
      }
      for (size_t i : items) {
        const Entry& e = site.entries[i];
        jobs.push_back({e.url, "entry", [&site, &theme, &org, &e] { return entry_view(site, theme, org, e); }, e.date, true});
      }
    }
  }
  return jobs;
}

std::vector<FileCopy> plan_copies(const Site& site) {
  std::vector<FileCopy> copies;
  for (const auto& org : site.orgs) {
    for (const auto& a : org.intro_files) {
      copies.push_back({a.source, org.id + "/" + a.file_name});
      // The department's landing text is also the portal's home page.
      if (org.id == site.department) copies.push_back({a.source, a.file_name});
    }
    for (const auto& a : org.mentor_files) copies.push_back({a.source, org.id + "/mentors/" + a.file_name});
  }
  for (const auto& e : site.entries) {
    for (const auto& a : e.attachments) copies.push_back({a.source, e.url + a.file_name});
  }
  return copies;
}

}  // namespace nastavnik
