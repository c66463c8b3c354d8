#pragma once
// Diagnostics are collected for the whole site, then sorted, de-duplicated and printed one
// per line as `path:line:column: ошибка: <what>, <how to fix>`.
#include <mutex>
#include <string>
#include <vector>

namespace nastavnik {

/// A position in a content file: 1-based line and column; column counts characters.
struct Position {
  int line = 0;
  int column = 0;
};

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string path;  ///< relative to the content folder
  Position pos;
  std::string message;  ///< Russian: what is wrong, then how to fix it

  std::string format() const;
};

/// Thread-safe collector used by every stage; rendering reads it only at the end.
class Diagnostics {
 public:
  void error(std::string path, Position pos, std::string message);
  void warning(std::string path, Position pos, std::string message);
  void add(Diagnostic d);
  void merge(const Diagnostics& other);

  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;
  /// Sorted by path, line, column; duplicates removed.
  std::vector<Diagnostic> sorted() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
};

}  // namespace nastavnik
