#include "read/content_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace fs = std::filesystem;

namespace nastavnik {

ReadStatus ContentSource::read_part(const std::string& path, std::uintmax_t offset, size_t length, std::string& out) const {
  std::string whole;
  ReadStatus status = read(path, UINTMAX_MAX, whole);
  out.clear();
  if (status == ReadStatus::Ok && offset < whole.size()) out = whole.substr(static_cast<size_t>(offset), length);
  return status;
}

bool is_inside(const fs::path& root, const fs::path& path) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty()) continue;
    if (p == path.end() || *r != *p) return false;
  }
  return true;
}

std::unique_ptr<DiskSource> DiskSource::open(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return nullptr;
  fs::path canonical = fs::canonical(root, ec);
  if (ec) return nullptr;
  return std::unique_ptr<DiskSource>(new DiskSource(canonical, root.string()));
}

std::optional<std::vector<DirEntry>> DiskSource::list(const std::string& dir) const {
  std::error_code ec;
  fs::path path = dir.empty() ? root_ : root_ / dir;
  if (!fs::is_directory(path, ec)) return std::nullopt;
  std::vector<DirEntry> out;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    DirEntry e;
    e.name = it->path().filename().string();
    std::error_code entry_ec;
    // The type comes from the folder listing itself; only symlinks cost a stat.
    e.symlink = it->is_symlink(entry_ec);
    if (it->is_regular_file(entry_ec)) e.type = DirEntry::Type::File;
    else if (it->is_directory(entry_ec)) e.type = DirEntry::Type::Dir;
    else e.type = DirEntry::Type::Other;
    if (e.symlink) {
      fs::path target = fs::weakly_canonical(it->path(), entry_ec);
      if (entry_ec || !is_inside(root_, target) || !fs::exists(target, entry_ec)) e.outside = true;
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

ReadStatus DiskSource::read(const std::string& path, std::uintmax_t max_bytes, std::string& out) const {
  fs::path full = root_ / path;
  int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? ReadStatus::Missing : ReadStatus::Failed;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return ReadStatus::Failed;
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return ReadStatus::TooLarge;
  }
  // The file may grow between fstat and read: read until EOF, but never past the limit.
  const std::uintmax_t limit = max_bytes == UINTMAX_MAX ? max_bytes : max_bytes + 1;
  out.resize(static_cast<size_t>(std::min<std::uintmax_t>(static_cast<std::uintmax_t>(st.st_size) + 1, limit)));
  size_t done = 0;
  for (;;) {
    if (done == out.size()) {
      if (out.size() >= limit) break;
      out.resize(static_cast<size_t>(std::min<std::uintmax_t>(out.size() * 2 + 4096, limit)));
    }
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return ReadStatus::Failed;
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done > max_bytes) return ReadStatus::TooLarge;
  out.resize(done);
  return ReadStatus::Ok;
}

ReadStatus DiskSource::read_part(const std::string& path, std::uintmax_t offset, size_t length, std::string& out) const {
  out.clear();
  // Three calls and no fstat: it costs on every attachment. O_NONBLOCK keeps a FIFO from
  // blocking the open (pread then fails on it, as on a folder).
  int fd = ::open((root_ / path).c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return errno == ENOENT ? ReadStatus::Missing : ReadStatus::Failed;
  out.resize(length);
  size_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd, out.data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      out.clear();
      return ReadStatus::Failed;
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return ReadStatus::Ok;
}

Resolved DiskSource::resolve(const std::string& path) const {
  Resolved r;
  std::error_code ec;
  fs::path canonical = fs::canonical(root_ / path, ec);
  if (ec) return r;
  if (!is_inside(root_, canonical)) {
    r.status = Resolved::Status::Outside;
    return r;
  }
  r.canonical = canonical.lexically_relative(root_).generic_string();
  fs::file_status st = fs::status(canonical, ec);
  if (fs::is_regular_file(st)) {
    r.status = Resolved::Status::File;
    r.size = fs::file_size(canonical, ec);
  } else {
    r.status = fs::is_directory(st) ? Resolved::Status::Dir : Resolved::Status::Other;
  }
  return r;
}

fs::path DiskSource::disk_path(const std::string& path) const { return root_ / path; }

uint64_t DiskSource::stamp(const std::string& path) const {
  struct stat st {};
  if (::stat((root_ / path).c_str(), &st) != 0) return 0;
  uint64_t s = mix(static_cast<uint64_t>(st.st_size), static_cast<uint64_t>(st.st_mtim.tv_sec));
  s = mix(s, static_cast<uint64_t>(st.st_mtim.tv_nsec));
  s = mix(s, static_cast<uint64_t>(st.st_ino));
  return s | 1;  // never 0, the stamp of a missing file
}

std::optional<std::vector<DirEntry>> MemorySource::list(const std::string& dir) const {
  const std::string prefix = dir.empty() ? std::string() : dir + "/";
  std::vector<DirEntry> out;
  bool found = dir.empty();
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    found = true;
    std::string rest = it->first.substr(prefix.size());
    size_t slash = rest.find('/');
    DirEntry e;
    e.name = rest.substr(0, slash);
    e.type = slash == std::string::npos ? DirEntry::Type::File : DirEntry::Type::Dir;
    if (out.empty() || out.back().name != e.name) out.push_back(e);
  }
  if (!found) return std::nullopt;
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name == b.name; }), out.end());
  return out;
}

ReadStatus MemorySource::read(const std::string& path, std::uintmax_t max_bytes, std::string& out) const {
  auto it = files_.find(fs::path(path).lexically_normal().generic_string());
  if (it == files_.end()) return ReadStatus::Missing;
  if (it->second.size() > max_bytes) return ReadStatus::TooLarge;
  out = it->second;
  return ReadStatus::Ok;
}

ReadStatus MemorySource::read_part(const std::string& path, std::uintmax_t offset, size_t length, std::string& out) const {
  auto it = files_.find(fs::path(path).lexically_normal().generic_string());
  out.clear();
  if (it == files_.end()) return ReadStatus::Missing;
  if (offset < it->second.size()) out = it->second.substr(static_cast<size_t>(offset), length);
  return ReadStatus::Ok;
}

uint64_t MemorySource::stamp(const std::string& path) const {
  auto it = files_.find(fs::path(path).lexically_normal().generic_string());
  if (it == files_.end()) return 0;
  return mix(std::hash<std::string>()(it->second), it->second.size()) | 1;
}

Resolved MemorySource::resolve(const std::string& path) const {
  Resolved r;
  std::string normal = fs::path(path).lexically_normal().generic_string();
  if (normal.rfind("..", 0) == 0 || normal.rfind('/', 0) == 0) {
    r.status = Resolved::Status::Outside;
    return r;
  }
  if (auto it = files_.find(normal); it != files_.end()) {
    r.status = Resolved::Status::File;
    r.canonical = normal;
    r.size = it->second.size();
    return r;
  }
  if (list(normal)) {
    r.status = Resolved::Status::Dir;
    r.canonical = normal;
  }
  return r;
}

}  // namespace nastavnik
