#include "core/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace nastavnik {

std::string Diagnostic::format() const {
  std::string out = path.empty() ? std::string("nastavnik") : path;
  if (pos.line > 0) {
    out += ':' + std::to_string(pos.line) + ':' + std::to_string(pos.column > 0 ? pos.column : 1);
  }
  out += severity == Severity::Error ? ": ошибка: " : ": предупреждение: ";
  out += message;
  return out;
}

void Diagnostics::error(std::string path, Position pos, std::string message) {
  add({Severity::Error, std::move(path), pos, std::move(message)});
}

void Diagnostics::warning(std::string path, Position pos, std::string message) {
  add({Severity::Warning, std::move(path), pos, std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
  std::lock_guard lock(mutex_);
  items_.push_back(std::move(d));
}

void Diagnostics::merge(const Diagnostics& other) {
  if (&other == this) return;
  std::vector<Diagnostic> copy;
  {
    std::lock_guard lock(other.mutex_);
    copy = other.items_;
  }
  std::lock_guard lock(mutex_);
  items_.insert(items_.end(), copy.begin(), copy.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
  std::lock_guard lock(mutex_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

size_t Diagnostics::warning_count() const {
  std::lock_guard lock(mutex_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Warning; });
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out;
  {
    std::lock_guard lock(mutex_);
    out = items_;
  }
  auto key = [](const Diagnostic& d) {
    return std::tie(d.path, d.pos.line, d.pos.column, d.severity, d.message);
  };
  std::sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace nastavnik
