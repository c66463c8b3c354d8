#pragma once
// Scans given a text layer. With `ocr: true` in site.yaml, a PDF without text (a scan of
// signed paper) is recognised by OCRmyPDF with Tesseract's Russian model, and the searchable
// PDF is published instead: its text can then be searched, copied and read aloud, as
// Рособрнадзор's order № 1493 asks. Recognising takes seconds a page: the result is kept in
// the cache folder under the hash of the scan, so each scan is recognised once (CI keeps
// the folder between pipelines).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace nastavnik {

/// The searchable PDF made of the scan `pdf`, or nothing with `failure` saying why in
/// Russian. `digest`: the scan's SHA-256 in hex, its name in the cache; `cache`: where recognised files are kept (empty: nowhere); `writable`: false
/// for a build that writes nothing (`check`): it only reads the cache, and a scan not there
/// gives nothing with `failure` left empty (the publishing build will recognise it).
std::optional<std::string> recognise_scan(std::string_view pdf, const std::string& digest, const std::filesystem::path& cache,
                                          bool writable, std::string& failure);

}  // namespace nastavnik
