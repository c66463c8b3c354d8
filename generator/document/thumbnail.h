#pragma once
// A small picture of a PDF's first page, shown beside its link on the document's page: a
// reader sees what the file is (an order on a letterhead, a stamped programme) before
// opening it. PDF only: DOCX and ODT have no pages until a word processor lays them out.
#include <optional>
#include <string>
#include <string_view>

namespace nastavnik {

/// The width the page shows it at, in CSS pixels: narrow enough for a 320 px screen with
/// the text beside the link still readable.
constexpr int kThumbnailCssWidth = 160;
/// Its width in pixels: twice the CSS width, sharp on phones' screens.
constexpr int kThumbnailWidth = 2 * kThumbnailCssWidth;
/// The tallest page drawn whole, in widths: a page taller than A4's 1.41 (a receipt, a
/// strip of a poster) is cut at this height.
constexpr double kThumbnailMaxAspect = 2.0;

struct PageThumbnail {
  std::string webp;       ///< the WebP file, without metadata
  int width = 0;          ///< kThumbnailWidth
  int height = 0;         ///< in pixels, ≤ kThumbnailMaxAspect × width
};

/// The thumbnail's name beside the document: "prikaz-125.pdf" → "prikaz-125.pdf.webp". No
/// upload is published under such a name: a document's name is a slug (no dots) and its
/// extension, a photo's are "<slug>-<width>.webp" and so on; a signature is ".pdf.sig".
inline std::string thumbnail_file_name(const std::string& document) { return document + ".webp"; }

/// The first page of the PDF `bytes`, drawn kThumbnailWidth pixels wide on white. The same
/// bytes give the same file (on the same poppler and fonts). Nothing when poppler cannot
/// open the file or draw the page. Thread-safe.
std::optional<PageThumbnail> draw_first_page(std::string_view pdf);

/// A thumbnail read back from its WebP file (the cache): its size from the file's header.
/// Nothing when the bytes are not a WebP kThumbnailWidth wide.
std::optional<PageThumbnail> thumbnail_of_webp(std::string bytes);

}  // namespace nastavnik
