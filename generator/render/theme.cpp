#include "render/theme.h"

#include <yaml-cpp/yaml.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <memory>

#include "core/source_file.h"
#include "load/yaml_reader.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

// A partial nested deeper than this is taken for a loop.
constexpr int kMaxPartialDepth = 12;

using Files = std::map<std::string, std::string>;

Files read_theme_files(const fs::path& dir) {
  Files files;
  if (dir.empty()) {
    for (const auto& f : embedded_theme()) files.emplace(std::string(f.path), std::string(f.bytes));
    return files;
  }
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    files.emplace(it->path().lexically_relative(dir).generic_string(),
                  std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  }
  return files;
}

class Inliner {
 public:
  Inliner(const Files& files, const std::string& label, Diagnostics& diagnostics)
      : files_(files), label_(label), diagnostics_(diagnostics) {}

  /// Replaces every {{> name}} in templates/`name`.mustache with the partial's text.
  bool expand(const std::string& path, const std::string& text, const std::string& content_kind, int depth, std::string& out) {
    if (depth > kMaxPartialDepth) {
      diagnostics_.error(label_ + "/" + path, {}, "партиалы вложены глубже " + std::to_string(kMaxPartialDepth) +
                                                     " уровней — вероятно, партиал включает сам себя; уберите зацикливание");
      return false;
    }
    size_t i = 0;
    while (i < text.size()) {
      size_t open = text.find("{{>", i);
      if (open == std::string::npos) {
        out.append(text, i, std::string::npos);
        break;
      }
      out.append(text, i, open - i);
      size_t close = text.find("}}", open);
      if (close == std::string::npos) {
        diagnostics_.error(label_ + "/" + path, SourceFile(path, text).position_of(open), "не закрыт тег {{> …}}, добавьте }}");
        return false;
      }
      std::string name = text.substr(open + 3, close - open - 3);
      name.erase(0, name.find_first_not_of(' '));
      name.erase(name.find_last_not_of(' ') + 1);
      std::string partial_path = name == "content" ? "templates/" + content_kind + ".mustache" : "templates/partials/" + name + ".mustache";
      auto it = files_.find(partial_path);
      if (it == files_.end()) {
        diagnostics_.error(label_ + "/" + path, SourceFile(path, text).position_of(open),
                           "шаблон ссылается на несуществующий партиал «" + name + "», создайте файл " + partial_path);
        return false;
      }
      if (!expand(partial_path, it->second, content_kind, depth + 1, out)) return false;
      i = close + 2;
    }
    return true;
  }

 private:
  const Files& files_;
  const std::string& label_;
  Diagnostics& diagnostics_;
};

Data to_data(const YAML::Node& node) {
  if (node.IsMap()) {
    Data d(Data::type::object);
    for (const auto& kv : node) d.set(kv.first.Scalar(), to_data(kv.second));
    return d;
  }
  if (node.IsSequence()) {
    Data d(Data::type::list);
    for (const auto& item : node) d.push_back(to_data(item));
    return d;
  }
  if (node.IsScalar()) {
    if (node.Scalar() == "true") return Data(true);
    if (node.Scalar() == "false") return Data(false);
    return Data(node.Scalar());
  }
  return Data(false);
}

std::atomic<size_t> next_theme_id{1};

}  // namespace

const std::vector<std::string>& Theme::page_kinds() {
  static const std::vector<std::string> kinds = {"home", "orgs", "org", "list", "entry", "mentors", "indicators", "roadmap", "monitoring", "404"};
  return kinds;
}

std::optional<Theme> Theme::load(const fs::path& dir, Diagnostics& diagnostics) {
  Theme theme;
  theme.label_ = dir.empty() ? std::string("themes/default (встроенная)") : dir.string();
  theme.id_ = next_theme_id++;
  std::error_code ec;
  if (!dir.empty() && !fs::is_directory(dir, ec)) {
    diagnostics.error(dir.string(), {}, "папка темы не найдена, проверьте путь в --theme");
    return std::nullopt;
  }
  Files files = read_theme_files(dir);
  auto layout = files.find("templates/layout.mustache");
  if (layout == files.end()) {
    diagnostics.error(theme.label_ + "/templates/layout.mustache", {}, "в теме нет базового шаблона layout.mustache, скопируйте его из темы по умолчанию");
    return std::nullopt;
  }
  bool ok = true;
  Inliner inliner(files, theme.label_, diagnostics);
  for (const auto& kind : page_kinds()) {
    std::string path = "templates/" + kind + ".mustache";
    if (!files.count(path)) {
      diagnostics.error(theme.label_ + "/" + path, {}, "в теме нет шаблона страницы «" + kind + "», скопируйте его из темы по умолчанию");
      ok = false;
      continue;
    }
    std::string text;
    if (!inliner.expand(layout->first, layout->second, kind, 0, text)) {
      ok = false;
      continue;
    }
    kainjow::mustache::mustache compiled(text);
    if (!compiled.is_valid()) {
      diagnostics.error(theme.label_ + "/" + path, {}, "ошибка в шаблоне: " + compiled.error_message() + "; проверьте парность {{#…}} и {{/…}}");
      ok = false;
      continue;
    }
    theme.sources_[kind] = std::move(text);
  }
  for (const auto& [path, bytes] : files) {
    if (path.rfind("static/", 0) == 0) theme.assets_[path.substr(7)] = bytes;
    else if (path.find('/') == std::string::npos) theme.data_files_[path] = bytes;
  }
  theme.settings_ = Data(Data::type::object);
  if (auto settings = files.find("theme.yaml"); settings != files.end()) {
    SourceFile source("theme.yaml", settings->second);
    Diagnostics theme_diagnostics;
    YamlContext ctx(source, 0, theme_diagnostics);
    if (auto doc = parse_yaml(settings->second, ctx); doc && doc->IsMap()) {
      theme.settings_ = to_data(*doc);
    } else {
      for (auto d : theme_diagnostics.sorted()) {
        d.path = theme.label_ + "/theme.yaml";
        diagnostics.add(d);
      }
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return theme;
}

std::string Theme::data_file(const std::string& path) const {
  if (auto it = data_files_.find(path); it != data_files_.end()) return it->second;
  for (const auto& f : embedded_theme()) {
    if (f.path == path) return std::string(f.bytes);
  }
  return {};
}

std::string Theme::render(const std::string& kind, const Data& data) const {
  // kainjow's renderer keeps state while rendering: every thread gets its own copies.
  thread_local std::map<std::pair<size_t, std::string>, std::unique_ptr<kainjow::mustache::mustache>> compiled;
  auto key = std::make_pair(id_, kind);
  auto it = compiled.find(key);
  if (it == compiled.end()) {
    it = compiled.emplace(key, std::make_unique<kainjow::mustache::mustache>(sources_.at(kind))).first;
  }
  std::string out;
  out.reserve(16384);
  it->second->render(data, [&out](const std::string& s) { out += s; });
  return out;
}

}  // namespace nastavnik
