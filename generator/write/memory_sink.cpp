#include "write/output_sink.h"

#include <stdexcept>

namespace nastavnik {

void MemorySink::write(const std::string& path, std::string_view bytes) {
  std::lock_guard lock(mutex_);
  ++writes_;
  auto [it, inserted] = pending_.emplace(path, std::string(bytes));
  if (!inserted || (!updates_ && files_.count(path))) {
    throw std::runtime_error("файл " + path + " создаётся дважды — это ошибка nastavnik, сообщите разработчикам");
  }
}

void MemorySink::remove(const std::string& path) {
  std::lock_guard lock(mutex_);
  removed_.push_back(path);
}

void MemorySink::commit() {
  std::lock_guard lock(mutex_);
  for (const auto& path : removed_) files_.erase(path);
  for (auto& [path, bytes] : pending_) files_[path] = std::move(bytes);
  pending_.clear();
  removed_.clear();
  ++commits_;
}

size_t MemorySink::files_written() const {
  std::lock_guard lock(mutex_);
  return files_.size() + pending_.size();
}

void MemorySink::copy(const ContentSource& source, const std::string& source_path, const std::string& path) {
  std::string bytes;
  if (source.read(source_path, UINTMAX_MAX, bytes) != ReadStatus::Ok) throw std::runtime_error("не удалось прочитать " + source_path);
  write(path, bytes);
}

std::uintmax_t MemorySink::bytes_written() const {
  std::lock_guard lock(mutex_);
  std::uintmax_t n = 0;
  for (const auto& [path, bytes] : files_) n += bytes.size();
  for (const auto& [path, bytes] : pending_) n += bytes.size();
  return n;
}

}  // namespace nastavnik
