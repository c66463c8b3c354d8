#include "cli/diagnostics_formats.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string_view>
#include <utility>

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

std::string dump(const nlohmann::ordered_json& j) {
  // Messages quote the editors' text; a stray invalid byte must not abort the report.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

int line_of(const Diagnostic& d) { return d.pos.line > 0 ? d.pos.line : 1; }
int column_of(const Diagnostic& d) { return d.pos.column > 0 ? d.pos.column : 1; }

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Removes a trailing '/' and a leading "./" so that "./content/" and "content" give the
// same paths in the report.
std::string clean_folder(std::string folder) {
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  while (folder.rfind("./", 0) == 0 && folder.size() > 2) folder.erase(0, 2);
  return folder;
}

}  // namespace

std::string diagnostic_text(const Diagnostic& d, bool colour) {
  if (!colour) return d.format();
  std::string where = d.path.empty() ? std::string("nastavnik") : d.path;
  if (d.pos.line > 0) where += ':' + std::to_string(d.pos.line) + ':' + std::to_string(column_of(d));
  const bool error = d.severity == Severity::Error;
  return "\x1b[1m" + where + ":\x1b[0m " + (error ? "\x1b[1;31mошибка:\x1b[0m " : "\x1b[1;33mпредупреждение:\x1b[0m ") + d.message;
}

std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) {
    (d.severity == Severity::Error ? errors : warnings)++;
    nlohmann::ordered_json item = {
        {"severity", d.severity == Severity::Error ? "error" : "warning"},
        {"path", d.path},
        {"line", d.pos.line},
        {"column", d.pos.line > 0 ? column_of(d) : 0},
        {"message", d.message},
    };
    list.push_back(std::move(item));
  }
  nlohmann::ordered_json out;
  out["errors"] = errors;
  out["warnings"] = warnings;
  out["diagnostics"] = std::move(list);
  return dump(out);
}

std::string diagnostic_check_name(const Diagnostic& d) {
  const std::string& m = d.message;
  // Ordered: the first match wins. Messages are the generator's own Russian texts.
  static const std::pair<std::string_view, std::string_view> kinds[] = {
      {"электронн", "signature"},
      {"скан без текстового слоя", "document-text"},
      {"не удалось прочитать — вероятно", "document-text"},
      {"в тексте файла", "privacy"},
      {"разметка HTML", "markup"},
      {"небезопасным адресом", "markup"},
      {"не распознана и попала бы на страницу", "markup"},
      {"это не фотография", "photo"},
      {"не удалось прочитать: файл повреждён", "photo"},
      {"Мп), допустимо", "photo"},
      {"не удалось обработать за", "photo"},
      {"пустой (0 байт)", "attachment"},
      {"— на самом деле", "attachment"},
      {"не удалось распознать", "attachment"},
      {"защищён паролем", "attachment"},
      {"не используется: на него нет ссылки", "layout"},
      {"не читается под этим именем", "layout"},
      {"синтаксиса YAML", "yaml-syntax"},
      {"ошибка в YAML", "yaml-syntax"},
      {"---", "front-matter"},
      {"нет обязательного поля", "required-field"},
      {"пустое, впишите", "required-field"},
      {"неизвестное поле", "unknown-field"},
      {"указано дважды", "duplicate-field"},
      {"согласи", "privacy"},
      {"несовершеннолетн", "privacy"},
      {"не найден", "missing-file"},
      {"формат файла", "attachment"},
      {"должен лежать в папке files", "attachment"},
      {"слишком большой", "file-size"},
      {"UTF-8", "encoding"},
      {"управляющий символ", "encoding"},
      {"неизвестная папка", "layout"},
      {"неизвестный файл", "layout"},
      {"не публикуется", "layout"},
      {"папки организации", "layout"},
      {"адрес страницы", "slug"},
      {"числител", "indicator"},
      {"знаменател", "indicator"},
      {"в списке years", "indicator"},
      {"показатель с кодом", "indicator"},
      {"отрицательное значение", "indicator"},
      {"целевое значение", "indicator"},
      {"SOURCE_DATE_EPOCH", "environment"},
      {"ГГГГ-ММ-ДД", "date"},
      {"дата", "date"},
      {"недопустимое значение", "value"},
      {"принимает только", "value"},
      {"должно быть", "value"},
      {"должен быть", "value"},
  };
  for (const auto& [part, name] : kinds) {
    if (contains(m, part)) return "nastavnik/" + std::string(name);
  }
  return d.severity == Severity::Error ? "nastavnik/content-error" : "nastavnik/content-warning";
}

std::string stable_hash_hex(const std::string& text) {
  // Two 64-bit FNV-1a lanes with different offset bases; deterministic across platforms.
  uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
  for (unsigned char c : text) {
    a = (a ^ c) * 0x100000001b3ULL;
    b = (b ^ static_cast<unsigned char>(c + 0x5b)) * 0x100000001b3ULL;
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (uint64_t lane : {a, b}) {
    for (int shift = 60; shift >= 0; shift -= 4) out += hex[(lane >> shift) & 0xF];
  }
  return out;
}

std::string repository_path(const std::string& content_folder, const std::string& path) {
  const std::string folder = clean_folder(content_folder.empty() ? std::string("content") : content_folder);
  if (path.empty()) return folder;
  fs::path p(path);
  if (p.is_absolute()) return path;
  std::error_code ec;
  const bool in_content = fs::exists(fs::path(folder) / p, ec);
  if (!in_content && fs::exists(p, ec)) return path;
  if (folder == ".") return path;
  return folder + "/" + path;
}

std::string diagnostics_codeclimate(const std::vector<Diagnostic>& diagnostics, const std::string& content_folder) {
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  std::map<std::string, int> seen;  // identical problems in one file: told apart by order
  for (const auto& d : diagnostics) {
    const std::string path = repository_path(content_folder, d.path);
    const std::string check = diagnostic_check_name(d);
    const std::string severity = d.severity == Severity::Error ? "major" : "minor";
    std::string key = check + '\n' + path + '\n' + severity + '\n' + d.message;
    int occurrence = seen[key]++;
    const std::string& description = d.message;
    nlohmann::ordered_json issue = {
        {"type", "issue"},
        {"engine_name", "nastavnik"},
        {"check_name", check},
        {"description", description},
        {"categories", nlohmann::ordered_json::array({d.severity == Severity::Error ? "Bug Risk" : "Style"})},
        {"severity", severity},
        {"fingerprint", stable_hash_hex(key + '\n' + std::to_string(occurrence))},
        {"location", {{"path", path}, {"lines", {{"begin", line_of(d)}}}}},
    };
    issues.push_back(std::move(issue));
  }
  return dump(issues);
}

}  // namespace nastavnik
