#pragma once
// Shared pieces of the libFuzzer targets: checks that abort (so libFuzzer keeps the input),
// temporary folders on tmpfs, and checks of what the generator writes.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"
#include "load/content_tree.h"
#include "render/theme.h"

namespace fuzz {

namespace fs = std::filesystem;

/// Thrown instead of aborting when the targets are replayed by the unit tests
/// (tests/unit/fuzz_*_regression_test.cpp define NASTAVNIK_FUZZ_REPLAY).
struct CheckFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

[[noreturn]] inline void fail(const char* file, int line, const char* what, const std::string& detail) {
  std::string message = std::string(file) + ":" + std::to_string(line) + ": FUZZ CHECK FAILED: " + what + "\n" + detail.substr(0, 4000);
#ifdef NASTAVNIK_FUZZ_REPLAY
  throw CheckFailed(message);
#else
  std::fprintf(stderr, "%s\n", message.c_str());
  std::abort();
#endif
}

/// Unlike assert(), active in every build type.
#define FUZZ_CHECK(cond, detail)                                             \
  do {                                                                       \
    if (!(cond)) ::fuzz::fail(__FILE__, __LINE__, #cond, std::string(detail)); \
  } while (0)

/// A fresh folder removed at the end of the run. On /dev/shm when there is one: every
/// build syncs the file system it writes to, which should cost nothing here.
class TempDir {
 public:
  TempDir() {
    std::string base = "/tmp";
    if (const char* t = std::getenv("NASTAVNIK_FUZZ_TMP")) base = t;
    else if (fs::is_directory("/dev/shm")) base = "/dev/shm";
    std::string pattern = base + "/nastavnik-fuzz-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline void write_file(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// Invalid UTF-8 bytes become '?', so that mutations keep exercising the code behind the
/// UTF-8 check instead of stopping at it.
inline std::string utf8_lossy(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t bad = 0;
    std::string_view rest = s.substr(i);
    if (nastavnik::is_valid_utf8(rest, &bad)) {
      out.append(rest);
      break;
    }
    out.append(rest.substr(0, bad));
    out += '?';
    i += bad + 1;
    // Skip continuation bytes of the broken sequence.
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return out;
}

/// Text as the loader lets it through to the Markdown renderer: valid UTF-8 with each
/// character it refuses (control characters but tab and line ends, U+FFFE, U+FFFF: see
/// find_forbidden_character) replaced by a space.
inline std::string as_loaded_text(std::string_view s) {
  std::string text = utf8_lossy(s);
  for (auto& c : text) {
    if (c == '\r') c = '\n';  // the loader normalises line ends
  }
  size_t from = 0;
  while (auto bad = nastavnik::find_forbidden_character(std::string_view(text).substr(from))) {
    size_t at = from + bad->first;
    size_t len = 1;
    while (at + len < text.size() && nastavnik::is_utf8_continuation(text[at + len])) ++len;
    text.replace(at, len, " ");
    from = at + 1;
  }
  return text;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// Decodes the few entities an attribute value can use to hide a scheme, then drops what a
/// browser ignores in a URL scheme (spaces, control characters).
inline std::string url_scheme_view(std::string_view value) {
  std::string decoded;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '&') {
      size_t semi = value.find(';', i);
      if (semi != std::string_view::npos && semi - i < 12) {
        std::string entity(value.substr(i + 1, semi - i - 1));
        char c = 0;
        if (entity == "amp") c = '&';
        else if (entity == "colon") c = ':';
        else if (entity == "quot") c = '"';
        else if (entity == "lt") c = '<';
        else if (entity == "gt") c = '>';
        else if (!entity.empty() && entity[0] == '#') {
          long v = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X') ? std::strtol(entity.c_str() + 2, nullptr, 16)
                                                                               : std::strtol(entity.c_str() + 1, nullptr, 10);
          c = v > 0 && v < 128 ? static_cast<char>(v) : '?';
        }
        if (c) {
          decoded += c;
          i = semi;
          continue;
        }
      }
    }
    decoded += value[i];
  }
  std::string out;
  for (char c : decoded) {
    if (static_cast<unsigned char>(c) > 0x20) out += c;
  }
  return lower_ascii(out);
}

inline bool dangerous_url(std::string_view value) {
  std::string v = url_scheme_view(value);
  for (const char* scheme : {"javascript:", "vbscript:", "file:", "data:"}) {
    if (v.rfind(scheme, 0) == 0) {
      if (std::string_view(scheme) == "data:" &&
          (v.rfind("data:image/png", 0) == 0 || v.rfind("data:image/gif", 0) == 0 || v.rfind("data:image/jpeg", 0) == 0 ||
           v.rfind("data:image/webp", 0) == 0)) {
        return false;
      }
      return true;
    }
  }
  return false;
}

struct Tag {
  std::string name;  ///< lower case; "!--" for a comment, "/p" for an end tag
  std::vector<std::pair<std::string, std::string>> attributes;
  size_t offset = 0;
  size_t end = 0;  ///< just after the closing '>'
};

/// A small HTML tokenizer: enough to list the tags and attributes a renderer produced, so
/// that a check can refuse anything it did not expect. Reports malformed markup through
/// `error` (an unquoted or unterminated attribute, a '<' that starts nothing).
inline std::vector<Tag> scan_tags(std::string_view html, std::string* error) {
  std::vector<Tag> tags;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    Tag tag;
    tag.offset = i;
    if (html.substr(i, 4) == "<!--") {
      size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) {
        if (error) *error = "unterminated comment";
        return tags;
      }
      tag.name = "!--";
      tags.push_back(tag);
      i = end + 3;
      continue;
    }
    size_t j = i + 1;
    if (j < html.size() && html[j] == '/') ++j;
    while (j < html.size() && (std::isalnum(static_cast<unsigned char>(html[j])) || html[j] == '!' || html[j] == '-')) ++j;
    tag.name = lower_ascii(html.substr(i + 1, j - i - 1));
    if (tag.name.empty() || tag.name == "/") {
      if (error) *error = "a raw '<' at offset " + std::to_string(i);
      return tags;
    }
    // Attributes: name, optionally ="value".
    for (;;) {
      while (j < html.size() && std::isspace(static_cast<unsigned char>(html[j]))) ++j;
      if (j >= html.size()) {
        if (error) *error = "unterminated tag at offset " + std::to_string(i);
        return tags;
      }
      if (html[j] == '>') {
        ++j;
        break;
      }
      if (html[j] == '/' && j + 1 < html.size() && html[j + 1] == '>') {
        j += 2;
        break;
      }
      size_t name_start = j;
      while (j < html.size() && !std::isspace(static_cast<unsigned char>(html[j])) && html[j] != '=' && html[j] != '>' &&
             html[j] != '/' && html[j] != '"' && html[j] != '\'' && html[j] != '<') {
        ++j;
      }
      if (j == name_start) {
        if (error) *error = "bad attribute in tag at offset " + std::to_string(i);
        return tags;
      }
      std::string attr = lower_ascii(html.substr(name_start, j - name_start));
      std::string value;
      if (j < html.size() && html[j] == '=') {
        ++j;
        if (j >= html.size() || (html[j] != '"' && html[j] != '\'')) {
          if (error) *error = "unquoted attribute " + attr + " at offset " + std::to_string(i);
          return tags;
        }
        char quote = html[j];
        size_t end = html.find(quote, j + 1);
        if (end == std::string_view::npos) {
          if (error) *error = "unterminated attribute " + attr + " at offset " + std::to_string(i);
          return tags;
        }
        value = std::string(html.substr(j + 1, end - j - 1));
        if (value.find('<') != std::string::npos) {
          if (error) *error = "raw '<' inside attribute " + attr + " at offset " + std::to_string(i);
          return tags;
        }
        j = end + 1;
      }
      tag.attributes.emplace_back(std::move(attr), std::move(value));
    }
    tag.end = j;
    tags.push_back(std::move(tag));
    i = j;
    // Raw text elements: their content is not markup.
    if (tags.back().name == "script" || tags.back().name == "style") {
      size_t end = lower_ascii(html.substr(i)).find("</" + tags.back().name);
      if (end == std::string::npos) {
        if (error) *error = "unterminated " + tags.back().name;
        return tags;
      }
      i += end;
    }
  }
  return tags;
}

inline size_t count_of(std::string_view s, char c) {
  size_t n = 0;
  for (char x : s) n += x == c;
  return n;
}

/// The templates of the default theme, one after another: inline scripts of a page must
/// come from here.
inline const std::string& theme_templates() {
  static const std::string text = [] {
    std::string all;
    for (const auto& f : nastavnik::embedded_theme()) {
      if (ends_with(f.path, ".mustache")) all.append(f.bytes);
    }
    return all;
  }();
  return text;
}

/// Every HTML-ish output of the generator is checked the same way: well-formed tags, no
/// event handler attributes, no dangerous URLs, scripts only from the theme (its assets, or
/// inline code written in its templates).
inline void check_html_page(const std::string& where, std::string_view html) {
  std::string error;
  auto tags = scan_tags(html, &error);
  FUZZ_CHECK(error.empty(), where + ": " + error);
  for (const auto& tag : tags) {
    if (tag.name == "style") {
      size_t close = lower_ascii(html.substr(tag.end)).find("</style");
      std::string_view body = html.substr(tag.end, close == std::string::npos ? 0 : close);
      // The theme's colours, from theme.yaml: no content reaches a style sheet.
      FUZZ_CHECK(tag.attributes.empty() && close != std::string::npos && body.find('<') == std::string_view::npos &&
                     lower_ascii(body).find("javascript:") == std::string::npos,
                 where + ": an unexpected <style> at offset " + std::to_string(tag.offset));
    }
    if (tag.name == "script") {
      bool theme_asset = tag.attributes.size() == 2 && tag.attributes[0].first == "src" &&
                         ends_with(tag.attributes[0].second, "assets/site.js") && tag.attributes[1].first == "defer";
      bool theme_inline = false;
      if (tag.attributes.empty()) {
        size_t close = lower_ascii(html.substr(tag.end)).find("</script");
        std::string_view body = html.substr(tag.end, close == std::string::npos ? 0 : close);
        theme_inline = close != std::string::npos && theme_templates().find(body) != std::string::npos;
      }
      FUZZ_CHECK(theme_asset || theme_inline, where + ": a <script> the theme did not write, at offset " + std::to_string(tag.offset));
    }
    FUZZ_CHECK(tag.name != "iframe" && tag.name != "object" && tag.name != "embed" && tag.name != "base" &&
                   tag.name != "form",
               where + ": unexpected <" + tag.name + ">");
    for (const auto& [name, value] : tag.attributes) {
      FUZZ_CHECK(!(name.size() > 2 && name[0] == 'o' && name[1] == 'n'), where + ": event handler attribute " + name);
      if (name == "href" || name == "src" || name == "action" || name == "formaction" || name == "xlink:href") {
        FUZZ_CHECK(!dangerous_url(value), where + ": dangerous URL in " + name + ": " + value);
      }
    }
  }
}

/// Every file under `root`, path relative to it → bytes.
inline std::map<std::string, std::string> read_tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) files[it->path().lexically_relative(root).generic_string()] = read_file(it->path());
  }
  return files;
}

}  // namespace fuzz
