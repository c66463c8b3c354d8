// String helpers: "did you mean" suggestions, escaping, truncation and sizes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/strings.h"

using namespace nastavnik;

TEST_CASE("edit_distance counts characters, not bytes") {
  CHECK(edit_distance("ёж", "еж") == 1);  // ё and е differ in both bytes
  CHECK(edit_distance("мама", "") == 4);
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("кот", "кит") == 1);
  CHECK(edit_distance("title", "titel") == 2);
  CHECK(edit_distance("новость", "новости") == 1);
  CHECK(edit_distance("school", "школа") == 6);
}

TEST_CASE("nearest suggests a close candidate or nothing") {
  const std::vector<std::string> keys = {"title", "date", "draft", "summary", "tags"};
  CHECK(nearest("titel", keys) == "title");
  CHECK(nearest("dat", keys) == "date");
  CHECK(nearest("sumary", keys) == "summary");
  CHECK(nearest("заголовок", keys) == "");
  CHECK(nearest("anything", {}) == "");
  CHECK(nearest("новост", {"новость", "приказ"}) == "новость");
}

TEST_CASE("html_escape escapes the five special characters") {
  CHECK(html_escape("<a href=\"x\">'Tom' & «Jerry»</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;Tom&#39; &amp; «Jerry»&lt;/a&gt;");
  CHECK(html_escape("Просто текст") == "Просто текст");
}

TEST_CASE("truncate_words cuts at a word boundary and adds an ellipsis") {
  CHECK(truncate_words("Первое второе третье четвёртое", 15) == "Первое второе…");
  CHECK(truncate_words("Коротко", 15) == "Коротко");
  CHECK(truncate_words("Раз, два, три", 6) == "Раз…");  // trailing comma dropped
  CHECK(truncate_words("Наставничество", 5) == "Наста…");  // one long word is cut inside
  CHECK(utf8_length(truncate_words("Первое второе третье четвёртое", 20)) <= 21);
}

TEST_CASE("human_size uses Russian units and a decimal comma") {
  CHECK(human_size(500) == "500 Б");
  CHECK(human_size(340 * 1024) == "340 КБ");
  CHECK(human_size(1258291) == "1,2 МБ");
  CHECK(human_size(1024 * 1024) == "1,0 МБ");
  CHECK(human_size(15 * 1024 * 1024 + 512 * 1024) == "15,5 МБ");
}

// Bug: sizes just under 1 МБ round up to «1024 КБ» instead of switching to МБ.
TEST_CASE("a size that rounds to 1024 КБ is shown in МБ") {
  CHECK(human_size(1024 * 1024 - 1) == "1,0 МБ");
}

TEST_CASE("join and trim") {
  CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(join({}, ", ") == "");
  CHECK(trim("  \tтекст \n") == "текст");
  CHECK(guillemets("title") == "«title»");
}
