// `nastavnik new`: a new Markdown file with its front matter filled in where the tool can
// and marked with a Russian comment where the editor must fill it in.
#include <fcntl.h>
#include <unistd.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <vector>

#include "build/build.h"
#include "cli/commands.h"
#include "contract/declarations.h"
#include "contract/template.h"
#include "core/date.h"
#include "plan/routes.h"
#include "read/content_source.h"
#include "read/text_file.h"
#include "text/russian.h"
#include "text/slug.h"
#include "validate/files.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

struct Kind {
  const char* id;       ///< the command line word
  Section section;
  const char* name;     ///< Russian: «новость», «приказ»
  const char* example;  ///< a title for the help
  const ContractInfo& (*contract)();
};

const Kind kKinds[] = {
    {"news", Section::News, "новость", "День наставника в школе", []() -> const ContractInfo& { return news_contract(); }},
    {"order", Section::Orders, "приказ", "О внедрении целевой модели наставничества", []() -> const ContractInfo& { return order_contract(); }},
    {"document", Section::Documents, "документ", "Положение о наставничестве", []() -> const ContractInfo& { return document_contract(); }},
    {"story", Section::Stories, "история наставничества", "Первый год в профессии", []() -> const ContractInfo& { return story_contract(); }},
    {"practice", Section::Practices, "лучшая практика", "Педагогический дуэт: взаимопосещение уроков",
     []() -> const ContractInfo& { return practice_contract(); }},
    {"page", Section::Pages, "страница", "Контакты куратора", []() -> const ContractInfo& { return page_contract(); }},
};

const Kind* find_kind(const std::string& id) {
  for (const auto& k : kKinds) {
    if (id == k.id) return &k;
  }
  return nullptr;
}

std::string lower(const std::string& text) {
  std::string out;
  icu::UnicodeString::fromUTF8(text).toLower(icu::Locale("ru")).toUTF8String(out);
  return out;
}

bool has(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

/// The order topic a title suggests, or empty.
std::string guess_order_topic(const std::string& title) {
  std::string t = lower(title);
  if (has(t, "итогов")) return "final-event";
  if (has(t, "закреплени") || has(t, "наставнических пар") || has(t, "наставнических групп")) return "pairs";
  if (has(t, "куратор") || has(t, "назначени")) return "curator";
  if (has(t, "положени") || has(t, "программ")) return "regulation";
  if (has(t, "внедрени")) return "implementation";
  return {};
}

/// The document type a title suggests, or empty.
std::string guess_document_type(const std::string& title) {
  std::string t = lower(title);
  if (has(t, "положени")) return "regulation";
  if (has(t, "дорожн")) return "roadmap";
  if (has(t, "программ")) return "programme";
  if (has(t, "протокол")) return "protocol";
  if (has(t, "рекомендаци")) return "guidelines";
  if (has(t, "отчёт") || has(t, "отчет")) return "report";
  if (has(t, "план")) return "plan";
  return {};
}

/// The site's time zone from site.yaml, or Europe/Moscow.
std::string site_time_zone(const fs::path& content) {
  // A broken site.yaml is `check`'s business; the default zone will do here.
  Diagnostics ignored;
  if (auto source = DiskSource::open(content)) {
    if (auto text = read_text_file(*source, "site.yaml", ignored)) {
      if (auto site = load_site_file(*text, ignored); site && site->timezone.present) return site->timezone.value;
    }
  }
  return "Europe/Moscow";
}

std::vector<std::string> organisations(const fs::path& content) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(content, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && fs::is_regular_file(it->path() / "org.yaml", ec)) out.push_back(it->path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int refuse(const std::string& message) {
  std::cerr << "nastavnik new: " << message << "\n";
  return kExitContentErrors;
}

}  // namespace

std::string new_command_footer() {
  std::string out = "Виды материалов и куда они попадают:\n";
  for (const auto& k : kKinds) {
    out += "  " + std::string(k.id) + std::string(10 - std::strlen(k.id), ' ') + "— " + k.name + ", папка <организация>/" +
           section_id(k.section) + "/\n";
  }
  out += "\nПримеры:\n";
  for (const auto& k : kKinds) out += "  nastavnik new " + std::string(k.id) + " --org school-1 \"" + k.example + "\"\n";
  out += "\nДата — сегодняшняя по часовому поясу из site.yaml (timezone, по умолчанию Europe/Moscow);\n"
         "другая дата: --date 2024-09-02. Имя файла — заголовок латиницей, у новостей с датой впереди:\n"
         "news/2024-09-02-den-nastavnika-v-shkole.md. Существующий файл не перезаписывается.\n"
         "Строки, которые нужно заполнить самому, отмечены комментарием «# впишите…», «# загрузите…»;\n"
         "пока они не заполнены, nastavnik check покажет на них ошибки.\n\n"
         "Коды выхода: 0 — файл создан; 1 — файл не создан (уже есть, нет такой организации); 2 — неверная командная строка.";
  return out;
}

int run_new_command(const NewOptions& options) {
  const Kind* kind = find_kind(options.kind);
  if (!kind) {
    std::cerr << "nastavnik new: неизвестный вид материала «" << options.kind << "», возможны: news, order, document, story, practice, page\n";
    return kExitUsage;
  }
  std::string title = options.title;
  title.erase(0, title.find_first_not_of(" \t"));
  title.erase(title.find_last_not_of(" \t") + 1);
  if (title.empty()) {
    std::cerr << "nastavnik new: укажите заголовок в кавычках, например: nastavnik new " << kind->id << " --org school-1 \"" << kind->example << "\"\n";
    return kExitUsage;
  }

  std::error_code ec;
  if (!fs::is_directory(options.content, ec)) {
    return refuse("папка с материалами " + options.content.string() + " не найдена; укажите её в --content");
  }
  const fs::path org_dir = options.content / options.org;
  if (options.org.empty() || !is_slug(options.org) || !fs::is_regular_file(org_dir / "org.yaml", ec)) {
    std::string known;
    for (const auto& o : organisations(options.content)) known += (known.empty() ? "" : ", ") + o;
    return refuse("организация «" + options.org + "» не найдена: нет папки " + org_dir.string() + " с файлом org.yaml" +
                  (known.empty() ? std::string() : "; есть: " + known));
  }

  std::optional<Date> date;
  if (!options.date.empty()) {
    date = Date::parse_iso(options.date);
    if (!date) {
      std::cerr << "nastavnik new: дата «" << options.date << "» должна быть в формате ГГГГ-ММ-ДД, например 2024-09-02\n";
      return kExitUsage;
    }
  } else {
    Diagnostics diagnostics;
    auto epoch = build_epoch(diagnostics);
    if (!epoch) {
      for (const auto& d : diagnostics.sorted()) std::cerr << d.format() << "\n";
      return kExitUsage;
    }
    date = date_in_zone(*epoch, site_time_zone(options.content));
  }

  const std::string slug = slugify(title, 60);
  if (slug.empty()) return refuse("из заголовка «" + title + "» не получается имя файла; добавьте в заголовок буквы или цифры");
  const auto& reserved = routes::org_segments();
  if (kind->section == Section::Pages && std::find(reserved.begin(), reserved.end(), slug) != reserved.end()) {
    return refuse("адрес «" + slug + "» занят разделом сайта; выберите другой заголовок страницы");
  }
  const std::string file_name = (std::string(kind->id) == "news" ? date->iso() + "-" : std::string()) + slug + ".md";
  const fs::path section_dir = org_dir / section_id(kind->section);
  const fs::path path = section_dir / file_name;
  if (fs::exists(fs::symlink_status(path, ec))) {
    return refuse("файл " + path.string() + " уже есть, он не перезаписывается; откройте его или выберите другой заголовок");
  }
  // Another file with the same address (e.g. a news item of another day with this title).
  for (fs::directory_iterator it(section_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".md" && slug_from_file_name(it->path().filename().string()) == slug) {
      return refuse("в папке " + section_dir.string() + " уже есть файл " + it->path().filename().string() +
                    " с тем же адресом страницы «" + slug + "»; выберите другой заголовок");
    }
  }

  fs::create_directories(section_dir, ec);
  if (ec) return refuse("не удалось создать папку " + section_dir.string() + ": " + ec.message());
  TemplateValues values{title, *date, slug, [&](const std::string& key) {
                          if (key == "topic") return guess_order_topic(title);
                          if (key == "type") return guess_document_type(title);
                          return std::string();
                        }};
  Draft draft = markdown_template(kind->contract(), values);
  const std::string text = draft.text();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return refuse("файл " + path.string() + " уже есть, он не перезаписывается");
    return refuse("не удалось создать файл " + path.string() + ": " + std::strerror(errno));
  }
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      fs::remove(path, ec);
      return refuse("не удалось записать файл " + path.string());
    }
    written += static_cast<size_t>(n);
  }
  ::close(fd);

  std::cout << "Создан файл " << path.string() << "\n";
  if (!options.quiet) {
    if (!draft.todo.empty()) {
      std::cout << "Заполните в нём:\n";
      for (const auto& t : draft.todo) std::cout << "  строка " << t.line << ": " << t.what << "\n";
    }
    std::cout << "Напишите текст после второй строки «---» и проверьте: nastavnik check --content " << options.content.string() << "\n";
  }
  return kExitOk;
}

}  // namespace nastavnik
