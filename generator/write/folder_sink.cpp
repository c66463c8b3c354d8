#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "write/output_sink.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + ": " + std::strerror(errno)); }

}  // namespace

FolderSink::FolderSink(fs::path root) : root_(std::move(root)) {
  ::umask(022);
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec) throw std::runtime_error("не удалось создать папку " + root_.string() + ": " + ec.message());
}

void FolderSink::write(const std::string& path, std::string_view bytes) {
  const fs::path target = root_ / path;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  // A reader (the browser, through the server) sees the old file or the new one, never half.
  fs::path temp = target;
  temp += ".nastavnik-new";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("не удалось записать " + target.string());
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      fail("не удалось записать " + target.string());
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(temp.c_str(), target.c_str()) != 0) fail("не удалось записать " + target.string());
  std::lock_guard lock(mutex_);
  ++files_;
  bytes_ += bytes.size();
}

void FolderSink::copy(const ContentSource& source, const std::string& source_path, const std::string& path) {
  std::string bytes;
  if (source.read(source_path, UINTMAX_MAX, bytes) != ReadStatus::Ok) throw std::runtime_error("не удалось прочитать " + source_path);
  write(path, bytes);
}

void FolderSink::remove(const std::string& path) {
  std::error_code ec;
  fs::remove(root_ / path, ec);
}

}  // namespace nastavnik
