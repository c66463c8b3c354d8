#pragma once
// What an uploaded file really is, told by its first bytes (and for a zip, the names in
// its directory), so that a file whose content does not match its extension (an iPhone
// photo renamed to .jpg, a DOCX saved as .pdf, an empty upload) is stopped with a message
// that names what it is. A few kilobytes are read at most: never the whole attachment.
#include <cstdint>
#include <string>
#include <string_view>

#include "read/content_source.h"

namespace nastavnik {

enum class FileKind {
  Unknown,    ///< not recognised
  Empty,      ///< 0 bytes
  Pdf,
  Doc,        ///< OLE compound file with a WordDocument stream
  Xls,        ///< OLE compound file with a Workbook (or Book) stream
  Ppt,
  Encrypted,  ///< OLE compound file holding a password-protected DOCX/XLSX
  Ole,        ///< an OLE compound file whose streams were not told (DOC or XLS, most likely)
  Docx,
  Xlsx,
  Pptx,
  Odt,
  Ods,
  Odp,
  Odf,        ///< an OpenDocument file whose type was not told
  Zip,        ///< a zip archive that is no office document
  ZipUnsure,  ///< a zip whose directory was too long to read in full: an office file, perhaps
  Rtf,
  Jpeg,
  Png,
  Webp,
  Gif,
  Tiff,
  Heic,       ///< HEIC/HEIF, as iPhones take photos
  Avif,
  Video,      ///< MP4/MOV (ISO media with a video brand)
  Html,
  Text,       ///< plain text
  LfsPointer, ///< the text Git LFS leaves in place of a file it did not fetch
  Rar,
  SevenZip,
};

/// The kind of file `path` (relative to the content folder) of `size` bytes.
FileKind sniff_file(const ContentSource& source, const std::string& path, std::uintmax_t size);

/// What a file of this kind is, in Russian for a message: «документ Word (DOCX)»,
/// «фотография HEIC с iPhone».
std::string describe_file_kind(FileKind kind);

/// How a file's content fits its extension (lower case, with the dot: ".pdf").
enum class KindFit {
  Fits,
  ImageMismatch,  ///< an image in another web image format: browsers show it all the same
  Mismatch,       ///< it is something else
};
KindFit fit_of(FileKind kind, std::string_view extension);

}  // namespace nastavnik
