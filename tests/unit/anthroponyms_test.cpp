// Russian personal names in every form: the dictionary (az: OpenCorpora) and the rules
// (petrovich) compiled in from data/anthroponyms.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "text/anthroponyms.h"

using namespace nastavnik;

namespace {

bool has(const std::vector<std::string>& forms, const std::string& form) {
  return std::find(forms.begin(), forms.end(), form) != forms.end();
}

using Forms = std::vector<std::string>;

}  // namespace

TEST_SUITE_BEGIN("anthroponyms");

TEST_CASE("anthroponyms: name_key lowers case and reads ё as е") {
  CHECK(name_key("Семёнова") == "семенова");
  CHECK(name_key("ДАРЬЯ") == "дарья");
  CHECK(name_key("Ёлкин") == "елкин");
  CHECK(name_key("Мария-Луиза") == "мария-луиза");
  CHECK(name_key("Anna") == "anna");
  CHECK(name_key("").empty());
}

TEST_CASE("anthroponyms: first_name_gender knows first names, their familiar forms and every case") {
  CHECK(first_name_gender("даша") == Gender::Female);
  CHECK(first_name_gender("дашенька") == Gender::Female);
  CHECK(first_name_gender("шурик") == Gender::Male);
  CHECK(first_name_gender("ваня") == Gender::Male);
  CHECK(first_name_gender("саша") == Gender::Both);
  CHECK(first_name_gender("женя") == Gender::Both);
  CHECK(first_name_gender("дарья") == Gender::Female);
  CHECK(first_name_gender("дарьи") == Gender::Female);
  CHECK(first_name_gender("дарьей") == Gender::Female);
  CHECK(first_name_gender("иван") == Gender::Male);
  CHECK(first_name_gender("ивану") == Gender::Male);
  CHECK(first_name_gender("ивана") == Gender::Male);
  CHECK(first_name_gender("льва") == Gender::Male);
  CHECK(first_name_gender("сашей") == Gender::Both);
  // The dictionary writes ё; keys have е.
  CHECK(first_name_gender(name_key("Семёна")) == Gender::Male);
  CHECK(first_name_gender(name_key("Фёкла")) == Gender::Female);
  // A form of two names is both: алена is Алёна and the genitive of Ален.
  CHECK(first_name_gender(name_key("Алёна")) == Gender::Both);
  CHECK(first_name_gender("аленой") == Gender::Female);
  // No first names: a noun, a surname, a patronymic, a plural form, an empty word.
  CHECK(first_name_gender("стол") == Gender::Unknown);
  CHECK(first_name_gender(name_key("Семёнова")) == Gender::Unknown);
  CHECK(first_name_gender("смирнова") == Gender::Unknown);
  CHECK(first_name_gender("иванович") == Gender::Unknown);
  CHECK(first_name_gender("дашами") == Gender::Unknown);
  CHECK(first_name_gender("") == Gender::Unknown);
  // Keys only: the caller lowers the case once per word.
  CHECK(first_name_gender("Даша") == Gender::Unknown);
}

TEST_CASE("anthroponyms: first_name_forms gives the dictionary's singular forms, nominative first") {
  Forms darya = first_name_forms("дарья", Gender::Female);
  REQUIRE(!darya.empty());
  CHECK(darya.front() == "дарья");
  for (const char* f : {"дарьи", "дарье", "дарью", "дарьей", "дарьею"}) CHECK_MESSAGE(has(darya, f), f);
  CHECK(!has(darya, "дарьям"));  // plural
  CHECK(std::set<std::string>(darya.begin(), darya.end()).size() == darya.size());

  Forms dasha = first_name_forms("даша", Gender::Both);
  CHECK(dasha.front() == "даша");
  for (const char* f : {"даши", "даше", "дашу", "дашей"}) CHECK_MESSAGE(has(dasha, f), f);

  // Лев declines with a fleeting е, which no suffix rule of a noun would guess.
  Forms lev = first_name_forms("лев", Gender::Male);
  for (const char* f : {"льва", "льву", "львом", "льве"}) CHECK_MESSAGE(has(lev, f), f);
  CHECK(!has(lev, "лева"));

  // The dictionary's Любовь keeps the о: not Любви (the feeling).
  Forms lyubov = first_name_forms("Любовь", Gender::Female);
  CHECK(lyubov.front() == "любовь");
  CHECK(has(lyubov, "любови"));
  CHECK(has(lyubov, "любовью"));
  CHECK(!has(lyubov, "любви"));

  // Саша is either; asked for one gender it still has its forms.
  CHECK(has(first_name_forms("саша", Gender::Male), "сашей"));
  // Иван has no feminine lexeme: petrovich's feminine rules leave a consonant alone.
  CHECK(first_name_forms("иван", Gender::Female) == Forms{"иван"});
  CHECK(has(first_name_forms("иван", Gender::Male), "иваном"));
}

TEST_CASE("anthroponyms: first_name_forms falls back to petrovich for names the dictionary lacks") {
  REQUIRE(first_name_gender("земфирка") == Gender::Unknown);
  Forms forms = first_name_forms("земфирка", Gender::Female);
  CHECK(forms == Forms{"земфирка", "земфирки", "земфирке", "земфирку", "земфиркой"});
}

TEST_CASE("anthroponyms: decline surnames by petrovich's rules") {
  CHECK(decline("смирнов", NamePart::Last, Gender::Male) ==
        Forms{"смирнов", "смирнова", "смирнову", "смирновым", "смирнове"});
  CHECK(decline("смирнова", NamePart::Last, Gender::Female) ==
        Forms{"смирнова", "смирновой", "смирнову"});
  CHECK(decline("Толстой", NamePart::Last, Gender::Male) ==
        Forms{"толстой", "толстого", "толстому", "толстым", "толстом"});
  CHECK(decline("толстая", NamePart::Last, Gender::Female) == Forms{"толстая", "толстой", "толстую"});
  CHECK(decline("достоевский", NamePart::Last, Gender::Male) ==
        Forms{"достоевский", "достоевского", "достоевскому", "достоевским", "достоевском"});
  CHECK(decline("достоевская", NamePart::Last, Gender::Female) ==
        Forms{"достоевская", "достоевской", "достоевскую"});
  CHECK(decline("ильин", NamePart::Last, Gender::Male) == Forms{"ильин", "ильина", "ильину", "ильиным", "ильине"});
  CHECK(decline("ильина", NamePart::Last, Gender::Female) == Forms{"ильина", "ильиной", "ильину"});
  // A fleeting е in men's surnames; women's stay as they are.
  CHECK(decline("кравец", NamePart::Last, Gender::Male) == Forms{"кравец", "кравца", "кравцу", "кравцом", "кравце"});
  CHECK(decline("кравец", NamePart::Last, Gender::Female) == Forms{"кравец"});
  // Indeclinable for either gender.
  for (Gender g : {Gender::Male, Gender::Female, Gender::Both, Gender::Unknown}) {
    CHECK(decline("шевченко", NamePart::Last, g) == Forms{"шевченко"});
    CHECK(decline("черных", NamePart::Last, g) == Forms{"черных"});
    CHECK(decline("белых", NamePart::Last, g) == Forms{"белых"});
  }
  // Both and Unknown: either gender's forms, the masculine first.
  Forms either = decline("смирнов", NamePart::Last, Gender::Unknown);
  CHECK(either.front() == "смирнов");
  CHECK(has(either, "смирновым"));
  CHECK(decline("смирнов", NamePart::Last, Gender::Both) == either);
  // Each part of a hyphenated surname declines; a first part such as Бонч- stays.
  CHECK(decline("петрова-водкина", NamePart::Last, Gender::Female) ==
        Forms{"петрова-водкина", "петровой-водкиной", "петрову-водкину"});
  CHECK(decline("бонч-бруевич", NamePart::Last, Gender::Male) ==
        Forms{"бонч-бруевич", "бонч-бруевича", "бонч-бруевичу", "бонч-бруевичем", "бонч-бруевиче"});
}

TEST_CASE("anthroponyms: decline first names and patronymics by petrovich's rules") {
  CHECK(decline("лев", NamePart::First, Gender::Male) == Forms{"лев", "льва", "льву", "львом", "льве"});
  CHECK(decline("Пётр", NamePart::First, Gender::Male) == Forms{"петр", "петра", "петру", "петром", "петре"});
  CHECK(decline("мария-луиза", NamePart::First, Gender::Female) ==
        Forms{"мария-луиза", "марии-луизы", "марии-луизе", "марию-луизу", "марией-луизой"});
  CHECK(decline("олегович", NamePart::Middle, Gender::Male) ==
        Forms{"олегович", "олеговича", "олеговичу", "олеговичем", "олеговиче"});
  CHECK(decline("олеговна", NamePart::Middle, Gender::Female) ==
        Forms{"олеговна", "олеговны", "олеговне", "олеговну", "олеговной"});
  CHECK(decline("ильинична", NamePart::Middle, Gender::Female) ==
        Forms{"ильинична", "ильиничны", "ильиничне", "ильиничну", "ильиничной"});
}

TEST_CASE("anthroponyms: known_patronymic_gender knows the patronymics made from first names") {
  CHECK(known_patronymic_gender("олегович") == Gender::Male);
  CHECK(known_patronymic_gender("олеговна") == Gender::Female);
  CHECK(known_patronymic_gender("ильич") == Gender::Male);
  CHECK(known_patronymic_gender("ильинична") == Gender::Female);
  CHECK(known_patronymic_gender("львович") == Gender::Male);
  CHECK(known_patronymic_gender("шостакович") == Gender::Unknown);
  CHECK(known_patronymic_gender("олег") == Gender::Unknown);
}

TEST_CASE("anthroponyms: parse_person_name reads the orders curators write names in") {
  auto check = [](const char* text, const char* last, const char* first, const char* middle,
                  const char* fi, const char* mi, Gender g) {
    std::optional<PersonName> p = parse_person_name(text);
    REQUIRE_MESSAGE(p, text);
    CHECK_MESSAGE(p->last == last, text);
    CHECK_MESSAGE(p->first == first, text);
    CHECK_MESSAGE(p->middle == middle, text);
    CHECK_MESSAGE(p->first_initial == fi, text);
    CHECK_MESSAGE(p->middle_initial == mi, text);
    CHECK_MESSAGE(p->gender == g, text);
  };
  check("Смирнова Дарья Олеговна", "смирнова", "дарья", "олеговна", "д", "о", Gender::Female);
  check("Дарья Смирнова", "смирнова", "дарья", "", "д", "", Gender::Female);
  check("Дарья Олеговна Смирнова", "смирнова", "дарья", "олеговна", "д", "о", Gender::Female);
  check("Смирнова Д. О.", "смирнова", "", "", "д", "о", Gender::Female);
  check("Смирнова Д.О.", "смирнова", "", "", "д", "о", Gender::Female);
  check("Иванов И.И.", "иванов", "", "", "и", "и", Gender::Male);
  check("Д. О. Смирнова", "смирнова", "", "", "д", "о", Gender::Female);
  check("Мария-Луиза Петрова-Водкина", "петрова-водкина", "мария-луиза", "", "м", "", Gender::Female);
  check("Семёнова Алёна Фёдоровна", "семенова", "алена", "федоровна", "а", "ф", Gender::Female);
  check("Фёдоров Семён", "федоров", "семен", "", "с", "", Gender::Male);
  check("Толстой Лев Николаевич", "толстой", "лев", "николаевич", "л", "н", Gender::Male);
  check("Дарья О. Смирнова", "смирнова", "дарья", "", "д", "о", Gender::Female);
  // The gender: the patronymic before the first name, the first name before the surname.
  check("Саша Смирнова", "смирнова", "саша", "", "с", "", Gender::Female);
  check("Саша Ким", "ким", "саша", "", "с", "", Gender::Both);
  check("Женя Кравец", "кравец", "женя", "", "ж", "", Gender::Both);
  check("Иванова Саша Игоревич", "иванова", "саша", "игоревич", "с", "и", Gender::Male);
  // Two first names: Фамилия Имя Отчество when a patronymic follows, else Имя Фамилия.
  check("Иван Сергей", "сергей", "иван", "", "и", "", Gender::Male);
  check("Сергей Иван Петрович", "сергей", "иван", "петрович", "и", "п", Gender::Male);
  check("Бабич Ирина Петровна", "бабич", "ирина", "петровна", "и", "п", Gender::Female);
  check("Ирина Петровна Бабич", "бабич", "ирина", "петровна", "и", "п", Gender::Female);
  // Beside a first name alone, a word ending in -ич is a patronymic only if it is one.
  check("Иван Петрович", "", "иван", "петрович", "и", "п", Gender::Male);
  check("Дмитрий Шостакович", "шостакович", "дмитрий", "", "д", "", Gender::Male);
  check("Ирина Петровна", "", "ирина", "петровна", "и", "п", Gender::Female);
  // A first name the dictionary lacks stands before its patronymic.
  check("Смирнова Земфирка Олеговна", "смирнова", "земфирка", "олеговна", "з", "о", Gender::Female);
  check("Земфирка Смирнова", "смирнова", "земфирка", "", "з", "", Gender::Female);
  // One word: a first name, or else a surname.
  check("Даша", "", "даша", "", "д", "", Gender::Female);
  check("Смирнов", "смирнов", "", "", "", "", Gender::Male);
  check("Шевченко", "шевченко", "", "", "", "", Gender::Unknown);
  check("  «Смирнова   Дарья»,  ", "смирнова", "дарья", "", "д", "", Gender::Female);
}

TEST_CASE("anthroponyms: parse_person_name gives nothing without a name") {
  CHECK(!parse_person_name(""));
  CHECK(!parse_person_name("  , . "));
  CHECK(!parse_person_name("Д. О."));
  CHECK(!parse_person_name("2024"));
}

TEST_SUITE_END();
