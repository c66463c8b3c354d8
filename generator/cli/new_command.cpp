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
#include <variant>
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
#include "validate/site_rules.h"

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

// An empty front matter of the kind a section holds, with `date` set when given.
Front front_of(Section section, std::optional<Date> date) {
  Front front;
  switch (section) {
    case Section::News: front = NewsFront{}; break;
    case Section::Documents: front = DocumentFront{}; break;
    case Section::Orders: front = OrderFront{}; break;
    case Section::Stories: front = StoryFront{}; break;
    case Section::Practices: front = PracticeFront{}; break;
    case Section::Pages: front = PageFront{}; break;
  }
  if (date) {
    std::visit([&](FrontBase& f) {
      f.date.value = *date;
      f.date.present = true;
    }, front);
  }
  return front;
}

bool is_markdown_name(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto ends = [&](std::string_view suffix) { return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0; };
  return ends(".md") || ends(".markdown");
}

// An entry as the build sees its address: its slug field or its file name, and its date
// (from the front matter; from the name's prefix when the front matter cannot be read).
Entry entry_for(const std::string& org, Section section, const std::string& path, std::optional<Front> front) {
  Entry e;
  e.org = org;
  e.section = section;
  e.source_path = path;
  if (!front) {
    const std::string name = path.substr(path.rfind('/') + 1);
    front = front_of(section, name.size() > 11 && name[10] == '-' ? Date::parse_iso(name.substr(0, 10)) : std::nullopt);
  }
  e.front = std::move(*front);
  e.slug = e.base().slug.present ? e.base().slug.value : slug_from_file_name(path);
  e.url = routes::entry(org, section, e.slug);
  return e;
}

// The files of one section of an organisation, with their addresses.
std::vector<Entry> section_entries(const fs::path& content, const std::string& org, Section section) {
  std::vector<Entry> out;
  auto source = DiskSource::open(content);
  if (!source) return out;
  const std::string dir = org + "/" + section_id(section);
  auto list = source->list(dir);
  if (!list) return out;
  for (const auto& item : *list) {
    if (item.type != DirEntry::Type::File || item.name.empty() || item.name[0] == '.' || !is_markdown_name(item.name)) continue;
    const std::string path = dir + "/" + item.name;
    // A file with errors still holds its address as far as it can be told.
    Diagnostics ignored;
    std::optional<Front> front;
    if (auto text = read_text_file(*source, path, ignored)) {
      if (auto file = load_markdown_file(section, *text, ignored)) front = std::move(file->front);
    }
    out.push_back(entry_for(org, section, path, std::move(front)));
  }
  give_recurring_addresses(out);
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
         "news/2024-09-02-den-nastavnika-v-shkole.md. Если такой адрес уже у материала прошлого года\n"
         "(событие повторяется каждый год), в имя добавляется год: …-den-nastavnika-v-shkole-2025.md.\n"
         "Существующий файл не перезаписывается.\n"
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

  const std::string slug = slugify(title, kTitleSlugLength);
  if (slug.empty()) return refuse("из заголовка «" + title + "» не получается имя файла; добавьте в заголовок буквы или цифры");
  const auto& reserved = routes::org_segments();
  if (kind->section == Section::Pages && std::find(reserved.begin(), reserved.end(), slug) != reserved.end()) {
    return refuse("адрес «" + slug + "» занят разделом сайта; выберите другой заголовок страницы");
  }
  const std::string prefix = std::string(kind->id) == "news" ? date->iso() + "-" : std::string();
  const fs::path section_dir = org_dir / section_id(kind->section);
  const std::string section_path = options.org + "/" + section_id(kind->section) + "/";
  const std::vector<Entry> existing = section_entries(options.content, options.org, kind->section);
  auto existing_named = [&](const std::string& name) {
    return std::find_if(existing.begin(), existing.end(), [&](const Entry& e) { return e.source_path == section_path + name; });
  };
  // The file name gives the address. A recurring event (the same title in another year)
  // gets its year in the name: its address is then its own, whatever other files come and
  // go, and no address already published moves. The same title twice in one year is more
  // likely the same item made again: refused, as a different title is asked for.
  std::vector<std::string> stems = {slug};
  const bool same_year = std::any_of(existing.begin(), existing.end(), [&](const Entry& e) {
    return (e.slug == slug || slug_from_file_name(e.source_path) == slug) && e.date() && e.date()->year == date->year;
  });
  if (kind->section != Section::Pages && !same_year) stems.push_back(slug + "-" + std::to_string(date->year));
  const std::optional<Date> own_date = kind->section == Section::Pages ? std::nullopt : date;
  // The same item made before (its title and date, under any of these names): it is
  // opened, not made twice.
  for (const auto& e : existing) {
    if (e.date() == own_date && std::find(stems.begin(), stems.end(), slug_from_file_name(e.source_path)) != stems.end()) {
      return refuse("файл " + (section_dir / e.source_path.substr(section_path.size())).string() +
                    " уже есть, он не перезаписывается; откройте его или выберите другой заголовок");
    }
  }
  std::string file_name;
  const Entry* clash = nullptr;  // the file whose address the plain name would take
  for (const auto& stem : stems) {
    const std::string name = prefix + stem + ".md";
    if (fs::exists(fs::symlink_status(section_dir / name, ec))) {
      auto same = existing_named(name);
      if (stem == slug && same == existing.end()) {
        return refuse("файл " + (section_dir / name).string() + " уже есть, он не перезаписывается; откройте его или выберите другой заголовок");
      }
      if (!clash && same != existing.end()) clash = &*same;
      continue;
    }
    std::vector<Entry> all = existing;
    all.push_back(entry_for(options.org, kind->section, section_path + name, front_of(kind->section, own_date)));
    give_recurring_addresses(all);
    const Entry& added = all.back();
    bool free = added.slug_suffix == 0;
    for (size_t i = 0; i < existing.size() && free; ++i) {
      if (all[i].url == added.url || all[i].url != existing[i].url) {
        free = false;
        if (!clash) clash = &existing[i];
      }
    }
    if (free) {
      file_name = name;
      break;
    }
    if (!clash) {
      auto same_address = std::find_if(existing.begin(), existing.end(), [&](const Entry& e) { return e.slug == slug; });
      if (same_address != existing.end()) clash = &*same_address;
    }
  }
  if (file_name.empty()) {
    const std::string other = clash ? clash->source_path.substr(clash->source_path.rfind('/') + 1) : std::string("с таким названием");
    return refuse("в папке " + section_dir.string() + " уже есть файл " + other + " с тем же адресом страницы «" + slug + "»; выберите другой заголовок");
  }
  const fs::path path = section_dir / file_name;

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
  if (!options.quiet && clash) {
    std::cout << "Адрес страницы «" << slug_from_file_name(file_name) << "»: адрес «" << clash->slug << "» уже у файла "
              << clash->source_path.substr(clash->source_path.rfind('/') + 1) << "\n";
  }
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
