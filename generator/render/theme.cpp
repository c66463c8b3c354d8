#include "render/theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/source_file.h"
#include "read/content_source.h"
#include "read/yaml.h"
#include "text/typography.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

// A partial nested deeper than this is taken for a loop.
constexpr int kMaxPartialDepth = 12;

using Files = std::map<std::string, std::string>;

// Reads every regular file of a theme folder. A theme is copied and edited by hand, so a
// symlink in it may point anywhere on the machine: one that leaves the folder is refused,
// or the file it names would be published under assets/.
void read_folder(const ContentSource& source, const std::string& dir, const std::string& label, Files& files, Diagnostics& diagnostics,
                 bool& ok) {
  auto entries = source.list(dir);
  if (!entries) return;
  for (const auto& e : *entries) {
    std::string rel = dir.empty() ? e.name : dir + "/" + e.name;
    if (e.symlink && e.outside) {
      diagnostics.error(label + "/" + rel, {}, "символическая ссылка ведёт за пределы папки темы, замените её копией файла");
      ok = false;
      continue;
    }
    if (e.type == DirEntry::Type::Dir) {
      read_folder(source, rel, label, files, diagnostics, ok);
    } else if (e.type == DirEntry::Type::File) {
      std::string bytes;
      if (source.read(rel, 64 * 1024 * 1024, bytes) == ReadStatus::Ok) files.emplace(rel, std::move(bytes));
    }
  }
}

Files read_theme_files(const fs::path& dir, const std::string& label, Diagnostics& diagnostics, bool& ok) {
  Files files;
  if (dir.empty()) {
    for (const auto& f : embedded_theme()) files.emplace(std::string(f.path), std::string(f.bytes));
    return files;
  }
  if (auto source = DiskSource::open(dir)) read_folder(*source, "", label, files, diagnostics, ok);
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

Data to_data(const YamlNode& node) {
  if (node.is_map()) {
    Data d(Data::type::object);
    for (const auto& [k, v] : node.entries) d.set(k.scalar, to_data(v));
    return d;
  }
  if (node.is_sequence()) {
    Data d(Data::type::list);
    for (const auto& item : node.items) d.push_back(to_data(item));
    return d;
  }
  if (node.is_scalar()) {
    // An empty value is false, so that {{#theme.logo.image}} leaves out an unset logo.
    if (node.scalar == "true") return Data(true);
    if (node.scalar == "false" || node.scalar.empty()) return Data(false);
    return Data(node.scalar);
  }
  return Data(false);
}

YamlNode* find_mut(YamlNode& map, std::string_view key) {
  for (auto& [k, v] : map.entries) {
    if (k.scalar == key) return &v;
  }
  return nullptr;
}

// The theme's settings over the default theme's: a school's theme.yaml may set only the
// keys it changes. Maps merge key by key; any other value replaces the default.
void merge_into(YamlNode& base, const YamlNode& over) {
  if (!base.is_map() || !over.is_map()) {
    base = over;
    return;
  }
  for (const auto& [k, v] : over.entries) {
    if (YamlNode* existing = find_mut(base, k.scalar)) merge_into(*existing, v);
    else base.entries.emplace_back(k, v);
  }
}

// Texts of the theme get the same typography as content: «ёлочки», dashes, nbsp.
void typograph_texts(YamlNode& settings) {
  if (YamlNode* texts = find_mut(settings, "texts"); texts && texts->is_map()) {
    for (auto& [k, v] : texts->entries) {
      if (v.is_scalar()) v.scalar = typograph(v.scalar);
    }
  }
  if (YamlNode* logo = find_mut(settings, "logo"); logo && logo->is_map()) {
    if (YamlNode* text = find_mut(*logo, "text"); text && text->is_scalar()) text->scalar = typograph(text->scalar);
  }
}

struct Rgb {
  double r, g, b;
};

// "#1a1a1a" or "#fff"; anything else (names, rgb()) is refused, so that a value can go into
// the page's <style> as it is.
std::optional<Rgb> parse_hex_colour(const std::string& s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (s.empty() || s[0] != '#' || (s.size() != 7 && s.size() != 4)) return std::nullopt;
  int v[6];
  for (size_t i = 1; i < s.size(); ++i) {
    if ((v[i - 1] = hex(s[i])) < 0) return std::nullopt;
  }
  if (s.size() == 4) return Rgb{v[0] * 17.0, v[1] * 17.0, v[2] * 17.0};
  return Rgb{v[0] * 16.0 + v[1], v[2] * 16.0 + v[3], v[4] * 16.0 + v[5]};
}

// WCAG 2.1 relative luminance and contrast ratio.
double luminance(const Rgb& c) {
  auto channel = [](double v) {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast(const Rgb& a, const Rgb& b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool is_key_name(const std::string& key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// theme.yaml `colors:` → ":root{--c-text:#1a1a1a;…}" for the layout's inline <style>; bad
// values are errors, pairs of text and background below 4.5:1 are warnings.
std::string colours_to_style(const YamlNode* colors, const std::string& path, Diagnostics& diagnostics) {
  if (!colors || colors->is_null()) return {};
  if (!colors->is_map()) {
    diagnostics.error(path, {}, "colors должен быть списком «название: \"#rrggbb\"», как в теме по умолчанию");
    return {};
  }
  std::string style = ":root{";
  std::map<std::string, Rgb> parsed;
  for (const auto& [k, v] : colors->entries) {
    const std::string key = k.scalar;
    const std::string value = v.is_scalar() ? v.scalar : std::string();
    auto rgb = parse_hex_colour(value);
    if (!is_key_name(key) || !rgb) {
      diagnostics.error(path, {}, "цвет colors." + key + " = «" + value +
                                      "» не понят: укажите его как \"#rrggbb\" (например, \"#0b5394\"), а название — латинскими буквами");
      continue;
    }
    parsed[key] = *rgb;
    std::string name = key;
    std::replace(name.begin(), name.end(), '_', '-');
    style += "--c-" + name + ":" + value + ";";
  }
  style += "}";
  struct Pair {
    const char* fg;
    const char* bg;
  };
  static const Pair pairs[] = {{"text", "background"}, {"accent", "background"}, {"muted", "background"}, {"header_text", "header"},
                               {"text", "bar"},        {"accent", "bar"},        {"text", "surface"},    {"muted", "surface"},
                               {"accent", "surface"}};
  for (const auto& [fg, bg] : pairs) {
    auto f = parsed.find(fg), b = parsed.find(bg);
    if (f == parsed.end() || b == parsed.end()) continue;
    double ratio = contrast(f->second, b->second);
    if (ratio < 4.5) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%.1f", ratio);
      std::string text = buf;
      std::replace(text.begin(), text.end(), '.', ',');
      diagnostics.warning(path, {}, std::string("цвета ") + fg + " и " + bg + " дают контраст " + text +
                                        ":1, а WCAG 2.1 AA требует для текста не меньше 4,5:1; сделайте текст темнее или фон светлее");
    }
  }
  return style;
}

}  // namespace

const std::vector<std::string>& Theme::page_kinds() {
  static const std::vector<std::string> kinds = {"home",       "orgs",    "org",        "list",          "entry", "mentors",
                                                  "indicators", "roadmap", "monitoring", "accessibility", "404",
                                                  "search"};
  return kinds;
}

namespace {
// Page kinds added to the default theme after schools began to copy it: a theme without
// their template borrows the default theme's, inside its own layout.
bool borrowed_when_missing(const std::string& kind) { return kind == "accessibility" || kind == "search"; }
}  // namespace

std::optional<Theme> Theme::load(const fs::path& dir, Diagnostics& diagnostics) {
  Theme theme;
  theme.label_ = dir.empty() ? std::string("themes/default (встроенная)") : dir.string();
  std::error_code ec;
  if (!dir.empty() && !fs::is_directory(dir, ec)) {
    diagnostics.error(dir.string(), {}, "папка темы не найдена, проверьте путь в --theme");
    return std::nullopt;
  }
  bool ok = true;
  Files files = read_theme_files(dir, theme.label_, diagnostics, ok);
  if (!dir.empty()) {
    for (const auto& kind : page_kinds()) {
      std::string path = "templates/" + kind + ".mustache";
      if (!borrowed_when_missing(kind) || files.count(path)) continue;
      for (const auto& f : embedded_theme()) {
        if (f.path == path) files.emplace(path, std::string(f.bytes));
      }
    }
  }
  auto layout = files.find("templates/layout.mustache");
  if (layout == files.end()) {
    diagnostics.error(theme.label_ + "/templates/layout.mustache", {}, "в теме нет базового шаблона layout.mustache, скопируйте его из темы по умолчанию");
    return std::nullopt;
  }
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
    std::string error;
    auto compiled = Template::compile(text, error);
    if (!compiled) {
      diagnostics.error(theme.label_ + "/" + path, {}, "ошибка в шаблоне: " + error + "; проверьте парность {{#…}} и {{/…}}");
      ok = false;
      continue;
    }
    theme.templates_.emplace(kind, std::move(*compiled));
  }
  for (const auto& [path, bytes] : files) {
    if (path.rfind("static/", 0) == 0) theme.assets_[path.substr(7)] = bytes;
    else if (path.find('/') == std::string::npos) theme.data_files_[path] = bytes;
  }
  theme.settings_ = Data(Data::type::object);
  // Settings: the default theme's theme.yaml, then this theme's over it. The default's is
  // compiled in and tested; if it ever stops parsing, that is reported like any other.
  YamlNode settings;
  for (const auto& f : embedded_theme()) {
    if (f.path != "theme.yaml") continue;
    YamlError error;
    if (auto doc = parse_yaml(f.bytes, error)) {
      settings = std::move(*doc);
    } else {
      diagnostics.error("themes/default/theme.yaml", {error.line, error.column}, error.message);
      ok = false;
    }
  }
  if (auto own = files.find("theme.yaml"); own != files.end() && !dir.empty()) {
    YamlError error;
    auto doc = parse_yaml(own->second, error);
    if (!doc) {
      diagnostics.error(theme.label_ + "/theme.yaml", {error.line, error.column}, error.message);
      ok = false;
    } else if (doc->is_map()) {
      merge_into(settings, *doc);
    } else if (!doc->is_null()) {
      diagnostics.error(theme.label_ + "/theme.yaml", {}, "theme.yaml должен быть словарём настроек, как в теме по умолчанию");
      ok = false;
    }
  }
  if (settings.is_map()) {
    typograph_texts(settings);
    Diagnostics colour_diagnostics;
    theme.style_ = colours_to_style(settings.find("colors"), theme.label_ + "/theme.yaml", colour_diagnostics);
    if (colour_diagnostics.has_errors()) ok = false;
    diagnostics.merge(colour_diagnostics);
    const YamlNode* logo = settings.find("logo");
    const YamlNode* image = logo && logo->is_map() ? logo->find("image") : nullptr;
    if (image && image->is_scalar() && !image->scalar.empty()) {
      if (!files.count("static/" + image->scalar) || image->scalar.find("..") != std::string::npos) {
        diagnostics.error(theme.label_ + "/theme.yaml", {},
                          "логотип logo.image: «" + image->scalar + "» не найден в папке static/ темы; положите файл туда или оставьте значение пустым");
        ok = false;
      }
    }
    theme.settings_ = to_data(settings);
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
  std::string out;
  out.reserve(32768);
  templates_.at(kind).render(data, out);
  return out;
}

}  // namespace nastavnik
