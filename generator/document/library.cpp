#include "document/library.h"

#include <openssl/evp.h>

#include "document/ocr.h"

#include <mutex>
#include <string>
#include <unordered_map>

namespace nastavnik {

namespace {

std::string sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

// A scan recognised, or told why not; the text is then the recognised file's.
DocumentText recognised(DocumentText scan, std::string_view bytes, const DocumentOptions& options) {
  std::string failure;
  auto pdf = recognise_scan(bytes, options.cache, options.writable, failure);
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
  const std::string key = sha256(bytes) + static_cast<char>(kind) + (options.ocr ? "o" : "");
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(key); it != known.end()) return it->second;
  }
  DocumentText read = read_document_text(kind, bytes);
  if (options.ocr && kind == FileKind::Pdf && read.readable && read.scan) read = recognised(std::move(read), bytes, options);
  auto text = std::make_shared<const DocumentText>(std::move(read));
  std::lock_guard lock(mutex);
  return known.emplace(key, std::move(text)).first->second;
}

}  // namespace nastavnik
