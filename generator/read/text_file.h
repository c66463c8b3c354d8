#pragma once
// Reading content text safely: a size limit, UTF-8 only, no invisible control characters,
// a BOM and Windows line ends accepted and normalised.
#include <cstdint>
#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "core/source_file.h"
#include "read/content_source.h"

namespace nastavnik {

/// Text files larger than this are refused: no real news item or order comes close, and a
/// huge file is far more likely a mistake (a PDF saved as .md).
constexpr std::uintmax_t kMaxTextFileBytes = 4 * 1024 * 1024;
/// Lines longer than this are refused: no editor writes them, and a file of one 4 MiB line
/// is either generated or pasted by mistake (and slows every parser down).
constexpr size_t kMaxLineBytes = 64 * 1024;

/// Reads `path` from `source` and decodes it (decode_text); reports what is wrong.
std::optional<SourceFile> read_text_file(const ContentSource& source, const std::string& path, Diagnostics& diagnostics);

/// The checks of read_text_file on bytes already in memory: the BOM is stripped and CRLF
/// and lone CR become LF, then NUL bytes, invalid UTF-8, control characters other than
/// tab and line ends, invisible format characters and lines over kMaxLineBytes are refused
/// at their position. One pass over the text.
std::optional<SourceFile> decode_text(const std::string& path, std::string bytes, Diagnostics& diagnostics);

/// Strips a UTF-8 BOM and turns CRLF and lone CR into LF, so that files saved by Windows
/// editors and by GitLab's web editor read the same.
std::string normalise_text(std::string text);

}  // namespace nastavnik
