// UTF-8: strict validation at load, and the decoder and encoder typography, privacy checks
// and suggestions share.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/utf8.h"

using namespace nastavnik;

TEST_CASE("is_valid_utf8 accepts well-formed text") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("Наставничество, 2022"));
  CHECK(is_valid_utf8("\xE2\x84\x96 \xF0\x9F\x98\x80"));  // № and an emoji
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));                 // U+10FFFF
}

TEST_CASE("is_valid_utf8 rejects bad sequences and reports where") {
  size_t at = 99;
  CHECK_FALSE(is_valid_utf8("ab\xC0\xAF", &at));  // overlong '/'
  CHECK(at == 2);
  at = 99;
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF", &at));  // overlong, three bytes
  CHECK(at == 0);
  at = 99;
  CHECK_FALSE(is_valid_utf8("Я\xED\xA0\x80", &at));  // surrogate U+D800
  CHECK(at == 2);
  at = 99;
  CHECK_FALSE(is_valid_utf8("При\xD0", &at));  // truncated at the end
  CHECK(at == 6);
  at = 99;
  CHECK_FALSE(is_valid_utf8("a\xD0z", &at));  // missing continuation byte
  CHECK(at == 1);
  at = 99;
  CHECK_FALSE(is_valid_utf8("abc\x80", &at));  // lone continuation byte
  CHECK(at == 3);
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\xC0\x80"));  // overlong NUL
}

TEST_CASE("next_code_point decodes one to four bytes and moves past them") {
  std::string_view s = "aЯ№\xF0\x9F\x98\x80";  // 1, 2, 3 and 4 bytes
  size_t i = 0;
  CHECK(next_code_point(s, i) == 'a');
  CHECK(i == 1);
  CHECK(next_code_point(s, i) == 0x42F);
  CHECK(i == 3);
  CHECK(next_code_point(s, i) == 0x2116);
  CHECK(i == 6);
  CHECK(next_code_point(s, i) == 0x1F600);
  CHECK(i == s.size());
}

TEST_CASE("next_code_point never moves past the end of a cut string") {
  std::string cut = "Я";
  cut += "\xE2\x84";  // № without its last byte
  size_t i = 2;
  next_code_point(cut, i);
  CHECK(i == cut.size());
}

TEST_CASE("code_points and append_utf8 are inverse") {
  std::string text = "«Ёлка» — № 5, 😀";
  auto cps = code_points(text);
  CHECK(cps.size() == utf8_length(text));
  CHECK(cps.front() == 0xAB);
  std::string back;
  for (auto cp : cps) append_utf8(cp, back);
  CHECK(back == text);
}

TEST_CASE("utf8_length counts characters") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("Школа № 19") == 10);
  CHECK_FALSE(is_utf8_continuation('a'));
  CHECK_FALSE(is_utf8_continuation("Я"[0]));
  CHECK(is_utf8_continuation("Я"[1]));
}

TEST_CASE("letters are Latin and Cyrillic ones") {
  for (auto cp : code_points("AzЯяЁё")) CHECK(is_latin_or_cyrillic_letter(cp));
  for (auto cp : code_points("1 -«»№😀")) CHECK_FALSE(is_latin_or_cyrillic_letter(cp));
}
