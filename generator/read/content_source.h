#pragma once
// Where content comes from. The build reads the content folder only through this
// interface: DiskSource for real folders, MemorySource for unit tests and fuzzing, so that a
// whole site can be built in memory.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nastavnik {

struct DirEntry {
  enum class Type { File, Dir, Other };
  std::string name;
  Type type = Type::Other;  ///< what it is with symlinks followed
  bool symlink = false;
  bool outside = false;     ///< a symlink whose target is outside the content folder (or broken)
};

/// Where a path leads with every symlink followed.
struct Resolved {
  enum class Status { Missing, Outside, File, Dir, Other };
  Status status = Status::Missing;
  std::string canonical;    ///< relative to the content root, '/'-separated: one name per real file
  std::uintmax_t size = 0;  ///< for files
};

enum class ReadStatus { Ok, Missing, TooLarge, Failed };

class ContentSource {
 public:
  virtual ~ContentSource() = default;
  /// The entries of folder `dir` ("" is the root), sorted by name; nothing when `dir` is not
  /// a folder inside the content.
  virtual std::optional<std::vector<DirEntry>> list(const std::string& dir) const = 0;
  /// Reads file `path` into `out`; TooLarge (and nothing read) past `max_bytes`.
  virtual ReadStatus read(const std::string& path, std::uintmax_t max_bytes, std::string& out) const = 0;
  /// Reads at most `length` bytes of file `path` from `offset` (fewer at its end, none
  /// past it): what a look at a file's kind needs, its first and last bytes, without
  /// reading an attachment of megabytes whole. The default reads the whole file, for
  /// sources where that costs nothing.
  virtual ReadStatus read_part(const std::string& path, std::uintmax_t offset, size_t length, std::string& out) const;
  virtual Resolved resolve(const std::string& path) const = 0;
  /// The file on disk, for copying and for tools that open files themselves; empty for a
  /// source that has no disk behind it.
  virtual std::filesystem::path disk_path(const std::string& path) const = 0;
  /// How to name the content folder in messages.
  virtual std::string label() const = 0;
  /// A number that changes whenever file `path` changes (or appears, or goes): 0 when
  /// there is no such file. `serve` re-reads only the files whose stamp changed.
  virtual uint64_t stamp(const std::string& path) const = 0;
};

/// Mixes `value` into `seed`: stamps and signatures of many parts in one number.
inline uint64_t mix(uint64_t seed, uint64_t value) {
  uint64_t x = seed ^ (value + 0x9E3779B97F4A7C15ull + (seed << 6) + (seed >> 2));
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  return x;
}

/// A content folder on disk. Symlinks are followed while they stay inside it.
class DiskSource : public ContentSource {
 public:
  /// Nothing when `root` is not a folder.
  static std::unique_ptr<DiskSource> open(const std::filesystem::path& root);

  std::optional<std::vector<DirEntry>> list(const std::string& dir) const override;
  ReadStatus read(const std::string& path, std::uintmax_t max_bytes, std::string& out) const override;
  ReadStatus read_part(const std::string& path, std::uintmax_t offset, size_t length, std::string& out) const override;
  Resolved resolve(const std::string& path) const override;
  std::filesystem::path disk_path(const std::string& path) const override;
  std::string label() const override { return label_; }
  uint64_t stamp(const std::string& path) const override;
  const std::filesystem::path& root() const { return root_; }

 private:
  DiskSource(std::filesystem::path root, std::string label) : root_(std::move(root)), label_(std::move(label)) {}
  std::filesystem::path root_;  ///< canonical
  std::string label_;
};

/// Content held in memory: path → bytes. Folders exist when a file lies under them.
class MemorySource : public ContentSource {
 public:
  MemorySource() = default;
  explicit MemorySource(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  void add(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
  void remove(const std::string& path) { files_.erase(path); }

  std::optional<std::vector<DirEntry>> list(const std::string& dir) const override;
  ReadStatus read(const std::string& path, std::uintmax_t max_bytes, std::string& out) const override;
  ReadStatus read_part(const std::string& path, std::uintmax_t offset, size_t length, std::string& out) const override;
  Resolved resolve(const std::string& path) const override;
  std::filesystem::path disk_path(const std::string&) const override { return {}; }
  std::string label() const override { return "content"; }
  uint64_t stamp(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// True when `path`, with every symlink followed, is inside `root` (both canonical).
bool is_inside(const std::filesystem::path& root, const std::filesystem::path& path);

}  // namespace nastavnik
