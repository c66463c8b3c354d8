#pragma once
// Where outputs go. The build writes only through this interface: DiskSink publishes a
// folder atomically, MemorySink keeps the files for tests and fuzzing.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

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
  virtual size_t files_written() const = 0;
  virtual std::uintmax_t bytes_written() const = 0;
};

/// Output kept in memory: path → bytes.
class MemorySink : public OutputSink {
 public:
  void write(const std::string& path, std::string_view bytes) override;
  void copy(const ContentSource& source, const std::string& source_path, const std::string& path) override;
  void commit() override { committed_ = true; }
  size_t files_written() const override { return files_.size(); }
  std::uintmax_t bytes_written() const override;

  bool committed() const { return committed_; }
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;
  bool committed_ = false;
};

}  // namespace nastavnik
