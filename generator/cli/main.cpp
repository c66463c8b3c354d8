// nastavnik: the command line. Everything the user reads here is in Russian.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <cstdio>
#include <iostream>

#include "build/build.h"
#include "core/diagnostics.h"
#include "text/russian.h"

namespace {

using namespace nastavnik;

constexpr int kExitOk = 0;
constexpr int kExitContentErrors = 1;
constexpr int kExitUsage = 2;
constexpr size_t kMaxPrinted = 500;

void russian_help(CLI::App& app) {
  auto f = app.get_formatter();
  f->label("Usage", "Использование");
  f->label("OPTIONS", "ПАРАМЕТРЫ");
  f->label("SUBCOMMAND", "КОМАНДА");
  f->label("SUBCOMMANDS", "КОМАНДЫ");
  f->label("Options", "Параметры");
  f->label("Subcommands", "Команды");
  f->label("Positionals", "Аргументы");
  f->label("REQUIRED", "ОБЯЗАТЕЛЬНО");
  f->label("TEXT", "ТЕКСТ");
  f->label("INT", "ЧИСЛО");
  f->label("UINT", "ЧИСЛО");
  f->label("PATH", "ПАПКА");
  f->column_width(34);
}

std::string seconds_ru(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", s);
  std::string out = buf;
  for (auto& c : out) if (c == '.') c = ',';
  return out + "\u00A0с";
}

void print_diagnostics(const Diagnostics& diagnostics, bool colour) {
  auto all = diagnostics.sorted();
  size_t printed = 0;
  for (const auto& d : all) {
    if (printed++ == kMaxPrinted) {
      std::cerr << "… и ещё " << all.size() - kMaxPrinted << " сообщений; исправьте перечисленные и запустите снова\n";
      break;
    }
    std::string line = d.format();
    if (colour) {
      const char* c = d.severity == Severity::Error ? "\x1b[31m" : "\x1b[33m";
      std::cerr << c << line << "\x1b[0m\n";
    } else {
      std::cerr << line << "\n";
    }
  }
}

std::string summary_of_problems(const Diagnostics& diagnostics) {
  std::string out = count_phrase(static_cast<int64_t>(diagnostics.error_count()), "ошибка", "ошибки", "ошибок");
  if (size_t w = diagnostics.warning_count()) out += ", " + count_phrase(static_cast<int64_t>(w), "предупреждение", "предупреждения", "предупреждений");
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"nastavnik — генератор раздела «Наставничество» для сайтов школ, колледжей и органов управления образованием.\n"
               "Превращает папку с материалами (Markdown и YAML) в готовый сайт: страницы, RSS-ленты, карту сайта.",
               "nastavnik"};
  russian_help(app);
  app.set_help_flag("-h,--help", "Показать эту справку и выйти");
  app.set_version_flag("--version", std::string("nastavnik ") + NASTAVNIK_VERSION, "Показать версию и выйти");
  app.require_subcommand(1);
  app.footer("Пример:\n  nastavnik build --content content --out public\n\nСправка по команде: nastavnik КОМАНДА --help");

  BuildOptions options;
  bool stats = false, quiet = false, verbose = false;
  unsigned jobs = 0;
  std::string theme_dir;

  auto add_common = [&](CLI::App* cmd) {
    russian_help(*cmd);
    cmd->set_help_flag("-h,--help", "Показать справку по команде и выйти");
    cmd->add_option("--content", options.content, "Папка с материалами (по умолчанию content)")->option_text("ПАПКА");
    cmd->add_option("--theme", theme_dir, "Папка темы оформления (по умолчанию themes/default, а если её нет — тема, встроенная в программу)")->option_text("ПАПКА");
    cmd->add_option("-j,--jobs", jobs, "Число потоков (по умолчанию — все ядра процессора)")->option_text("ЧИСЛО");
    cmd->add_flag("-q,--quiet", quiet, "Не печатать итог, только ошибки");
    cmd->add_flag("-v,--verbose", verbose, "Печатать подробности: этапы и число файлов");
  };

  CLI::App* build = app.add_subcommand("build", "Собрать сайт из папки с материалами в папку public");
  add_common(build);
  build->add_option("--out", options.out, "Папка для готового сайта (по умолчанию public); заменяется целиком только при успешной сборке")
      ->option_text("ПАПКА");
  build->add_flag("--stats", stats, "Напечатать время каждого этапа сборки");
  build->footer("Пример:\n  nastavnik build --content content --out public\n\n"
                "Коды выхода: 0 — сайт собран; 1 — в материалах ошибки, папка public не изменена; 2 — неверная командная строка.");

  CLI::App* check = app.add_subcommand("check", "Проверить материалы, ничего не записывая");
  add_common(check);
  bool want_report = false;
  std::string format = "text";
  check->add_flag("--report", want_report, "Напечатать отчёт мониторинга: что есть на вкладке каждой организации, чего нет и что устарело");
  check->add_option("--format", format, "Формат отчёта: text (по умолчанию) или json")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("ФОРМАТ");
  check->footer("Пример:\n  nastavnik check --content content\n\nКоды выхода: 0 — ошибок нет; 1 — есть ошибки.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "nastavnik: неверная командная строка: " << e.what() << "\nСправка: nastavnik --help\n";
    return kExitUsage;
  }

  options.jobs = jobs;
  // The theme folder of the repository when run from it, so that edits to themes/default
  // show at once; elsewhere the copy compiled into the binary.
  if (theme_dir.empty() && std::filesystem::is_directory("themes/default")) theme_dir = "themes/default";
  options.theme = theme_dir;
  options.write = build->parsed();
  if (want_report) options.report_format = format;
  const bool colour = isatty(STDERR_FILENO) && !std::getenv("NO_COLOR");
  auto started = std::chrono::steady_clock::now();

  Diagnostics diagnostics;
  BuildReport report = run_build(options, diagnostics);
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print_diagnostics(diagnostics, colour);

  if (stats || verbose) {
    for (const auto& s : report.stages) std::fprintf(stderr, "  %-14s %8.3f с\n", s.name.c_str(), s.seconds);
    std::fprintf(stderr, "  %-14s %8.3f с\n", "всего", total);
  }
  if (!report.ok) {
    if (!report.failure.empty()) {
      std::cerr << "nastavnik: ошибка записи: " << report.failure << "\n";
      return kExitContentErrors;
    }
    std::cerr << "Сборка остановлена: " << summary_of_problems(diagnostics)
              << (options.write ? ". Папка " + options.out.string() + " не изменена." : ".") << "\n";
    return kExitContentErrors;
  }
  if (!report.monitoring.empty()) std::cout << report.monitoring;
  if (!quiet && report.monitoring.empty()) {
    if (options.write) {
      std::cout << "Собрано " << count_phrase(static_cast<int64_t>(report.pages), "страница", "страницы", "страниц") << " и "
                << count_phrase(static_cast<int64_t>(report.feeds), "лента", "ленты", "лент") << " для "
                << count_phrase(static_cast<int64_t>(report.organisations), "организации", "организаций", "организаций")
                << " за " << seconds_ru(total) << " → " << options.out.string() << "\n";
    } else {
      std::cout << "Ошибок нет: " << count_phrase(static_cast<int64_t>(report.organisations), "организация", "организации", "организаций")
                << " проверено";
      if (diagnostics.warning_count()) std::cout << ", " << summary_of_problems(diagnostics).substr(summary_of_problems(diagnostics).find(", ") + 2);
      std::cout << "\n";
    }
  }
  return kExitOk;
}
