#include "read/scan.h"

#include <algorithm>

#include "core/strings.h"
#include "core/utf8.h"

namespace nastavnik {
namespace {

const std::vector<std::string> kOrgFiles = {"org.yaml", "_index.md", "mentors.yaml", "indicators.yaml", "roadmap.yaml"};
const std::vector<std::string> kOrgFolders = {"news", "documents", "orders", "stories", "practices", "pages", "files"};

bool is_hidden(const std::string& name) { return !name.empty() && name[0] == '.'; }

// File names reach URLs and shell commands of editors: refuse control characters outright.
bool has_control_characters(const std::string& name) {
  return std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

std::string join_path(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

// Reports an entry that cannot be read safely; returns false when it must be skipped.
bool check_entry(const std::string& dir, const DirEntry& entry, Diagnostics& diagnostics) {
  if (has_control_characters(entry.name) || !is_valid_utf8(entry.name)) {
    diagnostics.error(dir, {}, "имя файла или папки содержит управляющие символы или неверную кодировку, переименуйте его, используя буквы, цифры и дефис");
    return false;
  }
  if (entry.symlink && entry.outside) {
    diagnostics.error(join_path(dir, entry.name), {}, "символическая ссылка ведёт за пределы папки с содержимым, замените её копией файла");
    return false;
  }
  return true;
}

std::vector<DirEntry> entries(const ContentSource& source, const std::string& dir) {
  auto list = source.list(dir);
  return list ? std::move(*list) : std::vector<DirEntry>();
}

void scan_section(const ContentSource& source, const std::string& dir, const std::string& folder, std::vector<std::string>& out,
                  Diagnostics& diagnostics) {
  for (const auto& file : entries(source, dir)) {
    std::string rel = join_path(dir, file.name);
    if (is_hidden(file.name) || !check_entry(dir, file, diagnostics)) continue;
    std::string lower = file.name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto ends_with = [&](const std::string& s, const char* suffix) {
      size_t n = std::char_traits<char>::length(suffix);
      return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
    };
    if (file.type == DirEntry::Type::Dir) {
      diagnostics.warning(rel, {}, "вложенные папки в " + guillemets(folder) + " не поддерживаются, перенесите файлы на уровень выше");
    } else if (ends_with(lower, ".md") || ends_with(lower, ".markdown")) {
      // novost.MD from a phone or Windows is the same Markdown: skipping it would drop an
      // item from the site with only a warning.
      out.push_back(rel);
    } else if (ends_with(lower, ".txt")) {
      diagnostics.error(rel, {}, "текстовый файл .txt не публикуется: материал пишется в файле .md, который начинается со строк --- с полями (title, date…); "
                                 "переименуйте файл в .md и добавьте эти строки в начало (образец — соседние файлы или nastavnik new)");
    } else if (ends_with(lower, ".doc") || ends_with(lower, ".docx") || ends_with(lower, ".odt") || ends_with(lower, ".rtf")) {
      std::string kind = lower.substr(lower.rfind('.') + 1);
      std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      diagnostics.error(rel, {}, "документ " + kind + " не публикуется как материал: если это текст материала, создайте файл .md (образец — соседние файлы или nastavnik new) "
                                 "и вставьте в него текст; если это вложение, перенесите файл в папку files/ и дайте на него ссылку");
    } else {
      diagnostics.warning(rel, {}, "в папке " + guillemets(folder) + " публикуются только файлы .md, перенесите вложения в папку files/");
    }
  }
}

}  // namespace

ContentTree scan_content(const ContentSource& source, Diagnostics& diagnostics) {
  ContentTree tree;
  auto root = source.list("");
  if (!root) {
    diagnostics.error(source.label(), {}, "папка с содержимым не найдена, укажите её в --content или создайте папку content с файлом site.yaml");
    return tree;
  }
  tree.found = true;
  for (const auto& entry : *root) {
    if (is_hidden(entry.name) || !check_entry("", entry, diagnostics)) continue;
    if (entry.type != DirEntry::Type::Dir) {
      if (entry.name == "site.yaml" && entry.type == DirEntry::Type::File) tree.has_site_yaml = true;
      if (entry.name == "site.yml") diagnostics.warning(entry.name, {}, "файл называется site.yml, переименуйте его в site.yaml");
      continue;  // README.md and the like are the repository's business
    }
    OrgFolder org;
    org.id = entry.name;
    for (const auto& child : entries(source, org.id)) {
      const std::string rel = join_path(org.id, child.name);
      if (is_hidden(child.name) || !check_entry(org.id, child, diagnostics)) continue;
      if (child.type == DirEntry::Type::Dir) {
        auto section = std::find_if(kAllSections.begin(), kAllSections.end(), [&](Section s) { return child.name == section_id(s); });
        if (section != kAllSections.end()) {
          scan_section(source, rel, child.name, org.markdown[index_of(*section)], diagnostics);
        } else if (child.name != "files") {
          std::string hint = nearest(child.name, kOrgFolders);
          diagnostics.warning(rel, {}, "неизвестная папка, её файлы не публикуются; " +
                                           (hint.empty() ? "известные папки: " + join(kOrgFolders, ", ")
                                                         : "возможно, имелась в виду " + guillemets(hint)));
        }
        continue;
      }
      // A known file under another spelling (Org.yaml, mentors.yml) would be left unread.
      std::string known = child.name;
      std::transform(known.begin(), known.end(), known.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (known.size() > 4 && known.compare(known.size() - 4, 4, ".yml") == 0) known.insert(known.size() - 2, "a");
      if (child.name == "org.yaml") org.has_org_yaml = true;
      else if (child.name == "_index.md") org.has_index = true;
      else if (child.name == "mentors.yaml") org.has_mentors = true;
      else if (child.name == "indicators.yaml") org.has_indicators = true;
      else if (child.name == "roadmap.yaml") org.has_roadmap = true;
      else if (std::find(kOrgFiles.begin(), kOrgFiles.end(), known) != kOrgFiles.end() && child.type == DirEntry::Type::File) {
        diagnostics.error(rel, {}, "файл не читается под этим именем, переименуйте его в " + guillemets(known));
      } else {
        std::string hint = nearest(child.name, kOrgFiles);
        diagnostics.warning(rel, {}, "неизвестный файл, он не публикуется; " +
                                         (hint.empty() ? "известные файлы: " + join(kOrgFiles, ", ")
                                                       : "возможно, имелся в виду " + guillemets(hint)));
      }
    }
    tree.orgs.push_back(std::move(org));
  }
  if (!tree.has_site_yaml) diagnostics.error("site.yaml", {}, "нет файла site.yaml, создайте его с полями title и base_url");
  return tree;
}

}  // namespace nastavnik
