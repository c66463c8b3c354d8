#include "document/ocr.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "core/whole_file.h"
#include "document/cache_file.h"

extern char** environ;

namespace nastavnik {

namespace fs = std::filesystem;

namespace {

// The version of what recognises is part of the name: a newer Tesseract recognises anew.
constexpr const char* kRecogniser = "ocrmypdf-rus-1";

// A temporary folder removed with its contents when the object goes.
struct TempFolder {
  fs::path path;
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "nastavnik-ocr-XXXXXX").string();
    if (::mkdtemp(pattern.data())) path = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

// Runs OCRmyPDF; its exit status, or -1 when it could not be started.
int run_ocrmypdf(const fs::path& in, const fs::path& out, const fs::path& log) {
  // One job: the build already recognises several scans at once, one per worker.
  std::vector<std::string> args = {"ocrmypdf", "--quiet", "--language", "rus+eng", "--jobs", "1", "--output-type", "pdf",
                                   "--skip-text", in.string(), out.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  // posix_spawn, not fork: the build's threads may hold locks.
  const int started = ::posix_spawnp(&pid, "ocrmypdf", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (started != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

std::optional<std::string> recognise_scan(std::string_view pdf, const std::string& digest, const fs::path& cache, bool writable,
                                          std::string& failure) {
  const fs::path kept = document_cache_file(cache, digest, std::string(".") + kRecogniser + ".pdf");
  std::string bytes;
  if (!kept.empty() && read_whole(kept, bytes)) return bytes;
  // `check` recognises nothing: the build that publishes does, once, and keeps the result.
  if (!writable) return std::nullopt;
  TempFolder temp;
  if (temp.path.empty()) {
    failure = "не удалось создать временную папку для распознавания";
    return std::nullopt;
  }
  const fs::path in = temp.path / "scan.pdf", out = temp.path / "recognised.pdf", log = temp.path / "log.txt";
  if (!write_atomically(in, pdf)) {
    failure = "не удалось записать файл для распознавания во временную папку";
    return std::nullopt;
  }
  const int status = run_ocrmypdf(in, out, log);
  if (status == -1) {
    failure = "программа распознавания OCRmyPDF не установлена; передайте сообщение ответственному за сайт: нужен пакет ocrmypdf с tesseract-ocr-rus (scripts/setup.sh)";
    return std::nullopt;
  }
  if (status != 0 || !read_whole(out, bytes) || bytes.empty()) {
    std::string detail;
    read_whole(log, detail);
    if (detail.size() > 300) detail = detail.substr(detail.size() - 300);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    failure = "распознавание текста не удалось (OCRmyPDF, код " + std::to_string(status) + (detail.empty() ? "" : ": " + detail) + ")";
    return std::nullopt;
  }
  keep_document_file(kept, bytes);  // `writable` here: `check` returned above
  return bytes;
}

}  // namespace nastavnik
