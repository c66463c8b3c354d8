#include "serve/watcher.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF |
                           IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

}  // namespace

bool is_scratch_file_name(const std::string& name) {
  if (name.empty()) return false;
  if (name[0] == '.' || name.back() == '~' || name[0] == '#') return true;  // .x.swp, .#x (Emacs), x~, #x#
  if (ends_with(name, ".swp") || ends_with(name, ".swx") || ends_with(name, ".tmp") || ends_with(name, ".part")) return true;
  return name == "4913";  // vim's probe file
}

TreeWatcher::TreeWatcher() {
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error(std::string("не удалось следить за изменениями файлов (inotify): ") + std::strerror(errno));
}

TreeWatcher::~TreeWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

void TreeWatcher::add_one(const fs::path& dir) {
  int wd = ::inotify_add_watch(fd_, dir.c_str(), kMask);
  if (wd >= 0) dirs_[wd] = dir;
}

void TreeWatcher::watch_tree(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return;
  add_one(root);
  // Bounded: a content tree has a few levels; symlinked folders are not followed.
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (size_t visited = 0; !ec && it != end && visited < 200000; it.increment(ec), ++visited) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      if (is_scratch_file_name(it->path().filename().string())) {
        it.disable_recursion_pending();
        continue;
      }
      add_one(it->path());
    }
  }
}

std::vector<std::string> TreeWatcher::read_changes(std::vector<std::string>* scratch) {
  std::vector<std::string> changes;
  alignas(struct inotify_event) char buffer[64 * 1024];
  for (int round = 0; round < 64; ++round) {  // bounded: the queue is drained in a few reads
    ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    for (char* p = buffer; p < buffer + n;) {
      auto* event = reinterpret_cast<struct inotify_event*>(p);
      p += sizeof(struct inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) {
        changes.push_back(kOverflow);
        continue;
      }
      auto dir = dirs_.find(event->wd);
      if (event->mask & IN_IGNORED) {
        if (dir != dirs_.end()) dirs_.erase(dir);
        continue;
      }
      if (dir == dirs_.end()) continue;
      std::string name = event->len ? std::string(event->name) : std::string();
      fs::path path = name.empty() ? dir->second : dir->second / name;
      if (!name.empty() && is_scratch_file_name(name)) {
        if (scratch) scratch->push_back(path.string());
        continue;
      }
      if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path);
      changes.push_back(path.string());
    }
  }
  return changes;
}

}  // namespace nastavnik
