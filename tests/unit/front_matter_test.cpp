// Cutting a Markdown file into front matter and body, after line ends are normalised.
#include <doctest/doctest.h>

#include <string>

#include "read/front_matter.h"
#include "read/text_file.h"

using namespace nastavnik;

namespace {

const char* const kNotOpened =
    "файл должен начинаться со строки ---, за которой идут поля шапки файла; добавьте в начало строку --- и "
    "закрывающую --- после полей";
const char* const kNotClosed = "шапка файла не закрыта, добавьте строку --- после последнего поля";

}  // namespace

TEST_CASE("normalise_text strips a UTF-8 BOM and turns CRLF and lone CR into LF") {
  CHECK(normalise_text("\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nтекст\rещё\r\n") == "---\ntitle: x\n---\nтекст\nещё\n");
  CHECK(normalise_text("a\r\r\nb") == "a\n\nb");
  // Only a leading BOM is removed; text without CR is returned as is.
  CHECK(normalise_text("a\xEF\xBB\xBF" "b\n") == "a\xEF\xBB\xBF" "b\n");
  CHECK(normalise_text("") == "");
}

TEST_CASE("split_front_matter returns the YAML, its offset, the body and the body's first line") {
  const std::string text = "---\ntitle: Новость\ndate: 2022-04-26\n---\nПервая строка тела\nвторая\n";
  FrontMatter fm;
  FrontMatterError error;
  REQUIRE(split_front_matter(text, fm, error));
  CHECK(fm.yaml == "title: Новость\ndate: 2022-04-26\n");
  CHECK(fm.yaml_offset == 4);
  CHECK(text.substr(fm.yaml_offset, 6) == "title:");
  CHECK(fm.body == "Первая строка тела\nвторая\n");
  CHECK(fm.body_first_line == 5);
}

TEST_CASE("split_front_matter accepts ... as the closing line and fences with trailing spaces") {
  FrontMatter fm;
  FrontMatterError error;
  REQUIRE(split_front_matter("---  \na: 1\nb: 2\n...\nтело", fm, error));
  CHECK(fm.yaml == "a: 1\nb: 2\n");
  CHECK(fm.yaml_offset == 6);
  CHECK(fm.body == "тело");
  CHECK(fm.body_first_line == 5);
}

TEST_CASE("split_front_matter: closing fence on the last line without a newline gives an empty body") {
  FrontMatter fm;
  FrontMatterError error;
  REQUIRE(split_front_matter("---\na: 1\n---", fm, error));
  CHECK(fm.yaml == "a: 1\n");
  CHECK(fm.body.empty());
  CHECK(fm.body_first_line == 4);
}

TEST_CASE("split_front_matter: empty front matter") {
  FrontMatter fm;
  FrontMatterError error;
  REQUIRE(split_front_matter("---\n---\nтело\n", fm, error));
  CHECK(fm.yaml.empty());
  CHECK(fm.body == "тело\n");
  CHECK(fm.body_first_line == 3);
}

TEST_CASE("split_front_matter reports a file that does not start with ---") {
  FrontMatter fm;
  FrontMatterError error;
  CHECK_FALSE(split_front_matter("title: Новость\n---\nтело\n", fm, error));
  CHECK(error.pos.line == 1);
  CHECK(error.pos.column == 1);
  CHECK(error.message == kNotOpened);

  // Four dashes are not a fence.
  FrontMatterError dashes;
  CHECK_FALSE(split_front_matter("----\na: 1\n---\n", fm, dashes));
  CHECK(dashes.message == kNotOpened);
}

TEST_CASE("split_front_matter reports an empty file with its own message") {
  FrontMatter fm;
  FrontMatterError error;
  CHECK_FALSE(split_front_matter("", fm, error));
  CHECK(error.pos.line == 1);
  CHECK(error.pos.column == 1);
  CHECK(error.message ==
        "файл пуст, добавьте в начало шапку файла: строку ---, поля (например, title: \"…\") и закрывающую строку ---");
}

TEST_CASE("split_front_matter reports front matter that is never closed") {
  FrontMatter fm;
  FrontMatterError error;
  CHECK_FALSE(split_front_matter("---\ntitle: Новость\ndate: 2022-04-26\n\nТекст без закрывающей строки\n", fm, error));
  CHECK(error.message == kNotClosed);
  CHECK(error.pos.line == 1);

  FrontMatterError only_fence;
  CHECK_FALSE(split_front_matter("---", fm, only_fence));
  CHECK(only_fence.message == kNotClosed);

  // A "---" inside a value line is not a closing fence.
  FrontMatterError inside;
  CHECK_FALSE(split_front_matter("---\ntitle: a --- b\n", fm, inside));
  CHECK(inside.message == kNotClosed);
}

TEST_CASE("a file saved by Windows splits like a Unix one after normalise_text") {
  std::string text = normalise_text("\xEF\xBB\xBF---\r\ntitle: Новость\r\n---\r\nТело\r\n");
  FrontMatter fm;
  FrontMatterError error;
  REQUIRE(split_front_matter(text, fm, error));
  CHECK(fm.yaml == "title: Новость\n");
  CHECK(fm.yaml_offset == 4);
  CHECK(fm.body == "Тело\n");
  CHECK(fm.body_first_line == 4);
}

// ------------------------------------------------------------ pasted from Word --

TEST_CASE("split_front_matter: blank lines before --- are named, at the first line") {
  FrontMatter fm;
  FrontMatterError error;
  CHECK_FALSE(split_front_matter("\n---\ntitle: x\n---\n", fm, error));
  CHECK(error.pos.line == 1);
  CHECK(error.pos.column == 1);
  CHECK(error.message == "перед первой строкой --- есть пустые строки; удалите их: файл должен начинаться прямо со строки ---");
  // A BOM is stripped before (normalise_text); lines of spaces and no-break spaces are blank too.
  FrontMatterError spaces;
  CHECK_FALSE(split_front_matter(normalise_text("\xEF\xBB\xBF  \n\u00A0\n---\ntitle: x\n---\n"), fm, spaces));
  CHECK(spaces.pos.line == 1);
  CHECK(spaces.message == error.message);
}

TEST_CASE("split_front_matter: spaces before --- on the first line are named") {
  FrontMatter fm;
  FrontMatterError error;
  CHECK_FALSE(split_front_matter("  ---\ntitle: x\n---\n", fm, error));
  CHECK(error.pos.line == 1);
  CHECK(error.pos.column == 1);
  CHECK(error.message == "перед --- в первой строке стоят пробелы; удалите их: файл должен начинаться прямо со строки ---");
  FrontMatterError nbsp;
  CHECK_FALSE(split_front_matter("\u00A0---\ntitle: x\n---\n", fm, nbsp));
  CHECK(nbsp.message == error.message);
}

TEST_CASE("split_front_matter: a dash Word made of --- is named, on the first or the closing line") {
  FrontMatter fm;
  FrontMatterError opening;
  CHECK_FALSE(split_front_matter("—\ntitle: x\n—\nтекст\n", fm, opening));
  CHECK(opening.pos.line == 1);
  CHECK(opening.pos.column == 1);
  CHECK(opening.message == "первая строка файла должна состоять из трёх дефисов ---, а в ней знак «—» (так Word заменяет "
                           "дефисы тире); напишите ---");
  FrontMatterError en;
  CHECK_FALSE(split_front_matter("–-\ntitle: x\n---\n", fm, en));
  CHECK(en.message.find("знак «–»") != std::string::npos);
  FrontMatterError closing;
  CHECK_FALSE(split_front_matter("---\ntitle: x\ndate: 2025-01-01\n— \nТекст\n\n---\nещё\n", fm, closing));
  CHECK(closing.pos.line == 4);
  CHECK(closing.pos.column == 1);
  CHECK(closing.message == "строка, закрывающая поля, должна состоять из трёх дефисов ---, а в ней знак «—» (так Word "
                           "заменяет дефисы тире); напишите ---");
  // A dash in a value, or a list item that is a dash, is no fence.
  REQUIRE(split_front_matter("---\ntitle: —\ntags:\n  - —\n---\nтело\n", fm, closing));
  CHECK(fm.body == "тело\n");
}

TEST_CASE("starts_with_front_matter: what was meant to open front matter, for files where it is optional") {
  CHECK(starts_with_front_matter("---\ntitle: x\n---\n"));
  CHECK(starts_with_front_matter("\n\n---\ntitle: x\n---\n"));
  CHECK(starts_with_front_matter("  \u00A0---\ntitle: x\n---\n"));
  CHECK(starts_with_front_matter("—\ntitle: x\n—\n"));
  CHECK_FALSE(starts_with_front_matter("В школе реализуются формы наставничества.\n"));
  CHECK_FALSE(starts_with_front_matter("— Наставник — это опыт.\n"));
  CHECK_FALSE(starts_with_front_matter(""));
}
