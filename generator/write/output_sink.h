#pragma once
// Where outputs go. The build writes only through this interface: DiskSink publishes a
// folder atomically, MemorySink keeps the files for tests and fuzzing.
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "read/content_source.h"

namespace nastavnik {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  /// Writes `path` (relative to the output root). Thread-safe. Throws std::runtime_error with
  /// a Russian message when the disk refuses.
  virtual void write(const std::string& path, std::string_view bytes) = 0;
  /// Publishes a file of the content as `path`. Thread-safe.
  virtual void copy(const ContentSource& source, const std::string& source_path, const std::string& path) = 0;
  /// Makes everything written the published output, at once.
  virtual void commit() = 0;
  /// For sinks updated in place (`serve`): removes an output written by an earlier build.
  virtual void remove(const std::string& path) = 0;
  virtual size_t files_written() const = 0;
  virtual std::uintmax_t bytes_written() const = 0;
};

/// Output kept in memory: path → bytes. What is written stays pending until commit(), as
/// a disk build's staging folder: files() shows only what was committed. `updates` allows
/// writing a path again (the way `serve` updates its output); otherwise a second write of a
/// path is an error, as on disk.
class MemorySink : public OutputSink {
 public:
  explicit MemorySink(bool updates = false) : updates_(updates) {}
  void write(const std::string& path, std::string_view bytes) override;
  void copy(const ContentSource& source, const std::string& source_path, const std::string& path) override;
  void commit() override;
  void remove(const std::string& path) override;
  size_t files_written() const override;
  std::uintmax_t bytes_written() const override;

  bool committed() const { return commits_ > 0; }
  /// Files written (or copied) since the sink was made, rewrites included.
  size_t writes() const {
    std::lock_guard lock(mutex_);
    return writes_;
  }
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;    ///< committed
  std::map<std::string, std::string> pending_;  ///< written since the last commit
  std::vector<std::string> removed_;            ///< removed since the last commit
  size_t commits_ = 0;
  size_t writes_ = 0;
  bool updates_ = false;
};

/// A folder updated in place, file by file (each replaced atomically): `serve`'s output,
/// where only the files an edit changed are written again.
class FolderSink : public OutputSink {
 public:
  explicit FolderSink(std::filesystem::path root);
  void write(const std::string& path, std::string_view bytes) override;
  void copy(const ContentSource& source, const std::string& source_path, const std::string& path) override;
  void commit() override {}
  void remove(const std::string& path) override;
  size_t files_written() const override { return files_; }
  std::uintmax_t bytes_written() const override { return bytes_; }

 private:
  std::filesystem::path root_;
  std::mutex mutex_;
  size_t files_ = 0;
  std::uintmax_t bytes_ = 0;
};

}  // namespace nastavnik
