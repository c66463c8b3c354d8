// 152-ФЗ helpers: finding a person's name in text that would be published.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "validate/privacy.h"

using namespace nastavnik;

namespace {
constexpr size_t npos = std::string_view::npos;
}

TEST_CASE("find_name finds an inflected surname and returns its byte offset") {
  const std::string text = "Работа Сидоровой Ирины отмечена";
  CHECK(find_name(text, "Сидоров И.") == text.find("Сидоровой"));
  CHECK(find_name("Наставник — Сидорова.", "Сидоров И.") == std::string("Наставник — ").size());
  CHECK(find_name("Благодарим Сидоровым за помощь", "Сидоров И.") != npos);
  CHECK(find_name("СИДОРОВА", "Сидоров И.") == 0);
  CHECK(find_name("Иван пришёл", "Сидоров Иван") == 0);
}

TEST_CASE("find_name does not match a longer word or the middle of a word") {
  CHECK(find_name("Аннотация к программе", "Анна") == npos);
  CHECK(find_name("Аннотация к программе", "Анна Петрова") == npos);
  CHECK(find_name("Сидоровский район", "Сидоров И.") == npos);  // ending of four letters
  CHECK(find_name("Косидоров", "Сидоров И.") == npos);
  CHECK(find_name("И. П. и др.", "Сидоров И. П.") == npos);     // initials alone identify no one
  CHECK(find_name("Анна", "") == npos);
}

TEST_CASE("find_full_name needs every word and initial, next to each other, in any order") {
  const std::string order = "Назначить И. Сидорова наставником";
  CHECK(find_full_name(order, "Сидоров И.") == order.find("И."));
  CHECK(find_full_name("И. Сидоров", "Сидоров И.") == 0);
  CHECK(find_full_name("Сидорова И.", "Сидоров И.") == 0);
  CHECK(find_full_name("Сидоров Т.", "Сидоров И.") == npos);
  CHECK(find_full_name("Сидоров, учитель, И.", "Сидоров И.") == npos);  // not next to each other
  CHECK(find_full_name("Сидоров И. П.", "Сидоров И. П.") == 0);
  CHECK(find_full_name("И. П. Сидоров", "Сидоров И. П.") == 0);
  // Initials are always written name first: «П. И.» is another person than «И. П.».
  CHECK(find_full_name("П. И. Сидоров", "Сидоров И. П.") == npos);
  CHECK(find_full_name("И. Сидоров", "") == npos);
}

TEST_CASE("initials keep their order; a feminine surname is not its masculine namesake") {
  CHECK(find_full_name("Директор Сорокина И.О.", "Сорокина И.О.") != std::string_view::npos);
  CHECK(find_full_name("И.О. Сорокиной поручить", "Сорокина И.О.") != std::string_view::npos);
  CHECK(find_full_name("Директор Сорокина О.И.", "Сорокина И.О.") == std::string_view::npos);
  CHECK(find_full_name("Директор Волков И.В.", "Волкова И.В.") == std::string_view::npos);
  CHECK(find_full_name("поручить Волковой И.В.", "Волкова И.В.") != std::string_view::npos);
  CHECK(find_full_name("Иван Иванович", "Иванович И.И.") == std::string_view::npos);
  CHECK(find_full_name("наставник Зайцев И.И.", "Зайцев И.И.") != std::string_view::npos);
}
