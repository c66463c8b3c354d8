// Whole builds in memory: tests/fixtures/minimal read into a MemorySource, built with the
// embedded theme into a MemorySink. What a user sees (pages, feeds, the summary counts), and
// every bad input of tests/e2e/test_bad_input.py refused with the exact lines the binary
// prints, with nothing published.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "build/build.h"
#include "build/summary.h"
#include "core/strings.h"
#include "read/content_source.h"
#include "support.h"
#include "write/output_sink.h"

using namespace nastavnik;
namespace fs = std::filesystem;

namespace {

const std::string NEWS = "school-7/news/2025-11-20-den-nastavnika.md";  // title line 2, date 3, image 4, body 6
const std::string ORDER = "school-7/orders/2024-09-02-o-vnedrenii.md";  // title 2, number 3, date 4, topic 5, file 6
const std::string STORY = "school-7/stories/pervyy-god.md";             // mentee line 7, results 9, body 11

using test::minimal;
using test::replace;
using test::text_of;

void append(MemorySource& source, const std::string& path, const std::string& more) { source.add(path, text_of(source, path) + more); }

void rename(MemorySource& source, const std::string& from, const std::string& to) {
  source.add(to, text_of(source, from));
  source.remove(from);
}

/// Moves every file under folder `from` to folder `to`.
void rename_folder(MemorySource& source, const std::string& from, const std::string& to) {
  std::vector<std::string> paths;
  std::function<void(const std::string&)> walk = [&](const std::string& dir) {
    auto entries = source.list(dir);
    REQUIRE(entries.has_value());
    for (const auto& e : *entries) {
      const std::string path = dir + "/" + e.name;
      if (e.type == DirEntry::Type::Dir) walk(path);
      else paths.push_back(path);
    }
  };
  walk(from);
  REQUIRE_FALSE(paths.empty());
  for (const auto& p : paths) rename(source, p, to + p.substr(from.size()));
}

std::string lines(const std::vector<std::string>& all) { return join(all, "\n"); }

/// Builds the mutated fixture and checks that it is refused with exactly `expected` (every
/// diagnostic, sorted, as the binary prints them) and that nothing is published: the sink is
/// never committed. Returns what the sink holds.
std::map<std::string, std::string> refused(const ContentSource& source, const std::vector<std::string>& expected) {
  test::Built built;
  test::build(source, built);
  CHECK_FALSE(built.report.ok);
  CHECK(lines(test::formatted(built.diagnostics)) == lines(expected));
  CHECK(built.diagnostics.error_count() >= 1);
  CHECK_FALSE(built.sink.committed());
  CHECK(built.report.pages == 0);
  CHECK(built.report.feeds == 0);
  CHECK(built.report.files == 0);
  return built.sink.files();
}

/// An error found while reading and checking the files (front matter, data files, folders,
/// addresses, the tabs' texts): refused before anything is written.
void check_refused(const ContentSource& source, const std::vector<std::string>& expected) {
  auto written = refused(source, expected);
  CHECK(written.empty());
}

/// An error found in the body stage (the text of an entry: its links, pictures and names).
/// That stage runs organisation by organisation while the outputs are written
/// (build/build.cpp, write_site), so the outputs of the organisations before the failing
/// one (the department, uo-gorod) are already in the sink, uncommitted: a DiskSink removes
/// them with its staging folder, a MemorySink keeps them. Writing stops at the error:
/// nothing of the failing organisation nor of the portal is written.
void check_refused_in_body_stage(const ContentSource& source, const std::vector<std::string>& expected) {
  auto written = refused(source, expected);
  for (const auto& [path, bytes] : written) {
    CAPTURE(path);
    CHECK(path.rfind("uo-gorod/", 0) == 0);
  }
}

}  // namespace

// -------------------------------------------------------------- a good build --

TEST_CASE("the minimal fixture builds in memory: every page and feed a reader opens is there") {
  test::Built built;
  test::build(minimal(), built);
  CHECK(built.report.ok);
  CHECK(test::formatted(built.diagnostics).empty());
  CHECK(built.sink.committed());

  for (const char* page : {"index.html", "404.html", "orgs/index.html", "news/index.html", "practices/index.html",
                           "accessibility/index.html", "search/index.html", "uo-gorod/index.html", "uo-gorod/news/index.html",
                           "uo-gorod/news/start-goda/index.html", "uo-gorod/news/seminar-nastavnikov/index.html",
                           "uo-gorod/documents/index.html", "uo-gorod/documents/polozhenie/index.html", "uo-gorod/monitoring/index.html",
                           "school-7/index.html", "school-7/news/index.html", "school-7/news/den-nastavnika/index.html",
                           "school-7/news/itogi-konkursa/index.html", "school-7/documents/programma/index.html",
                           "school-7/orders/index.html", "school-7/orders/o-vnedrenii/index.html",
                           "school-7/stories/pervyy-god/index.html", "school-7/practices/vzaimoposeshchenie/index.html",
                           "school-7/kontakty/index.html", "school-7/mentors/index.html"}) {
    CAPTURE(page);
    CHECK(built.has(page));
  }
  for (const char* feed : {"rss.xml", "uo-gorod/rss.xml", "uo-gorod/news/rss.xml", "uo-gorod/documents/rss.xml", "school-7/rss.xml",
                           "school-7/news/rss.xml", "school-7/documents/rss.xml", "school-7/orders/rss.xml",
                           "school-7/stories/rss.xml", "school-7/practices/rss.xml"}) {
    CAPTURE(feed);
    CHECK(built.has(feed));
  }
  CHECK(built.has("sitemap.xml"));
  CHECK(built.has("robots.txt"));
  CHECK(built.has("assets/style.css"));
  // Attachments are published next to the page that links them, byte for byte; photos
  // re-encoded in their sizes, never as uploaded (pictures_test.cpp).
  CHECK(built.file("school-7/orders/o-vnedrenii/prikaz-45.pdf") == text_of(minimal(), "school-7/files/prikaz-45.pdf"));
  CHECK(built.has("school-7/news/den-nastavnika/den-nastavnika-1.jpg"));
  CHECK(built.has("school-7/news/den-nastavnika/den-nastavnika-1.webp"));
  CHECK_FALSE(built.has("school-7/news/den-nastavnika/den-nastavnika.jpg"));
  CHECK(built.has("school-7/mentors/orlova-1.jpg"));
  // A file name in Cyrillic becomes a Latin address; free pages sit in the organisation's folder.
  CHECK_FALSE(built.has("school-7/news/Итоги-конкурса/index.html"));
  CHECK_FALSE(built.has("school-7/pages/kontakty/index.html"));
  // Nothing of the content's files/ folders is published as such.
  for (const auto& [path, bytes] : built.sink.files()) {
    CAPTURE(path);
    CHECK(path.find("/files/") == std::string::npos);
  }
}

TEST_CASE("a news page shows its title, its date, its text and its picture") {
  test::Built built;
  test::build(minimal(), built);
  const std::string& page = built.file("school-7/news/den-nastavnika/index.html");
  CHECK(page.find("<title>День наставника в\u00A0школе") != std::string::npos);
  CHECK(page.find("<h1>День наставника в\u00A0школе</h1>") != std::string::npos);
  CHECK(page.find("20\u00A0ноября\u00A02025\u00A0г.") != std::string::npos);
  CHECK(page.find("В\u00A0школе прошёл День наставника") != std::string::npos);
  CHECK(page.find("src=\"../../../school-7/news/den-nastavnika/den-nastavnika-1.jpg\"") != std::string::npos);
}

TEST_CASE("drafts and news dated after today are not published anywhere") {
  test::Built built;
  test::build(minimal(), built);
  REQUIRE(built.report.ok);
  CHECK_FALSE(built.has("school-7/news/chernovik/index.html"));
  CHECK_FALSE(built.has("school-7/news/zimniy-slet/index.html"));
  for (const auto& [path, bytes] : built.sink.files()) {
    CAPTURE(path);
    CHECK(path.find("chernovik") == std::string::npos);
    CHECK(path.find("zimniy-slet") == std::string::npos);
    CHECK(bytes.find("секретном слёте") == std::string::npos);
    CHECK(bytes.find("зимнем слёте") == std::string::npos);
  }
}

TEST_CASE("the summary counts the pages, feeds, organisations and files written") {
  test::Built built;
  test::build(minimal(), built);
  REQUIRE(built.report.ok);
  CHECK(built.report.organisations == 2);
  CHECK(built.report.sources == 14);  // 12 Markdown files and 2 tab texts
  CHECK(built.report.pages == 28);
  CHECK(built.report.feeds == 10);
  CHECK(built.report.files == built.sink.files().size());
  CHECK(built.report.bytes == built.sink.bytes_written());
  size_t pages = 0, feeds = 0;
  for (const auto& [path, bytes] : built.sink.files()) {
    // The browser editor's pages (admin/) are not the site's.
    const bool editor = path.rfind("admin/", 0) == 0 || path.find("/admin/") != std::string::npos;
    pages += !editor && path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0;
    feeds += path == "rss.xml" || (path.size() > 8 && path.compare(path.size() - 8, 8, "/rss.xml") == 0);
  }
  CHECK(pages == built.report.pages);
  CHECK(feeds == built.report.feeds);
  // The line `nastavnik build` prints.
  const std::string nbsp = "\u00A0";
  CHECK(build_summary(built.report, 0.84) ==
        "Собрано 28" + nbsp + "страниц и 10" + nbsp + "лент для 2" + nbsp + "организаций за 0,8" + nbsp + "с");
}

TEST_CASE("the same content builds to the same bytes, whatever the number of workers") {
  test::Built one, four;
  test::build(minimal(), one, 1);
  test::build(minimal(), four, 4);
  REQUIRE(one.report.ok);
  REQUIRE(four.report.ok);
  CHECK(one.sink.files() == four.sink.files());
}

// ---------------------------------------------------- bad front matter --
// Each case is one mutation of tests/e2e/test_bad_input.py, applied to the fixture in memory.

TEST_CASE("a news item without its title is refused at the start of its front matter") {
  MemorySource source = minimal();
  replace(source, NEWS, "title: \"День наставника в школе\"\n", "");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:2:1: ошибка: нет обязательного поля «title» (Заголовок новости.), добавьте строку title: …"});
}

TEST_CASE("an order without its file is refused at the start of its front matter") {
  MemorySource source = minimal();
  replace(source, ORDER, "file: files/prikaz-45.pdf\n", "");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:2:1: ошибка: нет обязательного поля «file» (Скан или файл приказа в папке files/.), добавьте строку file: …"});
}

TEST_CASE("a date written with dots is refused at the date, with the ISO spelling to use") {
  MemorySource source = minimal();
  replace(source, NEWS, "date: 2025-11-20", "date: 20.11.2025");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:3:7: ошибка: дата «20.11.2025» в поле «date» записана неверно, пишите ГГГГ-ММ-ДД, например 2025-11-20"});
}

TEST_CASE("a date that does not exist is refused at the date") {
  MemorySource source = minimal();
  replace(source, NEWS, "date: 2025-11-20", "date: 2025-02-30");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:3:7: ошибка: дата «2025-02-30» в поле «date» не существует, проверьте день и месяц"});
}

TEST_CASE("an unknown order topic is refused with the nearest allowed one") {
  MemorySource source = minimal();
  replace(source, ORDER, "topic: implementation", "topic: implementaton");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:5:8: ошибка: недопустимое значение «implementaton» в поле «topic», возможно, имелось в виду «implementation» (допустимы: implementation, regulation, curator, pairs, final-event, other)"});
}

TEST_CASE("an unquoted colon in a value is a YAML syntax error at that colon, counted in characters") {
  MemorySource source = minimal();
  replace(source, ORDER, "title: \"О внедрении целевой модели наставничества\"", "title: Приказ: о наставничестве");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:2:14: ошибка: ошибка синтаксиса YAML: лишнее двоеточие в значении, заключите значение в кавычки: title: \"Приказ: о наставничестве\""});
}

TEST_CASE("a Markdown file without front matter is refused at its first line") {
  MemorySource source = minimal();
  source.add(NEWS, "День наставника прошёл в школе.\n");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:1:1: ошибка: файл должен начинаться со строки ---, за которой идут поля шапки файла; добавьте в начало строку --- и закрывающую --- после полей"});
}

TEST_CASE("front matter that is never closed is refused at its first line") {
  MemorySource source = minimal();
  source.add(NEWS, "---\ntitle: \"День наставника\"\ndate: 2025-11-20\nТекст новости.\n");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:1:1: ошибка: шапка файла не закрыта, добавьте строку --- после последнего поля"});
}

TEST_CASE("a key given twice is refused at the second one, naming the line of the first") {
  MemorySource source = minimal();
  replace(source, NEWS, "date: 2025-11-20", "date: 2025-11-20\ntitle: \"Ещё один заголовок\"");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:4:1: ошибка: поле «title» указано дважды (первый раз в строке 2), оставьте одно"});
}

TEST_CASE("text that is not UTF-8 is refused at its character") {
  MemorySource source = minimal();
  // «прошёл» in Windows-1251.
  replace(source, NEWS, "прошёл", "\xEF\xF0\xEE\xF8\xB8\xEB");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:6:9: ошибка: текст не в кодировке UTF-8, сохраните файл в UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)"});
}

TEST_CASE("positions stay right after a BOM and Windows line ends") {
  MemorySource source = minimal();
  std::string text = text_of(source, NEWS);
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  source.add(NEWS, crlf);
  replace(source, NEWS, "date: 2025-11-20", "date: 20.11.2025");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:3:7: ошибка: дата «20.11.2025» в поле «date» записана неверно, пишите ГГГГ-ММ-ДД, например 2025-11-20"});
}

TEST_CASE("a flag that is neither true nor false is refused at its value") {
  MemorySource source = minimal();
  replace(source, NEWS, "date: 2025-11-20", "date: 2025-11-20\ndraft: да");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:4:8: ошибка: поле «draft» принимает только true или false, а указано «да»; напишите true (да) или false (нет)"});
}

// ------------------------------------------------------------ attachments --

TEST_CASE("an attachment that does not exist is refused at its field") {
  MemorySource source = minimal();
  replace(source, ORDER, "file: files/prikaz-45.pdf", "file: files/prikaz-46.pdf");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: файл «files/prikaz-46.pdf» не найден в папке school-7/files, загрузите его или исправьте имя (регистр букв важен)"});
}

TEST_CASE("a file linked from the text that does not exist is refused at the link") {
  MemorySource source = minimal();
  append(source, NEWS, "\n[Положение](files/net-takogo.pdf)\n");
  check_refused_in_body_stage(source, {"school-7/news/2025-11-20-den-nastavnika.md:8:1: ошибка: файл «files/net-takogo.pdf» не найден в папке school-7/files, загрузите его или исправьте имя (регистр букв важен)"});
}

TEST_CASE("an attachment path that climbs out with .. is refused") {
  MemorySource source = minimal();
  replace(source, ORDER, "file: files/prikaz-45.pdf", "file: files/../../uo-gorod/files/polozhenie.pdf");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: путь «files/../../uo-gorod/files/polozhenie.pdf» выходит за пределы папки организации, файлы берутся только из её папки files/"});
}

TEST_CASE("an absolute attachment path is refused") {
  MemorySource source = minimal();
  replace(source, ORDER, "file: files/prikaz-45.pdf", "file: /etc/passwd");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: путь «/etc/passwd» абсолютный, укажите путь от папки организации: files/имя-файла"});
}

TEST_CASE("an attachment of a format that is not allowed is refused, naming the allowed ones") {
  MemorySource source = minimal();
  source.add("school-7/files/setup.exe", std::string("MZ\x90\x00", 4) + std::string(60, '\0'));
  replace(source, ORDER, "file: files/prikaz-45.pdf", "file: files/setup.exe");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: формат файла «files/setup.exe» не допускается, сохраните его как PDF, DOC(X), ODT, XLS(X), ODS, RTF, JPG, PNG, WebP или HEIC"});
}

TEST_CASE("an attachment over 15 MB is refused") {
  MemorySource source = minimal();
  std::string pdf = text_of(source, "school-7/files/prikaz-45.pdf");
  pdf.resize(15 * 1024 * 1024 + 1, '\0');
  source.add("school-7/files/prikaz-45.pdf", pdf);
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: файл «files/prikaz-45.pdf» слишком большой (15,0 МБ), допустимо не более 15 МБ; сожмите его или разделите на части"});
}

TEST_CASE("an attachment outside the files folder is refused") {
  MemorySource source = minimal();
  replace(source, ORDER, "file: files/prikaz-45.pdf", "file: org.yaml");
  check_refused(source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: файл «org.yaml» должен лежать в папке files/ организации, перенесите его туда и укажите путь files/org.yaml"});
}

TEST_CASE("a link in the text that climbs out with .. is refused at the link") {
  MemorySource source = minimal();
  append(source, NEWS, "\n[Положение](../uo-gorod/files/polozhenie.pdf)\n");
  check_refused_in_body_stage(source, {"school-7/news/2025-11-20-den-nastavnika.md:8:1: ошибка: путь «../uo-gorod/files/polozhenie.pdf» выходит за пределы папки организации, файлы берутся только из её папки files/"});
}

// Symbolic links exist only on disk: these cases read a copy of the fixture through a
// DiskSource (still building into memory).

namespace {

struct DiskCopy {
  fs::path root;  ///< a temporary folder: content/ and whatever lies beside it
  DiskCopy() {
    std::string pattern = (fs::temp_directory_path() / "nastavnik-build-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root = pattern;
    fs::copy(fs::path(NASTAVNIK_SOURCE_DIR) / "tests/fixtures/minimal", content(), fs::copy_options::recursive);
  }
  ~DiskCopy() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  fs::path content() const { return root / "content"; }
  void write(const fs::path& path, const std::string& bytes) const { std::ofstream(path, std::ios::binary) << bytes; }
  void replace(const std::string& rel, const std::string& old, const std::string& replacement) const {
    std::string text = test::read_file(content() / rel);
    const size_t at = text.find(old);
    REQUIRE(at != std::string::npos);
    text.replace(at, old.size(), replacement);
    write(content() / rel, text);
  }
};

}  // namespace

static bool is_attachment(const std::string& path) {
  for (const char* ext : {".pdf", ".jpg", ".png", ".docx"}) {
    const std::string e = ext;
    if (path.size() > e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

TEST_CASE("the copy of the fixture on disk builds the same pages and feeds as the one in memory") {
  DiskCopy copy;
  auto source = DiskSource::open(copy.content());
  REQUIRE(source);
  test::Built from_disk, from_memory;
  test::build(*source, from_disk);
  test::build(minimal(), from_memory);
  CHECK(from_disk.report.ok);
  std::vector<std::string> disk_paths, memory_paths;
  for (const auto& [path, bytes] : from_disk.sink.files()) disk_paths.push_back(path);
  for (const auto& [path, bytes] : from_memory.sink.files()) memory_paths.push_back(path);
  CHECK(lines(disk_paths) == lines(memory_paths));
  for (const auto& [path, bytes] : from_disk.sink.files()) {
    if (is_attachment(path) || !from_memory.has(path)) continue;
    CAPTURE(path);
    CHECK(bytes == from_memory.file(path));
  }
}

// DiskSource::read(path, UINTMAX_MAX, …) once computed UINTMAX_MAX + 1 = 0 and read nothing.
TEST_CASE("attachments read from a folder on disk are copied whole into a memory sink") {
  DiskCopy copy;
  auto source = DiskSource::open(copy.content());
  REQUIRE(source);
  std::string bytes;
  CHECK(source->read("school-7/files/prikaz-45.pdf", UINTMAX_MAX, bytes) == ReadStatus::Ok);
  CHECK(bytes == text_of(minimal(), "school-7/files/prikaz-45.pdf"));
  test::Built built;
  test::build(*source, built);
  REQUIRE(built.report.ok);
  CHECK(built.file("school-7/orders/o-vnedrenii/prikaz-45.pdf") == text_of(minimal(), "school-7/files/prikaz-45.pdf"));
}

TEST_CASE("an attachment that is a symbolic link out of the content folder is refused") {
  DiskCopy copy;
  copy.write(copy.root / "outside.pdf", "%PDF-1.4\n");
  fs::create_symlink(copy.root / "outside.pdf", copy.content() / "school-7/files/vneshniy.pdf");
  copy.replace(ORDER, "file: files/prikaz-45.pdf", "file: files/vneshniy.pdf");
  auto source = DiskSource::open(copy.content());
  REQUIRE(source);
  check_refused(*source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: файл «files/vneshniy.pdf» — ссылка за пределы папки организации, положите в files/ сам файл"});
}

TEST_CASE("an attachment that is a symbolic link to another organisation's file is refused") {
  DiskCopy copy;
  fs::create_symlink(copy.content() / "uo-gorod/files/polozhenie.pdf", copy.content() / "school-7/files/chuzhoy.pdf");
  copy.replace(ORDER, "file: files/prikaz-45.pdf", "file: files/chuzhoy.pdf");
  auto source = DiskSource::open(copy.content());
  REQUIRE(source);
  check_refused(*source, {"school-7/orders/2024-09-02-o-vnedrenii.md:6:7: ошибка: файл «files/chuzhoy.pdf» — ссылка за пределы папки организации, положите в files/ сам файл"});
}

TEST_CASE("a Markdown file that is a symbolic link out of the content folder is refused") {
  DiskCopy copy;
  copy.write(copy.root / "outside.md", "---\ntitle: \"Внешняя\"\ndate: 2025-01-01\n---\nТекст.\n");
  fs::create_symlink(copy.root / "outside.md", copy.content() / "school-7/news/vneshnyaya.md");
  auto source = DiskSource::open(copy.content());
  REQUIRE(source);
  check_refused(*source, {"school-7/news/vneshnyaya.md: ошибка: символическая ссылка ведёт за пределы папки с содержимым, замените её копией файла"});
}

TEST_CASE("a content folder that does not exist cannot be opened") {
  DiskCopy copy;
  CHECK(DiskSource::open(copy.root / "net-takoy-papki") == nullptr);
  CHECK(DiskSource::open(copy.content() / "site.yaml") == nullptr);
  CHECK(DiskSource::open(copy.content()) != nullptr);
}

// ---------------------------------------------------------------- addresses --

TEST_CASE("two files with the same address: the later one is refused") {
  MemorySource source = minimal();
  source.add("school-7/news/den-nastavnika.md", text_of(source, NEWS));
  check_refused(source, {"school-7/news/den-nastavnika.md:1:1: ошибка: адрес страницы /school-7/news/den-nastavnika/ совпадает с адресом файла school-7/news/2025-11-20-den-nastavnika.md; переименуйте один из файлов или задайте в нём поле slug"});
}

TEST_CASE("a Cyrillic file name that transliterates to a taken address is refused") {
  MemorySource source = minimal();
  source.add("school-7/news/День-наставника.md", text_of(source, NEWS));
  check_refused(source, {"school-7/news/День-наставника.md:1:1: ошибка: адрес страницы /school-7/news/den-nastavnika/ совпадает с адресом файла school-7/news/2025-11-20-den-nastavnika.md; переименуйте один из файлов или задайте в нём поле slug"});
}

TEST_CASE("a slug field that takes another file's address is refused at the slug") {
  MemorySource source = minimal();
  source.add("school-7/news/2025-12-01-drugaya.md", "---\ntitle: \"Другая новость\"\ndate: 2025-11-01\nslug: den-nastavnika\n---\nТекст.\n");
  check_refused(source, {"school-7/news/2025-12-01-drugaya.md:4:7: ошибка: адрес страницы /school-7/news/den-nastavnika/ совпадает с адресом файла school-7/news/2025-11-20-den-nastavnika.md; переименуйте один из файлов или задайте в нём поле slug"});
}

TEST_CASE("a free page named like a section of the organisation is refused") {
  MemorySource source = minimal();
  rename(source, "school-7/pages/kontakty.md", "school-7/pages/mentors.md");
  check_refused(source, {"school-7/pages/mentors.md:1:1: ошибка: адрес страницы «mentors» занят разделом сайта, переименуйте файл или задайте другое поле slug"});
}

TEST_CASE("an organisation folder with capital letters is refused with the name to use") {
  MemorySource source = minimal();
  rename_folder(source, "school-7", "School-7");
  check_refused(source, {"School-7: ошибка: имя папки организации «School-7» станет адресом страницы, в нём допустимы только строчные латинские буквы, цифры и дефис; переименуйте папку, например в «school-7»"});
}

TEST_CASE("an organisation folder in Cyrillic is refused with its transliteration") {
  MemorySource source = minimal();
  rename_folder(source, "school-7", "Школа-7");
  check_refused(source, {"Школа-7: ошибка: имя папки организации «Школа-7» станет адресом страницы, в нём допустимы только строчные латинские буквы, цифры и дефис; переименуйте папку, например в «shkola-7»"});
}

TEST_CASE("an organisation folder named like a section of the portal is refused") {
  MemorySource source = minimal();
  rename_folder(source, "school-7", "news");
  check_refused(source, {"news: ошибка: папку организации нельзя называть «news»: такой адрес занят разделом портала; переименуйте папку, например в «news-org»"});
}

// ------------------------------------------------------ site and org files --

TEST_CASE("content without site.yaml is refused") {
  MemorySource source = minimal();
  source.remove("site.yaml");
  check_refused(source, {"site.yaml: ошибка: нет файла site.yaml, создайте его с полями title и base_url"});
}

TEST_CASE("an organisation without org.yaml is refused") {
  MemorySource source = minimal();
  source.remove("school-7/org.yaml");
  check_refused(source, {"school-7/org.yaml: ошибка: нет карточки организации org.yaml, создайте её с полями name, short_name и kind"});
}

TEST_CASE("a base_url without the final slash is refused with the address to write") {
  MemorySource source = minimal();
  replace(source, "site.yaml", "base_url: \"https://nastavnik.example.ru/\"", "base_url: \"https://nastavnik.example.ru\"");
  check_refused(source, {"site.yaml:2:11: ошибка: адрес base_url должен оканчиваться на /, напишите «https://nastavnik.example.ru/»"});
}

TEST_CASE("a base_url that is not an absolute address is refused") {
  MemorySource source = minimal();
  replace(source, "site.yaml", "base_url: \"https://nastavnik.example.ru/\"", "base_url: \"nastavnik.example.ru/\"");
  check_refused(source, {"site.yaml:2:11: ошибка: поле «base_url» должно быть адресом сайта, начинающимся с https://, а указано «nastavnik.example.ru/»"});
}

TEST_CASE("a department that names no folder is refused at the department") {
  MemorySource source = minimal();
  replace(source, "site.yaml", "department: uo-gorod", "department: uo-goroda");
  check_refused(source, {"site.yaml:3:13: ошибка: в поле department указана папка «uo-goroda», которой нет; укажите имя папки органа управления образованием"});
}

TEST_CASE("an unknown time zone is refused at the time zone") {
  MemorySource source = minimal();
  replace(source, "site.yaml", "timezone: \"Europe/Moscow\"", "timezone: \"Europe/Moskva\"");
  check_refused(source, {"site.yaml:5:11: ошибка: неизвестный часовой пояс «Europe/Moskva», укажите его как Europe/Moscow или Asia/Krasnoyarsk"});
}

TEST_CASE("an unknown kind of organisation is refused at the kind") {
  MemorySource source = minimal();
  replace(source, "school-7/org.yaml", "kind: school", "kind: shkola");
  check_refused(source, {"school-7/org.yaml:3:7: ошибка: недопустимое значение «shkola» в поле «kind», укажите одно из: department, school, college, kindergarten, supplementary"});
}

// ----------------------------------------------------------------- privacy --

TEST_CASE("photos of a story with a minor without consent are refused") {
  MemorySource source = minimal();
  source.add("school-7/files/para.jpg", text_of(source, "school-7/files/orlova.jpg"));
  replace(source, STORY, "results:", "photos: [files/para.jpg]\nresults:");
  check_refused(source, {"school-7/stories/pervyy-god.md:9:9: ошибка: в истории участвует несовершеннолетний без согласия на публикацию, поэтому фотографии публиковать нельзя; удалите поле photos или получите согласие законного представителя (consent: true)"});
}

TEST_CASE("photos of a story whose mentor is a minor without consent are refused") {
  MemorySource source = minimal();
  source.add("school-7/files/para.jpg", text_of(source, "school-7/files/orlova.jpg"));
  replace(source, STORY, "position: \"учитель математики\", consent: true}", "position: \"ученица 11 класса\", minor: true, consent: false}");
  replace(source, STORY, "results:", "photos: [files/para.jpg]\nresults:");
  check_refused(source, {"school-7/stories/pervyy-god.md:9:9: ошибка: в истории участвует несовершеннолетний без согласия на публикацию, поэтому фотографии публиковать нельзя; удалите поле photos или получите согласие законного представителя (consent: true)"});
}

// The message for a name given without consent, as it stands at `where` (file:line:column).
std::string hidden_name_error(const std::string& where, const std::string& said, const std::string& whose, const std::string& declared_in) {
  return where + ": ошибка: «" + said + "» — имя " + whose + " " + declared_in +
         ": согласия на публикацию нет (consent: false), поэтому имя не публикуется ни в какой форме — ни в другом падеже, ни с инициалами, "
         "ни в уменьшительной форме. Напишите вместо имени роль (например, «наставляемая, ученица 7 класса») или, если есть письменное "
         "согласие (за несовершеннолетнего — законного представителя), укажите consent: true в " + declared_in +
         ". Если здесь назван другой человек с тем же именем, добавьте в этот файл поле namesakes: [\"" + said +
         "\"] — так проверяющий увидит в запросе на слияние, что это не тот человек.";
}

const std::string kMentee = "наставляемого из истории";

TEST_CASE("a name given without consent in a story's text is refused at the name") {
  MemorySource source = minimal();
  replace(source, STORY, "Наставник и ученик", "Наставник и Зайцев Тимофей");
  check_refused_in_body_stage(source, {hidden_name_error("school-7/stories/pervyy-god.md:11:13", "Зайцев Тимофей", kMentee, STORY)});
}

TEST_CASE("a name given without consent is found with its words the other way round") {
  MemorySource source = minimal();
  replace(source, STORY, "Наставник и ученик", "Наставник и Тимофей Зайцев");
  check_refused_in_body_stage(source, {hidden_name_error("school-7/stories/pervyy-god.md:11:13", "Тимофей Зайцев", kMentee, STORY)});
}

TEST_CASE("a name given without consent in a story's title is refused at the title") {
  MemorySource source = minimal();
  replace(source, STORY, "title: \"Учитель и ученик: подготовка к олимпиаде\"", "title: \"Зайцев Тимофей: подготовка к олимпиаде\"");
  check_refused_in_body_stage(source, {hidden_name_error("school-7/stories/pervyy-god.md:2:9", "Зайцев Тимофей", kMentee, STORY)});
}

TEST_CASE("a name given without consent in a story's results is refused there") {
  MemorySource source = minimal();
  replace(source, STORY, "Призёр муниципального", "Зайцев Тимофей — призёр муниципального");
  check_refused_in_body_stage(source, {hidden_name_error("school-7/stories/pervyy-god.md:9:12", "Зайцев Тимофей", kMentee, STORY)});
}

TEST_CASE("a name given without consent is found inflected, and in its familiar form") {
  MemorySource source = minimal();
  replace(source, STORY, "Наставник и ученик", "Наставник Тимофея Зайцева");
  check_refused_in_body_stage(source, {hidden_name_error("school-7/stories/pervyy-god.md:11:11", "Тимофея Зайцева", kMentee, STORY)});
  MemorySource familiar = minimal();
  replace(familiar, STORY, "Наставник и ученик", "Наставник и Тима Зайцев");
  check_refused_in_body_stage(familiar, {hidden_name_error("school-7/stories/pervyy-god.md:11:13", "Тима Зайцев", kMentee, STORY)});
}

TEST_CASE("a name given without consent in a news item of the same school is refused at the name") {
  MemorySource source = minimal();
  append(source, NEWS, "\nПризёром олимпиады стал Зайцев Тимофей.\n");
  check_refused_in_body_stage(source, {hidden_name_error(std::string(NEWS) + ":8:25", "Зайцев Тимофей", kMentee, STORY)});
}

TEST_CASE("a name given without consent in a news item's title, with initials, is refused at the title") {
  MemorySource source = minimal();
  replace(source, NEWS, "title: \"День наставника в школе\"", "title: \"Т. Зайцев — призёр олимпиады\"");
  check_refused_in_body_stage(source, {hidden_name_error(std::string(NEWS) + ":2:9", "Т. Зайцев", kMentee, STORY)});
}

TEST_CASE("a curator named without consent in the tab's text is refused") {
  MemorySource source = minimal();
  append(source, "school-7/_index.md", "\nКуратор — Белоусова Надежда Игоревна.\n");
  check_refused(source, {hidden_name_error("school-7/_index.md:6:11", "Белоусова Надежда Игоревна", "куратора из", "school-7/org.yaml")});
}

TEST_CASE("a namesake the file declares is let through") {
  MemorySource source = minimal();
  append(source, NEWS, "\nПризёром олимпиады стал Зайцев Тимофей.\n");
  replace(source, NEWS, "title:", "namesakes: [\"Зайцев Тимофей\"]\ntitle:");
  test::Built built;
  test::build(source, built);
  CHECK(test::formatted(built.diagnostics).empty());
  CHECK(built.report.ok);
}

TEST_CASE("the illustration of a story with a minor without consent is refused") {
  MemorySource source = minimal();
  source.add("school-7/files/para.jpg", text_of(source, "school-7/files/orlova.jpg"));
  replace(source, STORY, "results:", "image: files/para.jpg\nresults:");
  check_refused(source, {"school-7/stories/pervyy-god.md:9:8: ошибка: в истории участвует несовершеннолетний без согласия на публикацию, поэтому иллюстрацию публиковать нельзя; удалите поле image или получите согласие законного представителя (consent: true)"});
}

TEST_CASE("a picture in the text of a story with a minor without consent is refused") {
  MemorySource source = minimal();
  source.add("school-7/files/para.jpg", text_of(source, "school-7/files/orlova.jpg"));
  append(source, STORY, "\n![Пара на занятии](files/para.jpg)\n");
  check_refused_in_body_stage(source, {"school-7/stories/pervyy-god.md:13:1: ошибка: в истории участвует несовершеннолетний без согласия на публикацию, поэтому изображения в тексте публиковать нельзя; уберите изображение или получите согласие законного представителя (consent: true)"});
}

// --------------------------------------------------------------- reporting --

TEST_CASE("every error of the content is reported at once, sorted by file") {
  MemorySource source = minimal();
  replace(source, NEWS, "date: 2025-11-20", "date: 2025-13-01");
  replace(source, ORDER, "topic: implementation", "topic: vnedrenie");
  replace(source, "uo-gorod/documents/polozhenie.md", "file: files/polozhenie.pdf", "file: files/polozhenie-net.pdf");
  check_refused(source, {"school-7/news/2025-11-20-den-nastavnika.md:3:7: ошибка: дата «2025-13-01» в поле «date» не существует, проверьте день и месяц",
                        "school-7/orders/2024-09-02-o-vnedrenii.md:5:8: ошибка: недопустимое значение «vnedrenie» в поле «topic», укажите одно из: implementation, regulation, curator, pairs, final-event, other",
                        "uo-gorod/documents/polozhenie.md:7:7: ошибка: файл «files/polozhenie-net.pdf» не найден в папке uo-gorod/files, загрузите его или исправьте имя (регистр букв важен)"});
}

TEST_CASE("an unknown key is a warning naming the nearest known key, and the site is still built") {
  MemorySource source = minimal();
  replace(source, NEWS, "title: \"День наставника в школе\"", "titel: \"День наставника\"\ntitle: \"День наставника в школе\"");
  test::Built built;
  test::build(source, built);
  CHECK(built.report.ok);
  CHECK(lines(test::formatted(built.diagnostics)) ==
        "school-7/news/2025-11-20-den-nastavnika.md:2:1: предупреждение: неизвестное поле «titel», возможно, имелось в виду «title»; "
        "исправьте написание или удалите поле");
  CHECK(built.diagnostics.error_count() == 0);
  CHECK(built.sink.committed());
  CHECK(built.has("school-7/news/den-nastavnika/index.html"));
}

TEST_CASE("a BOM and Windows line ends change nothing in the output") {
  MemorySource source = minimal();
  for (const std::string& path : {NEWS, std::string("school-7/org.yaml")}) {
    std::string text = text_of(source, path);
    std::string crlf = "\xEF\xBB\xBF";
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    source.add(path, crlf);
  }
  test::Built plain, windows;
  test::build(minimal(), plain);
  test::build(source, windows);
  CHECK(windows.report.ok);
  CHECK(test::formatted(windows.diagnostics).empty());
  CHECK(windows.sink.files() == plain.sink.files());
}

TEST_CASE("empty content is refused for want of site.yaml") {
  MemorySource source;
  check_refused(source, {"site.yaml: ошибка: нет файла site.yaml, создайте его с полями title и base_url"});
}
