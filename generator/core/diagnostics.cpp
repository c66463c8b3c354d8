#include "core/diagnostics.h"

#include <algorithm>
#include <string_view>
#include <tuple>

namespace nastavnik {
namespace {

// A message quotes what the content says; control characters in it (an escape sequence
// from a file name or a YAML value) must not reach the terminal, where they could move the
// cursor, change colours or hide the rest of the line. They are shown as \xNN.
void append_printable(std::string& out, std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool c1 = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(s[i + 1]) <= 0x9F;
    if (c < 0x20 || c == 0x7F || c1) {
      unsigned char v = c1 ? static_cast<unsigned char>(s[++i]) : c;
      out += "\\x";
      out += hex[v >> 4];
      out += hex[v & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
}

}  // namespace

std::string Diagnostic::format() const {
  std::string out;
  append_printable(out, path.empty() ? std::string("nastavnik") : path);
  if (pos.line > 0) {
    out += ':' + std::to_string(pos.line) + ':' + std::to_string(pos.column > 0 ? pos.column : 1);
  }
  out += severity == Severity::Error ? ": ошибка: " : ": предупреждение: ";
  append_printable(out, message);
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
