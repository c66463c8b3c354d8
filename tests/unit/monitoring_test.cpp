// The department's monitoring: the checklist (monitoring.yaml) and each organisation's
// status per item — present, outdated (an expired document, old news, indicators without
// the current year, a roadmap all in the past) or missing.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "model/monitoring.h"
#include "model/site.h"
#include "plan/output_plan.h"
#include "plan/routes.h"
#include "render/monitoring_report.h"
#include "render/theme.h"

using namespace nastavnik;

namespace {

const std::string NBSP = "\u00A0";

Date date(const char* iso) {
  auto d = Date::parse_iso(iso);
  REQUIRE(d.has_value());
  return *d;
}

// A site built by hand: the department «uo» and schools, with entries put straight into
// the organisations' sections (newest first, as the site builder leaves them).
struct SiteMaker {
  Site site;

  explicit SiteMaker(const char* today) {
    site.title = "Наставничество";
    site.base_url = "https://nastavnik.example.ru/";
    site.department = "uo";
    site.today = date(today);
    site.orgs.reserve(16);
    site.entries.reserve(64);
    add_org("uo", "department");
  }

  Organisation& add_org(const std::string& id, const std::string& kind = "school") {
    Organisation org;
    org.id = id;
    org.card.short_name.value = "Организация " + id;
    org.card.name.value = org.short_name();
    org.card.kind.value = kind;
    site.orgs.push_back(std::move(org));
    return site.orgs.back();
  }

  Organisation& org(const std::string& id) {
    for (auto& o : site.orgs) {
      if (o.id == id) return o;
    }
    FAIL("no organisation " << id);
    return site.orgs.front();
  }

  template <class F>
  Entry& add_entry(const std::string& org_id, Section section, const std::string& slug, const char* when, F front) {
    Entry e;
    e.section = section;
    e.org = org_id;
    e.slug = slug;
    front.title.value = "Материал " + slug;
    front.title.present = true;
    front.date = {date(when), {}, true};
    e.front = std::move(front);
    e.url = routes::entry(org_id, section, slug);
    site.entries.push_back(std::move(e));
    org(org_id).sections[index_of(section)].push_back(site.entries.size() - 1);
    return site.entries.back();
  }

  void add_document(const std::string& org_id, const std::string& slug, const std::string& type, const char* when,
                    const char* valid_until = nullptr) {
    DocumentFront d;
    d.type.value = type;
    d.type.present = true;
    if (valid_until) d.valid_until = {date(valid_until), {}, true};
    add_entry(org_id, Section::Documents, slug, when, d);
  }

  void add_order(const std::string& org_id, const std::string& slug, const std::string& topic, const std::string& number,
                 const char* when) {
    OrderFront o;
    o.topic = {topic, {}, true};
    o.number = {number, {}, true};
    add_entry(org_id, Section::Orders, slug, when, o);
  }

  void add_news(const std::string& org_id, const std::string& slug, const char* when) {
    add_entry(org_id, Section::News, slug, when, NewsFront{});
  }

  void set_indicators(const std::string& org_id, std::vector<int> years_with_values) {
    IndicatorTable t;
    t.title = "Показатели";
    Indicator ind;
    ind.id = "trained";
    ind.title = "Наставники";
    ind.unit = IndicatorUnit::Count;
    for (int y : years_with_values) {
      t.years.push_back(y);
      IndicatorValue v;
      v.value = 1;
      ind.values[y] = v;
    }
    t.indicators.push_back(ind);
    org(org_id).indicators = t;
  }

  void set_roadmap(const std::string& org_id, std::vector<RoadmapItem> items) {
    Roadmap r;
    r.title = "Дорожная карта " + org_id;
    RoadmapSection s;
    s.title = "Раздел";
    s.items = std::move(items);
    r.sections.push_back(std::move(s));
    org(org_id).roadmap = r;
  }
};

RoadmapItem item(const char* start, const char* end, const char* status) {
  RoadmapItem i;
  i.title = "Мероприятие";
  if (start) i.start = date(start);
  if (end) i.end = date(end);
  i.status = status;
  return i;
}

ChecklistItem check(const std::string& kind, const std::string& param = "", int max_age_days = 90) {
  ChecklistItem i;
  i.id = kind + (param.empty() ? "" : "-" + param);
  i.title = i.id;
  i.check = kind;
  if (kind == "document") i.type = param;
  if (kind == "order") i.topic = param;
  i.max_age_days = max_age_days;
  return i;
}

const MonitoringRow& row_of(const MonitoringReport& report, const std::string& id) {
  for (const auto& r : report.rows) {
    if (r.org->id == id) return r;
  }
  FAIL("no row for " << id);
  return report.rows.front();
}

/// What a check found for one organisation: its status, the page it links (through the
/// output plan, as the monitoring page and report do; "" for none) and its detail.
struct Found {
  CheckStatus status = CheckStatus::Missing;
  std::string url;
  std::string detail;
};

Found one(const Site& site, const std::string& org_id, const ChecklistItem& item) {
  MonitoringReport report = monitor(site, {item});
  const MonitoringRow& row = row_of(report, org_id);
  REQUIRE(row.results.size() == 1);
  const CheckResult& r = row.results[0];
  const OutputPlan plan = OutputPlan::make(site, {});
  return {r.status, check_route(site, plan, *row.org, r).value_or(""), r.detail};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

// -------------------------------------------------------------------- checklist --

TEST_CASE("the default checklist (themes/default/monitoring.yaml) parses, in order") {
  Diagnostics diagnostics;
  auto items = parse_checklist(read_file(NASTAVNIK_SOURCE_DIR "/themes/default/monitoring.yaml"), "monitoring.yaml", diagnostics);
  REQUIRE(items.has_value());
  CHECK_FALSE(diagnostics.has_errors());
  std::vector<std::string> ids;
  for (const auto& i : *items) ids.push_back(i.id);
  CHECK(ids == std::vector<std::string>{"regulation", "order-implementation", "order-curator", "programme", "order-pairs", "roadmap",
                                        "curator", "indicators", "news", "signed"});
  CHECK((*items)[0].check == "document");
  CHECK((*items)[0].type == "regulation");
  CHECK((*items)[2].check == "order");
  CHECK((*items)[2].topic == "curator");
  CHECK((*items)[8].check == "news");
  CHECK((*items)[8].max_age_days == 90);
}

TEST_CASE("the embedded theme carries the same checklist") {
  Diagnostics diagnostics;
  auto theme = Theme::load({}, diagnostics);
  REQUIRE(theme.has_value());
  CHECK(theme->data_file("monitoring.yaml") == read_file(NASTAVNIK_SOURCE_DIR "/themes/default/monitoring.yaml"));
}

TEST_CASE("parse_checklist: max_age_days defaults to 90") {
  Diagnostics diagnostics;
  auto items = parse_checklist("items:\n  - id: news\n    title: \"Новости\"\n    check: news\n", "m.yaml", diagnostics);
  REQUIRE(items.has_value());
  REQUIRE(items->size() == 1);
  CHECK((*items)[0].max_age_days == 90);
}

TEST_CASE("parse_checklist: a document item without type is an error") {
  Diagnostics diagnostics;
  auto items = parse_checklist("items:\n  - id: reg\n    title: \"Положение\"\n    check: document\n", "theme/monitoring.yaml", diagnostics);
  CHECK_FALSE(items.has_value());
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.sorted()[0].format() == "theme/monitoring.yaml:2:5: ошибка: у пункта «reg» не указан вид документа type");
}

TEST_CASE("parse_checklist: an order item without topic is an error") {
  Diagnostics diagnostics;
  auto items = parse_checklist("items:\n  - id: o\n    title: \"Приказ\"\n    check: order\n", "m.yaml", diagnostics);
  CHECK_FALSE(items.has_value());
  REQUIRE(diagnostics.error_count() == 1);
  CHECK(diagnostics.sorted()[0].format() == "m.yaml:2:5: ошибка: у пункта «o» не указан тема приказа topic");
}

TEST_CASE("parse_checklist: an unknown check kind is refused") {
  Diagnostics diagnostics;
  auto items = parse_checklist("items:\n  - id: x\n    title: \"Х\"\n    check: telepathy\n", "m.yaml", diagnostics);
  CHECK_FALSE(items.has_value());
  CHECK(diagnostics.has_errors());
  REQUIRE(diagnostics.sorted().size() >= 1);
  CHECK(diagnostics.sorted()[0].path == "m.yaml");
  CHECK(diagnostics.sorted()[0].pos.line == 4);
}

TEST_CASE("check_status_title / check_status_id") {
  CHECK(std::string(check_status_title(CheckStatus::Present)) == "есть");
  CHECK(std::string(check_status_title(CheckStatus::Outdated)) == "устарело");
  CHECK(std::string(check_status_title(CheckStatus::Missing)) == "нет");
  CHECK(std::string(check_status_id(CheckStatus::Present)) == "present");
  CHECK(std::string(check_status_id(CheckStatus::Outdated)) == "outdated");
  CHECK(std::string(check_status_id(CheckStatus::Missing)) == "missing");
}

// ----------------------------------------------------------------------- rows --

TEST_CASE("monitor: one row per organisation but the department, one result per item") {
  SiteMaker m("2025-11-25");
  m.add_org("school-1");
  m.add_org("school-2");
  m.add_org("kindergarten-3", "kindergarten");
  std::vector<ChecklistItem> items = {check("document", "regulation"), check("order", "curator"), check("news")};
  MonitoringReport report = monitor(m.site, items);
  CHECK(report.date == date("2025-11-25"));
  CHECK(report.items.size() == 3);
  REQUIRE(report.rows.size() == 3);
  CHECK(report.rows[0].org->id == "school-1");
  CHECK(report.rows[1].org->id == "school-2");
  CHECK(report.rows[2].org->id == "kindergarten-3");
  for (const auto& row : report.rows) {
    REQUIRE(row.results.size() == 3);
    for (const auto& r : row.results) CHECK(r.status == CheckStatus::Missing);
    CHECK(row.present() == 0);
  }
}

TEST_CASE("monitor: a site without a department monitors every organisation") {
  SiteMaker m("2025-11-25");
  m.site.department.clear();
  m.add_org("school-1");
  MonitoringReport report = monitor(m.site, {check("curator")});
  CHECK(report.rows.size() == 2);
}

// ------------------------------------------------------------------- documents --

TEST_CASE("document: in force → present, expired → outdated, none → missing") {
  SiteMaker m("2025-11-25");
  m.add_org("in-force");
  m.add_org("expired");
  m.add_org("last-day");
  m.add_org("other-type");
  m.add_org("both");
  m.add_document("in-force", "polozhenie", "regulation", "2022-04-26");
  m.add_document("expired", "polozhenie", "regulation", "2022-04-26", "2024-12-31");
  m.add_document("last-day", "polozhenie", "regulation", "2022-04-26", "2025-11-25");
  m.add_document("other-type", "programma", "programme", "2022-04-26");
  m.add_document("both", "polozhenie-2025", "regulation", "2025-01-10");
  m.add_document("both", "polozhenie-2022", "regulation", "2022-04-26", "2024-12-31");

  const ChecklistItem reg = check("document", "regulation");
  Found in_force = one(m.site, "in-force", reg);
  CHECK(in_force.status == CheckStatus::Present);
  CHECK(in_force.url == "in-force/documents/polozhenie/");
  CHECK(in_force.detail == "от 26" + NBSP + "апреля" + NBSP + "2022" + NBSP + "г.");

  Found expired = one(m.site, "expired", reg);
  CHECK(expired.status == CheckStatus::Outdated);
  CHECK(expired.url == "expired/documents/polozhenie/");
  CHECK(expired.detail == "утратил силу 31" + NBSP + "декабря" + NBSP + "2024" + NBSP + "г.");

  // valid_until is the last day in force.
  CHECK(one(m.site, "last-day", reg).status == CheckStatus::Present);
  CHECK(one(m.site, "other-type", reg).status == CheckStatus::Missing);
  CHECK(one(m.site, "other-type", check("document", "programme")).status == CheckStatus::Present);

  Found both = one(m.site, "both", reg);
  CHECK(both.status == CheckStatus::Present);
  CHECK(both.url == "both/documents/polozhenie-2025/");
}

TEST_CASE("document: the expired one is found even after a newer expired one") {
  SiteMaker m("2025-11-25");
  m.add_org("s");
  m.add_document("s", "new", "programme", "2023-09-01", "2024-08-31");
  m.add_document("s", "old", "programme", "2021-09-01", "2023-08-31");
  Found r = one(m.site, "s", check("document", "programme"));
  CHECK(r.status == CheckStatus::Outdated);
  CHECK(r.url == "s/documents/new/");
}

// ---------------------------------------------------------------------- orders --

TEST_CASE("order: present with its number and date, missing otherwise") {
  SiteMaker m("2025-11-25");
  m.add_org("with");
  m.add_org("without");
  m.add_order("with", "o-kuratore", "curator", "45-о", "2024-09-02");
  m.add_order("without", "o-vnedrenii", "implementation", "12", "2024-09-01");
  Found r = one(m.site, "with", check("order", "curator"));
  CHECK(r.status == CheckStatus::Present);
  CHECK(r.url == "with/orders/o-kuratore/");
  CHECK(r.detail == "№ 45-о от 2" + NBSP + "сентября" + NBSP + "2024" + NBSP + "г.");
  CHECK(one(m.site, "without", check("order", "curator")).status == CheckStatus::Missing);
  CHECK(one(m.site, "without", check("order", "implementation")).status == CheckStatus::Present);
}

// ------------------------------------------------------------------------ news --

TEST_CASE("news: not older than max_age_days → present, older → outdated, none → missing") {
  SiteMaker m("2025-11-25");
  m.add_org("fresh");
  m.add_org("day-90");
  m.add_org("day-91");
  m.add_org("old");
  m.add_org("none");
  m.add_news("fresh", "a", "2025-11-20");
  m.add_news("fresh", "b", "2024-01-01");
  m.add_news("day-90", "a", "2025-08-27");  // 2025-11-25 − 90 days
  m.add_news("day-91", "a", "2025-08-26");
  m.add_news("old", "a", "2025-03-01");

  const ChecklistItem news = check("news");
  Found fresh = one(m.site, "fresh", news);
  CHECK(fresh.status == CheckStatus::Present);
  CHECK(fresh.url == "fresh/news/a/");
  CHECK(fresh.detail == "от 20" + NBSP + "ноября" + NBSP + "2025" + NBSP + "г.");
  CHECK(one(m.site, "day-90", news).status == CheckStatus::Present);
  CHECK(one(m.site, "day-91", news).status == CheckStatus::Outdated);
  Found old = one(m.site, "old", news);
  CHECK(old.status == CheckStatus::Outdated);
  CHECK(old.url == "old/news/a/");
  CHECK(one(m.site, "none", news).status == CheckStatus::Missing);
  // A custom age limit.
  CHECK(one(m.site, "old", check("news", "", 365)).status == CheckStatus::Present);
}

// ------------------------------------------------------------------ indicators --

TEST_CASE("indicators: the current year → present, earlier years only → outdated, no table → missing") {
  SiteMaker m("2025-11-25");
  m.add_org("current");
  m.add_org("last-year");
  m.add_org("none");
  m.add_org("empty-values");
  m.set_indicators("current", {2024, 2025});
  m.set_indicators("last-year", {2023, 2024});
  m.set_indicators("empty-values", {});

  const ChecklistItem ind = check("indicators");
  Found current = one(m.site, "current", ind);
  CHECK(current.status == CheckStatus::Present);
  CHECK(current.url == "current/indicators/");
  CHECK(current.detail == "за 2025 год");

  Found last_year = one(m.site, "last-year", ind);
  CHECK(last_year.status == CheckStatus::Outdated);
  CHECK(last_year.url == "last-year/indicators/");
  CHECK(last_year.detail == "последние данные за 2024 год");

  Found none = one(m.site, "none", ind);
  CHECK(none.status == CheckStatus::Missing);
  CHECK(none.url.empty());

  Found empty_values = one(m.site, "empty-values", ind);
  CHECK(empty_values.status == CheckStatus::Outdated);
  CHECK(empty_values.detail == "нет значений");
}

TEST_CASE("indicators: a table with no indicators counts as missing") {
  SiteMaker m("2025-11-25");
  m.add_org("s");
  IndicatorTable t;
  t.years = {2025};
  m.org("s").indicators = t;
  CHECK(one(m.site, "s", check("indicators")).status == CheckStatus::Missing);
}

// -------------------------------------------------------------------- roadmap --

TEST_CASE("roadmap: current items → present, everything in the past → outdated, a roadmap document as a fallback") {
  SiteMaker m("2025-11-25");
  m.add_org("future");
  m.add_org("past");
  m.add_org("undated-open");
  m.add_org("document");
  m.add_org("expired-document");
  m.add_org("none");
  m.set_roadmap("future", {item("2022-03-01", "2022-04-30", "done"), item("2026-02-01", nullptr, "planned")});
  m.set_roadmap("past", {item("2022-03-01", "2022-04-30", "done"), item("2024-09-01", "2025-05-31", "in-progress")});
  m.set_roadmap("undated-open", {item(nullptr, nullptr, "planned")});
  m.add_document("document", "dorozhnaya-karta", "roadmap", "2022-04-26");
  m.add_document("expired-document", "dorozhnaya-karta", "roadmap", "2022-04-26", "2024-12-31");

  const ChecklistItem rm = check("roadmap");
  Found future = one(m.site, "future", rm);
  CHECK(future.status == CheckStatus::Present);
  CHECK(future.url == "future/roadmap/");
  CHECK(future.detail == "Дорожная карта future");

  Found past = one(m.site, "past", rm);
  CHECK(past.status == CheckStatus::Outdated);
  CHECK(past.url == "past/roadmap/");
  CHECK(past.detail == "все мероприятия в прошлом");

  CHECK(one(m.site, "undated-open", rm).status == CheckStatus::Present);
  Found doc = one(m.site, "document", rm);
  CHECK(doc.status == CheckStatus::Present);
  CHECK(doc.url == "document/documents/dorozhnaya-karta/");
  CHECK(one(m.site, "expired-document", rm).status == CheckStatus::Outdated);
  CHECK(one(m.site, "none", rm).status == CheckStatus::Missing);
}

TEST_CASE("roadmap: an item ending today is still current") {
  SiteMaker m("2025-11-25");
  m.add_org("s");
  m.set_roadmap("s", {item("2025-11-01", "2025-11-25", "in-progress")});
  CHECK(one(m.site, "s", check("roadmap")).status == CheckStatus::Present);
}

// -------------------------------------------------------------------- curator --

TEST_CASE("curator: an e-mail or a phone → present, a name alone → missing") {
  SiteMaker m("2025-11-25");
  Organisation& email = m.add_org("email");
  email.card.curator.present = true;
  email.card.curator.value.name = {"Иванова М.П.", {}, true};
  email.card.curator.value.email = {"ivanova@example.ru", {}, true};
  Organisation& phone = m.add_org("phone");
  phone.card.curator.present = true;
  phone.card.curator.value.phone = {"+7 (39031) 2-00-00", {}, true};
  Organisation& name_only = m.add_org("name-only");
  name_only.card.curator.present = true;
  name_only.card.curator.value.name = {"Петрова А.С.", {}, true};
  m.add_org("none");

  Found r = one(m.site, "email", check("curator"));
  CHECK(r.status == CheckStatus::Present);
  CHECK(r.url == "email/");
  CHECK(r.detail == "ivanova@example.ru");
  CHECK(one(m.site, "phone", check("curator")).detail == "+7 (39031) 2-00-00");
  CHECK(one(m.site, "name-only", check("curator")).status == CheckStatus::Missing);
  CHECK(one(m.site, "none", check("curator")).status == CheckStatus::Missing);
}

// --------------------------------------------------------------- whole rows --

TEST_CASE("monitor: a whole row against several items, present() counts only «есть»") {
  SiteMaker m("2025-11-25");
  m.add_org("s");
  m.add_document("s", "polozhenie", "regulation", "2022-04-26", "2024-12-31");  // outdated
  m.add_order("s", "o-vnedrenii", "implementation", "1", "2022-04-26");         // present
  m.add_news("s", "n", "2025-11-01");                                           // present
  m.set_indicators("s", {2024});                                                // outdated
  std::vector<ChecklistItem> items = {check("document", "regulation"), check("order", "implementation"), check("order", "curator"),
                                      check("news"), check("indicators"), check("curator")};
  MonitoringReport report = monitor(m.site, items);
  const MonitoringRow& row = row_of(report, "s");
  REQUIRE(row.results.size() == items.size());
  CHECK(row.results[0].status == CheckStatus::Outdated);
  CHECK(row.results[1].status == CheckStatus::Present);
  CHECK(row.results[2].status == CheckStatus::Missing);
  CHECK(row.results[3].status == CheckStatus::Present);
  CHECK(row.results[4].status == CheckStatus::Outdated);
  CHECK(row.results[5].status == CheckStatus::Missing);
  CHECK(row.present() == 2);
}
