// 152-ФЗ: a name given without consent is found in every form a curator may write it.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/source_file.h"
#include "validate/privacy.h"

using namespace nastavnik;

namespace {

// The first place in `text` where the hidden person `name` stands in full, as written
// there; "" when nowhere.
std::string found(std::string_view text, const std::string& name) {
  NameFinder finder({HiddenPerson{name, "наставляемого из истории", "school-7/stories/proekt.md", 7}});
  for (const auto& m : finder.find(text)) {
    if (!m.surname_only) return std::string(text.substr(m.start, m.end - m.start));
  }
  return {};
}

bool surname_hint(std::string_view text, const std::string& name) {
  NameFinder finder({HiddenPerson{name, "наставляемого из истории", "x.md", 7}});
  for (const auto& m : finder.find(text)) {
    if (m.surname_only) return true;
  }
  return false;
}

std::vector<Diagnostic> checked(const std::string& text, const NameFinder& finder, std::vector<std::string> namesakes = {},
                                std::set<int> skip = {}) {
  SourceFile file("school-7/news/den.md", text);
  NameCheck check;
  check.text = &file;
  check.namesakes = std::move(namesakes);
  for (int line : skip) check.skip.line(line);
  Diagnostics diagnostics;
  check_names(finder, check, diagnostics);
  return diagnostics.sorted();
}

const std::string kDarya = "Смирнова Дарья Олеговна";

}  // namespace

TEST_CASE("a feminine name in natural order, reversed, and with the patronymic, in every case") {
  CHECK(found("Дарья Смирнова подготовила проект", kDarya) == "Дарья Смирнова");
  CHECK(found("Проект подготовила Смирнова Дарья.", kDarya) == "Смирнова Дарья");
  CHECK(found("помог Смирновой Дарье", kDarya) == "Смирновой Дарье");
  CHECK(found("грамота Дарьи Смирновой", kDarya) == "Дарьи Смирновой");
  CHECK(found("поздравили Дарью Смирнову", kDarya) == "Дарью Смирнову");
  CHECK(found("вместе с Дарьей Смирновой", kDarya) == "Дарьей Смирновой");
  CHECK(found("о Дарье Смирновой", kDarya) == "Дарье Смирновой");
  CHECK(found("Дарья Олеговна Смирнова", kDarya) == "Дарья Олеговна Смирнова");
  CHECK(found("наградить Смирнову Дарью Олеговну", kDarya) == "Смирнову Дарью Олеговну");
  CHECK(found("ДАРЬЯ СМИРНОВА", kDarya) == "ДАРЬЯ СМИРНОВА");
  CHECK(found("**Дарья** Смирнова", kDarya) == "Дарья** Смирнова");
}

TEST_CASE("initials before and after the surname, with and without spaces") {
  CHECK(found("Д. О. Смирнова", kDarya) == "Д. О. Смирнова");
  CHECK(found("Д.О. Смирнова", kDarya) == "Д.О. Смирнова");
  CHECK(found("Д.О.Смирнова", kDarya) == "Д.О.Смирнова");
  CHECK(found("Смирнова Д.О.", kDarya) == "Смирнова Д.О.");
  CHECK(found("Смирнова Д. О.", kDarya) == "Смирнова Д. О.");
  CHECK(found("поручить Смирновой Д.", kDarya) == "Смирновой Д.");
  // Another person's initials, or the initials the other way round, are another person.
  CHECK(found("Смирнова А.П.", kDarya).empty());
  CHECK(found("О. Д. Смирнова", kDarya) == "Д. Смирнова");  // «Д. Смирнова» is still her
  CHECK(found("Смирнова. С проектом", kDarya).empty());
}

TEST_CASE("a familiar form of the first name next to the surname") {
  CHECK(found("Даша Смирнова победила", kDarya) == "Даша Смирнова");
  CHECK(found("с Дашенькой Смирновой", kDarya) == "Дашенькой Смирновой");
  CHECK(found("Смирновой Даше вручили", kDarya) == "Смирновой Даше");
  const std::string sasha = "Новиков Александр Игоревич";
  CHECK(found("Саша Новиков", sasha) == "Саша Новиков");
  CHECK(found("Шурику Новикову", sasha) == "Шурику Новикову");
}

TEST_CASE("ё and е, and stress marks, are the same letter") {
  CHECK(found("Семенова Алёна", "Семёнова Алёна") == "Семенова Алёна");
  CHECK(found("Алёна Семёнова", "Семенова Алена") == "Алёна Семёнова");
  CHECK(found("Да\u0301рья Смирно\u0301ва", kDarya) == "Да\u0301рья Смирно\u0301ва");
}

TEST_CASE("masculine names and surnames that decline irregularly or not at all") {
  const std::string timofey = "Шевченко Тимофей Андреевич";
  CHECK(found("Тимофей Шевченко", timofey) == "Тимофей Шевченко");
  CHECK(found("Тимофею Шевченко", timofey) == "Тимофею Шевченко");
  CHECK(found("Шевченко Т. А.", timofey) == "Шевченко Т. А.");
  CHECK(found("Т.А. Шевченко", timofey) == "Т.А. Шевченко");
  const std::string ilya = "Черных Илья";
  CHECK(found("грамота Ильи Черных", ilya) == "Ильи Черных");
  CHECK(found("Черных Илье", ilya) == "Черных Илье");
  const std::string anna = "Толстая Анна";
  CHECK(found("работа Анны Толстой", anna) == "Анны Толстой");
  CHECK(found("поздравили Толстую Анну", anna) == "Толстую Анну");
  CHECK(found("Анна Толстая", anna) == "Анна Толстая");
  const std::string lev = "Ильин Лев";
  CHECK(found("для Льва Ильина", lev) == "Льва Ильина");
  const std::string yulia = "Кравец Юлия";
  CHECK(found("Юлии Кравец", yulia) == "Юлии Кравец");
}

TEST_CASE("namesakes of the other gender, adults with another patronymic and ordinary words are not the person") {
  CHECK(found("у Ивана Смирнова", kDarya).empty());            // «Смирнова» is his genitive
  CHECK(found("учитель Смирнова Анна Петровна", kDarya).empty());  // an adult: another patronymic
  CHECK(found("роман Смирновой", kDarya).empty());             // «роман» is a word here
  CHECK(found("Дарья пришла первой", kDarya).empty());
  CHECK(found("Смирновский район", kDarya).empty());
  CHECK(surname_hint("работу Смирновой отметили", kDarya));
  CHECK_FALSE(surname_hint("Смирновский район", kDarya));
}

TEST_CASE("the name in Latin letters: a page's address, a file's name") {
  NameFinder finder({HiddenPerson{kDarya, "наставляемого из истории", "school-7/stories/proekt.md", 7}});
  auto full = [&](std::string_view name) {
    for (const auto& m : finder.find_in_file_name(name)) {
      if (!m.surname_only) return true;
    }
    return false;
  };
  CHECK(full("darya-smirnova.jpg"));
  CHECK(full("proekt-smirnovoy-dari"));
  CHECK(full("Smirnova_Darya.pdf"));
  CHECK_FALSE(full("itogi-proekta.pdf"));
  CHECK(found("Darya Smirnova won", kDarya) == "Darya Smirnova");
}

TEST_CASE("check_names: an error at the mention, naming whose name it is and the fix") {
  NameFinder finder({HiddenPerson{kDarya, "наставляемого из истории", "school-7/stories/proekt.md", 7}});
  auto d = checked("---\ntitle: \"Итоги\"\n---\nПобедила Даша Смирнова, ученица 7 класса.\n", finder);
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::Error);
  CHECK(d[0].path == "school-7/news/den.md");
  CHECK(d[0].pos.line == 4);
  CHECK(d[0].pos.column == 10);
  CHECK(d[0].message.find("«Даша Смирнова» — имя наставляемого из истории school-7/stories/proekt.md") == 0);
  CHECK(d[0].message.find("consent: true в school-7/stories/proekt.md") != std::string::npos);
  CHECK(d[0].message.find("namesakes: [\"Даша Смирнова\"]") != std::string::npos);
}

TEST_CASE("check_names: namesakes the file lists and the lines that declare people are let through") {
  NameFinder finder({HiddenPerson{"Семёнов Виктор Петрович", "наставляемого из истории", "school-7/stories/proekt.md", 7}});
  const std::string text = "---\ntitle: Приказ\nnamesakes: [\"Семёнова В. П.\"]\n---\nПодписала Семёнова В.П., заместитель директора.\n";
  // Line 3, the namesakes field itself, is skipped as add_namesakes does in a build.
  CHECK(checked(text, finder, {}, {3}).size() == 1);                  // «Семёнова» is also his genitive
  CHECK(checked(text, finder, {"Семёнова В. П."}, {3}).empty());      // the file says it is another person
  CHECK(checked(text, finder, {"Семёнова А. А."}, {3}).size() == 1);  // a namesake of another name
  CHECK(checked("Семёнова В.П.\n", finder, {}, {1}).empty());         // a declaration line
}

TEST_CASE("check_names: the surname alone is a hint in the file that declares the person, nothing elsewhere") {
  NameFinder finder({HiddenPerson{kDarya, "наставляемого из истории", "school-7/news/den.md", 7}});
  auto d = checked("Проект Смирновой отметили.\n", finder);
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::Warning);
  NameFinder other({HiddenPerson{kDarya, "наставляемого из истории", "school-7/stories/other.md", 7}});
  CHECK(checked("Проект Смирновой отметили.\n", other).empty());
}

TEST_CASE("check_unnamed_people: any full name in a story about an unnamed minor, but the participants with consent") {
  auto run = [](const std::string& text, std::vector<std::string> allowed = {}) {
    SourceFile file("school-7/stories/proekt.md", text);
    NameCheck check;
    check.text = &file;
    Diagnostics diagnostics;
    check_unnamed_people(check, allowed, diagnostics);
    return diagnostics.sorted();
  };
  CHECK(run("Дарья Смирнова подготовила проект.\n").size() == 1);
  CHECK(run("Проект подготовила Смирнова Д.О.\n").size() == 1);
  CHECK(run("Проект подготовила Д. О. Смирнова.\n").size() == 1);
  CHECK(run("Мария Ивановна провела занятие.\n").empty());  // a first name with a patronymic
  CHECK(run("Вчера Дарья провела занятие.\n").empty());     // a capital at the start of a sentence
  CHECK(run("Наставник Ирина Петрова помогала ученице.\n", {"Петрова Ирина Сергеевна"}).empty());
  CHECK(run("Наставник Ирина Петрова помогала ученице.\n").size() == 1);
}

TEST_CASE("check_names: a namesake stated in one form lets every form through; a declaration skips only the name") {
  const NameFinder finder({{"Семёнов Виктор Павлович", "наставника из", "school-7/mentors.yaml", 1}});
  const std::string text = "Приказ подписала Семёновой В. П. вчера.\nНаставник Семёнова В. П. тоже.\n";
  CHECK(checked(text, finder).size() == 1);  // «Семёновой В. П.»: the genitive of the mentor
  CHECK(checked(text, finder, {"Семёнова В. П."}).empty());
  CHECK(checked(text, finder, {"Семёнова Вера Петровна"}).empty());  // her full name covers her initials
  CHECK(checked(text, finder, {"Семёнова А. А."}).size() == 1);  // another namesake's does not
  SourceFile file("school-7/stories/s.md", "mentor: {name: \"Семёнов Виктор Павлович\", position: \"учитель В. П. Семёнова\"}\n");
  NameCheck check;
  check.text = &file;
  check.skip.value({1, 16}, "Семёнов Виктор Павлович");
  Diagnostics diagnostics;
  check_names(finder, check, diagnostics);
  REQUIRE(diagnostics.sorted().size() == 1);
  CHECK(diagnostics.sorted()[0].pos.column == 62);  // «В. П. Семёнова» in the position, after the skipped name
}

TEST_CASE("the registry: consent elsewhere lets a name through; the department's finder holds everyone's people") {
  PeopleRegistry registry;
  registry.add("school-7", {kDarya, "наставляемого из истории", "school-7/stories/a.md", 7}, false);
  registry.add("school-7", {"Петрова Ирина Сергеевна", "наставника из истории", "school-7/stories/a.md", 5}, false);
  registry.add("school-7", {"Петрова Ирина Сергеевна", "наставника из", "school-7/mentors.yaml", 3}, true);
  registry.add("school-9", {"Новиков Александр Игоревич", "наставляемого из истории", "school-9/stories/b.md", 7}, false);
  registry.finish("uo");
  REQUIRE(registry.hidden("school-7").size() == 1);
  CHECK(registry.hidden("school-7")[0].name == kDarya);
  REQUIRE(registry.finder("uo") != nullptr);
  CHECK(registry.hidden("uo").size() == 2);
  CHECK(registry.finder("school-8") == nullptr);
  CHECK(people_signature(registry.hidden("school-7")) != people_signature(registry.hidden("school-9")));
}
