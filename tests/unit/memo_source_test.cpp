// serve's memo of listings and stamps: it answers from memory until told a path changed.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "read/content_source.h"
#include "read/memo_source.h"

using namespace nastavnik;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> names(const std::optional<std::vector<DirEntry>>& entries) {
  std::vector<std::string> out;
  if (entries) {
    for (const auto& e : *entries) out.push_back(e.name);
  }
  return out;
}

}  // namespace

TEST_CASE("memo: a stamp is remembered until its path is forgotten") {
  MemorySource source(std::map<std::string, std::string>{{"school-1/news/a.md", "один"}});
  MemoSource memo(source);
  const uint64_t before = memo.stamp("school-1/news/a.md");
  CHECK(before != 0);
  source.add("school-1/news/a.md", "другой текст");
  CHECK(memo.stamp("school-1/news/a.md") == before);  // not told yet
  memo.forget({"school-1/news/a.md"});
  CHECK(memo.stamp("school-1/news/a.md") == source.stamp("school-1/news/a.md"));
  CHECK(memo.stamp("school-1/news/a.md") != before);
}

TEST_CASE("memo: a new or removed file changes its folder's listing") {
  MemorySource source(std::map<std::string, std::string>{{"school-1/news/a.md", "один"}});
  MemoSource memo(source);
  CHECK(names(memo.list("school-1/news")) == std::vector<std::string>{"a.md"});
  source.add("school-1/news/b.md", "два");
  memo.forget({"school-1/news/b.md"});
  CHECK(names(memo.list("school-1/news")) == std::vector<std::string>{"a.md", "b.md"});
  source.remove("school-1/news/a.md");
  memo.forget({"school-1/news/a.md"});
  CHECK(names(memo.list("school-1/news")) == std::vector<std::string>{"b.md"});
  CHECK(memo.stamp("school-1/news/a.md") == 0);
}

TEST_CASE("memo: forgetting a folder forgets everything under it; \"\" forgets everything") {
  MemorySource source({{"school-1/news/a.md", "один"}, {"school-2/org.yaml", "x"}});
  MemoSource memo(source);
  memo.list("school-1/news");
  const uint64_t a = memo.stamp("school-1/news/a.md");
  const uint64_t org = memo.stamp("school-2/org.yaml");
  source.add("school-1/news/a.md", "изменён");
  source.add("school-1/news/c.md", "новый");
  source.add("school-2/org.yaml", "изменён");
  memo.forget({"school-1"});
  CHECK(memo.stamp("school-1/news/a.md") != a);
  CHECK(names(memo.list("school-1/news")) == std::vector<std::string>{"a.md", "c.md"});
  CHECK(memo.stamp("school-2/org.yaml") == org);
  memo.forget_all();
  CHECK(memo.stamp("school-2/org.yaml") != org);
}

TEST_CASE("memo: paths under a symlink are always looked at again") {
  // The watcher does not follow symlinks, so it would not report changes behind one.
  const fs::path root = fs::temp_directory_path() / ("nastavnik-memo-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "school-1" / "shared");
  fs::create_directory_symlink("shared", root / "school-1" / "files");
  auto write = [&](const char* text) { std::ofstream(root / "school-1" / "shared" / "a.pdf") << text; };
  write("один");
  auto disk = DiskSource::open(root);
  REQUIRE(disk);
  MemoSource memo(*disk);
  CHECK(names(memo.list("school-1")) == std::vector<std::string>{"files", "shared"});
  CHECK(names(memo.list("school-1/files")) == std::vector<std::string>{"a.pdf"});
  const uint64_t before = memo.stamp("school-1/files/a.pdf");
  write("другой, более длинный текст");
  std::ofstream(root / "school-1" / "shared" / "b.pdf") << "два";
  CHECK(memo.stamp("school-1/files/a.pdf") != before);
  CHECK(names(memo.list("school-1/files")) == std::vector<std::string>{"a.pdf", "b.pdf"});
  fs::remove_all(root);
}
