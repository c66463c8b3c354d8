// Content files read against the contract (contract/declarations.h): Russian messages at
// the exact line and character column an editor sees.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "contract/declarations.h"
#include "core/diagnostics.h"
#include "core/source_file.h"
#include "read/yaml.h"
#include "validate/files.h"

using namespace nastavnik;

namespace {

template <class R>
struct Result {
  bool parsed = false;
  bool ok = false;
  R record{};
  std::vector<std::string> lines;  // formatted diagnostics, sorted
  size_t errors = 0;
  size_t warnings = 0;
};

// Checks `yaml` as the front matter of x.md against `contract`: the file is "---\n" + yaml +
// "---\n", so the YAML starts on line 2.
template <class R>
Result<R> check_front_matter(const std::string& yaml, const Contract<R>& contract) {
  SourceFile source("x.md", "---\n" + yaml + "---\nТекст.\n");
  Diagnostics diagnostics;
  Result<R> r;
  auto node = parse_yaml_at(source, std::string_view(source.text()).substr(4, yaml.size()), 2, diagnostics);
  r.parsed = node.has_value();
  if (node) {
    FileContext ctx(source.path(), 2, diagnostics);
    r.ok = read_record(*node, contract, ctx, r.record);
  }
  for (const auto& d : diagnostics.sorted()) r.lines.push_back(d.format());
  r.errors = diagnostics.error_count();
  r.warnings = diagnostics.warning_count();
  return r;
}

}  // namespace

TEST_CASE("valid news front matter passes and the accessors read it") {
  const std::string yaml = "title: Итоги конкурса\ndate: 2022-04-26\ndraft: false\ntags: [конкурс, молодые педагоги]\n";
  auto r = check_front_matter(yaml, news_contract());
  CHECK(r.parsed);
  CHECK(r.ok);
  CHECK(r.lines.empty());

  const NewsFront& news = r.record;
  CHECK(news.title.value == "Итоги конкурса");
  CHECK(news.title.pos.line == 2);
  CHECK(news.title.pos.column == 8);
  CHECK(news.date.value == Date{2022, 4, 26});
  CHECK(news.date.present);
  CHECK_FALSE(news.draft.value);
  CHECK(news.draft.present);
  CHECK(values_of(news.tags) == std::vector<std::string>{"конкурс", "молодые педагоги"});
  CHECK(news.summary.value.empty());
  CHECK_FALSE(news.summary.present);
}

TEST_CASE("a missing required field is an error at the start of the map") {
  auto r = check_front_matter("title: Новость\n", news_contract());
  CHECK_FALSE(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "x.md:2:1: ошибка: нет обязательного поля «date» (Дата новости, ГГГГ-ММ-ДД. Новость с датой в будущем появится "
        "на сайте в этот день.), добавьте строку date: …");
}

TEST_CASE("an empty required value is an error naming the field") {
  auto r = check_front_matter("title:\ndate: 2022-04-26\n", news_contract());
  CHECK_FALSE(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] == "x.md:2:1: ошибка: поле «title» пустое, впишите значение (Заголовок новости.)");
}

TEST_CASE("a dotted date suggests the ISO spelling") {
  auto r = check_front_matter("title: Новость\ndate: 26.04.2022\n", news_contract());
  CHECK_FALSE(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "x.md:3:7: ошибка: дата «26.04.2022» в поле «date» записана неверно, пишите ГГГГ-ММ-ДД, например 2022-04-26");
}

TEST_CASE("a well-formed date that does not exist is reported as such") {
  auto r = check_front_matter("title: Новость\ndate: 2023-02-30\n", news_contract());
  CHECK_FALSE(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] == "x.md:3:7: ошибка: дата «2023-02-30» в поле «date» не существует, проверьте день и месяц");
  CHECK(check_front_matter("title: Новость\ndate: 2024-02-29\n", news_contract()).ok);
}

TEST_CASE("a bool field accepts only true or false") {
  auto r = check_front_matter("title: Новость\ndate: 2022-04-26\ndraft: да\n", news_contract());
  CHECK_FALSE(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "x.md:4:8: ошибка: поле «draft» принимает только true или false, а указано «да»; напишите true (да) или false (нет)");
}

TEST_CASE("a wrong choice suggests the nearest allowed value") {
  const std::string yaml =
      "title: О внедрении\nnumber: 125-о\ndate: 2022-04-26\ntopic: implementaton\nfile: files/prikaz.pdf\n";
  auto r = check_front_matter(yaml, order_contract());
  CHECK_FALSE(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "x.md:5:8: ошибка: недопустимое значение «implementaton» в поле «topic», возможно, имелось в виду "
        "«implementation» (допустимы: implementation, regulation, curator, pairs, final-event, other)");
}

TEST_CASE("a choice far from every allowed value lists them all") {
  const std::string yaml = "title: История\ndate: 2022-04-26\nform: наставник\n";
  auto r = check_front_matter(yaml, story_contract());
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "x.md:4:7: ошибка: недопустимое значение «наставник» в поле «form», укажите одно из: student-student, "
        "teacher-teacher, teacher-student, university-student, employer-student, employer-university, "
        "university-university");
}

TEST_CASE("an unknown key is a warning naming the nearest known key") {
  auto r = check_front_matter("title: Новость\ndate: 2022-04-26\ntitel: Опечатка\n", news_contract());
  CHECK(r.ok);  // a warning does not fail the file
  CHECK(r.errors == 0);
  CHECK(r.warnings == 1);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "x.md:4:1: предупреждение: неизвестное поле «titel», возможно, имелось в виду «title»; исправьте написание или "
        "удалите поле");
}

TEST_CASE("a duplicate key is an error naming the line of the first one") {
  auto r = check_front_matter("title: Новость\ndate: 2022-04-26\ntitle: Другая\n", news_contract());
  CHECK_FALSE(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] == "x.md:4:1: ошибка: поле «title» указано дважды (первый раз в строке 2), оставьте одно");
}

TEST_CASE("a colon inside an unquoted value is a YAML syntax error with a Russian message and position") {
  auto r = check_front_matter("title: Приказ: о наставничестве\ndate: 2022-04-26\n", order_contract());
  CHECK_FALSE(r.parsed);
  REQUIRE(r.lines.size() == 1);
  // «title: Приказ» is 13 characters (19 bytes): the second colon is in column 14.
  CHECK(r.lines[0] ==
        "x.md:2:14: ошибка: ошибка синтаксиса YAML: лишнее двоеточие в значении, заключите значение в кавычки: "
        "title: \"Приказ: о наставничестве\"");
}

TEST_CASE("an unclosed quote at the end of the YAML is a syntax error in Russian") {
  // The opening quote of «title: "Новость» is in column 8.
  SourceFile source("x.md", "---\ntitle: \"Новость");
  Diagnostics diagnostics;
  CHECK_FALSE(parse_yaml_at(source, std::string_view(source.text()).substr(4), 2, diagnostics));
  REQUIRE(diagnostics.sorted().size() == 1);
  CHECK(diagnostics.sorted()[0].format() ==
        "x.md:2:8: ошибка: ошибка синтаксиса YAML: не закрыты кавычки, добавьте закрывающую кавычку в конце значения");
}

// YAML accepts a double-quoted scalar left open when the text ends with a newline, as front
// matter always does: the title would swallow the following lines.
TEST_CASE("an unclosed quote inside front matter is reported as such") {
  auto r = check_front_matter("title: \"Новость\ndate: 2022-04-26\n", news_contract());
  CHECK_FALSE(r.parsed);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0].find(": ошибка: ошибка синтаксиса YAML: не закрыты кавычки") != std::string::npos);
}

TEST_CASE("columns count characters, not bytes, after Cyrillic text on the same line") {
  // «mentor: {name: Иванов, consent: » is 32 characters and 38 bytes; «да» starts in column 33.
  const std::string yaml = "title: История\ndate: 2022-04-26\nform: teacher-teacher\nmentor: {name: Иванов, consent: да}\n";
  auto r = check_front_matter(yaml, story_contract());
  CHECK_FALSE(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "x.md:5:33: ошибка: поле «mentor.consent» принимает только true или false, а указано «да»; напишите true (да) "
        "или false (нет)");
}

TEST_CASE("nested maps: unknown nested key is reported with its full name") {
  const std::string yaml =
      "title: История\ndate: 2022-04-26\nform: teacher-teacher\nmentee:\n  name: Петров\n  consnet: true\n";
  auto r = check_front_matter(yaml, story_contract());
  CHECK(r.ok);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] ==
        "x.md:7:3: предупреждение: неизвестное поле «mentee.consnet», возможно, имелось в виду «consent»; исправьте "
        "написание или удалите поле");
}

TEST_CASE("site.yaml: base_url must be an address and department a slug") {
  SourceFile source("site.yaml", "title: Наставничество\nbase_url: nastavnik.example.ru\ndepartment: Школа 1\n");
  Diagnostics diagnostics;
  CHECK_FALSE(load_site_file(source, diagnostics));
  auto sorted = diagnostics.sorted();
  REQUIRE(sorted.size() == 2);
  CHECK(sorted[0].format() ==
        "site.yaml:2:11: ошибка: поле «base_url» должно быть адресом сайта, начинающимся с https://, а указано "
        "«nastavnik.example.ru»");
  CHECK(sorted[1].format() ==
        "site.yaml:3:13: ошибка: поле «department» может содержать только строчные латинские буквы, цифры и дефис, "
        "например «shkola-1»");
}

TEST_CASE("org.yaml: kind choice and curator e-mail are checked") {
  SourceFile source("school-1/org.yaml",
                    "name: Школа № 1\nshort_name: СОШ № 1\nkind: shcool\ncurator: {name: Иванова, email: ivanova-at-school.ru}\n");
  Diagnostics diagnostics;
  CHECK_FALSE(load_org_file(source, diagnostics));
  auto sorted = diagnostics.sorted();
  REQUIRE(sorted.size() == 2);
  CHECK(sorted[0].format().rfind("school-1/org.yaml:3:7: ошибка: недопустимое значение «shcool» в поле «kind», "
                                 "возможно, имелось в виду «school»",
                                 0) == 0);
  // «curator: {name: Иванова, email: » is 32 characters (39 bytes).
  CHECK(sorted[1].format() ==
        "school-1/org.yaml:4:33: ошибка: поле «curator.email» должно быть адресом электронной почты вида "
        "name@school.ru, а указано «ivanova-at-school.ru»");
}

TEST_CASE("mentors.yaml: each list item is checked against the mentor contract") {
  SourceFile source("school-1/mentors.yaml",
                    "- name: Иванова А. П.\n  position: учитель\n  consent: true\n- name: Петров\n  role: consultnat\n");
  {
    // Item by item: the first passes, the second does not.
    Diagnostics diagnostics;
    auto node = parse_yaml_at(source, source.text(), 1, diagnostics);
    REQUIRE(node);
    REQUIRE(node->is_sequence());
    REQUIRE(node->items.size() == 2);
    FileContext ctx(source.path(), 1, diagnostics);
    MentorRecord first, second;
    CHECK(read_record(node->items[0], mentor_contract(), ctx, first));
    CHECK(first.name.value == "Иванова А. П.");
    CHECK(first.consent.value);
    CHECK_FALSE(read_record(node->items[1], mentor_contract(), ctx, second));
    CHECK(diagnostics.error_count() == 2);
  }
  // The whole file: refused, with both problems reported.
  Diagnostics diagnostics;
  CHECK_FALSE(load_mentors_file(source, diagnostics));
  auto sorted = diagnostics.sorted();
  REQUIRE(sorted.size() == 2);
  CHECK(sorted[0].format() ==
        "school-1/mentors.yaml:4:3: ошибка: нет обязательного поля «position» (Должность: «учитель информатики».), "
        "добавьте строку position: …");
  CHECK(sorted[1].format().rfind("school-1/mentors.yaml:5:9: ошибка: недопустимое значение «consultnat» в поле «role», "
                                 "возможно, имелось в виду «consultant»",
                                 0) == 0);
}
