// Themes are copied and changed by schools: any template text must give a Russian error
// or a site, never a crash or a hang. The fuzz input replaces one template of a copy of the
// default theme (the first byte picks which); the theme is loaded from that folder with
// Theme::load (partials inlined, loops and missing partials reported) and every page kind
// of a small site is rendered with it.
#include <cstddef>
#include <cstdint>

#include "build/build.h"
#include "fuzz_common.h"
#include "render_site.h"
#include "site_tree.h"

using namespace nastavnik;

namespace {

constexpr int64_t kEpoch = 1795608000;  // 2026-11-25

struct Fixture {
  fuzz::TempDir dir;
  std::vector<std::string> templates;  // paths inside the theme
  std::optional<Site> site;
};

Fixture& fixture() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    for (const auto& file : embedded_theme()) {
      fuzz::write_file(fx->dir.path() / "theme" / std::string(file.path), file.bytes);
      if (std::string_view(file.path).rfind("templates/", 0) == 0) fx->templates.emplace_back(file.path);
    }
    std::vector<std::string> strings;
    for (size_t i = 0; i < fuzz::kSiteTreeStrings; ++i) strings.push_back("Значение " + std::to_string(i));
    fuzz::write_site_tree(fx->dir.path() / "content", strings);
    BuildOptions options;
    options.content = fx->dir.path() / "content";
    options.jobs = 1;
    Diagnostics diagnostics;
    BuildReport report;
    fx->site = load_site(options, kEpoch, diagnostics, report);
    std::string why;
    for (const auto& d : diagnostics.sorted()) why += d.format() + "\n";
    FUZZ_CHECK(fx->site.has_value(), "the fixture site does not load:\n" + why);
    return fx;
  }();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Fixture& fx = fixture();
  const std::string& victim = fx.templates[data[0] % fx.templates.size()];
  const std::filesystem::path path = fx.dir.path() / "theme" / victim;
  struct Restore {
    std::filesystem::path path;
    std::string original;
    ~Restore() { fuzz::write_file(path, original); }
  } restore{path, fuzz::read_file(path)};
  fuzz::write_file(path, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));

  Diagnostics diagnostics;
  auto theme = Theme::load(fx.dir.path() / "theme", diagnostics);
  FUZZ_CHECK(theme.has_value() != diagnostics.has_errors(), "a theme with errors, or no theme and no error");
  for (const auto& d : diagnostics.sorted()) {
    FUZZ_CHECK(is_valid_utf8(d.format()) || !is_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size)),
               "diagnostic is not UTF-8");
  }
  if (theme) (void)fuzz::render_site(*fx.site, *theme);
  return 0;
}
