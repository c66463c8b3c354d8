#include "output/output_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

constexpr const char* kMarker = ".nastavnik-staging";

std::string describe_errno(int err) {
  if (err == ENOSPC) return "на диске нет места";
  if (err == EDQUOT) return "превышена квота диска";
  if (err == EACCES || err == EPERM) return "нет прав на запись";
  if (err == EROFS) return "файловая система только для чтения";
  return std::strerror(err);
}

[[noreturn]] void fail(const std::string& what, int err) {
  throw std::runtime_error(what + ": " + describe_errno(err) + "; опубликованная папка не изменена");
}

void write_all(int fd, std::string_view content, const fs::path& path) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      fail("не удалось записать " + path.string(), err);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

// A staging folder is stale when the build that made it is gone.
void remove_stale_staging(const fs::path& final_dir) {
  std::error_code ec;
  fs::path parent = final_dir.parent_path();
  std::string prefix = final_dir.filename().string() + ".tmp-";
  for (fs::directory_iterator it(parent.empty() ? fs::path(".") : parent, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0 || !fs::exists(it->path() / kMarker, ec)) continue;
    pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + prefix.size()));
    if (pid > 0 && pid != getpid() && ::kill(pid, 0) == 0) continue;  // another build still running
    fs::remove_all(it->path(), ec);
  }
}

}  // namespace

OutputDir::OutputDir(fs::path final_dir) : final_(std::move(final_dir)) {
  final_ = fs::absolute(final_).lexically_normal();
  if (final_.filename().empty()) final_ = final_.parent_path();
  std::error_code ec;
  fs::create_directories(final_.parent_path(), ec);
  remove_stale_staging(final_);
  staging_ = final_;
  staging_ += ".tmp-" + std::to_string(getpid());
  fs::remove_all(staging_, ec);
  if (::mkdir(staging_.c_str(), 0755) != 0) fail("не удалось создать временную папку " + staging_.string(), errno);
  ::chmod(staging_.c_str(), 0755);
  int fd = open_new(staging_ / kMarker);
  ::close(fd);
}

OutputDir::~OutputDir() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void OutputDir::ensure_parent(const fs::path& file) {
  fs::path dir = file.parent_path();
  std::lock_guard lock(mutex_);
  if (made_dirs_.count(dir.string())) return;
  // Create each missing level with an explicit mode, whatever the umask.
  std::vector<fs::path> missing;
  for (fs::path d = dir; d != staging_ && !made_dirs_.count(d.string()); d = d.parent_path()) {
    missing.push_back(d);
    if (d == d.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0755) != 0 && errno != EEXIST) fail("не удалось создать папку " + it->string(), errno);
    ::chmod(it->c_str(), 0755);
    made_dirs_.insert(it->string());
  }
}

int OutputDir::open_new(const fs::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    if (errno == EEXIST) throw std::runtime_error("файл " + path.string() + " создаётся дважды — это ошибка nastavnik, сообщите разработчикам");
    fail("не удалось создать " + path.string(), errno);
  }
  ::fchmod(fd, 0644);
  return fd;
}

void OutputDir::write(const std::string& relative, std::string_view content) {
  fs::path path = staging_ / relative;
  ensure_parent(path);
  int fd = open_new(path);
  write_all(fd, content, path);
  if (::close(fd) != 0) fail("не удалось записать " + path.string(), errno);
  std::lock_guard lock(mutex_);
  ++files_;
  bytes_ += content.size();
}

void OutputDir::copy(const fs::path& from, const std::string& relative) {
  fs::path path = staging_ / relative;
  ensure_parent(path);
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) fail("не удалось прочитать " + from.string(), errno);
  int out = open_new(path);
  char buffer[1 << 16];
  std::uintmax_t total = 0;
  for (;;) {
    ssize_t n = ::read(in, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(in);
      ::close(out);
      fail("не удалось прочитать " + from.string(), err);
    }
    if (n == 0) break;
    write_all(out, std::string_view(buffer, static_cast<size_t>(n)), path);
    total += static_cast<std::uintmax_t>(n);
  }
  ::close(in);
  if (::close(out) != 0) fail("не удалось записать " + path.string(), errno);
  std::lock_guard lock(mutex_);
  ++files_;
  bytes_ += total;
}

void OutputDir::commit() {
  std::error_code ec;
  fs::remove(staging_ / kMarker, ec);
  // Everything must be on disk before the swap makes it the published site.
  int dir_fd = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    if (::syncfs(dir_fd) != 0) {
      int err = errno;
      ::close(dir_fd);
      fail("не удалось записать результат на диск", err);
    }
    ::close(dir_fd);
  }
  if (fs::exists(fs::symlink_status(final_))) {
    if (!fs::is_directory(fs::symlink_status(final_))) {
      throw std::runtime_error(final_.string() + " существует и не является папкой; удалите его или укажите другую папку в --out");
    }
    // renameat2(RENAME_EXCHANGE) swaps the two folders in one step: at no moment is there
    // no published site.
    if (::syscall(SYS_renameat2, AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), 2 /* RENAME_EXCHANGE */) != 0) {
      fail("не удалось заменить " + final_.string(), errno);
    }
    committed_ = true;
    fs::remove_all(staging_, ec);  // now holds the previous site
  } else {
    if (::rename(staging_.c_str(), final_.c_str()) != 0) fail("не удалось переименовать временную папку в " + final_.string(), errno);
    committed_ = true;
  }
}

}  // namespace nastavnik
