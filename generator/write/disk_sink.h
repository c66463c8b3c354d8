#pragma once
// Every output file is written into a temporary folder beside the published one; only a
// build that succeeded swaps it in. A failed or killed build leaves `public/` as it was.
#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "write/output_sink.h"

namespace nastavnik {

/// Throws std::runtime_error (Russian) for a folder whose loss would be a disaster: the
/// root, the home or current folder or one above them, a content folder, a theme, a
/// repository. Every output folder is replaced as a whole.
void refuse_dangerous_output(const std::filesystem::path& final_dir);

class DiskSink : public OutputSink {
 public:
  /// Prepares `<final>.tmp-<pid>` beside `final_dir` (removing stale ones from killed builds).
  explicit DiskSink(std::filesystem::path final_dir);
  ~DiskSink() override;
  DiskSink(const DiskSink&) = delete;
  DiskSink& operator=(const DiskSink&) = delete;

  /// Files are written with mode 0644 and folders 0755, whatever the umask.
  void write(const std::string& relative, std::string_view content) override;
  void copy(const ContentSource& source, const std::string& source_path, const std::string& relative) override;
  /// Swaps the finished folder in place of `final_dir` atomically, then removes the old one.
  void commit() override;
  /// A full build writes every file anew: nothing to remove.
  void remove(const std::string&) override {}

  const std::filesystem::path& staging() const { return staging_; }
  size_t files_written() const override { return files_; }
  std::uintmax_t bytes_written() const override { return bytes_; }

 private:
  void ensure_parent(const std::filesystem::path& file);
  /// `relative` under the staging folder; throws for an absolute path or one with "..".
  std::filesystem::path inside(const std::string& relative) const;
  int open_new(const std::filesystem::path& path);

  std::filesystem::path final_;
  std::filesystem::path staging_;
  std::mutex mutex_;
  std::unordered_set<std::string> made_dirs_;
  std::atomic<size_t> files_ = 0;
  std::atomic<std::uintmax_t> bytes_ = 0;
  bool committed_ = false;
  mode_t old_umask_ = 022;
};

}  // namespace nastavnik
