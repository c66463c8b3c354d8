#pragma once
// A content folder in memory WITH symbolic links, for the build fuzzer: MemorySource has
// none, and the links are what lets a content folder publish a file from elsewhere on the
// machine. LinkSource holds a small file system (the world): the content folder "content"
// and, beside it, files that no build may publish. It answers like DiskSource over that
// world on disk: paths are resolved as the kernel resolves them (open(2), realpath(3):
// every link followed, ".." taken physically, 40 links at most, a file in the middle of a
// path is an error), list() reports links and whether they lead outside the content folder,
// read() follows links wherever they go (as open(2) does: refusing is the caller's job),
// resolve() says Outside for a path that leads out; a path too long for Linux (PATH_MAX,
// NAME_MAX) is an error, as there.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "read/content_source.h"

namespace fuzz {

class LinkSource : public nastavnik::ContentSource {
 public:
  static constexpr const char* kRoot = "content";

  /// Adds a file or a link at a world path ("content/school/x.md", "secret"): false when
  /// the place is taken (by a file, a link or a folder) or a parent is a file or a link.
  bool add_file(const std::string& path, std::string bytes) {
    if (!can_add(path)) return false;
    files_[path] = std::move(bytes);
    add_parents(path);
    return true;
  }
  bool add_link(const std::string& path, std::string target) {
    if (!can_add(path) || target.empty()) return false;
    links_[path] = std::move(target);
    add_parents(path);
    return true;
  }
  bool exists(const std::string& path) const { return files_.count(path) || links_.count(path) || dirs_.count(path); }
  bool has_links() const { return !links_.empty(); }
  const std::map<std::string, std::string>& files() const { return files_; }

  std::optional<std::vector<nastavnik::DirEntry>> list(const std::string& dir) const override {
    using nastavnik::DirEntry;
    auto physical = walk(in_root(dir), true);
    if (!physical || kind(*physical) != Kind::Dir) return std::nullopt;
    std::vector<DirEntry> out;
    for (const auto& name : children(*physical)) {
      const std::string path = join(*physical, name);
      DirEntry e;
      e.name = name;
      e.symlink = kind(path) == Kind::Link;
      auto target = walk(path, true);
      if (!target) {
        e.type = DirEntry::Type::Other;
        e.outside = e.symlink;
      } else {
        Kind k = kind(*target);
        e.type = k == Kind::File ? DirEntry::Type::File : k == Kind::Dir ? DirEntry::Type::Dir : DirEntry::Type::Other;
        if (e.symlink && !inside(*target)) e.outside = true;
      }
      out.push_back(std::move(e));
    }
    return out;
  }

  nastavnik::ReadStatus read(const std::string& path, std::uintmax_t max_bytes, std::string& out) const override {
    using nastavnik::ReadStatus;
    Error error = Error::None;
    auto physical = walk(in_root(path), true, &error);
    if (!physical) return error == Error::NotFound ? ReadStatus::Missing : ReadStatus::Failed;
    auto it = files_.find(*physical);
    if (it == files_.end()) return ReadStatus::Failed;  // a folder: open(2) succeeds, fstat says it is no regular file
    if (it->second.size() > max_bytes) return ReadStatus::TooLarge;
    out = it->second;
    return ReadStatus::Ok;
  }

  nastavnik::Resolved resolve(const std::string& path) const override {
    using nastavnik::Resolved;
    Resolved r;
    auto physical = walk(in_root(path), true);
    if (!physical) return r;
    if (!inside(*physical)) {
      r.status = Resolved::Status::Outside;
      return r;
    }
    r.canonical = *physical == kRoot ? "." : physical->substr(std::string_view(kRoot).size() + 1);
    auto it = files_.find(*physical);
    if (it != files_.end()) {
      r.status = Resolved::Status::File;
      r.size = it->second.size();
    } else {
      r.status = Resolved::Status::Dir;
    }
    return r;
  }

  std::filesystem::path disk_path(const std::string&) const override { return {}; }
  std::string label() const override { return kRoot; }

  /// As stat(2) sees it: 0 when nothing is there, else a number made of what is there (the
  /// physical path stands for the inode).
  uint64_t stamp(const std::string& path) const override {
    auto physical = walk(in_root(path), true);
    if (!physical) return 0;
    uint64_t s = nastavnik::mix(std::hash<std::string>()(*physical), 0);
    auto it = files_.find(*physical);
    if (it != files_.end()) s = nastavnik::mix(nastavnik::mix(s, std::hash<std::string>()(it->second)), it->second.size());
    return s | 1;
  }

 private:
  enum class Kind { Missing, File, Dir, Link };
  enum class Error { None, NotFound, NotDir, Loop, NameTooLong };
  /// PATH_MAX and NAME_MAX of Linux; the world's root stands for a folder such as
  /// /tmp/nastavnik-fuzz-XXXXXX, whose length counts too.
  static constexpr size_t kPathMax = 4096 - 32;
  static constexpr size_t kNameMax = 255;

  static std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }
  static std::string parent(const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
  }
  // root_ / path as DiskSource forms it: an absolute `path` replaces the root.
  static std::string in_root(const std::string& path) {
    if (!path.empty() && path[0] == '/') return path;
    return path.empty() ? std::string(kRoot) : std::string(kRoot) + "/" + path;
  }
  static bool inside(const std::string& physical) {
    return physical == kRoot || physical.rfind(std::string(kRoot) + "/", 0) == 0;
  }

  Kind kind(const std::string& path) const {
    if (path.empty() || dirs_.count(path)) return Kind::Dir;  // "" is the world's root
    if (files_.count(path)) return Kind::File;
    if (links_.count(path)) return Kind::Link;
    return Kind::Missing;
  }

  bool can_add(const std::string& path) const {
    if (path.empty() || exists(path)) return false;
    for (std::string p = parent(path); !p.empty(); p = parent(p)) {
      if (files_.count(p) || links_.count(p)) return false;
    }
    return true;
  }
  void add_parents(const std::string& path) {
    for (std::string p = parent(path); !p.empty(); p = parent(p)) dirs_.insert(p);
  }

  std::vector<std::string> children(const std::string& dir) const {
    std::set<std::string> names;
    const std::string prefix = dir.empty() ? std::string() : dir + "/";
    auto collect = [&](const auto& map) {
      for (auto it = map.lower_bound(prefix); it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        std::string rest = it->first.substr(prefix.size());
        names.insert(rest.substr(0, rest.find('/')));
      }
    };
    collect(files_);
    collect(links_);
    for (auto it = dirs_.lower_bound(prefix); it != dirs_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
      std::string rest = it->substr(prefix.size());
      names.insert(rest.substr(0, rest.find('/')));
    }
    return {names.begin(), names.end()};
  }

  static void split_into(std::string_view path, std::deque<std::string>& todo) {
    // Components in front of what is left to walk; a trailing '/' asks for a folder.
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      if (end > start) parts.emplace_back(path.substr(start, end - start));
      start = end + 1;
    }
    if (!path.empty() && path.back() == '/' && !parts.empty()) parts.emplace_back(".");
    todo.insert(todo.begin(), parts.begin(), parts.end());
  }

  /// The physical path `path` leads to (a world path, no link in it), or nothing.
  std::optional<std::string> walk(const std::string& path, bool follow_last, Error* error = nullptr) const {
    auto fail = [&](Error e) -> std::optional<std::string> {
      if (error) *error = e;
      return std::nullopt;
    };
    if (path.size() >= kPathMax) return fail(Error::NameTooLong);
    std::deque<std::string> todo;
    std::string cur;  // the world's root
    split_into(path, todo);
    int hops = 0;
    while (!todo.empty()) {
      std::string c = std::move(todo.front());
      todo.pop_front();
      if (c == ".") {
        if (kind(cur) != Kind::Dir) return fail(Error::NotDir);
        continue;
      }
      if (c == "..") {
        if (kind(cur) != Kind::Dir) return fail(Error::NotDir);
        cur = parent(cur);
        continue;
      }
      if (kind(cur) != Kind::Dir) return fail(Error::NotDir);
      if (c.size() > kNameMax) return fail(Error::NameTooLong);
      std::string next = join(cur, c);
      Kind k = kind(next);
      if (k == Kind::Missing) return fail(Error::NotFound);
      if (k == Kind::Link && (follow_last || !todo.empty())) {
        if (++hops > 40) return fail(Error::Loop);
        const std::string& target = links_.at(next);
        if (target[0] == '/') cur.clear();
        split_into(target, todo);
        continue;
      }
      cur = std::move(next);
    }
    return cur;
  }

  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> links_;
  std::set<std::string> dirs_;
};

}  // namespace fuzz
