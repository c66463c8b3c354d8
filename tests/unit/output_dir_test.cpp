// The output folder is built beside the published one and swapped in only on commit().
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "output/output_dir.h"

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
    OutputDir out(final_dir);
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
    OutputDir out(final_dir);
    out.write("index.html", "новая главная");
    // Before the commit the published site is untouched.
    CHECK(read(final_dir / "index.html") == "старая главная");
    out.commit();
  }
  CHECK(read(final_dir / "index.html") == "новая главная");
  CHECK_FALSE(fs::exists(final_dir / "old.html"));
  CHECK_FALSE(fs::exists(staging_for(final_dir)));
  // Nothing but the new site is left beside it.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(tmp.path)) {
    CAPTURE(e.path().string());
    ++entries;
  }
  CHECK(entries == 1);
}

TEST_CASE("an OutputDir destroyed without commit leaves the published folder as it was") {
  TempDir tmp;
  fs::path final_dir = tmp.path / "public";
  put(final_dir / "index.html", "опубликовано");
  {
    OutputDir out(final_dir);
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
  fs::path source = tmp.path / "source.pdf";
  put(source, "%PDF-1.4");
  {
    OutputDir out(final_dir);
    out.write("a/b/index.html", "x");
    out.copy(source, "a/prikaz.pdf");
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
  OutputDir out(tmp.path / "public");
  out.write("index.html", "1");
  CHECK_THROWS_AS(out.write("index.html", "2"), std::runtime_error);
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
    OutputDir out(final_dir);
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(not_ours / "index.html"));
  }
}
