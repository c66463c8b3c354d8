// read/yaml: content YAML read into a positioned tree from libyaml's events; what is refused
// and the Russian message, line and character column of every refusal.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "read/yaml.h"

using namespace nastavnik;

namespace {

struct Refusal {
  int line = 0;
  int column = 0;
  std::string message;
  double seconds = 0;
};

Refusal refuse(std::string_view yaml) {
  YamlError error;
  auto start = std::chrono::steady_clock::now();
  auto node = parse_yaml(yaml, error);
  Refusal r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE_FALSE(node.has_value());
  r.line = error.line;
  r.column = error.column;
  r.message = error.message;
  return r;
}

YamlNode accept(std::string_view yaml) {
  YamlError error;
  auto node = parse_yaml(yaml, error);
  INFO("refused at ", error.line, ":", error.column, ": ", error.message);
  REQUIRE(node.has_value());
  return std::move(*node);
}

bool has(const std::string& message, std::string_view part) { return message.find(part) != std::string::npos; }

std::string repeat(std::string_view s, size_t times) {
  std::string out;
  out.reserve(s.size() * times);
  for (size_t i = 0; i < times; ++i) out += s;
  return out;
}

const std::string kSyntax = "ошибка синтаксиса YAML: ";
const std::string kRefused = "ошибка в YAML: ";

}  // namespace

// ------------------------------------------------------------------------- the tree --

TEST_CASE("yaml: a front matter becomes a map whose nodes sit at their line and character column") {
  YamlNode n = accept("title: Итоги конкурса\ndate: 2022-04-26\ndraft: false\ntags: [конкурс, молодые педагоги]\n"
                      "mentor: {name: Иванов, consent: да}\n");
  REQUIRE(n.is_map());
  CHECK(n.line == 1);
  CHECK(n.column == 1);
  REQUIRE(n.entries.size() == 5);
  CHECK(n.entries[0].first.scalar == "title");
  CHECK(n.entries[0].second.scalar == "Итоги конкурса");
  CHECK(n.entries[0].second.column == 8);
  const YamlNode* date = n.find("date");
  REQUIRE(date);
  CHECK(date->is_scalar());
  CHECK(date->scalar == "2022-04-26");  // no date resolution: the contract decides
  CHECK(date->line == 2);
  CHECK(date->column == 7);
  CHECK(n.find("draft")->scalar == "false");
  const YamlNode* tags = n.find("tags");
  REQUIRE(tags);
  REQUIRE(tags->is_sequence());
  REQUIRE(tags->items.size() == 2);
  CHECK(tags->column == 7);
  CHECK(tags->items[1].scalar == "молодые педагоги");
  // «tags: [конкурс, » is 16 characters and 23 bytes.
  CHECK(tags->items[1].line == 4);
  CHECK(tags->items[1].column == 17);
  // «mentor: {name: Иванов, consent: » is 32 characters and 38 bytes.
  const YamlNode* mentor = n.find("mentor");
  REQUIRE(mentor);
  REQUIRE(mentor->is_map());
  CHECK(mentor->find("consent")->scalar == "да");
  CHECK(mentor->find("consent")->line == 5);
  CHECK(mentor->find("consent")->column == 33);
  CHECK(n.find("summary") == nullptr);
}

TEST_CASE("yaml: plain ~, null, Null, NULL and nothing are null; quoted and block scalars are not plain") {
  YamlNode n = accept("a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: \"\"\ng: 'null'\nh: |\n  Первая\n  вторая\ni: >\n  one\n  two\n"
                      "j: 2025\nk: nULL\n");
  for (const char* key : {"a", "b", "c", "d", "e"}) {
    INFO(key);
    REQUIRE(n.find(key));
    CHECK(n.find(key)->is_null());
    CHECK(n.find(key)->scalar.empty());
  }
  CHECK(n.find("e")->line == 5);
  CHECK(n.find("e")->column == 3);
  CHECK(n.find("f")->is_scalar());
  CHECK(n.find("f")->scalar.empty());
  CHECK_FALSE(n.find("f")->plain);
  CHECK(n.find("g")->scalar == "null");
  CHECK_FALSE(n.find("g")->plain);
  CHECK(n.find("h")->scalar == "Первая\nвторая\n");
  CHECK_FALSE(n.find("h")->plain);
  CHECK(n.find("i")->scalar == "one two\n");
  CHECK_FALSE(n.find("i")->plain);
  CHECK(n.find("j")->scalar == "2025");
  CHECK(n.find("j")->plain);
  CHECK(n.find("k")->is_scalar());
}

TEST_CASE("yaml: an empty text or one of comments only is null") {
  CHECK(accept("").is_null());
  CHECK(accept("\n\n").is_null());
  CHECK(accept("# только комментарий\n  # и ещё один\n").is_null());
  CHECK(accept("---\n").is_null());
}

TEST_CASE("yaml: duplicate keys are kept in file order and find returns the first") {
  YamlNode n = accept("title: Первый\ndate: 2025-01-01\ntitle: Второй\n");
  REQUIRE(n.entries.size() == 3);
  CHECK(n.entries[2].first.scalar == "title");
  CHECK(n.entries[2].first.line == 3);
  CHECK(n.find("title")->scalar == "Первый");
}

TEST_CASE("yaml: lists of maps, nested maps and multi-line flow lists keep their positions") {
  YamlNode n = accept("- name: Иванова А. П.\n  position: учитель\n  consent: true\n- name: Петров\n  role: consultant\n"
                      "- years:\n    2023: {value: 1}\n    2024:\n      value: 2\n- tags: [a,\n    b]\n");
  REQUIRE(n.is_sequence());
  REQUIRE(n.items.size() == 4);
  CHECK(n.items[1].line == 4);
  CHECK(n.items[1].column == 3);
  CHECK(n.items[1].find("role")->scalar == "consultant");
  CHECK(n.items[1].find("role")->column == 9);
  const YamlNode* years = n.items[2].find("years");
  REQUIRE(years);
  REQUIRE(years->entries.size() == 2);
  CHECK(years->entries[1].first.scalar == "2024");
  CHECK(years->entries[1].second.find("value")->line == 9);
  CHECK(years->entries[1].second.find("value")->column == 14);
  const YamlNode* tags = n.items[3].find("tags");
  REQUIRE(tags);
  REQUIRE(tags->items.size() == 2);
  CHECK(tags->items[1].line == 11);
  CHECK(tags->items[1].column == 5);
}

TEST_CASE("yaml: an explicit document start and end are one document") {
  YamlNode n = accept("---\ntitle: x\n");
  CHECK(n.line == 2);
  CHECK(n.find("title")->scalar == "x");
  CHECK(accept("title: x\n...\n").find("title"));
}

TEST_CASE("yaml: comments written with a space after # are allowed after values") {
  YamlNode n = accept("date: 2025-11-20  # дата новости\nnumber:   # впишите номер приказа\n"
                      "tags: [a, b]  # теги\nlist:\n  - x  # первый\n# целая строка\n#без пробела в начале строки\n");
  CHECK(n.find("date")->scalar == "2025-11-20");
  CHECK(n.find("number")->is_null());
  CHECK(n.find("list")->items[0].scalar == "x");
}

TEST_CASE("yaml: # inside quotes and inside a word is text, not a comment") {
  YamlNode n = accept("title: \"Приказ #125 о наставничестве\"\nnumber: '№ #5'\ncode: C#\nurl: https://x.ru/#top\n");
  CHECK(n.find("title")->scalar == "Приказ #125 о наставничестве");
  CHECK(n.find("number")->scalar == "№ #5");
  CHECK(n.find("code")->scalar == "C#");
  CHECK(n.find("url")->scalar == "https://x.ru/#top");
}

TEST_CASE("yaml: addresses and times with colons are values, not keys without a space") {
  YamlNode n = accept("site: https://school1.example.ru/\nlinks:\n  - https://example.ru\n  - mailto:ivanova@school.ru\n"
                      "times:\n  - 10:30\nnote: Время 10:30\n");
  CHECK(n.find("site")->scalar == "https://school1.example.ru/");
  CHECK(n.find("links")->items[1].scalar == "mailto:ivanova@school.ru");
  CHECK(n.find("times")->items[0].scalar == "10:30");
  CHECK(n.find("note")->scalar == "Время 10:30");
  CHECK(accept("https://example.ru\n").scalar == "https://example.ru");
}

TEST_CASE("yaml: tabs are allowed where YAML allows them: after a colon, inside flow brackets, in values") {
  YamlNode n = accept("title:\t\"x\"\ntags: [a,\n\tb]\nbody: |\n  код\n  \tс табуляцией\nend: x\t\n");
  CHECK(n.find("title")->scalar == "x");
  CHECK(n.find("tags")->items.size() == 2);
  CHECK(n.find("body")->scalar == "код\n\tс табуляцией\n");
  CHECK(n.find("end")->scalar == "x");
}

// ------------------------------------------------------------------- guard refusals --

TEST_CASE("yaml: a billion laughs is refused at the first anchor, at once") {
  std::string yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    yaml += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) yaml += std::string(i ? "," : "") + "*" + static_cast<char>(c - 1);
    yaml += "]\n";
  }
  Refusal r = refuse(yaml);
  CHECK(r.line == 1);
  CHECK(r.column == 4);
  CHECK(r.message ==
        kRefused + "метки YAML (&имя) и ссылки на них (*имя) не поддерживаются, напишите значение полностью; "
                   "если & или * — часть текста, заключите значение в кавычки");
  CHECK(r.seconds < 1.0);
}

TEST_CASE("yaml: anchors and aliases are refused wherever they are, and are text in quotes") {
  Refusal anchor = refuse("sections:\n  - &s {title: x}\n");
  CHECK(anchor.line == 2);
  CHECK(anchor.column == 5);
  CHECK(has(anchor.message, "метки YAML (&имя)"));
  Refusal scalar = refuse("- name: &n \"x\"\n  position: *n\n");
  CHECK(scalar.line == 1);
  CHECK(scalar.column == 9);
  CHECK(has(scalar.message, "метки YAML (&имя)"));
  Refusal alias = refuse("title: *t\n");
  CHECK(alias.line == 1);
  CHECK(alias.column == 8);
  CHECK(alias.message ==
        kRefused + "ссылки YAML (*имя) не поддерживаются, напишите значение полностью; если * — часть текста, заключите "
                   "значение в кавычки");
  CHECK(accept("title: \"&t *t\"\n").find("title")->scalar == "&t *t");
}

TEST_CASE("yaml: an alias name that is not a name is a syntax error at the star") {
  Refusal r = refuse("title: *Важно* день наставника\n");
  CHECK(r.line == 1);
  CHECK(r.column == 8);
  CHECK(r.message == kSyntax + "после * нет имени метки, заключите значение в кавычки: title: \"*Важно* день наставника\"");
  Refusal anchor = refuse("title: & x\n");
  CHECK(anchor.column == 8);
  CHECK(has(anchor.message, "после & нет имени метки"));
}

TEST_CASE("yaml: tags are refused, and a value starting with ! is told to be quoted") {
  Refusal tag = refuse("title: !important\n");
  CHECK(tag.line == 1);
  CHECK(tag.column == 8);
  CHECK(tag.message == kRefused + "теги YAML (!имя) не поддерживаются, удалите тег; если ! — часть текста, заключите значение "
                                  "в кавычки: title: \"!important\"");
  CHECK(has(refuse("list: !!set {a}\n").message, "теги YAML"));
  Refusal syntax = refuse("title: !Внимание! Конкурс\n");
  CHECK(syntax.column == 8);
  CHECK(syntax.message == kSyntax + "значение не может начинаться с «!» (так в YAML пишут теги), заключите значение в кавычки: "
                                    "title: \"!Внимание! Конкурс\"");
  CHECK(has(refuse("title: !x!y z\n").message, "«!»"));
}

TEST_CASE("yaml: nesting deeper than 64 levels is refused, however it is written") {
  auto flow = [](size_t levels) { return "title: " + std::string(levels, '[') + std::string(levels, ']') + "\n"; };
  // The document map is level 1.
  YamlNode ok = accept(flow(kMaxYamlDepth - 1));
  CHECK(ok.find("title")->is_sequence());
  Refusal r = refuse(flow(kMaxYamlDepth));
  CHECK(r.line == 1);
  CHECK(r.column == 8 + kMaxYamlDepth - 1);  // the bracket that opens level 65
  CHECK(r.message == kRefused + "вложенность глубже 64 уровней, проверьте отступы и парность скобок [ ] и { }");

  std::string block = "a:\n";
  for (int i = 1; i < 200; ++i) block += std::string(static_cast<size_t>(2 * i), ' ') + "a:\n";
  Refusal b = refuse(block);
  CHECK(b.line == 65);
  CHECK(b.column == 129);
  CHECK(has(b.message, "вложенность глубже 64 уровней"));

  CHECK(has(refuse("tags: " + repeat("{a:\n", 5000) + "x\n" + repeat("}\n", 5000)).message, "вложенность глубже 64"));
  CHECK(has(refuse(repeat("- ", 200) + "x\n").message, "вложенность глубже 64"));
}

TEST_CASE("yaml: millions of brackets are refused at once, before libyaml walks into them") {
  const size_t levels = 2 * 1024 * 1024 - 8;  // a 4 MiB file
  Refusal square = refuse("title: " + std::string(levels, '[') + std::string(levels, ']') + "\n");
  CHECK(square.line == 1);
  CHECK(square.column == 8 + kMaxYamlDepth);  // the 65th bracket, found by the scan of the text
  CHECK(has(square.message, "вложенность глубже 64 уровней"));
  CHECK(square.seconds < 1.0);
  Refusal run = refuse("tags: " + std::string(4000000, '['));
  CHECK(run.column == 7 + kMaxYamlDepth);
  CHECK(run.seconds < 1.0);
  Refusal lines = refuse("tags: " + repeat("[\n", 100000) + repeat("]\n", 100000));
  CHECK(lines.line == 65);
  CHECK(lines.column == 1);
  CHECK(lines.seconds < 1.0);
  // Brackets in quotes and comments are text.
  YamlNode n = accept("title: \"" + std::string(200, '[') + "\"  # " + std::string(200, '{') + "\n");
  CHECK(n.find("title")->scalar.size() == 200);
}

TEST_CASE("yaml: more than 100 000 values are refused at the first one too many") {
  std::string many = "tags: [";
  for (size_t i = 0; i < kMaxYamlNodes; ++i) many += "a,";
  many += "a]\n";
  Refusal r = refuse(many);
  // The map, its key and the list are values 1–3: the 99 998th «a» is the 100 001st value.
  CHECK(r.line == 1);
  CHECK(r.column == 8 + 2 * (99998 - 1));
  CHECK(r.message == kRefused + "в файле больше 100000 значений, разделите его на несколько файлов");
  CHECK(r.seconds < 2.0);
  std::string enough = "tags: [";
  for (size_t i = 0; i + 4 < kMaxYamlNodes; ++i) enough += "a,";
  enough += "a]\n";
  CHECK(accept(enough).find("tags")->items.size() == kMaxYamlNodes - 3);
}

TEST_CASE("yaml: a second document after --- is refused at its --- line, not dropped") {
  Refusal r = refuse("- name: \"Иванов\"\n  position: \"учитель\"\n---\n- name: \"Петров\"\n  position: \"учитель\"\n");
  CHECK(r.line == 3);
  CHECK(r.column == 1);
  CHECK(r.message == kRefused + "в файле второй документ YAML (после строки ---), он не читается; удалите строку --- и "
                                "оставьте все записи в одном списке");
  CHECK(refuse("title: x\n---\n").line == 2);
}

TEST_CASE("yaml: escapes that make control characters are refused at their backslash") {
  Refusal x01 = refuse("title: \"a\\x01b\"\n");
  CHECK(x01.line == 1);
  CHECK(x01.column == 10);
  CHECK(x01.message == kRefused + "значение содержит невидимый управляющий символ U+0001 (вероятно, из последовательности с "
                                  "обратной косой чертой в кавычках), удалите его");
  Refusal esc = refuse("title: \"\\e[31m\"\n");
  CHECK(esc.column == 9);
  CHECK(has(esc.message, "U+001B"));
  Refusal nul = refuse("title: \"\\0\"\n");
  CHECK(has(nul.message, "U+0000"));
  // «title: "День наставника » is 24 characters: the backslash is the 25th.
  Refusal bidi = refuse("title: \"День наставника \\u202E в школе\"\n");
  CHECK(bidi.column == 25);
  CHECK(has(bidi.message, "U+202E"));
  CHECK(has(refuse("title: \"a\\Lb\"\n").message, "U+2028"));
  CHECK(has(refuse("title: \"a\\N\"\n").message, "U+0085"));
  YamlNode ok = accept("title: \"строка\\nвторая\\tтаб\\u00A0\\\\ \\\" \\x41\"\n");
  CHECK(ok.find("title")->scalar == "строка\nвторая\tтаб\u00A0\\ \" A");
}

TEST_CASE("yaml: a lone surrogate escape is refused as a broken character at its backslash") {
  // «title: "День » is 13 characters: the backslash is the 14th.
  Refusal r = refuse("title: \"День \\uD800 в школе\"\n");
  CHECK(r.line == 1);
  CHECK(r.column == 14);
  CHECK(r.message == kRefused + "значение содержит неверный символ (вероятно, из последовательности \\u… в кавычках), удалите его");
}

TEST_CASE("yaml: an unknown escape in double quotes is reported at its backslash") {
  Refusal r = refuse("file: \"C:\\Документы\\приказ.pdf\"\n");
  CHECK(r.line == 1);
  CHECK(r.column == 10);
  CHECK(r.message == kSyntax + "неизвестная последовательность с обратной косой чертой \\ в кавычках, удвойте её (\\\\) или "
                               "используйте одинарные кавычки");
  Refusal hex = refuse("title: \"\\xZZ\"\n");
  CHECK(hex.column == 9);
  CHECK(has(hex.message, "обратной косой чертой"));
  CHECK(accept("file: 'C:\\Документы\\приказ.pdf'\n").find("file")->scalar == "C:\\Документы\\приказ.pdf");
}

TEST_CASE("yaml: text that is not UTF-8 or holds control characters is refused at its character") {
  Refusal bad = refuse("title: Новость\ndate: \xCF\xF0\n");
  CHECK(bad.line == 2);
  CHECK(bad.column == 7);
  CHECK(bad.message == kRefused + "текст не в кодировке UTF-8, сохраните файл в UTF-8");
  Refusal control = refuse("title: Ново\x01сть\n");
  CHECK(control.line == 1);
  CHECK(control.column == 12);
  CHECK(control.message == kRefused + "в тексте невидимый управляющий символ U+0001, удалите его");
  Refusal zero_width = refuse("title: Ново\u200Bсть\n");
  CHECK(zero_width.column == 12);
  CHECK(has(zero_width.message, "U+200B"));
}

// ------------------------------------------------------------------- syntax errors --

TEST_CASE("yaml: a colon in an unquoted value is reported at that colon, counted in characters") {
  // «title: Приказ» is 13 characters (19 bytes): the second colon is in column 14.
  Refusal r = refuse("title: Приказ: о наставничестве\ndate: 2022-04-26\n");
  CHECK(r.line == 1);
  CHECK(r.column == 14);
  CHECK(r.message == kSyntax + "лишнее двоеточие в значении, заключите значение в кавычки: title: \"Приказ: о наставничестве\"");
  Refusal org = refuse("name: x\nkind: school: yes\n");
  CHECK(org.line == 2);
  CHECK(org.column == 13);
  CHECK(has(org.message, "kind: \"school: yes\""));
  Refusal item = refuse("- Приказ: о наставничестве: итоги\n");
  CHECK(item.column == 27);
  CHECK(has(item.message, "- Приказ: \"о наставничестве: итоги\""));
  Refusal tab = refuse("summary:\tПервая: строка\n");
  CHECK(tab.column == 16);
  CHECK(has(tab.message, "заключите значение в кавычки: summary: \"Первая: строка\""));
  Refusal folded = refuse("summary: Первая строка\n  вторая: строка\n");
  CHECK(folded.line == 2);
  CHECK(folded.column == 9);
  CHECK(has(folded.message, "summary: \"Первая строка вторая: строка\""));
}

TEST_CASE("yaml: an unclosed quote is reported at the quote, on its own line") {
  Refusal end = refuse("title: \"Новость");
  CHECK(end.line == 1);
  CHECK(end.column == 8);
  CHECK(end.message == kSyntax + "не закрыты кавычки, добавьте закрывающую кавычку в конце значения");
  Refusal lines = refuse("title: \"Новость\ndate: 2022-04-26\n");
  CHECK(lines.line == 1);
  CHECK(lines.column == 8);
  CHECK(lines.message == end.message);
  // A later quote closes the value lines below: YAML would take the fields into the title.
  Refusal swallowed = refuse("date: 2022-04-26\ntitle: \"Новость\nsummary: \"Текст\"\n");
  CHECK(swallowed.line == 2);
  CHECK(swallowed.column == 8);
  CHECK(swallowed.message == end.message);
  Refusal single = refuse("title: 'Новость\ndate: 2022-04-26\nsummary: 'x'\n");
  CHECK(single.line == 1);
  CHECK(single.column == 8);
  CHECK(single.message == end.message);
  Refusal item = refuse("- \"Иванов\n- \"Петров\"\n");
  CHECK(item.line == 1);
  CHECK(item.column == 3);
}

TEST_CASE("yaml: a tab in the indentation is reported at its line as a tab") {
  Refusal r = refuse("title: x\n\tposition: y\n");
  CHECK(r.line == 2);
  CHECK(r.column == 1);
  CHECK(r.message == kSyntax + "отступ сделан табуляцией, замените табуляцию пробелами");
  Refusal after_quotes = refuse("- name: \"Иванов\"\n\tposition: \"учитель\"\n");
  CHECK(after_quotes.line == 2);
  CHECK(after_quotes.column == 1);
  CHECK(after_quotes.message == r.message);
  Refusal nested = refuse("mentor:\n\tname: x\n");
  CHECK(nested.line == 2);
  CHECK(nested.column == 1);
  CHECK(nested.message == r.message);
  Refusal mixed = refuse("mentor:\n  name: x\n  \tage: 5\n");
  CHECK(mixed.line == 3);
  CHECK(mixed.column == 3);
  CHECK(mixed.message == r.message);
  Refusal first = refuse("\ttitle: x\n");
  CHECK(first.line == 1);
  CHECK(first.column == 1);
  CHECK(first.message == r.message);
}

TEST_CASE("yaml: a tab elsewhere is reported as a tab too") {
  Refusal blank = refuse("a: 1\n\t\nb: 2\n");
  CHECK(blank.line == 2);
  CHECK(blank.column == 1);
  CHECK(blank.message == kSyntax + "в пустой строке стоит табуляция, удалите её");
  Refusal dash = refuse("-\tx\n");
  CHECK(dash.line == 1);
  CHECK(dash.column == 2);
  CHECK(dash.message == kSyntax + "табуляция вместо пробела, замените её пробелом");
}

TEST_CASE("yaml: a key glued to its value is reported at its colon, on its own line") {
  Refusal quoted = refuse("title:\"День наставника\"\ndate: 2025-01-01\n");
  CHECK(quoted.line == 1);
  CHECK(quoted.column == 6);
  CHECK(quoted.message == kSyntax + "после двоеточия в «title:» нет пробела; поставьте пробел после двоеточия: title: \"День наставника\"");
  Refusal date = refuse("title: Новость\ndate:2025-01-01\n");
  CHECK(date.line == 2);
  CHECK(date.column == 5);
  CHECK(date.message == kSyntax + "после двоеточия в «date:» нет пробела; поставьте пробел после двоеточия: date: 2025-01-01");
  Refusal last = refuse("title: Новость\ndate:2025-01-01");
  CHECK(last.line == 2);
  CHECK(last.column == 5);
  Refusal alone = refuse("title:\"День наставника\"\n");
  CHECK(alone.line == 1);
  CHECK(alone.column == 6);
  CHECK(alone.message == quoted.message);
  Refusal item = refuse("- name:Иванов\n  position: учитель\n");
  CHECK(item.line == 1);
  CHECK(item.column == 7);
  CHECK(has(item.message, "«name:» нет пробела; поставьте пробел после двоеточия: name: Иванов"));
  Refusal nested = refuse("mentor:\n  name: Иванов\n  consent:true\ndate: 2025-01-01\n");
  CHECK(nested.line == 3);
  CHECK(nested.column == 10);
  CHECK(has(nested.message, "поставьте пробел после двоеточия: consent: true"));
  Refusal year = refuse("values:\n  2023:{value: 1}\n  2024: {value: 2}\n");
  CHECK(year.line == 2);
  CHECK(year.column == 7);
}

TEST_CASE("yaml: a no-break space after a key's colon is reported at it, as a no-break space") {
  // «title:» is 6 characters: the no-break space is the 7th.
  Refusal r = refuse("title:\u00A0День наставника\ndate: 2025-01-01\n");
  CHECK(r.line == 1);
  CHECK(r.column == 7);
  CHECK(r.message == kSyntax + "после двоеточия в «title:» стоит неразрывный пробел (так бывает при копировании из Word), "
                               "замените его обычным пробелом: title: День наставника");
  Refusal last = refuse("date: 2025-01-01\ntitle:\u00A0День\n");
  CHECK(last.line == 2);
  CHECK(last.column == 7);
  CHECK(last.message == kSyntax + "после двоеточия в «title:» стоит неразрывный пробел (так бывает при копировании из Word), "
                                  "замените его обычным пробелом: title: День");
  Refusal alone = refuse("title:\u00A0День\n");
  CHECK(alone.line == 1);
  CHECK(alone.column == 7);
  Refusal item = refuse("- name:\u00A0Иванов\n  position: учитель\n");
  CHECK(item.line == 1);
  CHECK(item.column == 8);
  CHECK(has(item.message, "неразрывный пробел"));
  // After the colon and an ordinary space a no-break space is only part of the text.
  CHECK(accept("title: \u00A0День\n").find("title")->scalar == "\u00A0День");
}

TEST_CASE("yaml: a colon look-alike after a key is named and replaced by a colon in the fix") {
  Refusal r = refuse("title： День наставника\ndate: 2025-01-01\n");
  CHECK(r.line == 1);
  CHECK(r.column == 6);
  CHECK(r.message == kSyntax + "после «title» стоит знак «：», похожий на двоеточие, но это другой символ; напишите обычное "
                               "двоеточие и пробел: title: День наставника");
  Refusal last = refuse("date: 2025-01-01\ntitle：День\n");
  CHECK(last.line == 2);
  CHECK(last.column == 6);
  CHECK(has(last.message, "напишите обычное двоеточие и пробел: title: День"));
  Refusal alone = refuse("title： День\n");
  CHECK(alone.line == 1);
  CHECK(alone.column == 6);
  // In a value it is text.
  CHECK(accept("title: Время： 10\n").find("title")->scalar == "Время： 10");
}

TEST_CASE("yaml: no-break spaces in the indentation are reported at the first of them") {
  Refusal r = refuse("title: x\ndate: 2025-01-01\n\u00A0\u00A0image: files/a.jpg\n");
  CHECK(r.line == 3);
  CHECK(r.column == 1);
  CHECK(r.message == kSyntax + "отступ сделан неразрывными пробелами (так бывает при копировании из Word или с сайта), "
                               "замените их обычными пробелами");
  Refusal nested = refuse("mentor:\n  name: x\n \u00A0consent: true\n");
  CHECK(nested.line == 3);
  CHECK(nested.column == 2);
  CHECK(nested.message == r.message);
  Refusal thin = refuse("mentor:\n\u202F\u202Fname: x\n");
  CHECK(thin.line == 2);
  CHECK(thin.column == 1);
  CHECK(thin.message == r.message);
}

TEST_CASE("yaml: dashes and bullets in place of «-» are reported at the dash with the item rewritten") {
  Refusal r = refuse("title: x\ntags:\n  — конкурс\n  — школа\n");
  CHECK(r.line == 3);
  CHECK(r.column == 3);
  CHECK(r.message == kSyntax + "элемент списка начинается со знака «—», а в YAML элементы списка начинают дефисом «-»; "
                               "напишите - конкурс (если знак — часть текста, заключите значение в кавычки)");
  Refusal first_column = refuse("title: x\ntags:\n– конкурс\n– школа\n");
  CHECK(first_column.line == 3);
  CHECK(first_column.column == 1);
  CHECK(has(first_column.message, "со знака «–»"));
  Refusal bullet = refuse("results:\n  •\tПосещено 6 уроков\n");
  CHECK(bullet.line == 2);
  CHECK(bullet.column == 3);
  CHECK(has(bullet.message, "напишите - Посещено 6 уроков"));
  Refusal nbsp = refuse("tags:\n  -\u00A0конкурс\n");
  CHECK(nbsp.line == 2);
  CHECK(nbsp.column == 4);
  CHECK(nbsp.message == kSyntax + "после «-» стоит неразрывный пробел (так бывает при копировании из Word), замените его "
                                  "обычным пробелом: - конкурс");
  // A dash inside an item or a value is text.
  YamlNode n = accept("tags:\n  - — конкурс\ntitle: — Итоги\nmodel: учитель – ученик\n");
  CHECK(n.find("tags")->items[0].scalar == "— конкурс");
  CHECK(n.find("title")->scalar == "— Итоги");
}

TEST_CASE("yaml: Word's curly quotes are no YAML quotes: the value is plain text with them") {
  YamlNode n = accept("title: “День наставника”\nnumber: „231-о“\nname: ‘Иванова’\ninner: \"День “наставника”\"\n"
                      "mixed: “День \"наставника\"”\n");
  CHECK(n.find("title")->scalar == "“День наставника”");
  CHECK(n.find("title")->plain);
  CHECK(n.find("number")->scalar == "„231-о“");
  CHECK(n.find("name")->scalar == "‘Иванова’");
  CHECK(n.find("inner")->scalar == "День “наставника”");
  CHECK(n.find("mixed")->scalar == "“День \"наставника\"”");
}

TEST_CASE("yaml: quotes inside double quotes are reported at the inner quote") {
  // «title: "День » is 13 characters: the quote that ends the value early is the 14th.
  Refusal r = refuse("title: \"День \"наставника\" в школе\"\ndate: 2025-01-01\n");
  CHECK(r.line == 1);
  CHECK(r.column == 14);
  CHECK(r.message == kSyntax + "кавычки внутри кавычек; внутри значения пишите «ёлочки» (День «наставника» в школе) или "
                               "заключите всё значение в одинарные кавычки: '…'");
  Refusal item = refuse("- \"День \"наставника\" в школе\"\n");
  CHECK(item.line == 1);
  CHECK(item.column == 9);
  CHECK(item.message == r.message);
  Refusal at_start = refuse("title: \"Приказ\" от 12.05\n");
  CHECK(at_start.column == 15);
  CHECK(has(at_start.message, "(«Приказ» от 12.05)"));
  Refusal apostrophe = refuse("name: 'Д'Артаньян'\n");
  CHECK(apostrophe.column == 9);
  CHECK(apostrophe.message == kSyntax + "апостроф внутри одинарных кавычек; удвойте его ('Д''Артаньян') или заключите всё "
                                        "значение в двойные кавычки");
  CHECK(accept("name: 'Д''Артаньян'\n").find("name")->scalar == "Д'Артаньян");
  CHECK(accept("title: 'День \"наставника\" в школе'\n").find("title")->scalar == "День \"наставника\" в школе");
}

TEST_CASE("yaml: a # right before a word cuts a plain value, and is reported at the #") {
  // «title: Приказ » is 14 characters: the # is the 15th.
  Refusal r = refuse("title: Приказ #125 о наставничестве\ndate: 2025-01-01\n");
  CHECK(r.line == 1);
  CHECK(r.column == 15);
  CHECK(r.message == kSyntax + "знак # в значении начинает комментарий, и значение обрывается на «Приказ»; заключите всё "
                               "значение в кавычки: title: \"Приказ #125 о наставничестве\"");
  Refusal tag = refuse("date: 2025-01-01\ntitle: День наставника #наставничество\n");
  CHECK(tag.line == 2);
  CHECK(tag.column == 24);
  CHECK(has(tag.message, "обрывается на «День наставника»"));
  CHECK(has(tag.message, "title: \"День наставника #наставничество\""));
  Refusal multi = refuse("summary: Первая строка\n  вторая #3\n");
  CHECK(multi.line == 2);
  CHECK(multi.column == 10);
  CHECK(has(multi.message, "summary: \"Первая строка вторая #3\""));
  Refusal item = refuse("- Приказ #1\n");
  CHECK(item.column == 10);
  CHECK(has(item.message, "- \"Приказ #1\""));
}

TEST_CASE("yaml: a # after a single space cuts a plain value, and is reported at the # with both fixes") {
  // «title: Приказ » is 14 characters: the # is the 15th.
  Refusal r = refuse("title: Приказ # 125 о наставничестве\ndate: 2025-01-01\n");
  CHECK(r.line == 1);
  CHECK(r.column == 15);
  CHECK(r.message == kSyntax + "знак # после одного пробела начинает комментарий, и значение обрывается на «Приказ»; если # — "
                               "часть значения, заключите всё значение в кавычки: title: \"Приказ # 125 о наставничестве\"; "
                               "если это комментарий, отделите # от значения двумя пробелами");
  Refusal date = refuse("title: x\ndate: 2025-01-01 # дата\n");
  CHECK(date.line == 2);
  CHECK(date.column == 18);
  CHECK(has(date.message, "отделите # от значения двумя пробелами"));
  Refusal item = refuse("results:\n  - Посещено 6 уроков # из 8\n");
  CHECK(item.line == 2);
  CHECK(item.column == 23);
  CHECK(has(item.message, "- \"Посещено 6 уроков # из 8\""));
  Refusal end = refuse("number: 125 #\n");
  CHECK(end.column == 13);
  CHECK(has(end.message, "обрывается на «125»"));
}

TEST_CASE("yaml: comments as nastavnik new writes them stay comments: two spaces before #, or right after the colon") {
  YamlNode n = accept("date: 2026-12-06  # Дата публикации: ГГГГ-ММ-ДД\nform:   # впишите после двоеточия одно из значений\n"
                      "#   teacher-teacher — учитель — учитель\nfile: files/prikaz.pdf  # загрузите файл\n"
                      "number: # впишите номер приказа\ntitle: Приказ\t# табуляция перед комментарием\n"
                      "tags: [a, b] # после скобки\n");
  CHECK(n.find("date")->scalar == "2026-12-06");
  CHECK(n.find("form")->is_null());
  CHECK(n.find("file")->scalar == "files/prikaz.pdf");
  CHECK(n.find("number")->is_null());
  CHECK(n.find("title")->scalar == "Приказ");
  CHECK(n.find("tags")->items.size() == 2);
}

TEST_CASE("yaml: a # right after a colon empties the value, and is reported at the #") {
  Refusal r = refuse("title: #125 о наставничестве\n");
  CHECK(r.line == 1);
  CHECK(r.column == 8);
  CHECK(r.message == kSyntax + "знак # в начале значения начинает комментарий, и значение получается пустым; заключите всё "
                               "значение в кавычки: title: \"#125 о наставничестве\"");
  Refusal item = refuse("tags:\n  - #школа\n");
  CHECK(item.line == 2);
  CHECK(item.column == 5);
  CHECK(has(item.message, "- \"#школа\""));
}

TEST_CASE("yaml: a # in square or curly brackets is reported at the #") {
  Refusal r = refuse("tags: [#наставничество, #школа]\n");
  CHECK(r.line == 1);
  CHECK(r.column == 8);
  CHECK(r.message == kSyntax + "знак # начинает комментарий, и остаток строки не читается; заключите значение в кавычки: "
                               "\"#наставничество\"");
  Refusal second = refuse("tags: [наставничество, #школа]\n");
  CHECK(second.column == 24);
  CHECK(has(second.message, "\"#школа\""));
  Refusal curly = refuse("mentor: {name: Иванов #1, consent: true}\n");
  CHECK(curly.column == 23);
  CHECK(accept("tags: [\"#школа\", '#наставничество']\n").find("tags")->items[0].scalar == "#школа");
}

TEST_CASE("yaml: an unclosed bracket is reported at the bracket") {
  Refusal square = refuse("name: x\nforms: [teacher-teacher, teacher-student\ncurator:\n  name: Иванова\n");
  CHECK(square.line == 2);
  CHECK(square.column == 8);
  CHECK(square.message == kSyntax + "не закрыта квадратная скобка [, добавьте ] в конце списка");
  Refusal end = refuse("forms: [teacher-teacher, teacher-student");
  CHECK(end.line == 1);
  CHECK(end.column == 8);
  CHECK(end.message == square.message);
  Refusal curly = refuse("period: {from: 2024-09-02, to: 2025-04-10\ndate: 2025-01-01\n");
  CHECK(curly.line == 1);
  CHECK(curly.column == 9);
  CHECK(curly.message == kSyntax + "не закрыта фигурная скобка {, добавьте } в конце значения");
}

TEST_CASE("yaml: a missing comma in brackets is reported where the next value starts") {
  // «tags: ["конкурс" » is 17 characters.
  Refusal r = refuse("tags: [\"конкурс\" \"итоги\", школа]\n");
  CHECK(r.line == 1);
  CHECK(r.column == 18);
  CHECK(has(r.message, "в квадратных скобках значения разделяют запятыми"));
  Refusal quoted = refuse("tags: [a, \"b\" c]\n");
  CHECK(quoted.column == 15);
  CHECK(quoted.message == r.message);
  Refusal curly = refuse("mentor: {name: \"Иванов\" consent: true}\n");
  CHECK(curly.column == 25);
  CHECK(has(curly.message, "в фигурных скобках поля разделяют запятыми"));
}

TEST_CASE("yaml: an empty place between commas is reported at the comma") {
  Refusal r = refuse("values:\n  2021: {numerator: 5,, denominator: 5}\n");
  CHECK(r.line == 2);
  CHECK(r.column == 23);
  CHECK(r.message == kSyntax + "лишняя запятая, удалите её или впишите значение между запятыми");
  Refusal first = refuse("tags: [,конференция]\n");
  CHECK(first.column == 8);
  CHECK(first.message == r.message);
}

TEST_CASE("yaml: a stray closing bracket is reported at the bracket") {
  Refusal r = refuse("tags: [a, b]]\n");
  CHECK(r.line == 1);
  CHECK(r.column == 13);
  CHECK(r.message == kSyntax + "лишняя закрывающая скобка, удалите её или заключите значение в кавычки");
  CHECK(refuse("title: }\n").message == r.message);
}

TEST_CASE("yaml: a character that cannot start a value is named and the value quoted") {
  Refusal at = refuse("title: @school\n");
  CHECK(at.line == 1);
  CHECK(at.column == 8);
  CHECK(at.message == kSyntax + "непонятный символ «@» в начале значения, заключите значение в кавычки: title: \"@school\"");
  Refusal tick = refuse("date: 2025-01-01\ncode: `x`\n");
  CHECK(tick.line == 2);
  CHECK(tick.column == 7);
  CHECK(has(tick.message, "«`»"));
  Refusal question = refuse("title: ? Что такое наставничество\n");
  CHECK(question.column == 8);
  CHECK(has(question.message, "«? »"));
  Refusal percent = refuse("%процент\n");
  CHECK(percent.line == 1);
  CHECK(percent.column == 1);
  CHECK(has(percent.message, "«%»"));
}

TEST_CASE("yaml: a line without a colon among fields is reported at its start") {
  Refusal r = refuse("title: Новость\ndate: 2025-11-20\nпросто строка без двоеточия\n");
  CHECK(r.line == 3);
  CHECK(r.column == 1);
  CHECK(r.message == kSyntax + "в строке нет двоеточия после ключа, поле пишется как ключ: значение; если это продолжение "
                               "значения строкой выше, сдвиньте строку пробелами правее ключа");
}

TEST_CASE("yaml: bad indentation is reported at the misplaced line") {
  Refusal less = refuse("mentor:\n  name: x\n consent: true\n");
  CHECK(less.line == 3);
  CHECK(less.column == 2);
  CHECK(less.message == kSyntax + "не удалось разобрать поля, проверьте отступы (одинаковое число пробелов) и двоеточия после "
                                  "ключей");
  Refusal more = refuse("title: Новость\n  date: 2025-01-01\n");
  CHECK(more.line == 2);
  CHECK(more.column == 3);
  CHECK(more.message == kSyntax + "поле «date» сдвинуто правее соседних и читается как продолжение значения строкой выше; "
                                  "выровняйте отступ (одинаковое число пробелов)");
  Refusal after_quotes = refuse("title: \"Новость\"\n  date: 2025-01-01\n");
  CHECK(after_quotes.line == 2);
  CHECK(after_quotes.column == 3);
  CHECK(after_quotes.message == less.message);
  Refusal list = refuse("- a\nb: c\n");
  CHECK(list.line == 2);
  CHECK(list.column == 1);
  CHECK(list.message == kSyntax + "не удалось разобрать список, проверьте отступы перед «-»");
  Refusal entry = refuse("tags: - a\n");
  CHECK(entry.column == 7);
  CHECK(entry.message == kSyntax + "элемент списка «-» не на своём месте, проверьте отступы");
}

TEST_CASE("yaml: text after | on its line is reported at the |") {
  Refusal r = refuse("body: | Текст\n");
  CHECK(r.line == 1);
  CHECK(r.column == 7);
  CHECK(has(r.message, "после | или > в той же строке пишут только комментарий"));
  CHECK(has(r.message, "body: \"| Текст\""));
}

TEST_CASE("yaml: text after the end of the data is reported where it starts") {
  Refusal r = refuse("{a: 1}\nb: 2\n");
  CHECK(r.line == 2);
  CHECK(r.column == 1);
  CHECK(r.message == kSyntax + "лишний текст после конца данных, проверьте отступы в этой строке");
}

TEST_CASE("yaml: a problem without a Russian explanation names libyaml's words and what to check") {
  CHECK(yaml_detail::unknown_problem_message("found something new") ==
        "ошибка синтаксиса YAML (found something new), проверьте двоеточия, кавычки и отступы в этой строке");
}

// -------------------------------------------------------------------------- robustness --

TEST_CASE("yaml: random bytes and mutated YAML never crash and always give a position") {
  const std::string seeds[] = {
      "title: \"Новость\"\ndate: 2025-01-01\ntags: [a, b]\nmentor: {name: Иванов, consent: true}\n",
      "- name: Иванова\n  position: учитель\n  consent: true\n- name: Петров\n  role: consultant\n",
      "body: |\n  текст\n  ещё\nlist:\n  - 'x'\n  - \"\\u0041\"\n",
  };
  const char alphabet[] = "-:#[]{},'\"\\|>&*!%@`? \t\nabcыж019";
  uint64_t state = 12345;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text = seeds[round % 3];
    int edits = 1 + static_cast<int>(next() % 6);
    for (int e = 0; e < edits; ++e) {
      size_t at = next() % (text.size() + 1);
      switch (next() % 4) {
        case 0: text.insert(at, 1, alphabet[next() % (sizeof alphabet - 1)]); break;
        case 1: if (at < text.size()) text.erase(at, 1); break;
        case 2: if (at < text.size()) text[at] = static_cast<char>(next() & 0xFF); break;
        default: text.insert(at, text.substr(next() % text.size(), next() % 8)); break;
      }
    }
    YamlError error;
    auto node = parse_yaml(text, error);
    if (!node) {
      CHECK(error.line >= 1);
      CHECK(error.column >= 1);
      CHECK_FALSE(error.message.empty());
    }
  }
}

TEST_CASE("yaml: parsers on several threads at once give the same trees and errors") {
  const std::string good = "title: Итоги\ndate: 2025-01-01\ntags: [a, b, c]\n";
  const std::string bad = "title: Приказ: о наставничестве\n";
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        YamlError error;
        auto node = parse_yaml(good, error);
        if (!node || node->find("tags")->items.size() != 3) ++mismatches;
        if (parse_yaml(bad, error) || error.column != 14) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(mismatches == 0);
}
