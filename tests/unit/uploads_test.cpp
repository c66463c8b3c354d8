// What curators upload and name as they do, built in memory: files whose content is not
// what their name says, unused uploads, upper-case extensions, dates far ahead, links with
// spaces and yearly news of one title. Nothing is dropped or published damaged in silence.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/diagnostics_formats.h"
#include "core/strings.h"
#include "read/content_source.h"
#include "support.h"

using namespace nastavnik;

namespace {

const std::string NEWS = "school-7/news/2025-11-20-den-nastavnika.md";  // title line 2, date 3, image 4, body 6
const std::string ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md";  // file line 6

using test::minimal;
using test::replace;
using test::text_of;

std::string lines(const std::vector<std::string>& all) { return join(all, "\n"); }

/// Built: the site is published, with exactly these diagnostics.
void check_built(const test::Built& built, const std::vector<std::string>& expected) {
  CHECK(built.report.ok);
  CHECK(built.sink.committed());
  CHECK(lines(test::formatted(built.diagnostics)) == lines(expected));
}

/// Refused: nothing is published, and the diagnostics are exactly these.
void check_refused(const ContentSource& source, const std::vector<std::string>& expected) {
  test::Built built;
  test::build(source, built);
  CHECK_FALSE(built.report.ok);
  CHECK_FALSE(built.sink.committed());
  CHECK(lines(test::formatted(built.diagnostics)) == lines(expected));
}

// A HEIC photo's first bytes, as an iPhone writes them.
std::string heic() { return std::string("\x00\x00\x00\x18" "ftypheic\x00\x00\x00\x00mif1heic", 24) + std::string(200, '\x01'); }

// A real one-page PDF of the demo: a PDF that poppler cannot read is itself reported.
std::string pdf() { return text_of(test::source_from("content"), "school-1/files/prikaz-98-o.pdf"); }

}  // namespace

TEST_CASE("an empty upload is refused where it is linked, with what to do") {
  MemorySource source = minimal();
  source.add("school-7/files/prikaz-45.pdf", "");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: файл «files/prikaz-45.pdf» пустой (0 байт) — загрузите его заново"});
}

// HEIC photos are the photo pipeline's (image/): decoded and published converted. Whatever
// it makes of these bytes, a curator is never told to save a photo "как PDF".
TEST_CASE("an iPhone photo renamed to .jpg is named as what it is, never told to be saved as a PDF") {
  MemorySource source = minimal();
  source.add("school-7/files/den-nastavnika.jpg", heic());
  test::Built built;
  test::build(source, built);
  const auto all = test::formatted(built.diagnostics);
  CHECK(std::any_of(all.begin(), all.end(), [](const std::string& line) {
    return line.rfind("school-7/news/2025-11-20-den-nastavnika.md:4:8: ", 0) == 0 &&
           line.find("«files/den-nastavnika.jpg» — на самом деле фотография HEIC с iPhone") != std::string::npos;
  }));
  for (const auto& line : all) {
    CAPTURE(line);
    CHECK(line.find("как PDF") == std::string::npos);
    CHECK(line.find("не допускается") == std::string::npos);
  }
}

TEST_CASE("a photo uploaded as .heic is not refused for its format") {
  MemorySource source = minimal();
  source.add("school-7/files/foto.heic", heic());
  replace(source, NEWS, "image: files/den-nastavnika.jpg", "image: files/foto.heic");
  test::Built built;
  test::build(source, built);
  for (const auto& line : test::formatted(built.diagnostics)) {
    CAPTURE(line);
    CHECK(line.find("как PDF") == std::string::npos);
    CHECK(line.find("не допускается") == std::string::npos);
    CHECK(line.find("на самом деле") == std::string::npos);
  }
}

TEST_CASE("a Word document named .pdf is refused, naming what it is and the name to give it") {
  MemorySource source = minimal();
  source.add("school-7/files/prikaz-45.pdf", text_of(test::source_from("content"), "tehnikum-birobidzhan/files/dogovor-nastavnik-predpriyatie.docx"));
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: файл «files/prikaz-45.pdf» — на самом деле документ Word (DOCX), а не PDF; "
                         "переименуйте его в prikaz-45.docx и исправьте ссылку на него или сохраните его как PDF"});
}

TEST_CASE("a file that is no PDF at all is refused as damaged") {
  MemorySource source = minimal();
  source.add("school-7/files/prikaz-45.pdf", std::string("\x00\x13\x37garbage", 10));
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: файл «files/prikaz-45.pdf» не похож на PDF: его содержимое не удалось распознать — "
                         "вероятно, файл повреждён или загружен не полностью; откройте его на компьютере, сохраните заново как PDF и загрузите"});
}

TEST_CASE("a PNG named .jpg is published with a warning: browsers show it") {
  MemorySource source = minimal();
  // A whole 1 × 1 PNG: photos are decoded, and published re-encoded (pictures_test.cpp).
  source.add("school-7/files/den-nastavnika.jpg", std::string(
      "\x89\x50\x4E\x47\x0D\x0A\x1A\x0A\x00\x00\x00\x0D\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01"
      "\x08\x00\x00\x00\x00\x3A\x7E\x9B\x55\x00\x00\x00\x09\x70\x48\x59\x73\x00\x00\x03\xE8\x00\x00\x03"
      "\xE8\x01\xB5\x7B\x52\x6B\x00\x00\x00\x0A\x49\x44\x41\x54\x08\x99\x63\x60\x00\x00\x00\x02\x00\x01"
      "\xF4\x71\x64\xA6\x00\x00\x00\x00\x49\x45\x4E\x44\xAE\x42\x60\x82", 88));
  test::Built built;
  test::build(source, built);
  check_built(built, {"school-7/news/2025-11-20-den-nastavnika.md:4:8: предупреждение: файл «files/den-nastavnika.jpg» — на самом деле изображение PNG; "
                      "на сайте он покажется как надо, но лучше переименуйте его в den-nastavnika.png и исправьте ссылку на него"});
  CHECK(built.has("school-7/news/den-nastavnika/den-nastavnika-1.jpg"));
}

TEST_CASE("an upload nothing links is named in a warning") {
  MemorySource source = minimal();
  source.add("school-7/files/Приказ 12.pdf", pdf());
  source.add("school-7/files/2024/otchet.pdf", pdf());
  source.add("school-7/files/.gitkeep", "");
  test::Built built;
  test::build(source, built);
  check_built(built, {"school-7/files/2024/otchet.pdf: предупреждение: файл files/2024/otchet.pdf не используется: на него нет ссылки ни в одном материале; добавьте ссылку или удалите файл",
                      "school-7/files/Приказ 12.pdf: предупреждение: файл files/Приказ 12.pdf не используется: на него нет ссылки ни в одном материале; добавьте ссылку или удалите файл"});
}

TEST_CASE("a file linked only from a draft, an item of tomorrow or the text is in use") {
  MemorySource source = minimal();
  source.add("school-7/files/plan.pdf", pdf());
  source.add("school-7/files/afisha.pdf", pdf());
  source.add("school-7/news/2026-12-01-plan.md", "---\ntitle: \"План\"\ndate: 2026-12-01\n---\n[План](files/plan.pdf)\n");
  source.add("school-7/news/2026-11-01-afisha.md", "---\ntitle: \"Афиша\"\ndate: 2026-11-01\ndraft: true\n---\n[Афиша](files/afisha.pdf)\n");
  test::Built built;
  test::build(source, built);
  check_built(built, {});
}

TEST_CASE("a Markdown file with an upper-case extension is published like any other") {
  MemorySource source = minimal();
  source.add("school-7/news/novost.MD", "---\ntitle: \"Новость с телефона\"\ndate: 2025-11-21\n---\nТекст.\n");
  source.add("school-7/news/drugaya.markdown", "---\ntitle: \"Другая\"\ndate: 2025-11-22\n---\nТекст.\n");
  test::Built built;
  test::build(source, built);
  check_built(built, {});
  CHECK(built.has("school-7/news/novost/index.html"));
  CHECK(built.has("school-7/news/drugaya/index.html"));
}

TEST_CASE("a text or Word file in a section folder is refused with what to do") {
  MemorySource source = minimal();
  source.add("school-7/news/novost.txt", "Новость\n");
  source.add("school-7/orders/prikaz.docx", text_of(test::source_from("content"), "tehnikum-birobidzhan/files/dogovor-nastavnik-predpriyatie.docx"));
  check_refused(source, {"school-7/news/novost.txt: ошибка: текстовый файл .txt не публикуется: материал пишется в файле .md, который начинается со строк --- с полями "
                         "(title, date…); переименуйте файл в .md и добавьте эти строки в начало (образец — соседние файлы или nastavnik new)",
                         "school-7/orders/prikaz.docx: ошибка: документ DOCX не публикуется как материал: если это текст материала, создайте файл .md (образец — "
                         "соседние файлы или nastavnik new) и вставьте в него текст; если это вложение, перенесите файл в папку files/ и дайте на него ссылку"});
}

TEST_CASE("an organisation's file under another spelling is refused with the name to give it") {
  MemorySource source = minimal();
  source.add("school-7/mentors.yml", text_of(source, "school-7/mentors.yaml"));
  source.remove("school-7/mentors.yaml");
  check_refused(source, {"school-7/mentors.yml: ошибка: файл не читается под этим именем, переименуйте его в «mentors.yaml»"});
}

TEST_CASE("an item dated more than a year ahead is named in a warning; one of next month is not") {
  MemorySource source = minimal();
  replace(source, NEWS, "date: 2025-11-20", "date: 2062-12-03");
  test::Built built;
  test::build(source, built);
  check_built(built, {"school-7/news/2025-11-20-den-nastavnika.md:3:7: предупреждение: дата 2062-12-03 больше чем на год впереди: материал не появится на сайте до этого дня; "
                      "если в дате опечатка, исправьте её"});
  CHECK_FALSE(built.has("school-7/news/den-nastavnika/index.html"));
  // The fixture's own item of 2026-12-15 waits without a word, and is listed for --verbose.
  CHECK(built.report.scheduled == std::vector<std::string>{"school-7/news/2025-11-20-den-nastavnika.md (2062-12-03)",
                                                            "school-7/news/2026-12-15-zimniy-slet.md (2026-12-15)"});
}

TEST_CASE("a link to a file with a space in its name is published as a link") {
  MemorySource source = minimal();
  source.add("school-7/files/Приказ 125.pdf", pdf());
  std::string news = text_of(source, NEWS);
  source.add(NEWS, news + "\n[Приказ](files/Приказ 125.pdf \"Приказ № 125\") и [он же](<files/Приказ 125.pdf>).\n");
  test::Built built;
  test::build(source, built);
  check_built(built, {});
  const std::string& page = built.file("school-7/news/den-nastavnika/index.html");
  CHECK(page.find("<a href=\"prikaz-125.pdf\" title=\"Приказ № 125\">Приказ</a>") != std::string::npos);
  CHECK(page.find("<a href=\"prikaz-125.pdf\">он") != std::string::npos);
  CHECK(page.find("](files/") == std::string::npos);
  CHECK(built.has("school-7/news/den-nastavnika/prikaz-125.pdf"));
}

TEST_CASE("a link to a missing file with a space in its name is refused at the link, not published as text") {
  MemorySource source = minimal();
  source.add(NEWS, text_of(source, NEWS) + "\nСм. [приказ](files/Приказ 126.pdf).\n");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:8:5: ошибка: файл «files/Приказ 126.pdf» не найден в папке school-7/files, загрузите его или исправьте имя (регистр букв важен)"});
}

TEST_CASE("a link Markdown does not take for one is refused at its bracket") {
  MemorySource source = minimal();
  source.add(NEWS, text_of(source, NEWS) + "\nСм. [приказ] (files/prikaz-45.pdf).\n");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:8:5: ошибка: ссылка «[приказ] (files/prikaz-45.pdf)» не распознана и попала бы на страницу как текст; "
                         "уберите пробел между «]» и «(»: ссылка пишется как [текст ссылки](files/имя-файла.pdf)"});
}

TEST_CASE("yearly news of one title get their own addresses: the earliest keeps its own, later ones add their year") {
  MemorySource source = minimal();
  const std::string news = text_of(source, NEWS);
  std::string last_year = news;
  last_year.replace(last_year.find("date: 2025-11-20"), 16, "date: 2024-11-20");
  source.add("school-7/news/2024-11-20-den-nastavnika.md", last_year);
  std::string this_year = news;
  this_year.replace(this_year.find("date: 2025-11-20"), 16, "date: 2026-11-20");
  source.add("school-7/news/2026-11-20-den-nastavnika.md", this_year);
  // The same year again, in spring: its whole date, the year being taken.
  std::string spring = news;
  spring.replace(spring.find("date: 2025-11-20"), 16, "date: 2026-04-01");
  source.add("school-7/news/2026-04-01-den-nastavnika.md", spring);
  test::Built built;
  test::build(source, built);
  check_built(built, {});
  CHECK(built.has("school-7/news/den-nastavnika/index.html"));
  CHECK(built.has("school-7/news/den-nastavnika-2025/index.html"));
  CHECK(built.has("school-7/news/den-nastavnika-2026/index.html"));
  CHECK(built.has("school-7/news/den-nastavnika-2026-11-20/index.html"));
  CHECK(built.file("school-7/news/den-nastavnika/index.html").find("2024") != std::string::npos);
}

TEST_CASE("a draft of one title does not take the address of the published item") {
  MemorySource source = minimal();
  source.add("school-7/news/2024-01-10-den-nastavnika.md", "---\ntitle: \"Черновик\"\ndate: 2024-01-10\ndraft: true\n---\nТекст.\n");
  test::Built built;
  test::build(source, built);
  check_built(built, {});
  CHECK(built.has("school-7/news/den-nastavnika/index.html"));
  CHECK(built.file("school-7/news/den-nastavnika/index.html").find("Черновик") == std::string::npos);
  CHECK_FALSE(built.has("school-7/news/den-nastavnika-2024/index.html"));
}

TEST_CASE("the messages about uploads have their kinds in the Code Quality report") {
  auto kind = [](Severity severity, const std::string& message) { return diagnostic_check_name(Diagnostic{severity, "a.md", {1, 1}, message}); };
  CHECK(kind(Severity::Error, "файл «files/a.pdf» пустой (0 байт) — загрузите его заново") == "nastavnik/attachment");
  CHECK(kind(Severity::Error, "файл «files/a.pdf» — на самом деле документ Word (DOCX), а не PDF; переименуйте его") == "nastavnik/attachment");
  CHECK(kind(Severity::Error, "файл «files/a.pdf» не похож на PDF: его содержимое не удалось распознать") == "nastavnik/attachment");
  CHECK(kind(Severity::Warning, "файл «files/a.jpg» — на самом деле изображение PNG; на сайте он покажется как надо") == "nastavnik/attachment");
  CHECK(kind(Severity::Warning, "файл files/a.pdf не используется: на него нет ссылки ни в одном материале; добавьте ссылку или удалите файл") == "nastavnik/layout");
  CHECK(kind(Severity::Error, "ссылка «[не найден] (files/a.pdf)» не распознана и попала бы на страницу как текст; уберите пробел") == "nastavnik/markup");
  CHECK(kind(Severity::Warning, "дата 2062-12-03 больше чем на год впереди: материал не появится на сайте до этого дня") == "nastavnik/date");
}
