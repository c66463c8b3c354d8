#pragma once
// Themes are copied and changed by schools: any template text must give a Russian error
// or a site, never a crash or a hang. The fuzz input replaces one template of a copy of the
// default theme (the first byte picks which, in the order of their paths); the theme is
// loaded with Theme::load (partials inlined, loops and missing partials reported) and every
// output of a small site (site_tree.h, in a MemorySource, loaded once) is rendered with it
// through the output plan (render_site.h).
//
// The one thing on disk: Theme::load reads a theme only from a folder, so each input writes
// its copy of the theme to a temporary folder (NASTAVNIK_FUZZ_TMP, else /dev/shm, else /tmp)
// and removes it afterwards.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../fuzz_common.h"
#include "../render_site.h"
#include "../site_tree.h"
#include "read/content_source.h"
#include "render/theme.h"

namespace fuzz {
namespace theme_detail {

using namespace nastavnik;
namespace fs = std::filesystem;

constexpr int64_t kEpoch = 1795608000;  // 2026-11-25

inline void write_file(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  FUZZ_CHECK(out.good(), "cannot write " + path.string());
}

/// A fresh folder, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string base = "/tmp";
    if (const char* t = std::getenv("NASTAVNIK_FUZZ_TMP")) base = t;
    else if (fs::is_directory("/dev/shm")) base = "/dev/shm";
    std::string pattern = base + "/nastavnik-fuzz-theme-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    FUZZ_CHECK(::mkdtemp(buf.data()) != nullptr, "mkdtemp " + pattern);
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

/// What every input shares: the theme's files and the site, made once.
struct Fixture {
  std::vector<std::string> templates;  ///< paths inside the theme, sorted
  MemorySource source;
  std::optional<LoadedContent> content;

  Fixture() {
    for (const auto& file : embedded_theme()) {
      if (std::string_view(file.path).rfind("templates/", 0) == 0) templates.emplace_back(file.path);
    }
    std::sort(templates.begin(), templates.end());
    std::vector<std::string> strings;
    for (size_t i = 0; i < kSiteTreeStrings; ++i) strings.push_back("Значение " + std::to_string(i));
    source = MemorySource(site_tree(strings));
    Diagnostics diagnostics;
    content = load_content(source, kEpoch, diagnostics);
    std::string why;
    for (const auto& d : diagnostics.sorted()) why += d.format() + "\n";
    FUZZ_CHECK(content.has_value(), "the fixture site does not load:\n" + why);
  }
};

inline Fixture& fixture() {
  static Fixture fx;
  return fx;
}

}  // namespace theme_detail

inline void run_theme(const uint8_t* data, size_t size) {
  using namespace nastavnik;
  using namespace theme_detail;
  if (size == 0) return;
  Fixture& fx = fixture();
  const std::string& victim = fx.templates[data[0] % fx.templates.size()];
  const std::string_view text = as_text(data + 1, size - 1);
  // A folder per input, removed when it is done (even when a check throws): nothing is left
  // behind by a process that ends without running destructors (the unit tests' children).
  TempDir dir;
  for (const auto& file : embedded_theme()) {
    write_file(dir.path() / std::string(file.path), std::string(file.path) == victim ? text : file.bytes);
  }

  Diagnostics diagnostics;
  auto theme = Theme::load(dir.path(), diagnostics);
  FUZZ_CHECK(theme.has_value() != diagnostics.has_errors(), "a theme with errors, or no theme and no error");
  if (is_valid_utf8(text)) check_diagnostics(diagnostics);
  if (theme) (void)render_site(*fx.content, fx.source, *theme);
}

}  // namespace fuzz
