// `serve` rebuilds only what an edit changed: whatever the edit, the output is the same
// bytes as a full build of the edited content.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <cstdlib>
#include <string>

#include "build/build.h"
#include "build/session.h"
#include "read/content_source.h"
#include "render/theme.h"
#include "write/output_sink.h"

using namespace nastavnik;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kEpoch = 1795608000;  // 2026-11-25, as the e2e tests

MemorySource fixture(const char* name) {
  MemorySource source;
  const fs::path root = fs::path(NASTAVNIK_SOURCE_DIR) / "tests" / "fixtures" / name;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    source.add(e.path().lexically_relative(root).generic_string(), std::string(std::istreambuf_iterator<char>(in), {}));
  }
  return source;
}

std::string read(const MemorySource& source, const std::string& path) {
  std::string bytes;
  REQUIRE(source.read(path, 1 << 24, bytes) == ReadStatus::Ok);
  return bytes;
}

void replace(MemorySource& source, const std::string& path, const std::string& from, const std::string& to) {
  std::string text = read(source, path);
  auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, path << " has no «" << from << "»");
  text.replace(at, from.size(), to);
  source.add(path, text);
}

std::map<std::string, std::string> full_build(const MemorySource& source) {
  Diagnostics diagnostics;
  auto theme = Theme::load({}, diagnostics);
  REQUIRE(theme);
  MemorySink sink;
  BuildReport report = build_site(source, *theme, sink, kEpoch, 2, diagnostics);
  REQUIRE_MESSAGE(report.ok, (diagnostics.sorted().empty() ? std::string() : diagnostics.sorted().front().format()));
  return sink.files();
}

// The first difference between two outputs, for the failure message.
std::string difference(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
  for (const auto& [path, bytes] : a) {
    auto it = b.find(path);
    if (it == b.end()) return path + " is only in the incremental build";
    if (it->second != bytes) return path + " differs";
  }
  for (const auto& [path, bytes] : b) {
    if (!a.count(path)) return path + " is only in the full build";
  }
  return {};
}

struct Session {
  // The session takes "now" as every build does: from SOURCE_DATE_EPOCH.
  bool epoch_set = setenv("SOURCE_DATE_EPOCH", std::to_string(kEpoch).c_str(), 1) == 0;
  MemorySource source = fixture("minimal");
  MemorySink sink{true};
  BuildSession session{BuildOptions{}, source, sink};

  // What changed since the last build, as serve's watcher reports it; `watched` false: the
  // session is not told, and looks at every file.
  bool watched = true;
  std::vector<std::string> changed;

  void replace(const std::string& path, const std::string& from, const std::string& to) {
    ::replace(source, path, from, to);
    changed.push_back(path);
  }
  void add(const std::string& path, std::string bytes) {
    source.add(path, std::move(bytes));
    changed.push_back(path);
  }
  void remove(const std::string& path) {
    source.remove(path);
    changed.push_back(path);
  }
  BuildReport build(Diagnostics& diagnostics) {
    BuildReport report = session.build(diagnostics, false, watched ? &changed : nullptr);
    changed.clear();
    return report;
  }
  void build() {
    Diagnostics diagnostics;
    BuildReport report = build(diagnostics);
    REQUIRE_MESSAGE(report.ok, (diagnostics.sorted().empty() ? report.failure : diagnostics.sorted().front().format()));
  }
  void same_as_full() {
    build();
    std::string diff = difference(sink.files(), full_build(source));
    CHECK_MESSAGE(diff.empty(), diff);
  }
};

const std::string kNews = "school-7/news/2025-11-20-den-nastavnika.md";

}  // namespace

TEST_CASE("session: the first build is a full build") {
  Session s;
  s.same_as_full();
}

TEST_CASE("session: after editing a news item's body the output is a full build's") {
  Session s;
  s.build();
  s.replace(kNews, "\n---\n", "\n---\nНовый первый абзац с [положением](files/programma.pdf).\n\n");
  s.same_as_full();
  s.replace(kNews, "Новый первый абзац", "Другой первый абзац");
  s.same_as_full();
}

TEST_CASE("session: after editing a title, a date, a slug the output is a full build's") {
  Session s;
  s.build();
  s.replace(kNews, "title: \"День наставника в школе\"", "title: \"День наставника: итоги\"");
  s.same_as_full();
  s.replace(kNews, "date: 2025-11-20", "date: 2024-01-05");
  s.same_as_full();
  s.replace(kNews, "date: 2024-01-05", "date: 2024-01-05\nslug: den-nastavnika-itogi");
  s.same_as_full();
}

TEST_CASE("session: after adding, unpublishing and deleting files the output is a full build's") {
  Session s;
  s.build();
  s.add("school-7/news/2025-11-21-novaya.md", "---\ntitle: \"Новая новость\"\ndate: 2025-11-21\n---\nТекст новости.\n");
  s.same_as_full();
  s.replace("school-7/news/2025-11-21-novaya.md", "date: 2025-11-21", "date: 2025-11-21\ndraft: true");
  s.same_as_full();
  s.remove("school-7/news/2025-11-21-novaya.md");
  s.same_as_full();
  s.remove(kNews);
  s.same_as_full();
}

TEST_CASE("session: after editing the organisation's card, mentors, tab and attachments the output is a full build's") {
  Session s;
  s.build();
  s.replace("school-7/org.yaml", "short_name: \"МБОУ СОШ № 7\"", "short_name: \"Школа № 7 (новое название)\"");
  s.same_as_full();
  s.add("school-7/files/prikaz-45.pdf", "%PDF-1.4 другой скан приказа\n%%EOF\n");
  s.same_as_full();
  s.replace("school-7/_index.md", "\n---\n", "\n---\nНовый абзац вкладки.\n\n");
  s.same_as_full();
  s.replace("site.yaml", "Тестовый портал", "Новое описание: портал");
  s.same_as_full();
}

TEST_CASE("session: a build with errors writes nothing, and the next good one catches up") {
  Session s;
  s.build();
  const auto before = s.sink.files();
  s.replace(kNews, "date: 2025-11-20", "date: 20.11.2025");
  Diagnostics diagnostics;
  CHECK_FALSE(s.build(diagnostics).ok);
  CHECK(diagnostics.has_errors());
  CHECK(s.sink.files() == before);
  s.replace(kNews, "date: 20.11.2025", "date: 2025-11-19");
  s.same_as_full();
}

TEST_CASE("session: told nothing of what changed, it looks at every file") {
  Session s;
  s.watched = false;
  s.build();
  s.replace(kNews, "title: \"День наставника в школе\"", "title: \"День наставника: итоги\"");
  s.same_as_full();
  s.add("school-7/news/2025-11-21-novaya.md", "---\ntitle: \"Новая новость\"\ndate: 2025-11-21\n---\nТекст новости.\n");
  s.same_as_full();
}

TEST_CASE("session: a folder reported as changed is looked at whole") {
  Session s;
  s.build();
  s.source.add("school-7/news/2025-11-21-novaya.md", "---\ntitle: \"Новая новость\"\ndate: 2025-11-21\n---\nТекст новости.\n");
  s.source.add("school-7/files/novyy.pdf", "%PDF-1.4\n%%EOF\n");
  s.changed = {"school-7"};  // a folder moved in over the old one: one event for all of it
  s.same_as_full();
  CHECK(s.sink.files().count("school-7/news/novaya/index.html"));
}

TEST_CASE("session: a body edit rewrites the entry's page and what lists it, not its neighbours' pages") {
  Session s;
  s.build();
  const size_t before = s.sink.writes();
  const size_t outputs = s.sink.files().size();
  s.replace(kNews, "\n---\n", "\n---\nНовый первый абзац.\n\n");
  s.same_as_full();
  const size_t written = s.sink.writes() - before;
  MESSAGE("outputs: " << outputs << ", rewritten after a body edit: " << written);
  CHECK(written >= 1);
  CHECK(written <= 12);
}

TEST_CASE("session: yearly news of one title keep the addresses a full build gives them as files come and go") {
  Session s;
  s.build();
  std::string next_year = read(s.source, kNews);
  next_year.replace(next_year.find("date: 2025-11-20"), 16, "date: 2026-11-20");
  s.add("school-7/news/2026-11-20-den-nastavnika.md", next_year);
  s.same_as_full();
  CHECK(s.sink.files().count("school-7/news/den-nastavnika-2026/index.html"));
  // Last year's item goes: this year's takes the plain address, as in a full build.
  s.remove(kNews);
  s.same_as_full();
  CHECK(s.sink.files().count("school-7/news/den-nastavnika/index.html"));
  CHECK_FALSE(s.sink.files().count("school-7/news/den-nastavnika-2026/index.html"));
}
