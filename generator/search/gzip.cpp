#include "search/gzip.h"

#include <libdeflate.h>

#include <memory>
#include <stdexcept>

namespace nastavnik::search {
namespace {

struct FreeCompressor {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

}  // namespace

std::string gzip(std::string_view bytes, int level) {
  // A compressor holds its tables (hundreds of KB): one per thread and level, made once.
  thread_local std::unique_ptr<libdeflate_compressor, FreeCompressor> compressors[13];
  if (level < 1 || level > 12) level = 6;
  auto& c = compressors[level];
  if (!c) c.reset(libdeflate_alloc_compressor(level));
  if (!c) throw std::runtime_error("libdeflate: не хватило памяти для сжатия");
  std::string out(libdeflate_gzip_compress_bound(c.get(), bytes.size()), '\0');
  const size_t n = libdeflate_gzip_compress(c.get(), bytes.data(), bytes.size(), out.data(), out.size());
  if (n == 0) throw std::runtime_error("libdeflate: не удалось сжать файл");
  out.resize(n);
  return out;
}

}  // namespace nastavnik::search
