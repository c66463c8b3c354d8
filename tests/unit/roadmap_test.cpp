// roadmap.yaml: reading with Russian diagnostics at the editor's line and column, the
// roadmap page's view data and the tab's «Ближайшие мероприятия».
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>


#include "build/load.h"
#include "core/diagnostics.h"
#include "model/roadmap.h"
#include "model/site.h"
#include "plan/output_plan.h"
#include "read/text_file.h"
#include "render/roadmap_page.h"
#include "render/theme.h"
#include "render/view.h"
#include "support.h"
#include "validate/files.h"

using namespace nastavnik;

namespace {

struct Loaded {
  std::optional<Roadmap> roadmap;
  std::vector<std::string> lines;  // formatted diagnostics, sorted
  size_t errors = 0;
  size_t warnings = 0;
};

// school-1/roadmap.yaml read as the build reads it: decoded, checked against the contract
// and its own rules, then made into the model.
Loaded load(const std::string& yaml) {
  Diagnostics diagnostics;
  Loaded r;
  if (auto text = decode_text("school-1/roadmap.yaml", yaml, diagnostics)) {
    if (auto file = load_roadmap_file(*text, diagnostics)) r.roadmap = roadmap_of(*file);
  }
  r.lines = test::formatted(diagnostics);
  r.errors = diagnostics.error_count();
  r.warnings = diagnostics.warning_count();
  return r;
}

const char* kValid =
    "title: \"Дорожная карта внедрения целевой модели наставничества на 2022 - 2024 годы\"\n"
    "approved_by: \"Приказ от 26.04.2022 № 725\"\n"
    "sections:\n"
    "  - title: \"Организационные мероприятия\"\n"
    "    items:\n"
    "      - id: \"1.1\"\n"
    "        title: \"Разработка программы \\\"Наставник\\\"\"\n"
    "        when: \"Март – апрель 2022\"\n"
    "        start: 2022-03-01\n"
    "        end: 2022-04-30\n"
    "        responsible: [\"ГУО администрации г. Черногорска\", \"Лаврентьева Е.Н., методист ГМК\"]\n"
    "        result: \"Разработана и утверждена Программа\"\n"
    "        status: done\n"
    "      - id: \"1.2\"\n"
    "        title: \"Семинар для наставников\"\n"
    "        start: 2026-12-01\n"
    "  - title: \"Мониторинг\"\n"
    "    items:\n"
    "      - title: \"Оценка качества\"\n"
    "        when: \"Ежегодно\"\n"
    "        status: in-progress\n"
    "      - id: \"2.2\"\n"
    "        title: \"Печатный сборник\"\n"
    "        status: cancelled\n";

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("roadmap: a valid roadmap.yaml loads with typography and defaults") {
  Loaded r = load(kValid);
  CHECK(r.lines.empty());
  REQUIRE(r.roadmap);
  const Roadmap& m = *r.roadmap;
  CHECK(m.title == "Дорожная карта внедрения целевой модели наставничества на\u00A02022\u00A0— 2024 годы");
  CHECK(m.approved_by == "Приказ от\u00A026.04.2022 №\u00A0725");
  REQUIRE(m.sections.size() == 2);
  REQUIRE(m.sections[0].items.size() == 2);
  const RoadmapItem& first = m.sections[0].items[0];
  CHECK(first.id == "1.1");
  CHECK(first.title == "Разработка программы «Наставник»");
  CHECK(first.start == Date{2022, 3, 1});
  CHECK(first.end == Date{2022, 4, 30});
  REQUIRE(first.responsible.size() == 2);
  CHECK(first.responsible[0] == "ГУО администрации г. Черногорска");
  CHECK(first.status == "done");
  const RoadmapItem& second = m.sections[0].items[1];
  CHECK(second.status == "planned");  // the default
  CHECK_FALSE(second.end);
  CHECK(m.sections[1].items[0].id.empty());
  CHECK(m.sections[1].items[1].status == "cancelled");
}

TEST_CASE("roadmap: an end before its start is an error at the end date") {
  Loaded r = load(
      "title: \"Дорожная карта\"\n"
      "sections:\n"
      "  - title: \"Раздел\"\n"
      "    items:\n"
      "      - id: \"1.1\"\n"
      "        title: \"Семинар\"\n"
      "        start: 2022-05-01\n"
      "        end: 2022-04-30\n");
  CHECK_FALSE(r.roadmap);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "school-1/roadmap.yaml:8:14: ошибка: дата окончания end 2022-04-30 раньше даты начала start 2022-05-01, "
        "исправьте одну из дат или поменяйте их местами");
}

TEST_CASE("roadmap: an end without a start is a deadline on that day") {
  Loaded r = load(
      "title: \"Дорожная карта\"\n"
      "sections:\n"
      "  - title: \"Раздел\"\n"
      "    items:\n"
      "      - title: \"Формирование базы наставников\"\n"
      "        when: \"до 30.09.2022\"\n"
      "        end: 2022-09-30\n");
  REQUIRE(r.roadmap);
  CHECK(r.lines.empty());
  const RoadmapItem& item = r.roadmap->sections.at(0).items.at(0);
  REQUIRE(item.start);
  CHECK(*item.start == Date{2022, 9, 30});
  CHECK(*item.end == Date{2022, 9, 30});
}

TEST_CASE("roadmap: schema violations are errors at their position") {
  SUBCASE("unknown status") {
    Loaded r = load(
        "title: \"Дорожная карта\"\n"
        "sections:\n"
        "  - title: \"Раздел\"\n"
        "    items:\n"
        "      - title: \"Семинар\"\n"
        "        status: finished\n");
    CHECK_FALSE(r.roadmap);
    REQUIRE(r.errors == 1);
    CHECK(contains(r.lines[0], "school-1/roadmap.yaml:6:17: ошибка: недопустимое значение «finished»"));
  }
  SUBCASE("a dotted date") {
    Loaded r = load(
        "title: \"Дорожная карта\"\n"
        "sections:\n"
        "  - title: \"Раздел\"\n"
        "    items:\n"
        "      - title: \"Семинар\"\n"
        "        start: 01.05.2022\n");
    CHECK_FALSE(r.roadmap);
    REQUIRE(r.errors == 1);
    CHECK(contains(r.lines[0], "school-1/roadmap.yaml:6:16: ошибка: дата «01.05.2022»"));
    CHECK(contains(r.lines[0], "2022-05-01"));
  }
  SUBCASE("no sections and no item title") {
    Loaded r = load("title: \"Дорожная карта\"\n");
    CHECK_FALSE(r.roadmap);
    REQUIRE(r.errors == 1);
    CHECK(contains(r.lines[0], "нет обязательного поля «sections»"));

    Loaded r2 = load(
        "title: \"Дорожная карта\"\n"
        "sections:\n"
        "  - title: \"Раздел\"\n"
        "    items:\n"
        "      - when: \"Май\"\n");
    CHECK_FALSE(r2.roadmap);
    REQUIRE(r2.errors == 1);
    CHECK(contains(r2.lines[0], "school-1/roadmap.yaml:5:9: ошибка: нет обязательного поля «items.title»"));
  }
  SUBCASE("a YAML syntax error") {
    Loaded r = load("title: \"Дорожная карта\nsections: []\n");
    CHECK_FALSE(r.roadmap);
    CHECK(r.errors == 1);
  }
}

TEST_CASE("roadmap: a duplicate item number is a warning, and the roadmap still loads") {
  Loaded r = load(
      "title: \"Дорожная карта\"\n"
      "sections:\n"
      "  - title: \"Раздел\"\n"
      "    items:\n"
      "      - id: \"1.1\"\n"
      "        title: \"Первое\"\n"
      "      - id: \"1.1\"\n"
      "        title: \"Второе\"\n");
  REQUIRE(r.roadmap);
  CHECK(r.errors == 0);
  REQUIRE(r.warnings == 1);
  CHECK(r.lines[0] ==
        "school-1/roadmap.yaml:7:13: предупреждение: номер мероприятия «1.1» уже есть в строке 5, дайте мероприятиям "
        "разные номера: по номеру мероприятие узнаётся в календаре");
}

TEST_CASE("roadmap: no roadmap.yaml means no roadmap, no roadmap page and nothing reported") {
  MemorySource source;
  source.add("site.yaml", "title: \"Портал\"\nbase_url: \"https://nastavnik.example.ru/\"\n");
  source.add("school-1/org.yaml", "name: \"Школа\"\nshort_name: \"Школа\"\nkind: school\n");
  Diagnostics diagnostics;
  BuildReport report;
  auto loaded = load_site(source, test::kEpoch, {}, diagnostics, report);
  REQUIRE(loaded);
  CHECK(diagnostics.sorted().empty());
  REQUIRE(loaded->site.find_org("school-1"));
  CHECK_FALSE(loaded->site.find_org("school-1")->roadmap);

  test::Built built;
  test::build(source, built);
  REQUIRE(built.report.ok);
  CHECK(built.has("school-1/index.html"));
  CHECK_FALSE(built.has("school-1/roadmap/index.html"));
  CHECK_FALSE(built.has("school-1/roadmap/roadmap.ics"));
}

TEST_CASE("roadmap: status titles") {
  CHECK(roadmap_status_title("planned") == "запланировано");
  CHECK(roadmap_status_title("in-progress") == "выполняется");
  CHECK(roadmap_status_title("done") == "выполнено");
  CHECK(roadmap_status_title("cancelled") == "отменено");
}

namespace {

Site demo_site() {
  Site site;
  site.title = "Наставничество";
  site.base_url = "https://nastavnik.example.ru/";
  site.today = Date{2026, 11, 25};
  Organisation org;
  org.id = "school-1";
  org.card.name.value = "Средняя школа № 1";
  org.card.short_name.value = "МБОУ СОШ № 1";
  Loaded r = load(kValid);
  REQUIRE(r.roadmap);
  org.roadmap = r.roadmap;
  site.orgs.push_back(org);
  return site;
}

const Data& member(const Data& d, const std::string& key) {
  const Data* v = d.get(key);
  REQUIRE(v != nullptr);
  return *v;
}

std::string text_of(const Data& d, const std::string& key) { return member(d, key).string_value(); }

const OutputRecord& roadmap_record(const OutputPlan& plan, const Organisation& org) {
  for (const auto& r : plan.records()) {
    if (r.kind == OutputKind::Roadmap && r.org == &org) return r;
  }
  FAIL("the plan has no roadmap page of " << org.id);
  return plan.records().front();
}

}  // namespace

TEST_CASE("roadmap: the page view has sections, counts, statuses and the calendar link") {
  Site site = demo_site();
  const Organisation& org = site.orgs[0];
  const OutputPlan plan = OutputPlan::make(site, {});
  const RenderContext ctx{site, plan, test::embedded()};
  Data v = roadmap_view(ctx, roadmap_record(plan, org));
  CHECK(text_of(v, "title") == org.roadmap->title);
  CHECK(text_of(v, "approved_by") == "Приказ от\u00A026.04.2022 №\u00A0725");
  CHECK(text_of(v, "total") == "4\u00A0мероприятия");
  CHECK(text_of(v, "counts") == "выполнено: 1, выполняется: 1, запланировано: 1, отменено: 1");
  CHECK(text_of(v, "ics_href") == "../../school-1/roadmap/roadmap.ics");
  CHECK(text_of(v, "ics_label") == "Добавить в\u00A0календарь (iCalendar)");
  CHECK(text_of(v, "canonical") == "https://nastavnik.example.ru/school-1/roadmap/");

  const Data& crumbs = member(v, "breadcrumbs");
  REQUIRE(crumbs.items().size() == 3);
  CHECK(text_of(crumbs.items()[0], "title") == "Главная");
  CHECK(text_of(crumbs.items()[1], "title") == "МБОУ СОШ № 1");
  CHECK(text_of(crumbs.items()[2], "title") == "Дорожная карта");

  const auto& sections = member(v, "sections").items();
  REQUIRE(sections.size() == 2);
  CHECK(text_of(sections[0], "counts") == "выполнено: 1, выполняется: 0, запланировано: 1");
  CHECK(text_of(sections[1], "counts") == "выполнено: 0, выполняется: 1, запланировано: 0, отменено: 1");
  const auto& items = member(sections[0], "items").items();
  REQUIRE(items.size() == 2);
  CHECK(text_of(items[0], "number") == "1.1");
  CHECK(text_of(items[0], "when") == "Март\u00A0— апрель 2022");  // typographed
  CHECK(text_of(items[0], "status_title") == "выполнено");
  CHECK(text_of(items[0], "status_class") == "status-done");
  CHECK(text_of(items[0], "anchor") == "item-1-1");
  CHECK(text_of(items[1], "when") == "1\u00A0декабря\u00A02026\u00A0г.");  // no free text: the start date
  CHECK(text_of(items[1], "status_class") == "status-planned");
  // An item without a number gets an anchor by its position.
  CHECK(text_of(member(sections[1], "items").items()[0], "anchor") == "item-3");
}

TEST_CASE("roadmap: the template renders accessible tables") {
  Site site = demo_site();
  const OutputPlan plan = OutputPlan::make(site, {});
  const RenderContext ctx{site, plan, test::embedded()};
  Data v = roadmap_view(ctx, roadmap_record(plan, site.orgs[0]));
  std::string source = test::read_file(std::string(NASTAVNIK_SOURCE_DIR) + "/themes/default/templates/roadmap.mustache");
  std::string error;
  auto tmpl = Template::compile(source, error);
  REQUIRE_MESSAGE(tmpl, error);
  std::string html;
  tmpl->render(v, html);
  CHECK(contains(html, "<h1>Дорожная карта внедрения"));
  CHECK(contains(html, "<h2 id=\"section-1\">Организационные мероприятия</h2>"));
  CHECK(contains(html, "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица мероприятий: Организационные мероприятия\" tabindex=\"0\">"));
  CHECK(contains(html, "<caption>Организационные мероприятия\u00A0— 2\u00A0мероприятия</caption>"));
  CHECK(contains(html, "<th scope=\"col\">Ожидаемый результат</th>"));
  CHECK(contains(html, "<span class=\"badge status-done\">выполнено</span>"));
  CHECK(contains(html, "<span class=\"badge status-cancelled\">отменено</span>"));
  CHECK(contains(html, "<tr id=\"item-1-1\">"));
  CHECK(contains(html, "<li>Лаврентьева Е.Н., методист ГМК</li>"));
  CHECK(contains(html, "href=\"../../school-1/roadmap/roadmap.ics\""));
  CHECK(contains(html, "Добавить в\u00A0календарь (iCalendar)"));
  CHECK(contains(html, "Разработка программы &laquo;Наставник&raquo;") == false);  // text is not double-escaped
  CHECK(contains(html, "Разработка программы «Наставник»"));
}

TEST_CASE("roadmap: upcoming events as of today") {
  Site site = demo_site();
  Organisation& org = site.orgs[0];
  RoadmapSection extra;
  extra.title = "Ещё";
  auto add = [&](std::string id, std::string title, Date start, std::optional<Date> end, std::string status, std::string when = "") {
    RoadmapItem item;
    item.id = std::move(id);
    item.title = std::move(title);
    item.start = start;
    item.end = end;
    item.status = std::move(status);
    item.when = std::move(when);
    extra.items.push_back(item);
  };
  add("9.1", "Яблоко", Date{2027, 4, 1}, Date{2027, 4, 30}, "planned", "Апрель 2027");
  add("9.2", "Апельсин", Date{2027, 4, 1}, std::nullopt, "planned");
  add("9.3", "Идёт сейчас", Date{2025, 9, 1}, Date{2029, 6, 30}, "in-progress");
  add("9.4", "Уже прошло", Date{2026, 5, 1}, Date{2026, 5, 31}, "planned");
  add("9.5", "Выполнено заранее", Date{2027, 1, 1}, std::nullopt, "done");
  add("9.6", "Отменено", Date{2027, 2, 1}, std::nullopt, "cancelled");
  add("9.7", "Сегодня", Date{2026, 11, 25}, std::nullopt, "planned");
  org.roadmap->sections.push_back(extra);

  const OutputPlan plan = OutputPlan::make(site, {});
  const RenderContext ctx{site, plan, test::embedded()};
  Here here(ctx, "school-1/");
  Data events = upcoming_events(here, org, 10);
  const auto& list = events.items();
  std::vector<std::string> titles;
  for (const auto& e : list) titles.push_back(text_of(e, "title"));
  CHECK(titles == std::vector<std::string>{"Идёт сейчас", "Сегодня", "Семинар для наставников", "Апельсин", "Яблоко"});
  REQUIRE(list.size() == 5);
  CHECK(text_of(list[4], "when") == "Апрель 2027");
  CHECK(text_of(list[3], "when") == "1\u00A0апреля\u00A02027\u00A0г.");
  CHECK(text_of(member(list[4], "date"), "iso") == "2027-04-01");
  CHECK(text_of(member(list[4], "date"), "text") == "1\u00A0апреля\u00A02027\u00A0г.");
  CHECK(text_of(list[4], "href") == "../school-1/roadmap/#item-9-1");
  CHECK(text_of(list[2], "href") == "../school-1/roadmap/#item-1-2");

  CHECK(upcoming_events(here, org, 2).items().size() == 2);
  Organisation without;
  without.id = "empty";
  CHECK(upcoming_events(here, without, 5).is_empty_list());
}
