#include "validate/file_kind.h"

#include <algorithm>
#include <array>

namespace nastavnik {
namespace {

// A PDF may have a little junk before its header: readers look for it in the first KB, and
// so does this. The other signatures are at the start; a zip's mimetype (ODF) too.
constexpr size_t kHead = 1024;
// A zip's directory is at its end; for office files it is one or two KB.
constexpr size_t kZipTail = 4096;
// An OLE directory sector is 512 bytes (4096 in version 4).
constexpr size_t kMaxOleSector = 4096;

uint32_t u16(std::string_view s, size_t at) {
  if (at + 2 > s.size()) return 0;
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) | static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}

uint32_t u32(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return 0;
  return u16(s, at) | u16(s, at + 2) << 16;
}

uint32_t u32_big(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return 0;
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(s[at + i]);
  return v;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ISO base media (HEIC, AVIF, MP4, MOV): an `ftyp` box whose brands say what it holds.
FileKind sniff_media(std::string_view head) {
  const size_t box = std::min<size_t>(u32_big(head, 0), head.size());
  bool heic = false, avif = false, video = false;
  for (size_t at = 8; at + 4 <= box; at += at == 8 ? 8 : 4) {  // the major brand, then (after the minor version) the compatible ones
    const std::string_view brand = head.substr(at, 4);
    for (std::string_view b : {"avif", "avis"}) avif = avif || brand == b;
    for (std::string_view b : {"heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "heif"}) heic = heic || brand == b;
    for (std::string_view b : {"isom", "iso2", "mp41", "mp42", "qt  ", "M4V ", "3gp4", "3gp5", "avc1", "dash"}) video = video || brand == b;
  }
  // An AVIF lists mif1 too: its own brand decides.
  if (avif) return FileKind::Avif;
  if (heic) return FileKind::Heic;
  if (video) return FileKind::Video;
  return FileKind::Unknown;
}

// An OLE compound file (DOC, XLS, PPT, a password-protected DOCX): the names of the
// streams in its first directory sector tell which.
FileKind sniff_ole(const ContentSource& source, const std::string& path, std::string_view head) {
  const uint32_t shift = u16(head, 30);
  if (shift != 9 && shift != 12) return FileKind::Ole;
  const uint64_t sector = u32(head, 48);
  std::string dir;
  if (source.read_part(path, (sector + 1) << shift, std::min<size_t>(size_t{1} << shift, kMaxOleSector), dir) != ReadStatus::Ok) {
    return FileKind::Ole;
  }
  FileKind found = FileKind::Ole;
  for (size_t e = 0; e + 128 <= dir.size(); e += 128) {
    // The name: UTF-16LE, its length in bytes (with the terminating zero) at 64.
    const size_t bytes = std::min<size_t>(u16(dir, e + 64), 64);
    std::string name;
    for (size_t i = 0; i + 1 < bytes; i += 2) {
      if (dir[e + i] == 0) break;
      name += dir[e + i + 1] == 0 ? dir[e + i] : '?';
    }
    if (name == "EncryptedPackage" || name == "EncryptionInfo") return FileKind::Encrypted;
    if (name == "WordDocument") found = FileKind::Doc;
    else if ((name == "Workbook" || name == "Book") && found == FileKind::Ole) found = FileKind::Xls;
    else if (name == "PowerPoint Document" && found == FileKind::Ole) found = FileKind::Ppt;
  }
  return found;
}

FileKind odf_of(std::string_view mimetype) {
  if (mimetype == "application/vnd.oasis.opendocument.text") return FileKind::Odt;
  if (mimetype == "application/vnd.oasis.opendocument.spreadsheet") return FileKind::Ods;
  if (mimetype == "application/vnd.oasis.opendocument.presentation") return FileKind::Odp;
  return FileKind::Odf;
}

// A zip: an OpenDocument file begins with its stored `mimetype`; an Office Open XML file
// has [Content_Types].xml and a word/, xl/ or ppt/ folder, named in the directory at the
// end of the file.
FileKind sniff_zip(const ContentSource& source, const std::string& path, std::uintmax_t size, std::string_view head) {
  if (starts_with(head, "PK\x03\x04")) {
    const size_t name_length = u16(head, 26), extra = u16(head, 28);
    if (head.substr(30, name_length) == "mimetype" && u16(head, 8) == 0) {
      size_t length = u32(head, 18);
      if (length == 0 || length > 100) length = 100;
      std::string_view value = head.substr(std::min(head.size(), 30 + name_length + extra), length);
      if (starts_with(value, "application/vnd.oasis.opendocument.")) {
        // Without a known length (a data descriptor) the value runs into the next header.
        return odf_of(value.substr(0, std::min(value.find("PK\x03\x04"), value.size())));
      }
    }
  }
  const size_t tail_length = static_cast<size_t>(std::min<std::uintmax_t>(size, kZipTail));
  const std::uintmax_t tail_start = size - tail_length;
  std::string tail;
  if (source.read_part(path, tail_start, tail_length, tail) != ReadStatus::Ok || tail.size() < 22) return FileKind::ZipUnsure;
  size_t end = std::string::npos;
  for (size_t at = tail.size() - 22 + 1; at-- > 0;) {
    if (tail.compare(at, 4, "PK\x05\x06") == 0) {
      end = at;
      break;
    }
  }
  // No directory in reach (a long archive comment): the archive cannot be told cheaply.
  if (end == std::string::npos) return FileKind::ZipUnsure;
  const uint32_t directory_size = u32(tail, end + 12), directory_offset = u32(tail, end + 16);
  std::string directory;
  bool truncated = false;
  if (directory_offset >= tail_start && directory_offset - tail_start <= end) {
    directory = tail.substr(static_cast<size_t>(directory_offset - tail_start), directory_size);
  } else {
    truncated = directory_size > kZipTail;
    if (source.read_part(path, directory_offset, std::min<size_t>(directory_size, kZipTail), directory) != ReadStatus::Ok) {
      return FileKind::ZipUnsure;
    }
  }
  bool content_types = false, word = false, xl = false, ppt = false, odf = false;
  size_t at = 0;
  for (; at + 46 <= directory.size() && directory.compare(at, 4, "PK\x01\x02") == 0;) {
    const size_t name_length = u16(directory, at + 28);
    const std::string_view name = std::string_view(directory).substr(at + 46, name_length);
    content_types = content_types || name == "[Content_Types].xml";
    word = word || starts_with(name, "word/");
    xl = xl || starts_with(name, "xl/");
    ppt = ppt || starts_with(name, "ppt/");
    odf = odf || name == "mimetype" || name == "META-INF/manifest.xml";
    at += 46 + name_length + u16(directory, at + 30) + u16(directory, at + 32);
  }
  truncated = truncated || at < directory_size;
  // Word writes [Content_Types].xml first, LibreOffice last: in a directory read in part,
  // the folder alone decides.
  if (content_types || truncated) {
    if (word) return FileKind::Docx;
    if (xl) return FileKind::Xlsx;
    if (ppt) return FileKind::Pptx;
  }
  if (odf) return FileKind::Odf;
  return truncated ? FileKind::ZipUnsure : FileKind::Zip;
}

// Text, when nothing in the first bytes is a control character but tab and line ends.
FileKind sniff_text(std::string_view head) {
  std::string_view s = head;
  if (starts_with(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  const size_t first = s.find_first_not_of(" \t\r\n");
  std::string start(s.substr(first == std::string_view::npos ? s.size() : first, 16));
  std::transform(start.begin(), start.end(), start.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return FileKind::Unknown;
  }
  if (starts_with(start, "<!doctype html") || starts_with(start, "<html")) return FileKind::Html;
  if (starts_with(s, "version https://git-lfs")) return FileKind::LfsPointer;
  return FileKind::Text;
}

}  // namespace

FileKind sniff_file(const ContentSource& source, const std::string& path, std::uintmax_t size) {
  if (size == 0) return FileKind::Empty;
  std::string bytes;
  if (source.read_part(path, 0, kHead, bytes) != ReadStatus::Ok) return FileKind::Unknown;
  if (bytes.empty()) return FileKind::Empty;
  const std::string_view head = bytes;
  if (starts_with(head, "%PDF-")) return FileKind::Pdf;
  if (starts_with(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return sniff_ole(source, path, head);
  if (starts_with(head, "PK\x03\x04") || starts_with(head, "PK\x05\x06")) return sniff_zip(source, path, size, head);
  if (starts_with(head, "{\\rtf")) return FileKind::Rtf;
  if (starts_with(head, "\xFF\xD8\xFF")) return FileKind::Jpeg;
  if (starts_with(head, "\x89PNG\r\n\x1A\n")) return FileKind::Png;
  if (starts_with(head, "RIFF") && head.substr(8, 4) == "WEBP") return FileKind::Webp;
  if (starts_with(head, "GIF87a") || starts_with(head, "GIF89a")) return FileKind::Gif;
  if (starts_with(head, std::string_view("II*\0", 4)) || starts_with(head, std::string_view("MM\0*", 4))) return FileKind::Tiff;
  if (head.substr(4, 4) == "ftyp") return sniff_media(head);
  if (starts_with(head, "Rar!\x1A\x07")) return FileKind::Rar;
  if (starts_with(head, "7z\xBC\xAF\x27\x1C")) return FileKind::SevenZip;
  if (head.find("%PDF-") != std::string_view::npos) return FileKind::Pdf;
  return sniff_text(head);
}

std::string describe_file_kind(FileKind kind) {
  switch (kind) {
    case FileKind::Unknown: return "файл неизвестного формата";
    case FileKind::Empty: return "пустой файл";
    case FileKind::Pdf: return "документ PDF";
    case FileKind::Doc: return "документ Word старого формата (DOC)";
    case FileKind::Xls: return "таблица Excel старого формата (XLS)";
    case FileKind::Ppt: return "презентация PowerPoint (PPT)";
    case FileKind::Encrypted: return "документ Word или Excel, защищённый паролем";
    case FileKind::Ole: return "документ Microsoft Office старого формата (DOC или XLS)";
    case FileKind::Docx: return "документ Word (DOCX)";
    case FileKind::Xlsx: return "таблица Excel (XLSX)";
    case FileKind::Pptx: return "презентация PowerPoint (PPTX)";
    case FileKind::Odt: return "текстовый документ OpenDocument (ODT)";
    case FileKind::Ods: return "таблица OpenDocument (ODS)";
    case FileKind::Odp: return "презентация OpenDocument (ODP)";
    case FileKind::Odf: return "документ OpenDocument";
    case FileKind::Zip:
    case FileKind::ZipUnsure: return "архив ZIP";
    case FileKind::Rtf: return "документ RTF";
    case FileKind::Jpeg: return "изображение JPEG";
    case FileKind::Png: return "изображение PNG";
    case FileKind::Webp: return "изображение WebP";
    case FileKind::Gif: return "изображение GIF";
    case FileKind::Tiff: return "изображение TIFF";
    case FileKind::Heic: return "фотография HEIC с iPhone";
    case FileKind::Avif: return "изображение AVIF";
    case FileKind::Video: return "видеозапись (MP4 или MOV)";
    case FileKind::Html: return "веб-страница (HTML)";
    case FileKind::Text: return "текстовый файл";
    case FileKind::LfsPointer: return "ссылка Git LFS вместо самого файла";
    case FileKind::Rar: return "архив RAR";
    case FileKind::SevenZip: return "архив 7z";
  }
  return "файл неизвестного формата";
}

KindFit fit_of(FileKind kind, std::string_view extension) {
  auto any = [&](std::initializer_list<FileKind> kinds) { return std::find(kinds.begin(), kinds.end(), kind) != kinds.end(); };
  auto image = [&](std::initializer_list<FileKind> kinds) {
    if (any(kinds)) return KindFit::Fits;
    // Photos are decoded by what they hold (image/codec.h) and published converted.
    return any({FileKind::Jpeg, FileKind::Png, FileKind::Webp, FileKind::Gif, FileKind::Heic}) ? KindFit::ImageMismatch : KindFit::Mismatch;
  };
  auto fits = [](bool yes) { return yes ? KindFit::Fits : KindFit::Mismatch; };
  if (extension == ".pdf") return fits(kind == FileKind::Pdf);
  if (extension == ".doc") return fits(any({FileKind::Doc, FileKind::Ole}));
  if (extension == ".xls") return fits(any({FileKind::Xls, FileKind::Ole}));
  if (extension == ".docx") return fits(any({FileKind::Docx, FileKind::ZipUnsure}));
  if (extension == ".xlsx") return fits(any({FileKind::Xlsx, FileKind::ZipUnsure}));
  if (extension == ".odt") return fits(any({FileKind::Odt, FileKind::Odf, FileKind::ZipUnsure}));
  if (extension == ".ods") return fits(any({FileKind::Ods, FileKind::Odf, FileKind::ZipUnsure}));
  if (extension == ".rtf") return fits(kind == FileKind::Rtf);
  if (extension == ".jpg" || extension == ".jpeg") return image({FileKind::Jpeg});
  if (extension == ".png") return image({FileKind::Png});
  if (extension == ".webp") return image({FileKind::Webp});
  if (extension == ".heic" || extension == ".heif") return image({FileKind::Heic});
  return KindFit::Fits;  // an extension the site does not publish is refused by its name
}

}  // namespace nastavnik
