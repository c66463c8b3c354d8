#pragma once
// The documents' files in the cache folder (beside the photos'): each named by the SHA-256 of
// the uploaded bytes and a suffix saying what it holds — the text (library.cpp), the first
// page's picture (library.cpp), the recognised scan (ocr.cpp) — so CI, which builds from a
// fresh checkout every time, reads, draws and recognises each document once.
#include <filesystem>
#include <string>
#include <string_view>

namespace nastavnik {

/// <cache>/documents/<digest><suffix>; empty when there is no cache folder.
std::filesystem::path document_cache_file(const std::filesystem::path& cache, const std::string& digest, std::string_view suffix);

/// Keeps `bytes` as `file` (its folder made first), atomically: never half a file that the
/// next build would take. Nothing for an empty `file`; a file that cannot be written only
/// costs the next build the work again.
void keep_document_file(const std::filesystem::path& file, std::string_view bytes);

}  // namespace nastavnik
