#include "search/pagefind.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "plan/routes.h"

extern char** environ;

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

// The package npm installs for this machine (an optional dependency of `pagefind`).
#if defined(__aarch64__)
constexpr const char* kPackage = "@pagefind/linux-arm64";
#else
constexpr const char* kPackage = "@pagefind/linux-x64";
#endif
// Pagefind 1.x ships its extended build (with the segmenters of Chinese and Japanese)
// under this name; older packages named it pagefind.
constexpr const char* kBinaries[] = {"pagefind_extended", "pagefind"};

bool is_executable_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

// The last `count` non-empty lines of `text`, for a message.
std::string tail_lines(const std::string& text, size_t count) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.find_first_not_of(" \r\t", start) < end) lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  for (size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) out += (out.empty() ? "" : "\n") + lines[i];
  return out;
}

// The site's HTML files, hard-linked into `mirror` in sorted order. Pagefind numbers pages
// in the order it meets them walking the folder, which is the order of the folder's
// entries: for the build's folder, the order its threads happened to create them, so two
// builds gave two indexes. The mirror's entries are created in one order every time.
void make_sorted_mirror(const fs::path& site, const fs::path& mirror) {
  std::vector<std::string> pages;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(site, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && !it->is_symlink(ec) && it->path().extension() == ".html") {
      pages.push_back(it->path().lexically_relative(site).generic_string());
    }
  }
  if (ec) throw std::runtime_error("поисковый индекс не построен: не удалось прочитать папку " + site.string() + ": " + ec.message());
  std::sort(pages.begin(), pages.end());
  fs::create_directory(mirror);
  for (const std::string& page : pages) {
    const fs::path to = mirror / page;
    fs::create_directories(to.parent_path());
    fs::create_hard_link(site / page, to, ec);
    if (ec) fs::copy_file(site / page, to);  // a file system without hard links
  }
}

}  // namespace

std::optional<fs::path> find_pagefind(const fs::path& given) {
  if (given.empty()) return std::nullopt;
  if (is_executable_file(given)) return fs::absolute(given);
  for (const fs::path& folder : {given / kPackage / "bin", given / "node_modules" / kPackage / "bin", given / "bin", given}) {
    for (const char* name : kBinaries) {
      if (is_executable_file(folder / name)) return fs::absolute(folder / name);
    }
  }
  return std::nullopt;
}

void index_site(const fs::path& pagefind, const fs::path& site_folder) {
  const std::string subdir(routes::kSearchIndex.substr(0, routes::kSearchIndex.size() - 1));
  // Pagefind reads the mirror (inside the staging folder: a killed build's is removed with
  // it) and writes beside the pages. It runs inside the mirror: Pagefind reads a
  // pagefind.yml (or .toml, .json) of the folder it runs in, and the mirror has none.
  const fs::path mirror = site_folder / ".nastavnik-search";
  struct Remove {
    const fs::path& folder;
    ~Remove() {
      std::error_code ec;
      fs::remove_all(folder, ec);
    }
  } remove_mirror{mirror};
  try {
    make_sorted_mirror(site_folder, mirror);
  } catch (const fs::filesystem_error& e) {
    throw std::runtime_error("поисковый индекс не построен: не удалось подготовить страницы для Pagefind в " + mirror.string() + " (" +
                             e.code().message() + "); опубликованная папка не изменена");
  }
  const std::string output = fs::absolute(site_folder / subdir).string();
  std::vector<std::string> args = {pagefind.string(), "--site", ".", "--output-path", output, "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(std::string("не удалось запустить Pagefind: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, mirror.c_str());
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, pagefind.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (spawned != 0) {
    ::close(out[0]);
    throw std::runtime_error("не удалось запустить Pagefind (" + pagefind.string() + "): " + std::strerror(spawned));
  }
  std::string log;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    log.append(buffer, static_cast<size_t>(n));
  }
  ::close(out[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  std::error_code ec;
  if (!ok || !fs::is_regular_file(site_folder / routes::kSearchIndex / "pagefind.js", ec)) {
    std::string why = WIFSIGNALED(status) ? "остановлен сигналом " + std::to_string(WTERMSIG(status))
                      : ok                ? std::string("не записал pagefind/pagefind.js")
                                          : "завершился с кодом " + std::to_string(WEXITSTATUS(status));
    std::string last = tail_lines(log, 10);
    throw std::runtime_error("поисковый индекс не построен: Pagefind (" + pagefind.string() + ") " + why +
                             (last.empty() ? std::string() : ":\n" + last) + "\nопубликованная папка не изменена");
  }
}

}  // namespace nastavnik
