// nastavnik: the command line. Everything the user reads here is in Russian.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "build/build.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "contract/reference.h"
#include "serve/server.h"

namespace {

using namespace nastavnik;

// The theme folder of the repository when run from it, so that edits to themes/default
// show at once; elsewhere the copy compiled into the binary.
std::filesystem::path default_theme(const std::string& given) {
  if (!given.empty()) return given;
  if (std::filesystem::is_directory("themes/default")) return "themes/default";
  return {};
}

// Commands and their explanations in two columns, aligned by characters.
std::string example_lines(const std::vector<std::pair<std::string, std::string>>& rows) {
  size_t width = 0;
  for (const auto& [command, what] : rows) width = std::max(width, utf8_length(command));
  std::string out;
  for (const auto& [command, what] : rows) out += "  " + command + std::string(width - utf8_length(command) + 3, ' ') + what + "\n";
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
  app.footer("Примеры:\n" +
             example_lines({{"nastavnik check", "проверить материалы в папке content"},
                            {"nastavnik new news --org school-1 \"Заголовок\"", "создать новость"},
                            {"nastavnik serve", "смотреть сайт в браузере, он обновляется при каждом сохранении"},
                            {"nastavnik build", "собрать сайт в папку public"}}) +
             "\nСправка по команде: nastavnik КОМАНДА --help");

  BuildOptions options;
  OutputFlags flags;
  unsigned jobs = 0;
  std::string theme_dir;

  auto add_help = [&](CLI::App* cmd) {
    russian_help(*cmd);
    cmd->group("Команды");
    cmd->set_help_flag("-h,--help", "Показать справку по команде и выйти");
  };
  auto add_common = [&](CLI::App* cmd) {
    add_help(cmd);
    cmd->add_option("--content", options.content, "Папка с материалами (по умолчанию content)")->option_text("ПАПКА");
    cmd->add_option("--theme", theme_dir, "Папка темы оформления (по умолчанию themes/default, а если её нет — тема, встроенная в программу)")->option_text("ПАПКА");
    cmd->add_option("-j,--jobs", jobs, "Число потоков (по умолчанию — все ядра процессора)")->option_text("ЧИСЛО");
    cmd->add_option("--cache", options.cache,
                    "Папка кеша обработанных фотографий (по умолчанию $NASTAVNIK_CACHE, а без неё ~/.cache/nastavnik)")
        ->option_text("ПАПКА");
    cmd->add_flag("-q,--quiet", flags.quiet, "Не печатать итог, только ошибки");
    cmd->add_flag("-v,--verbose", flags.verbose, "Печатать подробности: этапы, число файлов, время");
  };

  CLI::App* build = app.add_subcommand("build", "Собрать сайт из папки с материалами в папку public");
  add_common(build);
  build->add_option("--out", options.out, "Папка для готового сайта (по умолчанию public); заменяется целиком только при успешной сборке")
      ->option_text("ПАПКА");
  build->add_flag("--stats", flags.stats, "Напечатать время каждого этапа сборки");
  auto add_editor_assets = [&](CLI::App* cmd) {
    cmd->add_option("--editor-assets", options.editor_assets,
                    "Папка с файлами редактора в браузере (Decap CMS) для страниц admin/: node_modules папки nastavnik "
                    "(по умолчанию $NASTAVNIK_EDITOR_ASSETS; без неё страницы редактора говорят, что он не установлен)")
        ->option_text("ПАПКА");
  };
  add_editor_assets(build);
  build->add_option("--search-index", options.search_index,
                    "Построить поисковый индекс: папка node_modules папки nastavnik (в ней русский стеммер страницы поиска, "
                    "snowball-stemmer.jsx) или путь к его файлу russian-stemmer.global.min.js "
                    "(по умолчанию $NASTAVNIK_SEARCH_INDEX; без неё страница поиска говорит, что поиск не настроен). "
                    "Индекс публикуется вместе с сайтом или не публикуется вовсе. "
                    "С --org не строится: поиск раздела ведёт на портал")
      ->option_text("ПУТЬ");
  build->add_option("--org", options.org,
                    "Собрать только раздел одной организации — для её собственного сайта: страницы, ленты, файлы и оформление; "
                    "ссылки на портал и на другие организации ведут на base_url из site.yaml (нужен --base-url)")
      ->option_text("ОРГАНИЗАЦИЯ");
  build->add_option("--base-url", options.base_url,
                    "Адрес, по которому будет опубликована сборка, вместо base_url из site.yaml; с --org — адрес раздела на сайте "
                    "организации: https://school1.example.ru/nastavnichestvo/")
      ->option_text("АДРЕС");
  build->footer("Пример:\n  nastavnik build --content content --out public --editor-assets node_modules --search-index node_modules\n"
                "  nastavnik build --org school-1 --base-url https://school1.example.ru/nastavnichestvo/ --out section\n\n"
                "В конце печатается итог: «Собрано 1 234 страницы и 57 лент для 12 организаций за 0,8 с → public».\n"
                "На экране терминала долгая сборка показывает строку хода работы.\n\n"
                "Коды выхода: 0 — сайт собран; 1 — в материалах ошибки, папка public не изменена; 2 — неверная командная строка.");

  CLI::App* check = app.add_subcommand("check", "Проверить материалы, ничего не записывая");
  add_common(check);
  bool want_report = false;
  std::string format = "text";
  check->add_option("--format", format,
                    "Формат: text — строки «файл:строка:столбец: ошибка: …» (по умолчанию); json; "
                    "codeclimate — отчёт Code Quality для GitLab")
      ->check(CLI::IsMember({"text", "json", "codeclimate"}))
      ->option_text("ФОРМАТ");
  check->add_flag("--report", want_report,
                  "Вместо списка ошибок напечатать отчёт мониторинга: что есть на вкладке каждой организации, чего нет и что устарело "
                  "(--format text или json)");
  check->footer("Примеры:\n"
                "  nastavnik check\n"
                "  nastavnik check --content content --format json\n"
                "  nastavnik check --format codeclimate > gl-code-quality-report.json\n"
                "  nastavnik check --report --format json\n\n"
                "Ошибки и предупреждения печатаются все сразу. В форматах json и codeclimate отчёт идёт в стандартный\n"
                "вывод, итог — в поток ошибок.\n\n"
                "Коды выхода: 0 — ошибок нет (предупреждения допускаются); 1 — есть ошибки; 2 — неверная командная строка.");

  CLI::App* create = app.add_subcommand("new", "Создать новый материал: новость, приказ, документ, историю, практику или страницу");
  add_help(create);
  NewOptions new_options;
  create->add_option("ВИД", new_options.kind, "Вид материала: news, order, document, story, practice или page")
      ->required()
      ->check(CLI::IsMember({"news", "order", "document", "story", "practice", "page"}));
  create->add_option("ЗАГОЛОВОК", new_options.title, "Заголовок в кавычках: \"День наставника в школе\"")->required();
  create->add_option("--org", new_options.org, "Папка организации: school-1")->required()->option_text("ОРГАНИЗАЦИЯ");
  create->add_option("--content", new_options.content, "Папка с материалами (по умолчанию content)")->option_text("ПАПКА");
  create->add_option("--date", new_options.date, "Дата ГГГГ-ММ-ДД (по умолчанию сегодняшняя)")->option_text("ДАТА");
  create->add_flag("-q,--quiet", new_options.quiet, "Напечатать только путь к созданному файлу");
  create->footer(new_command_footer());

  CLI::App* serve = app.add_subcommand("serve", "Показать сайт в браузере и пересобирать его при каждом сохранении файла");
  add_common(serve);
  ServeOptions serve_options;
  std::string serve_out;
  serve->add_option("--port", serve_options.port, "Порт на 127.0.0.1 (по умолчанию 1313; 0 — любой свободный)")
      ->check(CLI::Range(0, 65535))
      ->option_text("ЧИСЛО");
  add_editor_assets(serve);
  serve->add_option("--out", serve_out, "Папка для сайта (по умолчанию временная, удаляется при остановке)")->option_text("ПАПКА");
  serve->footer("Пример:\n  nastavnik serve --content content\n  затем откройте в браузере http://127.0.0.1:1313/\n\n"
                "Сайт собирается заново при каждом изменении в папке материалов и в папке темы, открытая страница\n"
                "обновляется сама. Если в материалах ошибка, она показывается на странице и в терминале, а сайт\n"
                "остаётся таким, каким был при последней удачной сборке. Остановить — Ctrl+C.\n"
                "Скрипт обновления страницы добавляется только при просмотре; в собранный командой build сайт он не попадает.");

  CLI::App* reference = app.add_subcommand("reference", "Напечатать справочник полей всех видов материалов (Markdown)");
  add_help(reference);
  reference->footer("Пример:\n  nastavnik reference > docs/reference.md");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "nastavnik: неверная командная строка: " << russian_parse_error(e) << "\nСправка: nastavnik --help\n";
    return kExitUsage;
  }

  if (reference->parsed()) {
    std::cout << reference_markdown();
    return kExitOk;
  }
  if (create->parsed()) return run_new_command(new_options);

  options.jobs = jobs;
  options.theme = default_theme(theme_dir);
  // Decap CMS's files: given, or named by the environment (the CI bundle's wrapper names its
  // copy). Never looked for: the same command on the same content writes the same files.
  if (const char* env = std::getenv("NASTAVNIK_EDITOR_ASSETS"); options.editor_assets.empty() && env && *env && !check->parsed()) {
    options.editor_assets = env;
  }
  // The search index: asked for, or by the environment (the CI bundle's wrapper names its
  // stemmer). Only `build` indexes: `serve` rewrites single pages in place after each edit,
  // and the index is the whole site's; its search page says search is not set up.
  if (const char* env = std::getenv("NASTAVNIK_SEARCH_INDEX"); options.search_index.empty() && env && *env && build->parsed()) {
    options.search_index = env;
  }
  if (serve->parsed()) {
    serve_options.build = options;
    serve_options.out = serve_out;
    serve_options.quiet = flags.quiet;
    serve_options.verbose = flags.verbose;
    serve_options.colour = isatty(STDERR_FILENO) && !std::getenv("NO_COLOR");
    return run_serve(serve_options);
  }

  options.write = build->parsed();
  if (!options.org.empty() && options.base_url.empty()) {
    std::cerr << "nastavnik: неверная командная строка: с --org укажите и --base-url — адрес, по которому раздел будет открываться "
                 "на сайте организации, например --base-url https://school1.example.ru/nastavnichestvo/\n";
    return kExitUsage;
  }
  if (!options.base_url.empty()) {
    if (auto problem = base_url_problem(options.base_url)) {
      std::cerr << "nastavnik: неверная командная строка: --base-url «" << options.base_url << "»: " << *problem << "\n";
      return kExitUsage;
    }
    if (options.base_url.back() != '/') options.base_url += '/';
  }
  if (check->parsed() && want_report) {
    if (format == "codeclimate") {
      std::cerr << "nastavnik: неверная командная строка: отчёт мониторинга (--report) печатается в формате text или json\n";
      return kExitUsage;
    }
    options.report_format = format;
  }
  return run_build_command(options, flags, check->parsed() ? format : std::string("text"));
}
