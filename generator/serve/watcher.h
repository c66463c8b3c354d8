#pragma once
// Recursive inotify watches over the content and theme folders, for `nastavnik serve`.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nastavnik {

class TreeWatcher {
 public:
  /// Throws std::runtime_error (Russian) when inotify is unavailable.
  TreeWatcher();
  ~TreeWatcher();
  TreeWatcher(const TreeWatcher&) = delete;
  TreeWatcher& operator=(const TreeWatcher&) = delete;

  /// Watches `root` and every folder below it. Safe to call again: folders already watched
  /// are skipped, new ones are added (call it after each batch of changes).
  void watch_tree(const std::filesystem::path& root);

  /// The descriptor to poll for readability.
  int fd() const { return fd_; }

  /// Reads the pending events without blocking and returns the paths that changed, editors'
  /// temporary files (".name.swp", "name~", ".#name") left out. New folders are watched at
  /// once. The temporary files' paths go to `scratch` when given: they trigger no build,
  /// but what a folder lists has changed.
  std::vector<std::string> read_changes(std::vector<std::string>* scratch = nullptr);

  /// The path read_changes reports when the kernel's event queue overflowed: anything may
  /// have changed.
  static constexpr const char* kOverflow = "(много изменений)";

 private:
  void add_one(const std::filesystem::path& dir);

  int fd_ = -1;
  std::map<int, std::filesystem::path> dirs_;  ///< watch descriptor → folder
};

/// True for names that editors and tools create while saving, which need no rebuild.
bool is_scratch_file_name(const std::string& name);

}  // namespace nastavnik
