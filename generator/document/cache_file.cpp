#include "document/cache_file.h"

#include "core/whole_file.h"

namespace nastavnik {

std::filesystem::path document_cache_file(const std::filesystem::path& cache, const std::string& digest, std::string_view suffix) {
  if (cache.empty()) return {};
  return cache / "documents" / (digest + std::string(suffix));
}

void keep_document_file(const std::filesystem::path& file, std::string_view bytes) {
  if (file.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  write_atomically(file, bytes);
}

}  // namespace nastavnik
