#pragma once
// Every document's text read once per process: a file linked from several pages, or
// unchanged between two builds of `serve`, is not read by poppler again. Known by the hash
// of its bytes, so an edited file is read anew whatever its name.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "document/text.h"

namespace nastavnik {

/// How documents are read in a build.
struct DocumentOptions {
  bool ocr = false;              ///< site.yaml's `ocr: true`: scans are recognised
  std::filesystem::path cache;   ///< where texts, first pages and recognised scans are kept (the photos' cache folder)
  bool writable = true;          ///< false for `check`, which only reads the cache and draws no first page
  int64_t now = 0;               ///< the build's time: a signature without its signing time is checked at it
};

/// The text of the document `bytes` of `kind`; a scan recognised when `options` ask; a
/// PDF's first page drawn small (DocumentText::first_page) unless `options` are `check`'s.
/// Thread-safe.
std::shared_ptr<const DocumentText> document_text(FileKind kind, std::string_view bytes, const DocumentOptions& options = {});

}  // namespace nastavnik
