#pragma once
// A whole build in memory (build_site: scan, loaders, model, plan, renderers, sink) of a
// one-organisation tree assembled from the fuzz input. The input is a list of files:
//
//   #### school/news/2025-01-10-x.md        a file: the lines up to the next header
//   @@@@ school/files/x.pdf -> ../../secret  a symbolic link
//
// site.yaml and school/org.yaml get a valid default when the input has none, every
// files/<name> the input mentions exists, and school/files/a.pdf and b.jpg always do.
// Without links the content is a MemorySource; with links it is a LinkSource (link_source.h),
// a file system in memory where, next to the content folder, lie secret files that no build
// may publish, whatever the links say. Nothing touches the disk: the theme is the one
// compiled in, the output a MemorySink.
//
// A build either fails, with an error and nothing published (the sink never committed), or
// succeeds, committed, with every output inside the output folder (a relative path without
// "." or ".."), every page with only the theme's script, no javascript: link and no control
// character, every XML file well-formed, every JSON file parsable, and the secret nowhere,
// neither in a file nor in a message. (File modes and "no symlink in the output" were
// checks of the output folder on disk: DiskSink's business now, not the build's.)
#include <tinyxml2.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "../fuzz_common.h"
#include "../link_source.h"
#include "../site_tree.h"
#include "build/build.h"
#include "read/content_source.h"
#include "render/theme.h"
#include "write/output_sink.h"

namespace fuzz {
namespace build_detail {

using namespace nastavnik;

inline const std::string kSecret = "NASTAVNIK-FUZZ-SECRET-4b1d";
constexpr int64_t kEpoch = 1795608000;  // 2026-11-25

inline const Theme& embedded() {
  static const Theme* theme = [] {
    Diagnostics diagnostics;
    auto loaded = Theme::load({}, diagnostics);
    FUZZ_CHECK(loaded.has_value(), "the embedded theme does not load");
    return new Theme(std::move(*loaded));
  }();
  return *theme;
}

// Path components may hold any byte but '/' and NUL; "." and ".." and empty ones are
// dropped, so that every file the input names is inside the content folder.
inline std::optional<std::string> safe_relative(std::string_view path) {
  std::string out;
  size_t parts = 0;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string_view::npos) continue;
    if (++parts > 4 || part.size() > 100) return std::nullopt;
    if (!out.empty()) out += '/';
    out.append(part);
  }
  if (parts == 0) return std::nullopt;
  return out;
}

/// The world of the input: content/ with the input's files and links, and the secrets.
inline LinkSource assemble(std::string_view input) {
  LinkSource world;
  const std::string root = std::string(LinkSource::kRoot) + "/";
  world.add_file("secret", kSecret + "\n");
  world.add_file("secret.pdf", "%PDF-1.4\n" + kSecret + "\n");
  world.add_file("secret.jpg", "\xFF\xD8\xFF" + kSecret + "\n");
  world.add_file("private/2025-01-10-secret.md", "---\ntitle: \"" + kSecret + "\"\ndate: 2025-01-10\n---\n" + kSecret + "\n");

  size_t pos = 0;
  std::optional<std::string> current;
  std::string body;
  auto flush = [&] {
    if (current) world.add_file(root + *current, body);  // refused when the place is taken
    current.reset();
  };
  while (pos < input.size()) {
    size_t end = input.find('\n', pos);
    if (end == std::string_view::npos) end = input.size();
    std::string_view line = input.substr(pos, end - pos);
    pos = end + 1;
    if (line.rfind("#### ", 0) == 0) {
      flush();
      current = safe_relative(line.substr(5));
      body.clear();
    } else if (line.rfind("@@@@ ", 0) == 0) {
      flush();
      size_t arrow = line.find(" -> ");
      if (arrow == std::string_view::npos) continue;
      auto link = safe_relative(line.substr(5, arrow - 5));
      std::string target(line.substr(arrow + 4));
      if (!link || target.empty() || target.find('\0') != std::string::npos) continue;
      world.add_link(root + *link, target);
    } else if (current) {
      body.append(line);
      if (end < input.size()) body += '\n';
    }
  }
  flush();
  if (!world.exists(root + "site.yaml")) {
    world.add_file(root + "site.yaml", "title: \"Наставничество\"\nbase_url: \"https://nastavnik.example.ru/\"\n");
  }
  if (!world.exists(root + "school/org.yaml")) {
    world.add_file(root + "school/org.yaml", "name: \"Школа № 1\"\nshort_name: \"Школа № 1\"\nkind: school\n");
  }
  // Every files/<name> the input mentions exists (a tiny file of its kind), so that
  // mutations get past "file not found" to the checks behind it.
  for (size_t at = input.find("files/"); at != std::string_view::npos; at = input.find("files/", at + 6)) {
    size_t end = at + 6;
    while (end < input.size() && end - at < 80 &&
           (std::isalnum(static_cast<unsigned char>(input[end])) || input[end] == '.' || input[end] == '-' || input[end] == '_')) {
      ++end;
    }
    std::string name(input.substr(at + 6, end - at - 6));
    if (name.empty() || name[0] == '.') continue;
    std::string lower = lower_ascii(name);
    bool image = ends_with(lower, ".jpg") || ends_with(lower, ".jpeg") || ends_with(lower, ".png");
    world.add_file(root + "school/files/" + name, image ? tiny_jpg() : tiny_pdf());
  }
  world.add_file(root + "school/files/a.pdf", tiny_pdf());
  world.add_file(root + "school/files/b.jpg", tiny_jpg());
  return world;
}

/// The content folder of a world without links, as the MemorySource the build is made for.
inline std::unique_ptr<MemorySource> as_memory_source(const LinkSource& world) {
  auto source = std::make_unique<MemorySource>();
  const std::string root = std::string(LinkSource::kRoot) + "/";
  for (const auto& [path, bytes] : world.files()) {
    if (path.rfind(root, 0) == 0) source->add(path.substr(root.size()), bytes);
  }
  return source;
}

inline void check_output(const std::string& path, const std::string& bytes) {
  check_output_path(path);
  FUZZ_CHECK(bytes.find(kSecret) == std::string::npos, path + ": the secret file leaked into the output");
  if (ends_with(path, ".html")) {
    check_html_page(path, bytes);
  } else if (ends_with(path, ".xml")) {
    check_text_output(path, bytes);
    tinyxml2::XMLDocument doc;
    FUZZ_CHECK(doc.Parse(bytes.data(), bytes.size()) == tinyxml2::XML_SUCCESS, path + ": not well-formed XML");
  } else if (ends_with(path, ".json")) {
    check_text_output(path, bytes);
    FUZZ_CHECK(!nlohmann::json::parse(bytes, nullptr, false).is_discarded(), path + ": not JSON");
  } else if (ends_with(path, ".ics") || ends_with(path, ".csv") || ends_with(path, ".txt")) {
    check_text_output(path, bytes);
  }
}

}  // namespace build_detail

inline void run_build(const uint8_t* data, size_t size) {
  using namespace nastavnik;
  using namespace build_detail;
  LinkSource world = assemble(as_text(data, size));
  std::unique_ptr<MemorySource> memory;
  if (!world.has_links()) memory = as_memory_source(world);
  const ContentSource& source = memory ? static_cast<const ContentSource&>(*memory) : world;

  Diagnostics diagnostics;
  MemorySink sink;
  BuildReport report = build_site(source, embedded(), sink, kEpoch, 1, diagnostics);
  if (std::getenv("NASTAVNIK_FUZZ_VERBOSE")) {
    for (const auto& d : diagnostics.sorted()) std::fprintf(stderr, "%s\n", d.format().c_str());
    std::fprintf(stderr, "build %s %s (%s)\n", report.ok ? "ok" : "failed", report.failure.c_str(), memory ? "MemorySource" : "LinkSource");
  }
  check_diagnostics(diagnostics, -1, kSecret);
  if (!report.ok) {
    FUZZ_CHECK(diagnostics.has_errors() || !report.failure.empty(), "a failed build without a reason");
    // Outputs of organisations written before an error was found stay staged, unpublished.
    FUZZ_CHECK(!sink.committed(), "a failed build published its output");
    return;
  }
  FUZZ_CHECK(!diagnostics.has_errors(), "a build with errors succeeded");
  FUZZ_CHECK(sink.committed(), "a build succeeded without publishing its output");
  FUZZ_CHECK(report.files == sink.files().size(), "the report counts " + std::to_string(report.files) + " files, the sink holds " +
                                                      std::to_string(sink.files().size()));
  FUZZ_CHECK(sink.files().count("index.html") && sink.files().count("404.html"), "a site without its home or 404 page");
  for (const auto& [path, bytes] : sink.files()) check_output(path, bytes);
}

}  // namespace fuzz
