// Limits and hostile input at the unit level: what read_text_file/decode_text refuse, what
// parse_yaml refuses (aliases, depth, size, escapes), messages that cannot drive a
// terminal, and an output folder that refuses to replace what it must not.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "contract/declarations.h"
#include "core/diagnostics.h"
#include "core/source_file.h"
#include "core/utf8.h"
#include "markdown/body.h"
#include "read/content_source.h"
#include "read/text_file.h"
#include "read/yaml.h"
#include "validate/files.h"
#include "write/disk_sink.h"

using namespace nastavnik;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

struct Decoded {
  bool ok = false;
  std::string text;
  std::string message;  // the one formatted diagnostic, if any
};

Decoded decode(const std::string& bytes) {
  Diagnostics diagnostics;
  auto source = decode_text("school/news/x.md", bytes, diagnostics);
  Decoded d;
  d.ok = source.has_value();
  if (source) d.text = source->text();
  auto all = diagnostics.sorted();
  if (!all.empty()) d.message = all.front().format();
  CHECK(all.size() <= 1);
  return d;
}

struct Parsed {
  bool ok = false;
  std::string message;
  double seconds = 0;
};

Parsed parse(const std::string& yaml) {
  SourceFile source("school/roadmap.yaml", yaml);
  Diagnostics diagnostics;
  auto start = std::chrono::steady_clock::now();
  auto node = parse_yaml_at(source, source.text(), 1, diagnostics);
  Parsed p;
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  p.ok = node.has_value();
  auto all = diagnostics.sorted();
  if (!all.empty()) p.message = all.front().format();
  return p;
}

// "Billion laughs": nine levels of nine aliases each stand for 9^9 = 387 420 489 strings.
std::string billion_laughs() {
  std::string yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    yaml += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) yaml += std::string(i ? "," : "") + "*" + static_cast<char>(c - 1);
    yaml += "]\n";
  }
  return yaml;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "nastavnik-limits-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void put(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

}  // namespace

TEST_CASE("decode_text: a BOM and CRLF line ends are accepted and normalised") {
  auto d = decode("\xEF\xBB\xBF---\r\ntitle: \"Новость\"\r\n---\r\nТекст.\r\n");
  CHECK(d.ok);
  CHECK(d.text == "---\ntitle: \"Новость\"\n---\nТекст.\n");
}

TEST_CASE("decode_text: NUL bytes and invalid UTF-8 are refused at their position") {
  auto nul = decode("---\ntitle: x\n---\nab\0c"s);
  CHECK_FALSE(nul.ok);
  CHECK(nul.message.rfind("school/news/x.md:4:3: ошибка: в файле есть нулевой байт", 0) == 0);
  auto cp1251 = decode("---\ntitle: \"\xCF\xF0\xE8\xEA\xE0\xE7\"\n---\n");
  CHECK_FALSE(cp1251.ok);
  CHECK(cp1251.message.find("school/news/x.md:2:9: ошибка: текст не в кодировке UTF-8") == 0);
}

TEST_CASE("decode_text: control characters are refused with their code point and position") {
  auto vt = decode("---\ntitle: \"Новость\"\n---\nПервая\vвторая\n");
  CHECK_FALSE(vt.ok);
  CHECK(vt.message.rfind("school/news/x.md:4:7: ошибка: в тексте невидимый управляющий символ U+000B", 0) == 0);
  auto esc = decode("---\ntitle: \"\x1B[31mКрасный\"\n---\n");
  CHECK_FALSE(esc.ok);
  CHECK(esc.message.find("U+001B") != std::string::npos);
  CHECK(esc.message.find('\x1B') == std::string::npos);  // never printed raw
  auto c1 = decode("---\ntitle: \"\xC2\x85\"\n---\n");
  CHECK(c1.message.find("U+0085") != std::string::npos);
  auto nonchar = decode("---\ntitle: \"\xEF\xBF\xBF\"\n---\n");
  CHECK(nonchar.message.find("U+FFFF") != std::string::npos);
  CHECK(decode("---\ntitle:\t\"табуляция\"\n---\n").ok);
}

TEST_CASE("decode_text: invisible format characters are refused, emoji joiners are not") {
  for (const char* ch : {"\u200B", "\u2028", "\u2029", "\u202A", "\u202E", "\u2066", "\u2069", "\uFEFF"}) {
    auto r = decode(std::string("---\ntitle: \"Приказ № 4") + ch + "5\"\n---\n");
    CAPTURE(r.message);
    CHECK_FALSE(r.ok);
    CHECK(r.message.rfind("school/news/x.md:2:19: ошибка: в тексте невидимый управляющий символ U+", 0) == 0);
  }
  auto bom = decode("\xEF\xBB\xBF---\ntitle: \"С меткой порядка байтов в начале\"\n---\n");
  CHECK(bom.ok);
  CHECK(decode("---\ntitle: \"Наставник 👨‍🏫 и ученик\"\n---\nСоюз\u200Cи и\u00ADдефис — \u2014\n").ok);
}

TEST_CASE("decode_text: a line over 64 KiB is refused, one of 64 KiB is accepted") {
  std::string ok_line(kMaxLineBytes, 'a');
  CHECK(decode("---\ntitle: x\n---\n" + ok_line + "\n").ok);
  auto long_line = decode("---\ntitle: x\n---\nабзац\n" + std::string(kMaxLineBytes + 1, 'a') + "\n");
  CHECK_FALSE(long_line.ok);
  CHECK(long_line.message.rfind("school/news/x.md:5:1: ошибка: строка слишком длинная (64 КБ", 0) == 0);
}

TEST_CASE("read_text_file: a file over 4 MiB is refused before it is read, on disk and in memory") {
  const std::string expected =
      "school/news/big.md: ошибка: файл слишком большой (4,0 МБ, допустимо не более 4,0 МБ), разделите его или вынесите полный текст в файл PDF в папке files/";
  std::string big;
  while (big.size() < kMaxTextFileBytes) big += std::string(1023, 'a') + "\n";  // lines of 1 KiB
  big.resize(kMaxTextFileBytes + 1, 'a');
  TempDir tmp;
  put(tmp.path / "school/news/big.md", big);
  auto disk = DiskSource::open(tmp.path);
  REQUIRE(disk);
  MemorySource memory;
  memory.add("school/news/big.md", big);
  for (const ContentSource* source : {static_cast<const ContentSource*>(disk.get()), static_cast<const ContentSource*>(&memory)}) {
    Diagnostics diagnostics;
    CHECK_FALSE(read_text_file(*source, "school/news/big.md", diagnostics).has_value());
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.sorted()[0].format() == expected);
  }
  // One byte less is read.
  big.pop_back();
  memory.add("school/news/big.md", big);
  Diagnostics diagnostics;
  auto text = read_text_file(memory, "school/news/big.md", diagnostics);
  REQUIRE(text.has_value());
  CHECK(text->text().size() == kMaxTextFileBytes);
  CHECK_FALSE(diagnostics.has_errors());
}

TEST_CASE("parse_yaml: a billion laughs is refused at the first anchor, at once") {
  auto p = parse(billion_laughs());
  CHECK_FALSE(p.ok);
  CHECK(p.message.rfind("school/roadmap.yaml:1:4: ошибка: ошибка в YAML: метки YAML (&имя)", 0) == 0);
  CHECK(p.seconds < 1.0);
}

TEST_CASE("parse_yaml: anchors and aliases are refused wherever they are") {
  CHECK(parse("title: &t \"Дорожная карта\"\n").message.find("метки YAML") != std::string::npos);
  CHECK(parse("sections:\n  - &s {title: x}\n").message.find("метки YAML") != std::string::npos);
  CHECK(parse("title: *t\n").message.find("school/roadmap.yaml:1:8: ошибка:") == 0);
  // In quotes, & and * are text.
  CHECK(parse("title: \"&t *t\"\n").ok);
}

TEST_CASE("parse_yaml: nesting deeper than 64 levels is refused, without running out of stack") {
  auto deep = [](int levels) { return "title: " + std::string(static_cast<size_t>(levels), '[') + std::string(static_cast<size_t>(levels), ']') + "\n"; };
  // The document map is level 1.
  CHECK(parse(deep(kMaxYamlDepth - 1)).ok);
  auto p = parse(deep(kMaxYamlDepth));
  CHECK_FALSE(p.ok);
  CHECK(p.message.find("вложенность глубже 64 уровней") != std::string::npos);
  // Far beyond any stack: a 4 MiB file of brackets.
  auto huge = parse(deep(2 * 1024 * 1024 - 8));
  CHECK_FALSE(huge.ok);
  CHECK(huge.seconds < 5.0);
  std::string block = "a:\n";
  for (int i = 1; i < 200; ++i) block += std::string(static_cast<size_t>(2 * i), ' ') + "a:\n";
  CHECK(parse(block).message.find("вложенность глубже") != std::string::npos);
}

TEST_CASE("parse_yaml: more than 100 000 values are refused") {
  std::string many = "tags: [";
  for (size_t i = 0; i < kMaxYamlNodes; ++i) many += "a,";
  many += "a]\n";
  auto p = parse(many);
  CHECK_FALSE(p.ok);
  CHECK(p.message.find("больше 100000 значений") != std::string::npos);
}

TEST_CASE("parse_yaml: escapes that make control characters or broken UTF-8 are refused") {
  CHECK(parse("title: \"a\\x01b\"\n").message.find("U+0001") != std::string::npos);
  CHECK(parse("title: \"\\e[31m\"\n").message.find("U+001B") != std::string::npos);
  CHECK_FALSE(parse("title: \"\\uD800\"\n").ok);  // a lone surrogate is a broken character
  CHECK(parse("title: \"\\0\"\n").message.find("U+0000") != std::string::npos);
  CHECK(parse("title: \"строка\\nвторая\\tтаб\"\n").ok);
}

TEST_CASE("diagnostics never print control characters raw") {
  Diagnostic d{Severity::Warning, "school/\x1b[2Jnews", {1, 1}, "неизвестное поле «\x1b]0;x\x07»"};
  std::string line = d.format();
  CHECK(line == "school/\\x1B[2Jnews:1:1: предупреждение: неизвестное поле «\\x1B]0;x\\x07»");
}

TEST_CASE("roadmap: aliases cannot multiply items") {
  std::string yaml = "title: \"Карта\"\nsections:\n  - title: \"Раздел\"\n    items: &i\n      - title: \"x\"\n  - title: \"Ещё\"\n    items: *i\n";
  SourceFile source("school/roadmap.yaml", yaml);
  Diagnostics diagnostics;
  CHECK_FALSE(load_roadmap_file(source, diagnostics).has_value());
  CHECK(diagnostics.sorted().at(0).format().find("school/roadmap.yaml:4:") == 0);
}

TEST_CASE("DiskSink refuses to replace a content folder, a theme, a repository or the current folder") {
  TempDir tmp;
  put(tmp.path / "content/site.yaml", "title: x\n");
  CHECK_THROWS_WITH_AS(DiskSink(tmp.path / "content"), doctest::Contains("похоже, это папка с материалами"), std::runtime_error);
  put(tmp.path / "theme/templates/layout.mustache", "x");
  CHECK_THROWS_WITH_AS(DiskSink(tmp.path / "theme"), doctest::Contains("похоже, это тема оформления"), std::runtime_error);
  fs::create_directories(tmp.path / "repo/.git");
  CHECK_THROWS_WITH_AS(DiskSink(tmp.path / "repo"), doctest::Contains("похоже, это репозиторий"), std::runtime_error);
  CHECK_THROWS_WITH_AS(DiskSink("/"), doctest::Contains("корень файловой системы"), std::runtime_error);
  CHECK_THROWS_WITH_AS(DiskSink(fs::current_path()), doctest::Contains("текущая папка"), std::runtime_error);
  CHECK_THROWS_WITH_AS(DiskSink(fs::current_path().parent_path()), doctest::Contains("текущая папка"), std::runtime_error);
  // Nothing was created next to them.
  for (const auto& entry : fs::directory_iterator(tmp.path)) {
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
  CHECK(fs::exists(tmp.path / "content/site.yaml"));
}

TEST_CASE("DiskSink removes what a killed build left: a staging folder, an empty one, the swapped-out previous site, part of it") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  put(final_dir / "index.html", "опубликовано");
  // A pid that is alive but belongs to another process (pid 1 started long before us).
  put(tmp.path / "public.tmp-1/.nastavnik-staging", "1 99999999999999\n");
  put(tmp.path / "public.tmp-1/index.html", "x");
  // Killed right after mkdir: empty, no marker.
  fs::create_directories(tmp.path / "public.tmp-999999998");
  // Killed between the swap and the removal of the previous site: no marker.
  put(tmp.path / "public.tmp-999999997/index.html", "предыдущий сайт");
  put(tmp.path / "public.tmp-999999997/sitemap.xml", "<urlset/>");
  // Killed while removing the swapped-out previous site: what is left of it.
  put(tmp.path / "public.tmp-999999996/news/index.html", "остаток");
  // Not ours: kept.
  put(tmp.path / "public.tmp-notes/index.html", "x");
  put(tmp.path / "public.tmp-12a/index.html", "x");
  {
    DiskSink out(final_dir);
    out.write("index.html", "новое");
    out.commit();
  }
  CHECK_FALSE(fs::exists(tmp.path / "public.tmp-1"));
  CHECK_FALSE(fs::exists(tmp.path / "public.tmp-999999998"));
  CHECK_FALSE(fs::exists(tmp.path / "public.tmp-999999997"));
  CHECK_FALSE(fs::exists(tmp.path / "public.tmp-999999996"));
  CHECK(fs::exists(tmp.path / "public.tmp-notes/index.html"));
  CHECK(fs::exists(tmp.path / "public.tmp-12a/index.html"));
}

TEST_CASE("DiskSink keeps the staging folder of a build that is still running") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::pause();
    ::_exit(0);
  }
  std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
  std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(all.substr(all.rfind(')') + 2));
  std::string field, start;
  for (int i = 3; i <= 22 && fields >> field; ++i) start = field;
  fs::path running = tmp.path / ("public.tmp-" + std::to_string(child));
  put(running / ".nastavnik-staging", std::to_string(child) + " " + start + "\n");
  {
    DiskSink out(final_dir);
    CHECK(fs::exists(running / ".nastavnik-staging"));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  {
    DiskSink out(final_dir);
    CHECK_FALSE(fs::exists(running));
  }
}

TEST_CASE("markdown: a table wider than 100 columns is refused before the parser sees it") {
  auto row = [](size_t columns) {
    std::string r = "|";
    for (size_t i = 0; i < columns; ++i) r += " a |";
    return r + "\n";
  };
  CHECK_FALSE(check_markdown_limits("Текст.\n\n" + row(kMaxTableColumns) + row(kMaxTableColumns), 1).has_value());
  auto wide = check_markdown_limits("Текст.\n\n" + row(kMaxTableColumns + 1), 1);
  REQUIRE(wide.has_value());
  CHECK(wide->pos.line == 3);
  // Positions are in the file: a body that starts on line 6 has its third line on line 8.
  CHECK(check_markdown_limits("Текст.\n\n" + row(kMaxTableColumns + 1), 6)->pos.line == 8);
  CHECK(wide->message.find("таблица шире 100 столбцов") != std::string::npos);
  // Escaped pipes and code blocks are text.
  std::string escaped;
  for (int i = 0; i < 300; ++i) escaped += "a \\| ";
  CHECK_FALSE(check_markdown_limits(escaped + "\n", 1).has_value());
  CHECK_FALSE(check_markdown_limits("```\n" + std::string(300, '|') + "\n```\n", 1).has_value());
  CHECK(check_markdown_limits("```\ncode\n```\n" + std::string(300, '|') + "\n", 1).has_value());
  // The widest row the limit lets through renders at once.
  std::string table = row(kMaxTableColumns);
  table += "|";
  for (size_t i = 0; i < kMaxTableColumns; ++i) table += "---|";
  table += "\n";
  for (int r = 0; r < 2000; ++r) table += row(kMaxTableColumns);
  auto start = std::chrono::steady_clock::now();
  auto html = render_body(table, 1, nullptr).body.html;
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 10.0);
  CHECK(html.find("<table>") != std::string::npos);
}

TEST_CASE("markdown: links in a paragraph that a table follows keep their positions (fuzz_markdown)") {
  // cmark-gfm 0.29.0.gfm.6 (the parser before md4c) gave such a paragraph line 0, column 0.
  std::vector<std::pair<std::string, Position>> links;
  auto rendered = render_body("Текст\n[ссылка](files/a.pdf) и ![фото](files/b.jpg)\nа|б\n-|-\n1|2\n", 1, [&](const std::string& url, Position pos) {
    links.emplace_back(url, pos);
    return std::optional<std::string>();
  });
  REQUIRE(links.size() == 2);
  CHECK(links[0].first == "files/a.pdf");
  CHECK(links[0].second.line == 2);
  CHECK(links[0].second.column == 1);
  CHECK(links[1].second.line == 2);
  CHECK(links[1].second.column == 25);
  REQUIRE(rendered.images.size() == 1);
  CHECK(rendered.images[0].line == 2);
  // And a paragraph no table follows.
  links.clear();
  render_body("Абзац.\n\n[ссылка](files/a.pdf)\n", 1, [&](const std::string& url, Position pos) {
    links.emplace_back(url, pos);
    return std::optional<std::string>();
  });
  REQUIRE(links.size() == 1);
  CHECK(links[0].second.line == 3);
  CHECK(links[0].second.column == 1);
}

TEST_CASE("parse_yaml: a second YAML document is refused, not dropped") {
  auto p = parse("- name: \"Иванов\"\n  position: \"учитель\"\n---\n- name: \"Петров\"\n  position: \"учитель\"\n");
  CHECK_FALSE(p.ok);
  CHECK(p.message.find("school/roadmap.yaml:3:1: ошибка: ошибка в YAML: в файле второй документ YAML") == 0);
  CHECK(parse("---\ntitle: x\n").ok);
  CHECK(parse("title: x\n...\n").ok);
}

TEST_CASE("the contract: a required text of spaces is empty") {
  SourceFile source("school/news/x.md", "title: \"  \"\ndate: 2025-01-10\n");
  Diagnostics diagnostics;
  auto node = parse_yaml_at(source, source.text(), 1, diagnostics);
  REQUIRE(node);
  FileContext ctx(source.path(), 1, diagnostics);
  NewsFront news;
  CHECK_FALSE(read_record(*node, news_contract(), ctx, news));
  CHECK(diagnostics.sorted().at(0).format().find("school/news/x.md:1:1: ошибка: поле «title» пустое") == 0);
}

TEST_CASE("DiskSink writes nothing outside its folder, whatever path it is given") {
  TempDir tmp;
  put(tmp.path / "content/files/a.pdf", "%PDF-1.4");
  auto content = DiskSource::open(tmp.path / "content");
  REQUIRE(content);
  MemorySource memory;
  memory.add("files/a.pdf", "%PDF-1.4");
  DiskSink out(tmp.path / "site" / "public");
  for (const char* bad : {"../escape.html", "a/../../escape.html", "/tmp/escape.html", "", "./x", "a/./b"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(out.write(bad, "x"), std::runtime_error);
    CHECK_THROWS_AS(out.copy(*content, "files/a.pdf", bad), std::runtime_error);
    CHECK_THROWS_AS(out.copy(memory, "files/a.pdf", bad), std::runtime_error);
  }
  CHECK_FALSE(fs::exists(tmp.path / "site" / "escape.html"));
  CHECK_FALSE(fs::exists(tmp.path / "escape.html"));
  out.write("a/b.html", "ok");
}

namespace {

// What decode_text must find, read the slow way: one code point at a time from the start,
// the first bad character or the end of the first line that is too long, whichever comes
// first. Returns (line, column, what) or nothing.
std::optional<std::tuple<int, int, std::string>> first_problem_slowly(const std::string& text) {
  SourceFile file("x", text);
  size_t line_start = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    auto at = [&](const std::string& what) {
      Position p = file.position_of(i);
      return std::make_tuple(p.line, p.column, what);
    };
    if (c == '\n') {
      if (i - line_start > kMaxLineBytes) {
        Position p = file.position_of(line_start);
        return std::make_tuple(p.line, p.column, std::string("строка слишком длинная"));
      }
      line_start = ++i;
      continue;
    }
    if (c == 0) return at("нулевой байт");
    char32_t cp;
    const size_t len = decode_utf8(text, i, cp);
    if (len == 0) return at("не в кодировке UTF-8");
    if (is_forbidden_code_point(cp)) return at("символ " + code_point_name(cp));
    i += len;
  }
  if (text.size() - line_start > kMaxLineBytes) {
    Position p = file.position_of(line_start);
    return std::make_tuple(p.line, p.column, std::string("строка слишком длинная"));
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("decode_text finds what a reading one code point at a time finds, wherever it is") {
  // Pieces a curator's text is made of, and the ones it must not hold; strings of them at
  // random, past the sixteen-byte blocks the fast scan reads.
  const std::vector<std::string> pieces = {
      "a", "Z", " ", ".", "\n", "\t", "ж", "Ё", "ѣ", "я", "«", "\xC2\xA0", "—", "№", "€", "😀",  // fine
      "\x01", "\x7F", "\xC2\x85", "\xE2\x80\x8B", "\xE2\x80\xAE", "\xEF\xBB\xBF",                 // forbidden
      "\xD0", "\x80", "\xFF", "\xE2\x80", "\xC0\xAF", std::string(1, '\0'),                        // broken
  };
  uint64_t seed = 12345;
  auto next = [&] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(seed >> 33);
  };
  int checked = 0, refused = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t count = next() % 80;
    // Mostly fine pieces, so that the bad one comes late, after many blocks.
    for (size_t k = 0; k < count; ++k) text += pieces[next() % 7 == 0 ? next() % pieces.size() : next() % 16];
    if (round % 500 == 0) text.insert(next() % (text.size() + 1), std::string(kMaxLineBytes + 1 - round % 3, 'x'));
    Diagnostics diagnostics;
    const bool ok = decode_text("x", text, diagnostics).has_value();
    const auto expected = first_problem_slowly(normalise_text(text));  // a leading BOM is dropped
    REQUIRE_MESSAGE(ok == !expected.has_value(), "text: " << text);
    if (expected) {
      const auto all = diagnostics.sorted();
      REQUIRE(all.size() == 1);
      CHECK_MESSAGE(all[0].pos.line == std::get<0>(*expected), "text: " << text);
      CHECK_MESSAGE(all[0].pos.column == std::get<1>(*expected), "text: " << text);
      CHECK_MESSAGE(all[0].message.find(std::get<2>(*expected)) != std::string::npos, all[0].message);
      ++refused;
    }
    ++checked;
  }
  CHECK(refused > 1000);
  CHECK(checked - refused > 1000);
}
