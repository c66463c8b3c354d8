#pragma once
// What is inside an attached document: its text and its page count. Orders and programmes
// are published as PDF, DOCX or ODT; their text is shown under the file link (readable by
// screen readers and search engines, found by the site's search) and read for names that
// may not be published. Рособрнадзор's order № 1493 (14.08.2020) asks that a document on a
// school's site allows searching and copying its text: a PDF without any (a scan) is told.
#include <memory>
#include <string>
#include <string_view>

#include "document/thumbnail.h"
#include "validate/file_kind.h"

namespace nastavnik {

struct DocumentText {
  /// Paragraphs separated by an empty line ("\n\n"), lines of a paragraph by "\n";
  /// whitespace collapsed, no control characters. Empty when the document has no text.
  std::string text;
  int pages = 0;          ///< 0: not known (a DOCX saved without its statistics)
  bool scan = false;      ///< a PDF whose pages carry no text layer
  bool readable = true;   ///< false: the reader of the format could not open it
  /// A scan recognised (document/ocr.h): the searchable PDF, published instead of the
  /// upload; the text above is its.
  std::shared_ptr<const std::string> recognised;
  std::string ocr_failure;  ///< why a scan could not be recognised (Russian), when OCR was asked
  bool ocr_deferred = false;  ///< not recognised by `check`: the publishing build will
  /// A PDF's first page, drawn small (document/thumbnail.h) by document_text for a build
  /// that publishes; none for other formats, for `check`, or when poppler cannot draw it.
  std::shared_ptr<const PageThumbnail> first_page;
};

/// Documents whose text nastavnik reads.
bool has_readable_text(FileKind kind);

/// The text of a document of `kind` (PDF, DOCX, ODT) whose bytes are `bytes`. Never throws;
/// a damaged file gives `readable = false`. Thread-safe.
DocumentText read_document_text(FileKind kind, std::string_view bytes);

/// Texts longer than this (in bytes) are cut at a paragraph: a 300-page programme need not
/// be one page of the site.
constexpr size_t kMaxDocumentTextBytes = 400 * 1024;

}  // namespace nastavnik
