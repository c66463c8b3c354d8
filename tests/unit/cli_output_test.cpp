// What the command line prints: the build summary, the progress line text, the diagnostics
// in json and Code Climate form, and what serve injects into HTML responses.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "build/summary.h"
#include "cli/diagnostics_formats.h"
#include "serve/live_reload.h"

using namespace nastavnik;

namespace {
const std::string kNbsp = "\u00A0";
const std::string kNarrow = "\u202F";
}  // namespace

TEST_CASE("the build summary counts in Russian") {
  BuildReport report;
  report.pages = 12345;
  report.feeds = 57;
  report.organisations = 12;
  CHECK(build_summary(report, 0.84) == "Собрано 12" + kNarrow + "345" + kNbsp + "страниц и 57" + kNbsp + "лент для 12" + kNbsp +
                                            "организаций за 0,8" + kNbsp + "с");
  report.pages = 1234;
  report.feeds = 1;
  report.organisations = 1;
  CHECK(build_summary(report, 12.4) == "Собрано 1234" + kNbsp + "страницы и 1" + kNbsp + "лента для 1" + kNbsp + "организации за 12" +
                                           kNbsp + "с");
  report.pages = 21;
  report.organisations = 21;
  CHECK(build_summary(report, 0).find("21" + kNbsp + "страница") != std::string::npos);
  CHECK(build_summary(report, 0).find("для 21" + kNbsp + "организации") != std::string::npos);
}

TEST_CASE("seconds and problems") {
  CHECK(seconds_ru(0.04) == "0,0" + kNbsp + "с");
  CHECK(seconds_ru(3.25) == "3,2" + kNbsp + "с");
  CHECK(seconds_ru(42.0) == "42" + kNbsp + "с");
  CHECK(seconds_ru(125.0) == "2" + kNbsp + "мин 05" + kNbsp + "с");
  CHECK(problems_phrase(0, 0) == "0" + kNbsp + "ошибок");
  CHECK(problems_phrase(3, 0) == "3" + kNbsp + "ошибки");
  CHECK(problems_phrase(1, 2) == "1" + kNbsp + "ошибка, 2" + kNbsp + "предупреждения");
  CHECK(problems_phrase(0, 5) == "5" + kNbsp + "предупреждений");
}

TEST_CASE("the progress line tells the stage and the share done") {
  BuildProgress progress;
  CHECK(ProgressLine::text(progress).empty());
  progress.start(BuildProgress::Loading, 12000);
  progress.advance(3000);
  CHECK(ProgressLine::text(progress) == "Чтение материалов: 3000 из 12" + kNarrow + "000 (25" + kNbsp + "%)");
  progress.start(BuildProgress::Writing, 4);
  progress.advance(4);
  CHECK(ProgressLine::text(progress) == "Запись сайта: 4 из 4 (100" + kNbsp + "%)");
}

TEST_CASE("diagnostics as JSON") {
  std::vector<Diagnostic> list = {{Severity::Error, "school-1/news/a.md", {3, 7}, "нет обязательного поля «date»"},
                                  {Severity::Warning, "site.yaml", {}, "файл называется site.yml"}};
  auto j = nlohmann::json::parse(diagnostics_json(list));
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 1);
  CHECK(j["diagnostics"][0]["path"] == "school-1/news/a.md");
  CHECK(j["diagnostics"][0]["line"] == 3);
  CHECK(j["diagnostics"][0]["column"] == 7);
  CHECK(j["diagnostics"][0]["severity"] == "error");
  CHECK(j["diagnostics"][1]["severity"] == "warning");
  CHECK(j["diagnostics"][1]["line"] == 0);
}

TEST_CASE("Code Climate issues for GitLab") {
  std::vector<Diagnostic> list = {
      {Severity::Error, "school-1/orders/p.md", {6, 7}, "файл «files/p.pdf» не найден в папке school-1/files"},
      {Severity::Warning, "school-1/news/a.md", {4, 1}, "неизвестное поле «imge», возможно, имелось в виду «image»"},
      {Severity::Warning, "school-1/news/a.md", {9, 1}, "неизвестное поле «imge», возможно, имелось в виду «image»"},
  };
  auto issues = nlohmann::json::parse(diagnostics_codeclimate(list, "./content/"));
  REQUIRE(issues.size() == 3);
  CHECK(issues[0]["severity"] == "major");
  CHECK(issues[1]["severity"] == "minor");
  CHECK(issues[0]["check_name"] == "nastavnik/missing-file");
  CHECK(issues[1]["check_name"] == "nastavnik/unknown-field");
  CHECK(issues[0]["location"]["path"] == "content/school-1/orders/p.md");
  CHECK(issues[0]["location"]["lines"]["begin"] == 6);
  CHECK(issues[1]["fingerprint"] != issues[2]["fingerprint"]);  // the same problem twice in a file
  // The line is not part of the fingerprint: moving a problem keeps it.
  list[0].pos.line = 10;
  auto moved = nlohmann::json::parse(diagnostics_codeclimate(list, "content"));
  CHECK(moved[0]["fingerprint"] == issues[0]["fingerprint"]);
  CHECK(moved[0]["location"]["lines"]["begin"] == 10);
  // An empty path (a problem of the whole run) points at the content folder, line 1.
  auto whole = nlohmann::json::parse(diagnostics_codeclimate({{Severity::Error, "", {}, "SOURCE_DATE_EPOCH"}}, "content"));
  CHECK(whole[0]["location"]["path"] == "content");
  CHECK(whole[0]["location"]["lines"]["begin"] == 1);
}

TEST_CASE("the fingerprint hash is stable") {
  CHECK(stable_hash_hex("") == stable_hash_hex(""));
  CHECK(stable_hash_hex("a").size() == 32);
  CHECK(stable_hash_hex("a") != stable_hash_hex("b"));
  // Two 64-bit FNV-1a lanes; the value must never change, or every open GitLab issue would
  // look new.
  CHECK(stable_hash_hex("nastavnik") == "a4a0f98e75b8e192381020be124abb3a");
}

TEST_CASE("coloured text only when asked") {
  Diagnostic d{Severity::Error, "a.md", {2, 5}, "что-то не так"};
  CHECK(diagnostic_text(d, false) == "a.md:2:5: ошибка: что-то не так");
  CHECK(diagnostic_text(d, true) == "\x1b[1ma.md:2:5:\x1b[0m \x1b[1;31mошибка:\x1b[0m что-то не так");
}

TEST_CASE("serve injects before the end of body") {
  CHECK(inject_before_body_end("<html><body><p>x</p></body></html>", "<s>") == "<html><body><p>x</p><s></body></html>");
  CHECK(inject_before_body_end("<BODY>x</BODY>", "<s>") == "<BODY>x<s></BODY>");
  CHECK(inject_before_body_end("no body", "<s>") == "no body<s>");
  CHECK(inject_before_body_end("<body>a</body><!-- </body> -->", "<s>") == "<body>a</body><!-- <s></body> -->");
  std::string script = reload_script(7);
  CHECK(script.find("var g=7;") != std::string::npos);
  CHECK(script.find(std::string(kEventsPath)) != std::string::npos);
  CHECK(script.find(std::string(kInjectedMarker)) != std::string::npos);
}

TEST_CASE("the error overlay escapes what it shows") {
  std::vector<Diagnostic> list = {{Severity::Error, "x/<b>.md", {1, 2}, "значение «<script>» & ещё"}};
  std::string overlay = error_overlay(list, true);
  CHECK(overlay.find("<script>»") == std::string::npos);
  CHECK(overlay.find("&lt;script&gt;") != std::string::npos);
  CHECK(overlay.find("x/&lt;b&gt;.md:1:2") != std::string::npos);
  CHECK(overlay.find("1\u00A0ошибка") != std::string::npos);
  CHECK(overlay.find("последняя удачная сборка") != std::string::npos);
  CHECK(error_page(list, 3).find("var g=3;") != std::string::npos);
}
