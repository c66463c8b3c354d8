#include "document/library.h"

#include <openssl/evp.h>

#include "document/ocr.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <mutex>
#include <sstream>
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

namespace fs = std::filesystem;

// Texts read before, kept in the cache folder beside the photos: a school's programme of
// 200 pages costs poppler a second, and CI builds every time from a fresh checkout. The
// first line names the format; a file in another is read anew.
constexpr std::string_view kTextFormat = "nastavnik-document-text 1\n";

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

fs::path text_file(const DocumentOptions& options, const std::string& digest, FileKind kind) {
  if (options.cache.empty()) return {};
  return options.cache / "documents" / (hex(digest) + "." + std::to_string(static_cast<int>(kind)) + ".txt");
}

std::optional<DocumentText> read_kept(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  const std::string all = s.str();
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
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  // Written whole under another name, then renamed: a build stopped halfway leaves nothing
  // half-written that the next would read.
  const fs::path part = path.string() + ".part-" + std::to_string(::getpid());
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out << kTextFormat << d.pages << ' ' << (d.scan ? 1 : 0) << ' ' << (d.readable ? 1 : 0) << '\n' << d.text;
    if (!out) {
      out.close();
      fs::remove(part, ec);
      return;
    }
  }
  fs::rename(part, path, ec);
  if (ec) fs::remove(part, ec);
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
  const std::string digest = sha256(bytes);
  const std::string key = digest + static_cast<char>(kind) + (options.ocr ? "o" : "");
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(key); it != known.end()) return it->second;
  }
  const fs::path kept = text_file(options, digest, kind);
  std::optional<DocumentText> cached = kept.empty() ? std::nullopt : read_kept(kept);
  DocumentText read = cached ? std::move(*cached) : read_document_text(kind, bytes);
  if (!cached && !kept.empty() && options.writable) keep(kept, read);
  if (options.ocr && kind == FileKind::Pdf && read.readable && read.scan) read = recognised(std::move(read), bytes, options);
  auto text = std::make_shared<const DocumentText>(std::move(read));
  std::lock_guard lock(mutex);
  return known.emplace(key, std::move(text)).first->second;
}

}  // namespace nastavnik
