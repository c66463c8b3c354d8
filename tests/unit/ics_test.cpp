// iCalendar output (RFC 5545): escaping, folding at 75 octets without splitting UTF-8,
// exclusive all-day DTEND, stable UIDs and deterministic files.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/strings.h"
#include "model/site.h"
#include "plan/output_plan.h"
#include "render/ics.h"

using namespace nastavnik;

namespace {

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t crlf = text.find("\r\n", pos);
    REQUIRE(crlf != std::string::npos);  // every line ends with CRLF
    out.push_back(text.substr(pos, crlf - pos));
    pos = crlf + 2;
  }
  return out;
}

// RFC 5545 3.1: a CRLF followed by one space or tab is removed.
std::string unfold(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::vector<std::string> lines_starting(const std::string& ics, const std::string& prefix) {
  std::vector<std::string> out;
  std::string unfolded = unfold(ics);
  for (const auto& line : physical_lines(unfolded)) {
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
  }
  return out;
}

RoadmapItem item(std::string id, std::string title, std::optional<Date> start, std::optional<Date> end, std::string status = "planned") {
  RoadmapItem i;
  i.id = std::move(id);
  i.title = std::move(title);
  i.start = start;
  i.end = end;
  i.status = std::move(status);
  return i;
}

Site site_with(std::vector<RoadmapItem> items) {
  Site site;
  site.base_url = "https://Nastavnik.Example.ru/portal/";
  site.today = Date{2026, 11, 25};
  Organisation org;
  org.id = "school-1";
  org.card.short_name.value = "МБОУ СОШ №\u00A01";
  Roadmap roadmap;
  roadmap.title = "Дорожная карта";
  RoadmapSection section;
  section.title = "Раздел";
  section.items = std::move(items);
  roadmap.sections.push_back(section);
  org.roadmap = roadmap;
  site.orgs.push_back(org);
  return site;
}

}  // namespace

TEST_CASE("ics: TEXT escaping") {
  CHECK(ics_escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne");
  CHECK(ics_escape_text("строка 1\r\nстрока 2\rстрока 3") == "строка 1\\nстрока 2\\nстрока 3");
  CHECK(ics_escape_text("без\x01управляющих\x7F") == "безуправляющих");
  CHECK(ics_escape_text("«Стажер»: 10:00") == "«Стажер»: 10:00");  // colons need no escaping
}

TEST_CASE("ics: short lines are not folded") {
  CHECK(fold_ics_line("BEGIN:VEVENT") == "BEGIN:VEVENT\r\n");
  std::string exactly75(75, 'x');
  CHECK(fold_ics_line(exactly75) == exactly75 + "\r\n");
  std::string seventy6(76, 'x');
  CHECK(fold_ics_line(seventy6) == std::string(75, 'x') + "\r\n x\r\n");
}

TEST_CASE("ics: long Cyrillic lines fold at 75 octets without splitting a character") {
  std::string line = "SUMMARY:" + ics_escape_text(
      "Координация деятельности ОО по разработке и реализации персонализированных программ наставничества "
      "для педагогических работников с учётом потребностей их профессионального роста, «Стажёр» и ёж 🦔");
  for (size_t shift = 0; shift < 4; ++shift) {  // every alignment of the two-byte letters
    std::string shifted = std::string(shift, 'x') + line;
    std::string folded = fold_ics_line(shifted);
    auto lines = physical_lines(folded);
    REQUIRE(lines.size() > 3);
    for (size_t i = 0; i < lines.size(); ++i) {
      CAPTURE(i);
      CHECK(lines[i].size() <= 75);
      if (i > 0) {
        CHECK(lines[i][0] == ' ');
        CHECK(lines[i].size() - 1 <= 74);
      }
      // Each physical line is valid UTF-8 on its own: no sequence was cut.
      CHECK(is_valid_utf8(i == 0 ? lines[i] : lines[i].substr(1)));
    }
    // Lines are filled: a fold happens only when the next character would not fit.
    CHECK(lines[0].size() >= 72);
    CHECK(unfold(folded) == shifted + "\r\n");
  }
}

TEST_CASE("ics: all-day events end the day after their last day") {
  std::vector<IcsEvent> events(4);
  events[0] = {"a@x", Date{2022, 3, 1}, Date{2022, 4, 30}, "Март – апрель", "", "", "", ""};
  events[1] = {"b@x", Date{2022, 5, 17}, std::nullopt, "Один день", "", "", "", ""};
  events[2] = {"c@x", Date{2022, 12, 1}, Date{2022, 12, 31}, "Декабрь", "", "", "", "CANCELLED"};
  events[3] = {"d@x", Date{2024, 2, 28}, Date{2024, 2, 28}, "Високосный", "", "", "", ""};
  std::string ics = render_ics("Календарь", "20261125T000000Z", events);
  CHECK(lines_starting(ics, "DTSTART") ==
        std::vector<std::string>{"DTSTART;VALUE=DATE:20220301", "DTSTART;VALUE=DATE:20220517", "DTSTART;VALUE=DATE:20221201",
                                 "DTSTART;VALUE=DATE:20240228"});
  CHECK(lines_starting(ics, "DTEND") ==
        std::vector<std::string>{"DTEND;VALUE=DATE:20220501", "DTEND;VALUE=DATE:20220518", "DTEND;VALUE=DATE:20230101",
                                 "DTEND;VALUE=DATE:20240229"});
  CHECK(lines_starting(ics, "STATUS") == std::vector<std::string>{"STATUS:CONFIRMED", "STATUS:CONFIRMED", "STATUS:CANCELLED", "STATUS:CONFIRMED"});
  CHECK(lines_starting(ics, "DTSTAMP") == std::vector<std::string>(4, "DTSTAMP:20261125T000000Z"));
}

TEST_CASE("ics: the calendar frame") {
  std::string ics = render_ics("Дорожная карта, МБОУ СОШ № 1", ics_stamp(Date{2026, 11, 25}), {});
  CHECK(ics ==
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//nastavnik//RU\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "X-WR-CALNAME:Дорожная карта\\, МБОУ СОШ № 1\r\n"
        "END:VCALENDAR\r\n");
  CHECK(ics_date(Date{2022, 4, 6}) == "20220406");
  CHECK(ics_stamp(Date{2026, 11, 25}) == "20261125T000000Z");
  CHECK(fnv1a_hex("") == "811c9dc5");
  CHECK(fnv1a_hex("a") == "e40c292c");
}

TEST_CASE("ics: roadmap events carry stable UIDs, descriptions and the page URL") {
  RoadmapItem first = item("1.1", "Разработка программы", Date{2022, 3, 1}, Date{2022, 4, 30}, "done");
  first.when = "Март – апрель 2022";
  first.responsible = {"ГУО", "Лаврентьева Е.Н., методист ГМК"};
  first.result = "Программа утверждена";
  RoadmapItem unnumbered = item("", "Семинар без номера", Date{2027, 4, 1}, std::nullopt);
  RoadmapItem cancelled = item("3.3", "Печатный сборник", Date{2024, 1, 1}, Date{2024, 12, 31}, "cancelled");
  RoadmapItem undated = item("4.1", "Без дат", std::nullopt, std::nullopt);
  Site site = site_with({first, unnumbered, cancelled, undated});
  const Organisation& org = site.orgs[0];
  const OutputPlan plan = OutputPlan::make(site, {});

  auto events = roadmap_events(site, plan, org);
  REQUIRE(events.size() == 3);  // the undated item is not in the calendar
  CHECK(events[0].uid == "school-1.1-1@nastavnik.example.ru");
  CHECK(events[1].uid == "school-1." + fnv1a_hex("Семинар без номера") + "@nastavnik.example.ru");
  CHECK(events[2].uid == "school-1.3-3@nastavnik.example.ru");
  CHECK(events[0].summary == "Разработка программы");
  CHECK(events[0].url == "https://Nastavnik.Example.ru/portal/school-1/roadmap/");
  CHECK(events[0].description ==
        "Срок: Март – апрель 2022\nОтветственные: ГУО; Лаврентьева Е.Н., методист ГМК\nОжидаемый результат: Программа утверждена\n"
        "Статус: выполнено");
  CHECK(events[1].description == "Срок: 1\u00A0апреля\u00A02027\u00A0г.\nСтатус: запланировано");
  CHECK(events[2].description == "Срок: с 1\u00A0января\u00A02024\u00A0г. по 31\u00A0декабря\u00A02024\u00A0г.\nСтатус: отменено");
  CHECK(events[2].status == "CANCELLED");
  CHECK(events[0].status == "CONFIRMED");

  auto merged = roadmap_events(site, plan, org, true);
  CHECK(merged[0].summary == "МБОУ СОШ №\u00A01: Разработка программы");
  CHECK(merged[0].uid == events[0].uid);

  std::string ics = render_ics("Дорожная карта", ics_stamp(site.today), events);
  CHECK(lines_starting(ics, "DESCRIPTION")[0] ==
        "DESCRIPTION:Срок: Март – апрель 2022\\nОтветственные: ГУО\\; Лаврентьева Е.Н.\\, методист ГМК\\n"
        "Ожидаемый результат: Программа утверждена\\nСтатус: выполнено");
  CHECK(lines_starting(ics, "URL") == std::vector<std::string>(3, "URL:https://Nastavnik.Example.ru/portal/school-1/roadmap/"));
  CHECK(ics.find("\n") == ics.find("\r\n") + 1);
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') CHECK(ics[i - 1] == '\r');  // no bare LF anywhere
  }
  for (const auto& line : physical_lines(ics)) CHECK(line.size() <= 75);
}

TEST_CASE("ics: UIDs and output do not depend on item order, and duplicates stay unique") {
  RoadmapItem a = item("1.1", "Первое", Date{2022, 3, 1}, Date{2022, 4, 30});
  RoadmapItem b = item("", "Без номера", Date{2022, 3, 1}, std::nullopt);
  RoadmapItem c = item("2.1", "Третье", Date{2023, 1, 10}, std::nullopt, "in-progress");
  Site one = site_with({a, b, c});
  Site two = site_with({c, b, a});
  auto uids = [](const std::vector<IcsEvent>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.uid);
    std::sort(out.begin(), out.end());
    return out;
  };
  const OutputPlan plan_one = OutputPlan::make(one, {});
  const OutputPlan plan_two = OutputPlan::make(two, {});
  auto first = roadmap_events(one, plan_one, one.orgs[0]);
  auto second = roadmap_events(two, plan_two, two.orgs[0]);
  CHECK(uids(first) == uids(second));
  std::string ics1 = render_ics("К", ics_stamp(one.today), first);
  std::string ics2 = render_ics("К", ics_stamp(two.today), second);
  CHECK(ics1 == ics2);
  CHECK(ics1 == render_ics("К", ics_stamp(one.today), roadmap_events(one, plan_one, one.orgs[0])));  // deterministic

  Site dup = site_with({a, item("1.1", "Другое с тем же номером", Date{2022, 6, 1}, std::nullopt)});
  const OutputPlan plan_dup = OutputPlan::make(dup, {});
  auto events = roadmap_events(dup, plan_dup, dup.orgs[0]);
  REQUIRE(events.size() == 2);
  CHECK(events[0].uid == "school-1.1-1@nastavnik.example.ru");
  CHECK(events[1].uid == "school-1.1-1-2@nastavnik.example.ru");

  Organisation no_roadmap;
  no_roadmap.id = "x";
  CHECK(roadmap_events(one, plan_one, no_roadmap).empty());
}
