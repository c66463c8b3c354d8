#pragma once
// Every output file is written into a temporary folder beside the published one; only a
// build that succeeded swaps it in. A failed or killed build leaves `public/` as it was.
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace nastavnik {

class OutputDir {
 public:
  /// Prepares `<final>.tmp-<pid>` beside `final_dir` (removing stale ones from killed builds).
  explicit OutputDir(std::filesystem::path final_dir);
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  /// Writes `relative` (a path inside the output) with mode 0644. Thread-safe. Throws
  /// std::runtime_error with a Russian message when the disk refuses.
  void write(const std::string& relative, std::string_view content);
  /// Copies a file from the content folder into the output. Thread-safe.
  void copy(const std::filesystem::path& from, const std::string& relative);
  /// Swaps the finished folder in place of `final_dir` atomically, then removes the old one.
  void commit();

  const std::filesystem::path& staging() const { return staging_; }
  size_t files_written() const { return files_; }
  std::uintmax_t bytes_written() const { return bytes_; }

 private:
  void ensure_parent(const std::filesystem::path& file);
  /// `relative` under the staging folder; throws for an absolute path or one with "..".
  std::filesystem::path inside(const std::string& relative) const;
  int open_new(const std::filesystem::path& path);

  std::filesystem::path final_;
  std::filesystem::path staging_;
  std::mutex mutex_;
  std::set<std::string> made_dirs_;
  size_t files_ = 0;
  std::uintmax_t bytes_ = 0;
  bool committed_ = false;
};

}  // namespace nastavnik
