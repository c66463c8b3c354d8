#pragma once
// A content source that remembers what it listed and stamped, for `serve`: between two
// builds only the paths its watcher reported are asked of the disk again, so that an edit
// does not cost a walk over the whole content folder.
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "read/content_source.h"

namespace nastavnik {

class MemoSource : public ContentSource {
 public:
  explicit MemoSource(const ContentSource& inner) : inner_(inner) {}

  /// Paths (relative to the content root) that changed: each is asked again, with its
  /// folder's listing and everything under it ("" is the root: everything).
  void forget(const std::vector<std::string>& paths);
  /// Everything is asked again (the watcher lost track: a queue overflow).
  void forget_all();

  std::optional<std::vector<DirEntry>> list(const std::string& dir) const override;
  ReadStatus read(const std::string& path, std::uintmax_t max_bytes, std::string& out) const override {
    return inner_.read(path, max_bytes, out);
  }
  ReadStatus read_part(const std::string& path, std::uintmax_t offset, size_t length, std::string& out) const override {
    return inner_.read_part(path, offset, length, out);
  }
  Resolved resolve(const std::string& path) const override { return inner_.resolve(path); }
  std::filesystem::path disk_path(const std::string& path) const override { return inner_.disk_path(path); }
  std::string label() const override { return inner_.label(); }
  uint64_t stamp(const std::string& path) const override;

 private:
  // A path under a symlink may change where no watcher sees it (the watcher does not follow
  // symlinks): such paths are always asked of the inner source.
  bool remembered(const std::string& path) const;

  const ContentSource& inner_;
  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::string, std::optional<std::vector<DirEntry>>> lists_;
  mutable std::unordered_map<std::string, uint64_t> stamps_;
  mutable std::unordered_set<std::string> symlinks_;
};

}  // namespace nastavnik
