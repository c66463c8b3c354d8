#pragma once
// Helpers the unit tests share: content folders read into a MemorySource, the embedded
// theme, and whole builds in memory.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "build/build.h"
#include "core/diagnostics.h"
#include "read/content_source.h"
#include "render/theme.h"
#include "write/output_sink.h"

namespace nastavnik::test {

namespace fs = std::filesystem;

/// "Now" of the end-to-end tests (SOURCE_DATE_EPOCH): 2026-11-25 in Moscow.
constexpr int64_t kEpoch = 1795608000;

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// Every file under `folder` of the repository, as content in memory.
inline MemorySource source_from(const std::string& folder) {
  const fs::path root = fs::path(NASTAVNIK_SOURCE_DIR) / folder;
  REQUIRE_MESSAGE(fs::is_directory(root), root.string() << " is not a folder");
  MemorySource source;
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    source.add(entry.path().lexically_relative(root).generic_string(), read_file(entry.path()));
    ++files;
  }
  REQUIRE(files > 0);
  return source;
}

/// tests/fixtures/minimal, read once.
inline const MemorySource& minimal() {
  static const MemorySource source = source_from("tests/fixtures/minimal");
  return source;
}

/// The text of `path`, which the fixture must hold.
inline std::string text_of(const ContentSource& source, const std::string& path) {
  std::string bytes;
  REQUIRE_MESSAGE(source.read(path, UINTMAX_MAX, bytes) == ReadStatus::Ok, "fixture has no " << path);
  return bytes;
}

/// Replaces the first `old` in `path`; the fixture must still hold it.
inline void replace(MemorySource& source, const std::string& path, const std::string& old, const std::string& replacement) {
  std::string text = text_of(source, path);
  const size_t at = text.find(old);
  REQUIRE_MESSAGE(at != std::string::npos, "fixture " << path << " changed: «" << old << "» not found");
  text.replace(at, old.size(), replacement);
  source.add(path, text);
}

/// The default theme compiled into the binary, loaded once.
inline const Theme& embedded() {
  static const Theme theme = [] {
    Diagnostics diagnostics;
    auto t = Theme::load({}, diagnostics);
    REQUIRE(t.has_value());
    REQUIRE_FALSE(diagnostics.has_errors());
    return std::move(*t);
  }();
  return theme;
}

/// One diagnostic as the binary prints it without colours.
inline std::vector<std::string> formatted(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics.sorted()) out.push_back(d.format());
  return out;
}

inline std::vector<std::string> errors_of(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics.sorted()) {
    if (d.severity == Severity::Error) out.push_back(d.format());
  }
  return out;
}

struct Built {
  BuildReport report;
  Diagnostics diagnostics;
  MemorySink sink;

  bool has(const std::string& path) const { return sink.files().count(path) > 0; }
  const std::string& file(const std::string& path) const {
    auto it = sink.files().find(path);
    REQUIRE_MESSAGE(it != sink.files().end(), "no output " << path);
    return it->second;
  }
};

/// The whole pipeline in memory, with the embedded theme, "now" at kEpoch.
inline void build(const ContentSource& source, Built& out, unsigned workers = 2) {
  out.report = build_site(source, embedded(), out.sink, kEpoch, workers, out.diagnostics);
}

}  // namespace nastavnik::test
