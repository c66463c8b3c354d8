// Cyrillic titles and file names become URL segments.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "validate/files.h"
#include "text/slug.h"

using namespace nastavnik;

TEST_CASE("transliterate follows the simplified BGN/PCGN scheme and lowers case") {
  CHECK(transliterate("Положение о наставничестве") == "polozhenie o nastavnichestve");
  CHECK(transliterate("Щука") == "shchuka");
  CHECK(transliterate("Подъезд") == "podezd");
  CHECK(transliterate("Юля") == "yulya");
  CHECK(transliterate("Ёлка") == "elka");
  CHECK(transliterate("йод") == "yod");
  CHECK(transliterate("Хлеб") == "khleb");
  CHECK(transliterate("Цапля") == "tsaplya");
  CHECK(transliterate("Мальчик") == "malchik");
  CHECK(transliterate("ЩУКА") == "shchuka");
  CHECK(transliterate("Café") == "cafe");
}

TEST_CASE("slugify makes a lowercase [a-z0-9-] segment") {
  CHECK(slugify("Положение о наставничестве") == "polozhenie-o-nastavnichestve");
  CHECK(slugify("Щука") == "shchuka");
  CHECK(slugify("Подъезд") == "podezd");
  CHECK(slugify("Юля") == "yulya");
  CHECK(slugify("Приказ № 125-о от 26.04.2022") == "prikaz-n-125-o-ot-26-04-2022");
}

TEST_CASE("slugify collapses punctuation, guillemets and spaces into single dashes, none at the ends") {
  CHECK(slugify("«Итоги» — конкурса!!!") == "itogi-konkursa");
  CHECK(slugify("  --Привет--  ") == "privet");
  CHECK(slugify("Конкурс «Наставник года – 2022»") == "konkurs-nastavnik-goda-2022");
  CHECK(slugify("a _ b") == "a-b");
  CHECK(slugify("!!!").empty());
  CHECK(slugify("").empty());
}

TEST_CASE("slugify cuts long text at a dash") {
  CHECK(slugify("aaaa-bbbb-cccc", 10) == "aaaa-bbbb");
  CHECK(slugify("aaaa-bbbb-cccc", 9) == "aaaa-bbbb");
  // Without a dash to cut at, the word itself is cut.
  CHECK(slugify("aaaaaaaaaaaa", 5) == "aaaaa");

  std::string long_title =
      "Об утверждении положения о наставничестве и дорожной карты внедрения целевой модели наставничества в "
      "образовательных организациях города";
  std::string slug = slugify(long_title);
  CHECK(slug.size() <= 80);
  CHECK(slug.size() > 60);
  CHECK(slug.back() != '-');
  CHECK(is_slug(slug));
  CHECK(slugify(long_title, 1000).rfind(slug, 0) == 0);
}

TEST_CASE("is_slug accepts only what slugify could produce") {
  CHECK(is_slug("itogi-konkursa-2022"));
  CHECK(is_slug("a"));
  CHECK_FALSE(is_slug(""));
  CHECK_FALSE(is_slug("-itogi"));
  CHECK_FALSE(is_slug("itogi-"));
  CHECK_FALSE(is_slug("Itogi"));
  CHECK_FALSE(is_slug("itogi_konkursa"));
  CHECK_FALSE(is_slug("итоги"));
  CHECK_FALSE(is_slug("itogi konkursa"));
}

TEST_CASE("slug_from_file_name drops the date prefix and transliterates") {
  CHECK(slug_from_file_name("2022-12-15-Итоги-конкурса.md") == "itogi-konkursa");
  CHECK(slug_from_file_name("Итоги конкурса.md") == "itogi-konkursa");
  CHECK(slug_from_file_name("polozhenie.md") == "polozhenie");
  // Not a real date: kept as part of the slug.
  CHECK(slug_from_file_name("2022-13-45-plan.md") == "2022-13-45-plan");
  // Only a date: nothing to drop it from.
  CHECK(slug_from_file_name("2022-12-15.md") == "2022-12-15");
}

TEST_CASE("transliterate's shortcut for plain Russian text gives what ICU's rules give") {
  // Every letter the table knows, in both cases, with ASCII, №, and characters it leaves to
  // ICU (Latin with accents, Greek, a decomposed й), in random strings.
  std::vector<std::string> pieces = {" ", "-", "A", "z", "7", ".", "№", "é", "Ω", "и\u0306", "ӑ", "Ѣ", "ѣ"};
  for (char32_t c = 0x400; c < 0x460; ++c) {
    std::string s;
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
    pieces.push_back(s);
  }
  pieces.push_back("Ґ");
  pieces.push_back("ґ");
  uint64_t seed = 7;
  auto next = [&] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(seed >> 33);
  };
  for (const auto& piece : pieces) CHECK_MESSAGE(transliterate(piece) == transliterate_with_icu(piece), piece);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (size_t k = next() % 12; k > 0; --k) text += pieces[next() % pieces.size()];
    CHECK_MESSAGE(transliterate(text) == transliterate_with_icu(text), text);
  }
}
