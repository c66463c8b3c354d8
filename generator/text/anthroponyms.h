#pragma once
// Russian personal names and their forms, from well-kept sources compiled into the binary:
// first names with every case form from OpenCorpora (the npm package az), declension of
// surnames, patronymics and unknown first names by petrovich's rules (the npm package petrovich).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik {

enum class Gender : uint8_t { Unknown = 0, Male = 1, Female = 2, Both = 3 };  // a bit mask
inline Gender operator|(Gender a, Gender b) { return Gender(uint8_t(a) | uint8_t(b)); }
inline bool shares(Gender a, Gender b) { return (uint8_t(a) & uint8_t(b)) != 0; }

/// A word as names are compared: lower case, ё as е ("Семёнова" → "семенова").
std::string name_key(std::string_view word);

/// The genders of the first names that `key` (a name_key) is a form of, in any case; Unknown
/// when it is no first name. Familiar forms (даша, шурик) are first names of their own.
Gender first_name_gender(std::string_view key);

/// Every singular form (nominative first) of the first name whose nominative is `key`, of
/// gender `g` (Both: either): the dictionary's forms, or petrovich's when it does not know it.
std::vector<std::string> first_name_forms(std::string_view key, Gender g);

/// The gender of the patronymic whose nominative is `key` (a name_key) when the dictionary
/// makes it from a first name it holds (олегович, ильинична, иваныч); Unknown otherwise.
/// It tells a patronymic from a surname that ends like one (Шостакович, Бабич).
Gender known_patronymic_gender(std::string_view key);

enum class NamePart { First, Middle, Last };

/// The six case forms (nominative first, duplicates removed) of a name part of gender `g`
/// by petrovich's rules; Both or Unknown: both genders' forms.
std::vector<std::string> decline(std::string_view key, NamePart part, Gender g);

/// A person's name as curators write it, split: "Смирнова Дарья Олеговна", "Дарья Смирнова",
/// "Дарья Олеговна Смирнова", "Смирнова Д. О.", "Иванов И.И.", "Мария-Луиза Петрова-Водкина".
struct PersonName {
  std::string last, first, middle;     ///< name_keys, each may be empty (hyphenated parts kept whole)
  std::string first_initial, middle_initial;  ///< one letter each (name_key), from the word or the initial
  Gender gender = Gender::Unknown;     ///< from the patronymic, else the first name, else the surname's ending
};

/// Nothing when no part can be told (a single word that is no first name gives last only).
std::optional<PersonName> parse_person_name(std::string_view name);

}  // namespace nastavnik
