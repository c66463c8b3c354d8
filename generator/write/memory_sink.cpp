#include "write/output_sink.h"

#include <stdexcept>

namespace nastavnik {

void MemorySink::write(const std::string& path, std::string_view bytes) {
  std::lock_guard lock(mutex_);
  if (!files_.emplace(path, std::string(bytes)).second) {
    throw std::runtime_error("файл " + path + " создаётся дважды — это ошибка nastavnik, сообщите разработчикам");
  }
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
  return n;
}

}  // namespace nastavnik
