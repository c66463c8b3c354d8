// DiskSink: the output folder is built beside the published one and swapped in only on
// commit().
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "read/content_source.h"
#include "write/disk_sink.h"

namespace fs = std::filesystem;
using namespace nastavnik;

namespace {

// A fresh folder under /tmp, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "nastavnik-output-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

struct UmaskGuard {
  mode_t previous;
  explicit UmaskGuard(mode_t mask) : previous(::umask(mask)) {}
  ~UmaskGuard() { ::umask(previous); }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

fs::path staging_for(const fs::path& final_dir) { return fs::path(final_dir.string() + ".tmp-" + std::to_string(::getpid())); }

}  // namespace

TEST_CASE("files are written to <final>.tmp-<pid> and appear in the final folder only after commit") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  {
    DiskSink out(final_dir);
    CHECK(out.staging() == staging_for(final_dir));
    out.write("index.html", "<p>Главная</p>");
    out.write("school-1/news/itogi/index.html", "новость");
    CHECK(read(staging_for(final_dir) / "school-1/news/itogi/index.html") == "новость");
    CHECK_FALSE(fs::exists(final_dir));
    CHECK(out.files_written() == 2);
    CHECK(out.bytes_written() == std::string("<p>Главная</p>").size() + std::string("новость").size());
    out.commit();
    CHECK_FALSE(fs::exists(staging_for(final_dir)));
  }
  CHECK(read(final_dir / "index.html") == "<p>Главная</p>");
  CHECK(read(final_dir / "school-1/news/itogi/index.html") == "новость");
  CHECK_FALSE(fs::exists(staging_for(final_dir)));
}

TEST_CASE("commit replaces an existing final folder, old files included") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  put(final_dir / "old.html", "старое");
  put(final_dir / "index.html", "старая главная");
  {
    DiskSink out(final_dir);
    out.write("index.html", "новая главная");
    // Before the commit the published site is untouched.
    CHECK(read(final_dir / "index.html") == "старая главная");
    out.commit();
  }
  CHECK(read(final_dir / "index.html") == "новая главная");
  CHECK_FALSE(fs::exists(final_dir / "old.html"));
  CHECK_FALSE(fs::exists(staging_for(final_dir)));
  // Nothing but the new site is left beside it once the previous one is removed, which a
  // process of its own does in the background (.public.trash-<pid> meanwhile).
  std::vector<std::string> beside;
  for (int attempt = 0; attempt < 200; ++attempt) {
    beside.clear();
    for (const auto& e : fs::directory_iterator(tmp.path)) beside.push_back(e.path().filename().string());
    if (beside.size() == 1) break;
    ::usleep(50 * 1000);
  }
  CHECK(beside == std::vector<std::string>{"public"});
}

TEST_CASE("the previous site left half removed by a stopped machine is removed by the next build") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  put(final_dir / "index.html", "опубликовано");
  put(tmp.path / ".public.trash-999999995/news/index.html", "остаток");  // no such process
  put(tmp.path / ".public.trash-notes/index.html", "x");                 // not ours: kept
  {
    DiskSink out(final_dir);
    CHECK_FALSE(fs::exists(tmp.path / ".public.trash-999999995"));
    CHECK(fs::exists(tmp.path / ".public.trash-notes/index.html"));
  }
  CHECK(read(final_dir / "index.html") == "опубликовано");
}

TEST_CASE("a DiskSink destroyed without commit leaves the published folder as it was") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  put(final_dir / "index.html", "опубликовано");
  {
    DiskSink out(final_dir);
    out.write("index.html", "недостроено");
    out.write("news/index.html", "недостроено");
    CHECK(fs::exists(staging_for(final_dir)));
  }
  CHECK(read(final_dir / "index.html") == "опубликовано");
  CHECK_FALSE(fs::exists(final_dir / "news"));
  CHECK_FALSE(fs::exists(staging_for(final_dir)));
}

TEST_CASE("written files are 0644 and folders 0755 whatever the umask") {
  UmaskGuard guard(077);
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  put(tmp.path / "content/files/source.pdf", "%PDF-1.4");
  auto content = DiskSource::open(tmp.path / "content");
  REQUIRE(content);
  {
    DiskSink out(final_dir);
    out.write("a/b/index.html", "x");
    out.copy(*content, "files/source.pdf", "a/prikaz.pdf");
    CHECK(mode_of(out.staging()) == 0755);
    out.commit();
  }
  CHECK(mode_of(final_dir) == 0755);
  CHECK(mode_of(final_dir / "a") == 0755);
  CHECK(mode_of(final_dir / "a/b") == 0755);
  CHECK(mode_of(final_dir / "a/b/index.html") == 0644);
  CHECK(mode_of(final_dir / "a/prikaz.pdf") == 0644);
  CHECK(read(final_dir / "a/prikaz.pdf") == "%PDF-1.4");
}

TEST_CASE("writing the same file twice is refused") {
  TempDir tmp;
  DiskSink out(tmp.path / "public");
  out.write("index.html", "1");
  CHECK_THROWS_AS(out.write("index.html", "2"), std::runtime_error);
}

TEST_CASE("a file of a content source without a disk behind it is copied from its bytes") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  MemorySource content;
  content.add("school-1/files/prikaz.pdf", "%PDF-1.4 из памяти");
  {
    DiskSink out(final_dir);
    out.copy(content, "school-1/files/prikaz.pdf", "school-1/orders/o/prikaz.pdf");
    CHECK_THROWS_AS(out.copy(content, "school-1/files/net.pdf", "school-1/orders/o/net.pdf"), std::runtime_error);
    CHECK(out.files_written() == 1);
    out.commit();
  }
  CHECK(read(final_dir / "school-1/orders/o/prikaz.pdf") == "%PDF-1.4 из памяти");
  CHECK(mode_of(final_dir / "school-1/orders/o/prikaz.pdf") == 0644);
}

TEST_CASE("stale staging folders of finished builds are removed, other folders are kept") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  fs::path stale = tmp.path / "public.tmp-999999999";  // above any pid_max: the build is gone
  put(stale / ".nastavnik-staging", "");
  put(stale / "index.html", "x");
  fs::path not_ours = tmp.path / "public.tmp-backup";  // no marker: not made by nastavnik
  put(not_ours / "index.html", "x");
  {
    DiskSink out(final_dir);
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(not_ours / "index.html"));
  }
}
