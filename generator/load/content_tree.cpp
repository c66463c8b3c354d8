#include "load/content_tree.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

#include "core/strings.h"
#include "load/front_matter.h"
#include "text/slug.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

const std::vector<std::string> kOrgFiles = {"org.yaml", "_index.md", "mentors.yaml", "indicators.yaml", "roadmap.yaml"};
const std::vector<std::string> kOrgFolders = {"news", "documents", "orders", "stories", "practices", "pages", "files"};

bool is_hidden(const std::string& name) { return !name.empty() && name[0] == '.'; }

// File names reach URLs and shell commands of editors: refuse control characters outright.
bool has_control_characters(const std::string& name) {
  return std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

std::vector<fs::directory_entry> sorted_entries(const fs::path& dir) {
  std::vector<fs::directory_entry> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) out.push_back(*it);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  return out;
}

std::string relative_name(const fs::path& root, const fs::path& p) { return p.lexically_relative(root).generic_string(); }

// Reports an entry that cannot be read safely; returns false when the entry must be skipped.
bool check_entry(const fs::path& root, const fs::directory_entry& entry, Diagnostics& diagnostics) {
  std::string name = entry.path().filename().string();
  std::string rel = relative_name(root, entry.path());
  if (has_control_characters(name) || !is_valid_utf8(name)) {
    diagnostics.error(relative_name(root, entry.path().parent_path()), {},
                      "имя файла или папки содержит управляющие символы или неверную кодировку, переименуйте его, используя буквы, цифры и дефис");
    return false;
  }
  std::error_code ec;
  if (entry.is_symlink(ec)) {
    fs::path target = fs::weakly_canonical(entry.path(), ec);
    if (ec || !is_inside(root, target)) {
      diagnostics.error(rel, {}, "символическая ссылка ведёт за пределы папки с содержимым, замените её копией файла");
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_inside(const fs::path& root, const fs::path& path) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty()) continue;
    if (p == path.end() || *r != *p) return false;
  }
  return true;
}

ContentTree scan_content(const fs::path& root_in, Diagnostics& diagnostics) {
  ContentTree tree;
  std::error_code ec;
  if (!fs::is_directory(root_in, ec)) {
    diagnostics.error(root_in.string(), {}, "папка с содержимым не найдена, укажите её в --content или создайте папку content с файлом site.yaml");
    return tree;
  }
  tree.root = fs::canonical(root_in, ec);
  tree.has_site_yaml = fs::is_regular_file(tree.root / "site.yaml", ec);
  if (!tree.has_site_yaml) {
    diagnostics.error("site.yaml", {}, "нет файла site.yaml, создайте его с полями title и base_url");
  }
  for (const auto& entry : sorted_entries(tree.root)) {
    std::string name = entry.path().filename().string();
    if (is_hidden(name) || !check_entry(tree.root, entry, diagnostics)) continue;
    if (!entry.is_directory(ec)) {
      if (name == "site.yml") diagnostics.warning(name, {}, "файл называется site.yml, переименуйте его в site.yaml");
      continue;  // README.md and the like are the repository's business
    }
    static const std::vector<std::string> reserved = {"news", "orgs", "practices", "assets", "monitoring", "accessibility", "page", "files"};
    if (std::find(reserved.begin(), reserved.end(), name) != reserved.end()) {
      diagnostics.error(name, {}, "папку организации нельзя называть " + guillemets(name) +
                                      ": такой адрес занят разделом портала; переименуйте папку, например в " + guillemets(name + "-org"));
      continue;
    }
    if (!is_slug(name)) {
      std::string fix = slugify(name);
      diagnostics.error(name, {}, "имя папки организации " + guillemets(name) + " станет адресом страницы, в нём допустимы только строчные латинские буквы, цифры и дефис; переименуйте папку" +
                                      (fix.empty() ? std::string() : ", например в " + guillemets(fix)));
      continue;
    }
    OrgFolder org;
    org.id = name;
    org.dir = entry.path();
    for (const auto& child : sorted_entries(org.dir)) {
      std::string child_name = child.path().filename().string();
      std::string child_rel = relative_name(tree.root, child.path());
      if (is_hidden(child_name) || !check_entry(tree.root, child, diagnostics)) continue;
      if (child.is_directory(ec)) {
        auto section = std::find_if(kAllSections.begin(), kAllSections.end(),
                                    [&](Section s) { return child_name == section_id(s); });
        if (section == kAllSections.end()) {
          if (child_name != "files") {
            std::string hint = nearest(child_name, kOrgFolders);
            diagnostics.warning(child_rel, {}, "неизвестная папка, её файлы не публикуются; " +
                                                   (hint.empty() ? "известные папки: " + join(kOrgFolders, ", ")
                                                                 : "возможно, имелась в виду " + guillemets(hint)));
          }
          continue;
        }
        auto& list = org.markdown[static_cast<size_t>(*section)];
        for (const auto& file : sorted_entries(child.path())) {
          std::string file_name = file.path().filename().string();
          std::string file_rel = relative_name(tree.root, file.path());
          if (is_hidden(file_name) || !check_entry(tree.root, file, diagnostics)) continue;
          if (file.is_directory(ec)) {
            diagnostics.warning(file_rel, {}, "вложенные папки в " + guillemets(child_name) + " не поддерживаются, перенесите файлы на уровень выше");
          } else if (file.path().extension() == ".md") {
            list.push_back(file_rel);
          } else if (file.path().extension() == ".markdown" || file.path().extension() == ".MD") {
            diagnostics.warning(file_rel, {}, "файл не публикуется, переименуйте его так, чтобы имя оканчивалось на .md");
          } else {
            diagnostics.warning(file_rel, {}, "в папке " + guillemets(child_name) + " публикуются только файлы .md, перенесите вложения в папку files/");
          }
        }
        continue;
      }
      if (child_name == "org.yaml") org.has_org_yaml = true;
      else if (child_name == "_index.md") org.has_index = true;
      else if (child_name == "mentors.yaml") org.has_mentors = true;
      else if (child_name == "indicators.yaml") org.has_indicators = true;
      else if (child_name == "roadmap.yaml") org.has_roadmap = true;
      else if (std::find(kOrgFiles.begin(), kOrgFiles.end(), child_name) == kOrgFiles.end()) {
        std::string hint = nearest(child_name, kOrgFiles);
        diagnostics.warning(child_rel, {}, "неизвестный файл, он не публикуется; " +
                                               (hint.empty() ? "известные файлы: " + join(kOrgFiles, ", ")
                                                             : "возможно, имелся в виду " + guillemets(hint)));
      }
    }
    if (!org.has_org_yaml) {
      diagnostics.error(org.id + "/org.yaml", {}, "нет карточки организации org.yaml, создайте её с полями name, short_name и kind");
    }
    tree.orgs.push_back(std::move(org));
  }
  return tree;
}

std::optional<SourceFile> read_source(const fs::path& root, const std::string& relative, Diagnostics& diagnostics) {
  fs::path path = root / relative;
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) {
    diagnostics.error(relative, {}, "не удалось прочитать файл, проверьте, что он существует и доступен для чтения");
    return std::nullopt;
  }
  if (size > kMaxTextFileBytes) {
    diagnostics.error(relative, {}, "файл слишком большой (" + human_size(size) + ", допустимо не более " + human_size(kMaxTextFileBytes) +
                                        "), разделите его или вынесите полный текст в файл PDF в папке files/");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    diagnostics.error(relative, {}, "не удалось прочитать файл, проверьте права доступа");
    return std::nullopt;
  }
  // The file may have grown between the size check and the read.
  if (bytes.size() > kMaxTextFileBytes) {
    diagnostics.error(relative, {}, "файл слишком большой (" + human_size(bytes.size()) + ", допустимо не более " + human_size(kMaxTextFileBytes) +
                                        "), разделите его или вынесите полный текст в файл PDF в папке files/");
    return std::nullopt;
  }
  return decode_source(relative, std::move(bytes), diagnostics);
}

std::optional<std::pair<size_t, char32_t>> find_forbidden_character(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20) {
      if (c == '\t' || c == '\n' || c == '\r') continue;
      return std::make_pair(i, static_cast<char32_t>(c));
    }
    if (c == 0x7F) return std::make_pair(i, U'\x7F');
    // C1 controls: U+0080..U+009F are C2 80..C2 9F. They come from text decoded in the
    // wrong code page (Windows-1251 read as Latin-1).
    if (c == 0xC2 && i + 1 < s.size()) {
      unsigned char n = static_cast<unsigned char>(s[i + 1]);
      if (n >= 0x80 && n <= 0x9F) return std::make_pair(i, static_cast<char32_t>(n));
    }
    // Invisible format characters that change what a reader sees or what a check reads:
    // U+200B (a zero-width space splits a name the privacy check looks for), U+2028 and
    // U+2029 (line breaks nobody sees), U+202A–U+202E and U+2066–U+2069 (bidirectional
    // overrides: «№ 45» can be shown as another number), U+FEFF past the start of the file.
    // ZWJ and ZWNJ stay allowed: emoji such as 👨‍🏫 are built with them.
    if (c == 0xE2 && i + 2 < s.size()) {
      unsigned char b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
      char32_t cp = 0x2000 + ((b1 & 0x3F) << 6) + (b2 & 0x3F);
      if (cp == 0x200B || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
        return std::make_pair(i, cp);
      }
    }
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB && static_cast<unsigned char>(s[i + 2]) == 0xBF) {
      return std::make_pair(i, U'\uFEFF');
    }
    // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not characters, and XML refuses them.
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
      return std::make_pair(i, static_cast<unsigned char>(s[i + 2]) == 0xBE ? U'\uFFFE' : U'\uFFFF');
    }
  }
  return std::nullopt;
}

std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

std::optional<SourceFile> decode_source(const std::string& relative, std::string bytes, Diagnostics& diagnostics) {
  size_t nul = bytes.find('\0');
  size_t bad = 0;
  if (nul != std::string::npos) {
    SourceFile prefix(relative, bytes.substr(0, nul));
    diagnostics.error(relative, prefix.position_of(nul), "в файле есть нулевой байт, это не текстовый файл; сохраните его как текст в кодировке UTF-8");
    return std::nullopt;
  }
  if (!is_valid_utf8(bytes, &bad)) {
    SourceFile prefix(relative, bytes.substr(0, bad));
    diagnostics.error(relative, prefix.position_of(bad), "текст не в кодировке UTF-8, сохраните файл в UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)");
    return std::nullopt;
  }
  SourceFile source(relative, normalise_text(std::move(bytes)));
  const std::string& text = source.text();
  if (auto forbidden = find_forbidden_character(text)) {
    diagnostics.error(relative, source.position_of(forbidden->first),
                      "в тексте невидимый управляющий символ " + code_point_name(forbidden->second) +
                          " (часто попадает при копировании из Word или PDF), удалите его: перенаберите это место или замените символ пробелом");
    return std::nullopt;
  }
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start > kMaxLineBytes) {
      diagnostics.error(relative, source.position_of(start),
                        "строка слишком длинная (" + human_size(end - start) + ", допустимо не более " + human_size(kMaxLineBytes) +
                            "), разбейте её на абзацы или вынесите полный текст в файл PDF в папке files/");
      return std::nullopt;
    }
    start = end + 1;
  }
  return source;
}

}  // namespace nastavnik
