#include "document/library.h"

#include <openssl/evp.h>

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/whole_file.h"
#include "document/cache_file.h"
#include "document/ocr.h"
#include "document/thumbnail.h"

namespace nastavnik {

namespace {

// The SHA-256 of the bytes in hex: the document's name in the memory of this process and in
// the cache folder.
std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) {
    out += digits[digest[i] >> 4];
    out += digits[digest[i] & 15];
  }
  return out;
}

namespace fs = std::filesystem;

// Texts read before, kept in the cache folder beside the photos: a school's programme of
// 200 pages costs poppler a second, and CI builds every time from a fresh checkout. The
// first line names the format; a file in another is read anew.
constexpr std::string_view kTextFormat = "nastavnik-document-text 1\n";

fs::path text_file(const DocumentOptions& options, const std::string& digest, FileKind kind) {
  return document_cache_file(options.cache, digest, "." + std::to_string(static_cast<int>(kind)) + ".txt");
}

std::optional<DocumentText> read_kept(const fs::path& path) {
  std::string all;
  if (!read_whole(path, all)) return std::nullopt;
  if (all.compare(0, kTextFormat.size(), kTextFormat) != 0) return std::nullopt;
  const size_t facts_end = all.find('\n', kTextFormat.size());
  if (facts_end == std::string::npos) return std::nullopt;
  DocumentText d;
  int scan = 0, readable = 0;
  if (std::sscanf(all.c_str() + kTextFormat.size(), "%d %d %d", &d.pages, &scan, &readable) != 3) return std::nullopt;
  d.scan = scan != 0;
  d.readable = readable != 0;
  d.text = all.substr(facts_end + 1);
  return d;
}

void keep(const fs::path& path, const DocumentText& d) {
  keep_document_file(path, std::string(kTextFormat) + std::to_string(d.pages) + ' ' + (d.scan ? "1" : "0") + ' ' + (d.readable ? "1" : "0") +
                             '\n' + d.text);
}

// The first page's thumbnail, kept beside the text: drawing it costs poppler more than
// reading the text of a short order. Named by the drawing's version ("v1": bump it with
// document/thumbnail.cpp's settings); an empty file says the page could not be drawn, so a
// warm build does not try again.
fs::path thumbnail_file(const DocumentOptions& options, const std::string& digest) {
  return document_cache_file(options.cache, digest, ".page1-v1.webp");
}

std::shared_ptr<const PageThumbnail> first_page(std::string_view bytes, const std::string& digest, const DocumentOptions& options) {
  // `check` publishes nothing: no thumbnail is drawn, and its cache is only read.
  if (!options.writable) return nullptr;
  const fs::path kept = thumbnail_file(options, digest);
  std::string all;
  if (!kept.empty() && read_whole(kept, all)) {
    if (all.empty()) return nullptr;
    if (auto known = thumbnail_of_webp(std::move(all))) return std::make_shared<const PageThumbnail>(std::move(*known));
  }
  std::optional<PageThumbnail> drawn = draw_first_page(bytes);
  keep_document_file(kept, drawn ? std::string_view(drawn->webp) : std::string_view());
  return drawn ? std::make_shared<const PageThumbnail>(std::move(*drawn)) : nullptr;
}

// A scan recognised, or told why not; the text is then the recognised file's.
DocumentText recognised(DocumentText scan, std::string_view bytes, const std::string& digest, const DocumentOptions& options) {
  std::string failure;
  auto pdf = recognise_scan(bytes, digest, options.cache, options.writable, failure);
  if (!pdf) {
    scan.ocr_failure = failure;
    scan.ocr_deferred = failure.empty();
    return scan;
  }
  DocumentText out = read_document_text(FileKind::Pdf, *pdf);
  if (!out.readable) {
    scan.ocr_failure = "распознанный файл не читается";
    return scan;
  }
  if (out.scan) {
    scan.ocr_failure = "текста на страницах не нашлось — вероятно, скан бледный или мелкий; отсканируйте документ заново (300 точек на дюйм, чёрно-белый)";
    return scan;
  }
  out.recognised = std::make_shared<const std::string>(std::move(*pdf));
  return out;
}

}  // namespace

std::shared_ptr<const DocumentText> document_text(FileKind kind, std::string_view bytes, const DocumentOptions& options) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const DocumentText>> known;
  const std::string digest = sha256_hex(bytes);
  const std::string key = digest + static_cast<char>(kind) + (options.ocr ? "o" : "");
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(key); it != known.end()) return it->second;
  }
  const fs::path kept = text_file(options, digest, kind);
  std::optional<DocumentText> cached = kept.empty() ? std::nullopt : read_kept(kept);
  DocumentText read = cached ? std::move(*cached) : read_document_text(kind, bytes);
  if (!cached && !kept.empty() && options.writable) keep(kept, read);
  if (options.ocr && kind == FileKind::Pdf && read.readable && read.scan) read = recognised(std::move(read), bytes, digest, options);
  // The upload's first page, also for a recognised scan: it looks the same.
  if (kind == FileKind::Pdf && read.readable) read.first_page = first_page(bytes, digest, options);
  auto text = std::make_shared<const DocumentText>(std::move(read));
  std::lock_guard lock(mutex);
  return known.emplace(key, std::move(text)).first->second;
}

}  // namespace nastavnik
