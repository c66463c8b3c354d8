#include "write/disk_sink.h"

#include <fcntl.h>
#include <spawn.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

constexpr const char* kMarker = ".nastavnik-staging";

std::string describe_errno(int err) {
  switch (err) {
    case ENOSPC: return "на диске нет места";
    case EDQUOT: return "превышена квота диска";
    case EACCES:
    case EPERM: return "нет прав на запись";
    case EROFS: return "файловая система только для чтения";
    case EXDEV:
    case EBUSY: return "папка — точка монтирования или лежит на другом диске, укажите в --out папку внутри неё";
    case EMFILE:
    case ENFILE: return "открыто слишком много файлов";
    case ENAMETOOLONG: return "слишком длинное имя файла";
    case ENOTDIR: return "часть пути — файл, а не папка";
    case ELOOP: return "в пути зацикленная символическая ссылка";
    case EIO: return "ошибка ввода-вывода диска";
    case ENOMEM: return "не хватает памяти";
    default: return std::strerror(err);
  }
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

// When the process `pid` started, in clock ticks after boot (field 22 of /proc/<pid>/stat);
// empty when there is no such process. Together with the pid it names one process: a pid
// alone may be reused by another program after a build was killed.
std::string process_start_time(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t paren = stat.rfind(')');  // the command name may hold spaces and parentheses
  if (paren == std::string::npos) return {};
  std::istringstream fields(stat.substr(paren + 1));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i == 22) return field;
  }
  return {};
}

bool process_alive(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

// Whether a process `pid` runs that may have made `folder`: one that started after the
// folder last changed cannot have (its pid was reused after the build was killed).
bool may_own(pid_t pid, const fs::path& folder) {
  if (!process_alive(pid)) return false;
  std::string start = process_start_time(pid);
  struct stat st {};
  if (start.empty() || ::stat(folder.c_str(), &st) != 0) return true;  // cannot tell: keep it
  std::ifstream proc_stat("/proc/stat");
  std::string key;
  long long boot = -1;
  while (proc_stat >> key) {
    if (key == "btime") {
      proc_stat >> boot;
      break;
    }
  }
  long ticks = ::sysconf(_SC_CLK_TCK);
  if (boot < 0 || ticks <= 0) return true;
  double started = static_cast<double>(boot) + std::strtod(start.c_str(), nullptr) / static_cast<double>(ticks);
  double changed = static_cast<double>(st.st_ctim.tv_sec) + static_cast<double>(st.st_ctim.tv_nsec) / 1e9;
  return started <= changed + 0.02;
}

// A staging folder is stale when the build that made it is gone. Its marker names the
// build (pid and start time). A folder without the marker was left by a build killed right
// after creating it, or after swapping the previous site out and while removing it; it
// goes when no process that could have made it runs. Only names of the exact form
// <out>.tmp-<digits> are considered: public.tmp-notes and the like stay.
void remove_stale_staging(const fs::path& final_dir) {
  std::error_code ec;
  fs::path parent = final_dir.parent_path();
  // Previous sites whose removal did not finish (the machine stopped meanwhile).
  std::string trash = "."; trash += final_dir.filename().string(); trash += ".trash-";
  for (fs::directory_iterator it(parent.empty() ? fs::path(".") : parent, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(trash, 0) != 0 || name.find_first_not_of("0123456789", trash.size()) != std::string::npos) continue;
    pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + trash.size()));
    std::error_code entry_ec;
    if (pid != getpid() && !may_own(pid, it->path())) fs::remove_all(it->path(), entry_ec);
  }
  std::string prefix = final_dir.filename().string() + ".tmp-";
  for (fs::directory_iterator it(parent.empty() ? fs::path(".") : parent, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size() || name.size() > prefix.size() + 10) continue;
    if (name.find_first_not_of("0123456789", prefix.size()) != std::string::npos) continue;
    std::error_code entry_ec;
    if (!fs::is_directory(fs::symlink_status(it->path(), entry_ec))) continue;
    pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + prefix.size()));
    if (pid == getpid()) continue;
    fs::path marker = it->path() / kMarker;
    if (fs::exists(fs::symlink_status(marker, entry_ec))) {
      std::ifstream in(marker);
      std::string marker_pid, marker_start;
      in >> marker_pid >> marker_start;
      // Another build still running: same pid and same start time (or an old marker
      // without one, with the pid alive).
      if (marker_start.empty() ? may_own(pid, it->path()) : process_alive(pid) && process_start_time(pid) == marker_start) continue;
    } else if (may_own(pid, it->path())) {
      continue;
    }
    fs::remove_all(it->path(), entry_ec);
  }
}

// `rm -rf folder` in a process of its own, not waited for: it outlives the build, and
// init reaps it. posix_spawn, not fork: the build's threads may hold locks.
void remove_in_background(const fs::path& folder) {
  pid_t pid;
  const char* argv[] = {"rm", "-rf", "--", folder.c_str(), nullptr};
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  if (::posix_spawnp(&pid, "rm", nullptr, &attr, const_cast<char* const*>(argv), environ) != 0) {
    std::error_code ec;
    fs::remove_all(folder, ec);
  }
  posix_spawnattr_destroy(&attr);
}

bool is_ancestor_or_same(const fs::path& ancestor, const fs::path& path) {
  auto a = ancestor.begin(), p = path.begin();
  for (; a != ancestor.end(); ++a, ++p) {
    if (a->empty()) continue;
    if (p == path.end() || *a != *p) return false;
  }
  return true;
}

}  // namespace

// The output folder is replaced as a whole: refuse a folder whose loss would be a disaster
// (the root, the home or current folder or one above them, a content folder, a theme, a
// repository).
void refuse_dangerous_output(const fs::path& final_dir) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(final_dir, ec);
  if (ec) resolved = final_dir;
  const std::string shown = "«" + final_dir.string() + "»";
  auto refuse = [&](const std::string& why) {
    throw std::runtime_error("папку " + shown + " нельзя использовать для сайта: " + why +
                             "; при сборке она заменяется целиком. Укажите в --out отдельную папку, например public");
  };
  if (resolved == resolved.root_path() || final_dir.filename() == "..") refuse("это корень файловой системы или папка выше текущей");
  fs::path cwd = fs::current_path(ec);
  if (!ec && is_ancestor_or_same(resolved, fs::weakly_canonical(cwd, ec))) refuse("в ней находится текущая папка");
  if (const char* home = std::getenv("HOME"); home && *home && is_ancestor_or_same(resolved, fs::weakly_canonical(home, ec))) {
    refuse("в ней находится домашняя папка");
  }
  if (!fs::is_directory(resolved, ec)) return;
  if (fs::exists(resolved / "site.yaml", ec)) refuse("в ней лежит site.yaml — похоже, это папка с материалами");
  if (fs::exists(resolved / "templates" / "layout.mustache", ec)) refuse("в ней лежит templates/layout.mustache — похоже, это тема оформления");
  if (fs::exists(resolved / ".git", ec)) refuse("в ней лежит .git — похоже, это репозиторий");
}

DiskSink::DiskSink(fs::path final_dir) : final_(std::move(final_dir)) {
  // Files 0644 and folders 0755 whatever the umask the build was started with: set here
  // once rather than by a chmod after each of thousands of files; restored at the end.
  old_umask_ = ::umask(022);
  final_ = fs::absolute(final_).lexically_normal();
  if (final_.filename().empty()) final_ = final_.parent_path();
  refuse_dangerous_output(final_);
  std::error_code ec;
  fs::create_directories(final_.parent_path(), ec);
  remove_stale_staging(final_);
  staging_ = final_;
  staging_ += ".tmp-" + std::to_string(getpid());
  fs::remove_all(staging_, ec);
  if (::mkdir(staging_.c_str(), 0755) != 0) fail("не удалось создать временную папку " + staging_.string(), errno);
  // The marker says which build the folder belongs to, so that a later build can tell a
  // folder left by a killed build from one still being written.
  // A constructor that throws has no destructor to clean up after it.
  try {
    int fd = open_new(staging_ / kMarker);
    write_all(fd, std::to_string(getpid()) + " " + process_start_time(getpid()) + "\n", staging_ / kMarker);
    if (::close(fd) != 0) fail("не удалось создать временную папку " + staging_.string(), errno);
  } catch (...) {
    fs::remove_all(staging_, ec);
    throw;
  }
}

DiskSink::~DiskSink() {
  ::umask(old_umask_);
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void DiskSink::ensure_parent(const fs::path& file) {
  fs::path dir = file.parent_path();
  std::vector<fs::path> missing;
  {
    std::lock_guard lock(mutex_);
    if (made_dirs_.count(dir.native())) return;
    for (fs::path d = dir; d != staging_ && !made_dirs_.count(d.native()); d = d.parent_path()) {
      missing.push_back(d);
      if (d == d.parent_path()) break;
    }
  }
  // Outside the lock: another thread may make the same folder meanwhile (EEXIST).
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0755) != 0 && errno != EEXIST) fail("не удалось создать папку " + it->string(), errno);
  }
  std::lock_guard lock(mutex_);
  for (const auto& d : missing) made_dirs_.insert(d.native());
}

int DiskSink::open_new(const fs::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    if (errno == EEXIST) throw std::runtime_error("файл " + path.string() + " создаётся дважды — это ошибка nastavnik, сообщите разработчикам");
    fail("не удалось создать " + path.string(), errno);
  }
  return fd;
}

fs::path DiskSink::inside(const std::string& relative) const {
  // Paths come from validated slugs and file names; this is the last line of defence.
  fs::path rel(relative);
  bool bad = relative.empty() || rel.is_absolute() || relative.find('\0') != std::string::npos;
  for (const auto& part : rel) bad = bad || part == ".." || part == ".";
  if (bad) throw std::runtime_error("путь «" + relative + "» выходит за пределы папки сайта — это ошибка nastavnik, сообщите разработчикам");
  return staging_ / rel;
}

void DiskSink::write(const std::string& relative, std::string_view content) {
  fs::path path = inside(relative);
  ensure_parent(path);
  int fd = open_new(path);
  write_all(fd, content, path);
  if (::close(fd) != 0) fail("не удалось записать " + path.string(), errno);
  ++files_;
  bytes_ += content.size();
}

void DiskSink::copy(const ContentSource& source, const std::string& source_path, const std::string& relative) {
  const fs::path from = source.disk_path(source_path);
  if (from.empty()) {
    std::string bytes;
    if (source.read(source_path, UINTMAX_MAX, bytes) != ReadStatus::Ok) fail("не удалось прочитать " + source_path, EIO);
    write(relative, bytes);
    return;
  }
  fs::path path = inside(relative);
  ensure_parent(path);
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) fail("не удалось прочитать " + from.string(), errno);
  int out = -1;
  try {
    out = open_new(path);
  } catch (...) {
    ::close(in);
    throw;
  }
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
    try {
      write_all(out, std::string_view(buffer, static_cast<size_t>(n)), path);  // closes `out` when it throws
    } catch (...) {
      ::close(in);
      throw;
    }
    total += static_cast<std::uintmax_t>(n);
  }
  ::close(in);
  if (::close(out) != 0) fail("не удалось записать " + path.string(), errno);
  ++files_;
  bytes_ += total;
}

void DiskSink::commit() {
  std::error_code ec;
  // The marker goes last, so that a build killed from here on leaves a folder without it
  // for the shortest time (remove_stale_staging recognises those too). No fsync: like
  // Hugo and Zola, the build leaves writing back to the file system; the swap below is
  // atomic for every reader and for a build that is killed.
  fs::remove(staging_ / kMarker, ec);
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
    // The previous site, now in the staging folder, is removed by a process of its own:
    // deleting thousands of files takes seconds on a disk, and nothing waits for it. A
    // removal that does not finish is completed by the next build.
    std::string trash_name = "."; trash_name += final_.filename().string(); trash_name += ".trash-" + std::to_string(getpid());
    fs::path trash = final_.parent_path() / trash_name;
    if (::rename(staging_.c_str(), trash.c_str()) == 0) {
      remove_in_background(trash);
    } else {
      fs::remove_all(staging_, ec);
    }
  } else {
    if (::rename(staging_.c_str(), final_.c_str()) != 0) fail("не удалось переименовать временную папку в " + final_.string(), errno);
    committed_ = true;
  }
}

}  // namespace nastavnik
