// Russian typography for plain text.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "core/utf8.h"
#include "text/typography.h"

using namespace nastavnik;

namespace {
const std::string kNbsp = "\xC2\xA0";  // U+00A0
const std::string kMdash = "\xE2\x80\x94";
}  // namespace

TEST_CASE("straight quotes become «ёлочки», nested ones „лапки“") {
  CHECK(typograph("Конкурс \"Наставник года\"") == "Конкурс «Наставник года»");
  CHECK(typograph("\"Приказ\"") == "«Приказ»");
  CHECK(typograph("Приказ \"Об утверждении \"Положения\"\"") == "Приказ «Об" + kNbsp + "утверждении „Положения“»");
  CHECK(typograph("Проект \"Школа \"Успех\" и мы\"") == "Проект «Школа „Успех“ и" + kNbsp + "мы»");
  CHECK(typograph("(\"цитата\")") == "(«цитата»)");
}

TEST_CASE("a hyphen between spaces becomes an em dash glued to the word before") {
  CHECK(typograph("Наставник - это опыт") == "Наставник" + kNbsp + kMdash + " это опыт");
  CHECK(typograph("Наставник – это опыт") == "Наставник" + kNbsp + kMdash + " это опыт");
  CHECK(typograph("Наставник — это опыт") == "Наставник" + kNbsp + kMdash + " это опыт");
  // A hyphen inside a word stays.
  CHECK(typograph("кто-то из учителей") == "кто-то из" + kNbsp + "учителей");
}

TEST_CASE("one- and two-letter words are glued to the next word") {
  CHECK(typograph("в школе") == "в" + kNbsp + "школе");
  CHECK(typograph("Мы в школе и на уроке") == "Мы" + kNbsp + "в" + kNbsp + "школе и" + kNbsp + "на" + kNbsp + "уроке");
  CHECK(typograph("Работа с детьми") == "Работа с" + kNbsp + "детьми");
  CHECK(typograph("(в школе)") == "(в" + kNbsp + "школе)");
  // Three letters and more: an ordinary space.
  CHECK(typograph("при школе") == "при школе");
  // Numbers are not short words.
  CHECK(typograph("12 учителей") == "12 учителей");
  // Nothing follows: nothing to glue to.
  CHECK(typograph("в ") == "в ");
}

TEST_CASE("a short word at the end of an inline piece is glued to what follows it") {
  TypographState state;
  CHECK(typograph("Встреча в ", state) == "Встреча в\u00A0");
  CHECK(typograph("актовом зале", state) == "актовом зале");
  CHECK(typograph("Встреча в ") == "Встреча в ");  // plain text: nothing follows
  TypographState longer;
  CHECK(typograph("Встреча школы ", longer) == "Встреча школы ");
}

TEST_CASE("№ is followed by a no-break space") {
  CHECK(typograph("№ 5") == "№" + kNbsp + "5");
  CHECK(typograph("№5") == "№" + kNbsp + "5");
  CHECK(typograph("Приказ № 125-о") == "Приказ №" + kNbsp + "125-о");
}

TEST_CASE("typograph is idempotent") {
  for (const char* text : {"Конкурс \"Наставник года\" - итоги", "Приказ \"Об утверждении \"Положения\"\" № 5",
                           "Мы в школе и на уроке", "№5 и №  6", "Наставник - это \"опыт\" и знания",
                           "\"в школе\"", "Сидоров И. П. - наставник"}) {
    CAPTURE(text);
    std::string once = typograph(text);
    CHECK(typograph(once) == once);
  }
}

TEST_CASE("text with no typography to apply is unchanged") {
  CHECK(typograph("") == "");
  CHECK(typograph("Положение о наставничестве").find("о" + kNbsp + "наставничестве") != std::string::npos);
  CHECK(typograph("Наставничество") == "Наставничество");
  CHECK(typograph("https://example.ru/a-b") == "https://example.ru/a-b");
}

// Bug: the short-word rule's counter is reset only by ' ', «, (, so a short word after a
// line break, a tab or an opening „ keeps an ordinary space.
TEST_CASE("a short word at the start of a line is glued too") {
  CHECK(typograph("Первая строка\nв школе") == "Первая строка\nв" + kNbsp + "школе");
}

TEST_CASE("a short word after an opening „ is glued too") {
  CHECK(typograph("\"Он сказал \"в школе\"\"") == "«Он" + kNbsp + "сказал „в" + kNbsp + "школе“»");
}

// ------------------------------------------------------- quotes from Word and phones --

TEST_CASE("Word's curly quotes become «ёлочки», whichever pair it used") {
  CHECK(typograph("“День наставника”") == "«День наставника»");
  CHECK(typograph("Конкурс “Наставник года”") == "Конкурс «Наставник года»");
  CHECK(typograph("Конкурс „Наставник года“") == "Конкурс «Наставник года»");
  CHECK(typograph("Конкурс ”Наставник года”") == "Конкурс «Наставник года»");
  CHECK(typograph("Конкурс ‟Наставник года”") == "Конкурс «Наставник года»");
  // An order number pasted from Word, with and without the space after №.
  CHECK(typograph("№ “231-о”") == "№" + kNbsp + "«231-о»");
  CHECK(typograph("№“231-о”") == "№«231-о»");
  CHECK(typograph("Приказ от 01.09.2025 № “231-о”") == "Приказ от" + kNbsp + "01.09.2025 №" + kNbsp + "«231-о»");
}

TEST_CASE("nested quotes become „лапки“ inside «ёлочки», whatever quotes they were") {
  CHECK(typograph("“Проект “Успех” и мы”") == "«Проект „Успех“ и" + kNbsp + "мы»");
  CHECK(typograph("“Проект \"Успех\"”") == "«Проект „Успех“»");
  CHECK(typograph("«Проект \"Успех\"»") == "«Проект „Успех“»");
  CHECK(typograph("«Проект “Успех”»") == "«Проект „Успех“»");
  // Straight quotes nested in a written «: „лапки“; a straight quote that closes a level a
  // written « opened closes it with ».
  CHECK(typograph("в «Распоряжении Р-145 \"Об утверждении\". Цель") == "в" + kNbsp + "«Распоряжении Р-145 „Об" + kNbsp +
                                                                        "утверждении“. Цель");
  CHECK(typograph("«Распоряжение «Об утверждении методологии\";") == "«Распоряжение «Об" + kNbsp +
                                                                         "утверждении методологии»;");
  CHECK(typograph("Приказ “Об утверждении “Положения””") == "Приказ «Об" + kNbsp + "утверждении „Положения“»");
  // Two levels open at once and close at once.
  CHECK(typograph("\"\"Точка роста\" в школе\"") == "«„Точка роста“ в" + kNbsp + "школе»");
}

TEST_CASE("quotes next to punctuation and brackets open and close by what stands before them") {
  CHECK(typograph("Он спросил: “Когда?”") == "Он" + kNbsp + "спросил: «Когда?»");
  CHECK(typograph("Он спросил:“Когда?”") == "Он" + kNbsp + "спросил:«Когда?»");
  CHECK(typograph("(“цитата”), “другая”.") == "(«цитата»), «другая».");
  CHECK(typograph("проект “Успех”, “Рост”; “Старт”!") == "проект «Успех», «Рост»; «Старт»!");
  CHECK(typograph("Итоги - “Успех”") == "Итоги" + kNbsp + kMdash + " «Успех»");
  CHECK(typograph("экран 15\"") == "экран 15»");  // best effort: a closing quote stays a closing one
}

TEST_CASE("single quotes are turned only in pairs; apostrophes inside words stay") {
  CHECK(typograph("'Проект'") == "«Проект»");
  CHECK(typograph("проект ‘Успех’ школы") == "проект «Успех» школы");
  CHECK(typograph("“Проект ‘Успех’”") == "«Проект „Успех“»");
  CHECK(typograph("д'Артаньян и O'Neil") == "д'Артаньян и" + kNbsp + "O'Neil");
  CHECK(typograph("д’Артаньян и O’Neil") == "д’Артаньян и" + kNbsp + "O’Neil");
  CHECK(typograph("'д'Артаньян'") == "«д'Артаньян»");
  CHECK(typograph("the teachers' room") == "the teachers' room");
  CHECK(typograph("rock 'n roll") == "rock 'n roll");
  // Single quotes pair like brackets: the inner pair first, one without a partner stays.
  CHECK(typograph("'90-е и 'Проект'") == "'90-е и" + kNbsp + "«Проект»");
  CHECK(typograph("'Проект 'Успех' школы'") == "«Проект „Успех“ школы»");
  CHECK(typograph("\"'Проект'\"") == "«„Проект“»");
}

TEST_CASE("unbalanced quotes: double ones are turned one by one, a lone single one stays") {
  CHECK(typograph("Проект \"Успех") == "Проект «Успех");
  CHECK(typograph("Проект “Успех") == "Проект «Успех");
  CHECK(typograph("Успех\" школы") == "Успех» школы");
  CHECK(typograph("Проект 'Успех") == "Проект 'Успех");
}

TEST_CASE("Latin text gets «ёлочки» too, and its apostrophes stay") {
  CHECK(typograph("the “Mentor” programme") == "the «Mentor» programme");
  CHECK(typograph("It's \"Teach for Russia\"") == "It's «Teach for Russia»");
}

TEST_CASE("quotes inside a web address stay as they are") {
  CHECK(typograph("https://example.ru/?q=\"a\"&b=1") == "https://example.ru/?q=\"a\"&b=1");
  CHECK(typograph("см. https://example.ru/it's") == "см. https://example.ru/it's");
  CHECK(typograph("сайт www.example.ru/\"x\" школы") == "сайт www.example.ru/\"x\" школы");
  // An address in quotes: the quotes around it are turned.
  CHECK(typograph("сайт \"https://example.ru\", его") == "сайт «https://example.ru», его");
  CHECK(typograph("сайт “https://example.ru/a”.") == "сайт «https://example.ru/a».");
}

TEST_CASE("quotes carry across the inline pieces of one paragraph") {
  TypographState state;
  CHECK(typograph("Конкурс “", state) == "Конкурс «");
  CHECK(typograph("Наставник", state) == "Наставник");
  CHECK(typograph("” прошёл", state) == "» прошёл");
  CHECK(state.quote_depth == 0);
}

TEST_CASE("typograph is idempotent on curly and nested quotes") {
  for (const char* text : {"“Проект “Успех” и мы”", "№ “231-о”", "'Проект' и д'Артаньян", "«Проект \"Успех\"»",
                           "Он спросил: “Когда?”", "https://example.ru/?q=\"a\"", "'x 'y' z'", "'x 'y' 'z",
                           "\" \"", "a\" b\"", "„a", "“a”\"b"}) {
    CAPTURE(text);
    std::string once = typograph(text);
    CHECK(typograph(once) == once);
  }
}

TEST_CASE("typography stays linear on text full of quotes") {
  std::string many;
  for (int i = 0; i < 200000; ++i) many += "'a \"b ";
  std::string words;
  for (int i = 0; i < 100000; ++i) words += "a\"";  // one long word, no spaces
  std::string address = "https://example.ru/" + words;
  auto start = std::chrono::steady_clock::now();
  CHECK(typograph(many).size() > many.size());
  CHECK(typograph(words).size() > words.size());
  CHECK(typograph(address) == address);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 1.0);
}

TEST_CASE("typograph: random mixes of quotes, words and addresses give valid UTF-8, the same on a second pass") {
  // Titles and summaries pass typography twice (when read and when shown): double quotes of
  // every kind, guillemets, dashes and addresses must come out the same the second time.
  // Single quotes, paired only when they make sense, are checked for valid output only.
  const char* const doubles[] = {"а", "б", "x", "O", "7", " ", "\"", "“", "”", "„", "‟", "«", "»", "№", "-", "—",
                                 "(", ")", ".", ",", ":", "https://", "www.", "\n"};
  const char* const singles[] = {"а", "O", "7", " ", "'", "‘", "’", "‚", "‛", "\"", "“", "«", "»", "(", "—", ".",
                                 "https://", "\u00A0"};
  uint64_t seed = 2026;
  auto next = [&seed]() {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(seed >> 33);
  };
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (size_t k = next() % 24; k > 0; --k) text += doubles[next() % (sizeof doubles / sizeof doubles[0])];
    const std::string once = typograph(text);
    CAPTURE(text);
    CHECK(is_valid_utf8(once));
    CHECK(typograph(once) == once);
  }
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (size_t k = next() % 24; k > 0; --k) text += singles[next() % (sizeof singles / sizeof singles[0])];
    CAPTURE(text);
    CHECK(is_valid_utf8(typograph(text)));
  }
}
