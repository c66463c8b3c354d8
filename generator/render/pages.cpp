#include "render/pages.h"

#include <algorithm>
#include <map>

#include "contract/vocabulary.h"
#include "core/strings.h"
#include "render/indicators_page.h"
#include "render/roadmap_page.h"
#include "render/search_page.h"
#include "text/russian.h"
#include "text/typography.h"

namespace nastavnik {
namespace {

Data card(const Here& here, const Entry& e, bool with_org) {
  const Site& site = here.site();
  Data v = object();
  v.set("title", e.title());
  v.set("href", here.href(e.url));
  v.set("date", date_view(e.date()));
  v.set("summary", here.ctx().text(e).summary);
  v.set("section_title", section_title(e.section));
  if (with_org) {
    if (const Organisation* org = site.find_org(e.org)) {
      v.set("org_short_name", org->short_name());
      v.set("org_href", here.href(*here.plan().org_tab(*org)));
    }
  }
  if (e.section == Section::Documents) {
    const auto& d = e.as<DocumentFront>();
    if (d.number.present) v.set("number", d.number.value);
    if (d.valid_until.present && d.valid_until.value < site.today) {
      v.set("expired", true);
      v.set("valid_until", format_date_ru(d.valid_until.value));
    }
    if (e.file >= 0) v.set("file", attachment_view(here, e.url, e.attachments[static_cast<size_t>(e.file)], ""));
  }
  if (e.section == Section::Orders) {
    const auto& o = e.as<OrderFront>();
    v.set("number", o.number.value);
    v.set("topic", typograph(order_topics().title_of(o.topic.value)));
    if (e.file >= 0) v.set("file", attachment_view(here, e.url, e.attachments[static_cast<size_t>(e.file)], ""));
  }
  if (e.section == Section::Stories) v.set("form", typograph(mentoring_forms().title_of(e.as<StoryFront>().form.value)));
  if (e.section == Section::Practices) v.set("form", typograph(mentoring_forms().title_of(e.as<PracticeFront>().form.value)));
  return v;
}

Data cards(const Here& here, const std::vector<size_t>& items, size_t from, size_t count, bool with_org) {
  Data out = list();
  for (size_t i = from; i < items.size() && i < from + count; ++i) out.push_back(card(here, here.site().entries[items[i]], with_org));
  return out;
}

Data person_view(const PersonRecord& p, const char* role) {
  Data v = object();
  v.set("role", role);
  std::string name = public_name(p);
  if (!name.empty()) v.set("name", name);
  if (p.position.present) v.set("position", p.position.value);
  return v;
}

Data pagination(const Here& here, const OutputRecord& r) {
  if (r.pages <= 1) return Data(false);
  auto page_route = [&](size_t n) -> std::string {
    const OutputPlan& plan = here.plan();
    auto route = r.org ? plan.section_list(*r.org, r.section, n)
                       : r.section == Section::News ? plan.portal_news(n) : plan.portal_practices(n);
    return *route;
  };
  Data v = object();
  if (r.page > 1) v.set("prev_href", here.href(page_route(r.page - 1)));
  if (r.page < r.pages) v.set("next_href", here.href(page_route(r.page + 1)));
  Data numbers = list();
  for (size_t n = 1; n <= r.pages; ++n) {
    Data item = object();
    item.set("number", std::to_string(n));
    item.set("href", here.href(page_route(n)));
    if (n == r.page) item.set("current", true);
    numbers.push_back(item);
  }
  set_list(v, "pages", numbers);
  v.set("label", "Страница\u00A0" + std::to_string(r.page) + " из\u00A0" + std::to_string(r.pages));
  return v;
}

// "125-о" → digits padded, so that 9 sorts before 10 in the register.
std::string number_sort_key(const std::string& number) {
  size_t digits = 0;
  while (digits < number.size() && number[digits] >= '0' && number[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return number;
  return std::string(12 - digits, '0') + number;
}

Data orgs_list(const Here& here) {
  Data out = list();
  for (const auto& org : here.site().orgs) {
    Data o = object();
    o.set("short_name", org.short_name());
    o.set("name", org.name());
    o.set("kind", typograph(organisation_kinds().title_of(org.kind())));
    if (org.card.city.present) o.set("city", org.card.city.value);
    o.set("href", here.href(*here.plan().org_tab(org)));
    if (here.site().is_department(org)) o.set("is_department", true);
    out.push_back(o);
  }
  return out;
}

// The tab of an organisation; the home page shows the department's tab too. Links to the
// organisation's own files get its folder as base there.
Data tab_view(const Here& here, const Organisation& org, bool as_home) {
  const Site& site = here.site();
  const OutputPlan& plan = here.plan();
  const std::string tab = *plan.org_tab(org);
  std::string title = org.intro.title.empty() ? org.short_name() : org.intro.title;
  std::vector<Crumb> crumbs = as_home ? std::vector<Crumb>{{"Главная", ""}} : org_crumbs(here, org);
  Data feeds = list();
  if (auto feed = plan.org_feed(org)) feeds.push_back(feed_link(here, "Наставничество — " + org.short_name(), *feed));
  Data v = base_view(here, as_home ? site.title : title, as_home ? nullptr : &org, crumbs, feeds, "", as_home ? "" : "-");
  Data card_data = object();
  card_data.set("name", org.name());
  card_data.set("short_name", org.short_name());
  card_data.set("kind", typograph(organisation_kinds().title_of(org.kind())));
  if (org.card.city.present) card_data.set("city", org.card.city.value);
  if (org.card.site.present) card_data.set("site", org.card.site.value);
  card_data.set("href", here.href(tab));
  v.set("org_card", card_data);
  // The tab is found at its own address; the home page, the department's tab again, is not indexed.
  if (!as_home) mark_searchable(v, org, kTabCollection, std::nullopt);
  if (org.card.curator.present) {
    const PersonRecord& curator = org.card.curator.value;
    Data c = object();
    std::string name = public_name(curator);
    if (!name.empty()) c.set("name", name);
    if (curator.position.present) c.set("position", curator.position.value);
    if (curator.email.present) c.set("email", curator.email.value);
    if (curator.phone.present) c.set("phone", curator.phone.value);
    v.set("curator", c);
  }
  Data forms = list();
  for (const auto& f : org.card.forms.value) forms.push_back(Data(typograph(mentoring_forms().title_of(f.value))));
  if (!org.card.forms.value.empty()) set_list(v, "forms", forms);
  // Links in the tab's text are relative to the tab's folder.
  const std::string base = here.root() + tab;
  if (!org.intro.body.html.empty()) v.set("intro_html", org.intro.body.with_base(as_home ? base : std::string()));
  if (org.intro.image >= 0) {
    // The tab's picture comes first on the page: not lazy.
    v.set("intro_image", picture_view(here, tab, org.intro.files[static_cast<size_t>(org.intro.image)], PictureRole::Illustration, false,
                                      "Иллюстрация: " + org.short_name(), "illustration"));
    const Attachment& picture = org.intro.files[static_cast<size_t>(org.intro.image)];
    set_share_image(v, here, tab + picture.file_name, "Иллюстрация: " + org.short_name(), &picture);
  }
  Data blocks = list();
  for (Section s : kAllSections) {
    const auto& items = org.in(s);
    auto list_route = plan.section_list(org, s);
    if (s == Section::Pages || !list_route) continue;
    Data b = object();
    b.set("title", section_title(s));
    b.set("id", std::string("block-") + section_id(s));
    b.set("href", here.href(*list_route));
    b.set("all_label", std::string(all_label(s)) + " (" + std::to_string(items.size()) + ")");
    set_list(b, "items", cards(here, items, 0, 3, false));
    if (auto feed = plan.section_feed(org, s)) b.set("feed_href", here.href(*feed));
    blocks.push_back(b);
  }
  if (!blocks.is_empty_list()) v.set("blocks", blocks);
  Data pages = list();
  for (size_t i : org.in(Section::Pages)) {
    Data p = object();
    p.set("title", site.entries[i].title());
    p.set("href", here.href(*plan.entry(site, site.entries[i])));
    pages.push_back(p);
  }
  if (!pages.is_empty_list()) set_list(v, "pages", pages);
  if (auto mentors = plan.mentors(org)) v.set("mentors_href", here.href(*mentors));
  if (org.indicators) v.set("indicators", indicators_brief(here, org));
  if (auto roadmap = plan.roadmap(org)) {
    set_list(v, "upcoming_events", upcoming_events(here, org, 5));
    v.set("roadmap_href", here.href(*roadmap));
  }
  if (auto feed = plan.org_feed(org)) v.set("feed_href", here.href(*feed));
  return v;
}

}  // namespace

Data home_view(const RenderContext& ctx, const OutputRecord& r) {
  const Site& site = ctx.site;
  const OutputPlan& plan = ctx.plan;
  Here here(ctx, r.route);
  const Organisation* dept = site.department_org();
  Data v = dept ? tab_view(here, *dept, true) : base_view(here, site.title, nullptr, {{"Главная", ""}}, list(), "", "");
  Data feeds = list();
  if (auto feed = plan.portal_feed()) {
    feeds.push_back(feed_link(here, site.title, *feed));
    v.set("portal_feed_href", here.href(*feed));
  }
  v.set("feeds", feeds);
  v.set("is_home", true);
  if (dept) {
    if (auto calendar = plan.calendar(*dept)) v.set("calendar_href", here.href(*calendar));
  }
  v.set("orgs", orgs_list(here));
  v.set("orgs_count", count_of(site.orgs.size(), {"организация", "организации", "организаций"}));
  if (auto news = plan.portal_news()) {
    set_list(v, "latest_news", cards(here, site.all_news, 0, 10, true));
    v.set("all_news_href", here.href(*news));
  }
  if (auto practices = plan.portal_practices()) {
    set_list(v, "featured_practices", cards(here, site.featured_practices, 0, 6, true));
    v.set("all_practices_href", here.href(*practices));
  }
  return v;
}

Data orgs_view(const RenderContext& ctx, const OutputRecord& r) {
  Here here(ctx, r.route);
  Data v = base_view(here, "Организации", nullptr, {{"Главная", ""}, {"Организации", r.route}}, list(), "", r.route);
  v.set("orgs", orgs_list(here));
  v.set("count", count_of(ctx.site.orgs.size(), {"организация", "организации", "организаций"}));
  return v;
}

// «Версия для слабовидящих» without JavaScript: how to zoom and change colours in the
// browser. With JavaScript every page's control opens the settings panel instead.
Data accessibility_view(const RenderContext& ctx, const OutputRecord& r) {
  Here here(ctx, r.route);
  const std::string title = "Версия для слабовидящих";
  Data v = base_view(here, title, nullptr, {{"Главная", ""}, {title, r.route}}, list(),
                     "Как увеличить текст, изменить цвета и читать раздел «Наставничество» программой экранного доступа", "-");
  v.set("is_accessibility", true);
  return v;
}

Data not_found_view(const RenderContext& ctx, const OutputRecord& r) {
  Here here(ctx, r.route);
  here.use_absolute_root();
  return base_view(here, "Страница не\u00A0найдена", nullptr, {}, list(), "", "-");
}

Data org_view(const RenderContext& ctx, const OutputRecord& r) {
  Here here(ctx, r.route);
  return tab_view(here, *r.org, false);
}

Data list_view(const RenderContext& ctx, const OutputRecord& r) {
  const Site& site = ctx.site;
  const OutputPlan& plan = ctx.plan;
  const Organisation* org = r.org;
  const Section section = r.section;
  const std::vector<size_t>& items = *r.items;
  Here here(ctx, r.route);
  const std::string first = org ? *plan.section_list(*org, section) : section == Section::News ? *plan.portal_news() : *plan.portal_practices();
  std::vector<Crumb> crumbs = org ? org_crumbs(here, *org) : std::vector<Crumb>{{"Главная", ""}};
  crumbs.push_back({r.title, first});
  if (r.page > 1) crumbs.push_back({"Страница\u00A0" + std::to_string(r.page), r.route});
  const auto feed = org ? plan.section_feed(*org, section) : plan.portal_feed();
  Data feeds = list();
  if (feed) feeds.push_back(feed_link(here, r.title + (org ? " — " + org->short_name() : ""), *feed));
  Data v = base_view(here, r.title, org, crumbs, feeds, "", org ? "-" : first);
  v.set(std::string("is_") + section_id(section), true);
  v.set("count", count_of(items.size(), section_noun(section)));
  if (feed) v.set("feed_href", here.href(*feed));
  if (section == Section::Documents && org) {
    // Grouped by type in the order of the contract; documents no longer in force go below
    // every document in force.
    std::map<std::pair<bool, size_t>, std::vector<size_t>> groups;
    for (size_t i : items) {
      const auto& d = site.entries[i].as<DocumentFront>();
      bool expired = d.valid_until.present && d.valid_until.value < site.today;
      groups[{expired, document_types().index_of(d.type.value)}].push_back(i);
    }
    Data out = list();
    for (const auto& [key, group] : groups) {
      Data g = object();
      const auto& terms = document_types().terms;
      std::string group_title = terms[std::min(key.second, terms.size() - 1)].title;
      g.set("title", key.first ? group_title + " (утратили силу)" : group_title);
      set_list(g, "items", cards(here, group, 0, group.size(), false));
      out.push_back(g);
    }
    v.set("groups", out);
  } else {
    v.set("card_heading", "h2");  // the cards come right under the h1
    const size_t per_page = r.pages == 1 ? items.size() : kPageSize;
    const size_t from = (r.page - 1) * per_page;
    Data shown = list();
    for (size_t i = from; i < items.size() && i - from < per_page; ++i) {
      const Entry& e = site.entries[items[i]];
      Data c = card(here, e, org == nullptr);
      // The register of orders sorts by number in the browser: 9 before 10.
      if (section == Section::Orders) c.set("number_key", number_sort_key(e.as<OrderFront>().number.value));
      shown.push_back(c);
    }
    set_list(v, "items", shown);
  }
  v.set("pagination", pagination(here, r));
  return v;
}

Data entry_view(const RenderContext& ctx, const OutputRecord& r) {
  const Site& site = ctx.site;
  const OutputPlan& plan = ctx.plan;
  const Organisation& org = *r.org;
  const Entry& e = site.entries[r.entry];
  Here here(ctx, r.route);
  std::vector<Crumb> crumbs = org_crumbs(here, org);
  if (auto list_route = plan.section_list(org, e.section)) crumbs.push_back({section_title(e.section), *list_route});
  crumbs.push_back({e.title(), r.route});
  Data feeds = list();
  if (e.section != Section::Pages) {
    if (auto feed = plan.section_feed(org, e.section)) {
      feeds.push_back(feed_link(here, std::string(section_title(e.section)) + " — " + org.short_name(), *feed));
    }
  }
  const EntryText& text = ctx.text(e);
  Data v = base_view(here, e.title(), &org, crumbs, feeds, text.summary, "-");
  v.set(std::string("is_") + section_id(e.section), true);
  v.set("section_title", section_title(e.section));
  v.set("date", date_view(e.date()));
  v.set("body_html", text.body.with_base(""));
  mark_searchable(v, org, section_title(e.section), e.date());
  // Shared, an entry is an article with its date, its summary and its picture: the image,
  // else a story's first photo, in its largest size (at most 1440 px wide; VK and Telegram
  // ask for at least 600 × 315).
  v.set("og_type", "article");
  if (auto d = e.date()) v.set("published_time", d->iso());
  const int shown = e.image >= 0 ? e.image : e.photos.empty() ? -1 : e.photos.front();
  if (shown >= 0) {
    const Attachment& picture = e.attachments[static_cast<size_t>(shown)];
    set_share_image(v, here, e.url + picture.file_name, "Иллюстрация: " + e.title(), &picture);
  }
  const FrontBase& base = e.base();
  if (!base.tags.value.empty()) {
    std::vector<std::string> tags;
    for (const auto& t : base.tags.value) tags.push_back(t.value);
    set_list(v, "tags", text_list(tags));
  }
  if (e.image >= 0) {
    v.set("image", picture_view(here, e.url, e.attachments[static_cast<size_t>(e.image)], PictureRole::Illustration, false,
                                "Иллюстрация: " + e.title(), "illustration"));
  }
  std::vector<int> listed;
  Data files = list();
  auto add_file = [&](int index, const std::string& label) {
    if (index < 0 || std::find(listed.begin(), listed.end(), index) != listed.end()) return;
    listed.push_back(index);
    const Attachment& a = text.attachments[static_cast<size_t>(index)];
    Data file = attachment_view(here, e.url, a, label);
    // The document's page shows its first page small; lists name the file only.
    file.set("first_page", first_page_view(here, e.url, a));
    files.push_back(std::move(file));
  };
  switch (e.section) {
    case Section::Documents: {
      const auto& d = e.as<DocumentFront>();
      Data doc = object();
      doc.set("type", typograph(document_types().title_of(d.type.value)));
      if (d.number.present) doc.set("number", d.number.value);
      if (d.approved_by.present) doc.set("approved_by", d.approved_by.value);
      if (d.valid_until.present) {
        doc.set("valid_until", format_date_ru(d.valid_until.value));
        if (d.valid_until.value < site.today) doc.set("expired", true);
      }
      v.set("document", doc);
      add_file(e.file, "Текст документа");
      break;
    }
    case Section::Orders: {
      const auto& o = e.as<OrderFront>();
      Data order = object();
      order.set("number", o.number.value);
      order.set("issuer", o.issuer.present ? o.issuer.value : org.short_name());
      order.set("topic", typograph(order_topics().title_of(o.topic.value)));
      v.set("order", order);
      add_file(e.file, "Текст приказа");
      break;
    }
    case Section::Stories: {
      const auto& s = e.as<StoryFront>();
      Data story = object();
      story.set("form", typograph(mentoring_forms().title_of(s.form.value)));
      if (s.model.present) story.set("model", s.model.value);
      Data people = list();
      if (s.mentor.present) people.push_back(person_view(s.mentor.value, "Наставник"));
      if (s.mentee.present) people.push_back(person_view(s.mentee.value, "Наставляемый"));
      if (!people.is_empty_list()) story.set("people", people);
      const PeriodRecord& p = s.period.value;
      if (p.from.present || p.to.present) {
        std::string period = p.from.present ? "с " + format_date_ru(p.from.value) : "";
        if (p.to.present) period += std::string(period.empty() ? "" : " ") + "по " + format_date_ru(p.to.value);
        story.set("period", typograph(period));
      }
      if (!s.results.value.empty()) set_list(story, "results", text_list(s.results));
      Data photos = list();
      // Below the text: each loads when scrolled to, unless it is the page's first image.
      bool first = e.image < 0 && text.body.html.find("<img") == std::string::npos;
      for (int ph : e.photos) {
        const Attachment& a = e.attachments[static_cast<size_t>(ph)];
        const std::string alt = typograph("Фотография к истории «" + e.title() + "»");
        Data item = picture_view(here, e.url, a, PictureRole::Gallery, !first, alt);
        // A tap opens the photo at its largest size. The link is named by itself: with
        // images off (the version for the visually impaired) its image is not there, and
        // the alt text shown instead begins its name.
        item.set("href", here.href(e.url + a.file_name));
        item.set("link_label", alt + " (" + std::to_string(photos.items().size() + 1) + " из " + std::to_string(e.photos.size()) + ", крупно)");
        photos.push_back(item);
        listed.push_back(ph);
        first = false;
      }
      if (!e.photos.empty()) set_list(story, "photos", photos);
      v.set("story", story);
      break;
    }
    case Section::Practices: {
      const auto& p = e.as<PracticeFront>();
      Data practice = object();
      practice.set("form", typograph(mentoring_forms().title_of(p.form.value)));
      if (!p.authors.value.empty()) practice.set("authors", join(values_of(p.authors), ", "));
      if (!p.results.value.empty()) set_list(practice, "results", text_list(p.results));
      if (p.featured.value) practice.set("featured", true);
      v.set("practice", practice);
      for (int f : e.files) add_file(f, "");
      break;
    }
    default:
      break;
  }
  if (e.image >= 0) listed.push_back(e.image);
  for (size_t i = 0; i < text.attachments.size(); ++i) {
    if (!text.attachments[i].image) add_file(static_cast<int>(i), "");
  }
  if (!files.is_empty_list()) set_list(v, "files", files);
  return v;
}

Data mentors_view(const RenderContext& ctx, const OutputRecord& r) {
  const Organisation& org = *r.org;
  Here here(ctx, r.route);
  std::vector<Crumb> crumbs = org_crumbs(here, org);
  crumbs.push_back({"Наши наставники", r.route});
  Data v = base_view(here, "Наши наставники", &org, crumbs, list(), "", "-");
  mark_searchable(v, org, kMentorsCollection, std::nullopt);
  // A mentor who works in two forms is listed in both; sorted by Russian collation.
  const auto& forms = mentoring_forms();
  std::map<size_t, std::vector<const Mentor*>> by_form;
  for (const auto& m : org.mentors) {
    if (m.record.forms.value.empty()) by_form[forms.terms.size()].push_back(&m);
    for (const auto& f : m.record.forms.value) by_form[forms.index_of(f.value)].push_back(&m);
  }
  Data groups = list();
  size_t photos = 0;  // the page's first loads at once, the others when scrolled to
  for (auto& [form, mentors] : by_form) {
    std::vector<std::pair<std::string, const Mentor*>> keyed;
    for (const Mentor* m : mentors) {
      std::string name = m->record.consent.value ? m->record.name.value : std::string();
      keyed.emplace_back(collation_key(name.empty() ? "я" + m->record.position.value : name), m);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Data g = object();
    g.set("title", typograph(form < forms.terms.size() ? "Форма " + forms.terms[form].title : std::string("Другие формы")));
    Data people = list();
    for (const auto& [key, m] : keyed) {
      Data p = object();
      std::string name = m->record.consent.value ? m->record.name.value : std::string();
      if (!name.empty()) p.set("name", name);
      p.set("position", m->record.position.value);
      p.set("role", typograph(mentor_roles().title_of(m->record.role.present ? m->record.role.value : "other")));
      if (m->photo >= 0) {
        p.set("photo", picture_view(here, r.route, org.mentor_files[static_cast<size_t>(m->photo)], PictureRole::Portrait, photos++ > 0,
                                    "Фотография: " + name));
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

}  // namespace nastavnik
