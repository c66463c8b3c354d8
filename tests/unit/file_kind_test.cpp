// What an uploaded file really is: every format told from headers built here, in memory,
// and never more than a few KB read to tell it.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "read/content_source.h"
#include "validate/file_kind.h"

using namespace nastavnik;

namespace {

void put16(std::string& s, uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& s, uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}

/// A zip of stored entries (name, content), as office programs write them: local headers,
/// then the central directory, then its end record. CRCs are left 0: nothing reads them.
std::string zip(const std::vector<std::pair<std::string, std::string>>& entries, const std::string& comment = "") {
  std::string out, directory;
  for (const auto& [name, content] : entries) {
    const uint32_t offset = static_cast<uint32_t>(out.size());
    out += "PK\x03\x04";
    put16(out, 20);  // version
    put16(out, 0);   // flags
    put16(out, 0);   // stored
    put32(out, 0);   // time, date
    put32(out, 0);   // crc
    put32(out, static_cast<uint32_t>(content.size()));
    put32(out, static_cast<uint32_t>(content.size()));
    put16(out, static_cast<uint32_t>(name.size()));
    put16(out, 0);
    out += name + content;
    directory += "PK\x01\x02";
    put16(directory, 20);
    put16(directory, 20);
    put16(directory, 0);
    put16(directory, 0);
    put32(directory, 0);
    put32(directory, 0);
    put32(directory, static_cast<uint32_t>(content.size()));
    put32(directory, static_cast<uint32_t>(content.size()));
    put16(directory, static_cast<uint32_t>(name.size()));
    put16(directory, 0);  // extra
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += name;
  }
  const uint32_t directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  out += "PK\x05\x06";
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint32_t>(entries.size()));
  put16(out, static_cast<uint32_t>(entries.size()));
  put32(out, static_cast<uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, static_cast<uint32_t>(comment.size()));
  return out + comment;
}

std::string docx() { return zip({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", "<Relationships/>"}, {"word/document.xml", "<w:document/>"}}); }
std::string xlsx() { return zip({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", "<Relationships/>"}, {"xl/workbook.xml", "<workbook/>"}}); }
std::string odf(const std::string& mimetype) {
  return zip({{"mimetype", mimetype}, {"META-INF/manifest.xml", "<manifest/>"}, {"content.xml", "<office:document-content/>"}});
}

/// An OLE compound file (version 3, 512-byte sectors) whose first directory sector names
/// these streams after the root entry.
std::string ole(const std::vector<std::string>& streams) {
  std::string out("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  out.resize(512, '\0');
  out[24] = 0x3E;  // minor version
  out[26] = 0x03;  // major version 3
  out[28] = '\xFE';
  out[29] = '\xFF';  // byte order
  out[30] = 9;       // sectors of 2^9 bytes
  out[32] = 6;
  // The directory starts at sector 0, right after the header (offset 48 stays 0).
  std::vector<std::string> names = {"Root Entry"};
  names.insert(names.end(), streams.begin(), streams.end());
  for (const auto& name : names) {
    std::string entry(128, '\0');
    for (size_t i = 0; i < name.size() && i < 31; ++i) entry[i * 2] = name[i];
    const uint32_t bytes = static_cast<uint32_t>((std::min<size_t>(name.size(), 31) + 1) * 2);
    entry[64] = static_cast<char>(bytes);
    entry[66] = name == "Root Entry" ? 5 : 2;
    out += entry;
  }
  out.resize(512 * 2, '\0');
  return out;
}

std::string bytes(const char* text, size_t size) { return std::string(text, size); }

/// An ISO media file's ftyp box with these brands (major first, then the compatible ones).
std::string ftyp(const std::string& major, const std::vector<std::string>& compatible) {
  std::string box;
  put32(box, 0);  // size, patched below (big-endian)
  box += "ftyp" + major;
  put32(box, 0);  // minor version
  for (const auto& b : compatible) box += b;
  const uint32_t size = static_cast<uint32_t>(box.size());
  box[0] = static_cast<char>(size >> 24);
  box[1] = static_cast<char>(size >> 16);
  box[2] = static_cast<char>(size >> 8);
  box[3] = static_cast<char>(size);
  return box + std::string(64, '\0');
}

FileKind kind_of(const std::string& content) {
  MemorySource source;
  source.add("school-1/files/x", content);
  return sniff_file(source, "school-1/files/x", content.size());
}

/// A source that counts what is read of it: the sniffing must read parts only.
class CountingSource : public MemorySource {
 public:
  using MemorySource::MemorySource;
  ReadStatus read(const std::string& path, std::uintmax_t max_bytes, std::string& out) const override {
    whole_reads++;
    return MemorySource::read(path, max_bytes, out);
  }
  ReadStatus read_part(const std::string& path, std::uintmax_t offset, size_t length, std::string& out) const override {
    ReadStatus status = MemorySource::read_part(path, offset, length, out);
    bytes_read += out.size();
    return status;
  }
  mutable size_t whole_reads = 0;
  mutable size_t bytes_read = 0;
};

}  // namespace

TEST_CASE("documents are told by their first bytes") {
  CHECK(kind_of("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n") == FileKind::Pdf);
  CHECK(kind_of(std::string(100, ' ') + "%PDF-1.4\n") == FileKind::Pdf);  // junk before the header, as readers allow
  CHECK(kind_of("{\\rtf1\\ansi\\deff0 {\\fonttbl}}") == FileKind::Rtf);
  CHECK(kind_of("<!DOCTYPE html>\n<html><body>Страница</body></html>") == FileKind::Html);
  CHECK(kind_of("\xEF\xBB\xBF  <html lang=\"ru\">") == FileKind::Html);
  CHECK(kind_of("Приказ № 125 от 02.09.2024\r\n") == FileKind::Text);
  CHECK(kind_of("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12345\n") == FileKind::LfsPointer);
  CHECK(kind_of(bytes("\x00\x01\x02\x03garbage", 11)) == FileKind::Unknown);
  CHECK(kind_of("") == FileKind::Empty);
  CHECK(kind_of(bytes("Rar!\x1A\x07\x01\x00", 8)) == FileKind::Rar);
  CHECK(kind_of(bytes("7z\xBC\xAF\x27\x1C\x00\x04", 8)) == FileKind::SevenZip);
}

TEST_CASE("old Office files are told by the streams in their directory") {
  CHECK(kind_of(ole({"WordDocument", "1Table", "\x05SummaryInformation"})) == FileKind::Doc);
  CHECK(kind_of(ole({"Workbook", "\x05SummaryInformation"})) == FileKind::Xls);
  CHECK(kind_of(ole({"Book"})) == FileKind::Xls);
  CHECK(kind_of(ole({"PowerPoint Document", "Current User"})) == FileKind::Ppt);
  CHECK(kind_of(ole({"EncryptionInfo", "EncryptedPackage"})) == FileKind::Encrypted);
  CHECK(kind_of(ole({"Something", "Else"})) == FileKind::Ole);
  // A header alone, its directory cut off: an old Office file all the same.
  CHECK(kind_of(ole({"WordDocument"}).substr(0, 512)) == FileKind::Ole);
}

TEST_CASE("zip-based office files are told by their entries") {
  CHECK(kind_of(docx()) == FileKind::Docx);
  CHECK(kind_of(xlsx()) == FileKind::Xlsx);
  CHECK(kind_of(zip({{"[Content_Types].xml", "<Types/>"}, {"ppt/presentation.xml", "<p/>"}})) == FileKind::Pptx);
  CHECK(kind_of(odf("application/vnd.oasis.opendocument.text")) == FileKind::Odt);
  CHECK(kind_of(odf("application/vnd.oasis.opendocument.spreadsheet")) == FileKind::Ods);
  CHECK(kind_of(odf("application/vnd.oasis.opendocument.presentation")) == FileKind::Odp);
  CHECK(kind_of(odf("application/vnd.oasis.opendocument.graphics")) == FileKind::Odf);
  // mimetype not first: an OpenDocument file, its type untold.
  CHECK(kind_of(zip({{"content.xml", "<x/>"}, {"mimetype", "application/vnd.oasis.opendocument.text"}, {"META-INF/manifest.xml", "<m/>"}})) ==
        FileKind::Odf);
  CHECK(kind_of(zip({{"photo1.jpg", "\xFF\xD8\xFF"}, {"photo2.jpg", "\xFF\xD8\xFF"}})) == FileKind::Zip);
  CHECK(kind_of(zip({})) == FileKind::Zip);
  // Word's folder without [Content_Types].xml in a directory read whole: a zip of folders.
  CHECK(kind_of(zip({{"word/document.xml", "<w/>"}})) == FileKind::Zip);
  // An archive comment puts the directory's end out of reach: it cannot be told.
  CHECK(kind_of(zip({{"a.txt", "a"}}, std::string(20000, 'c'))) == FileKind::ZipUnsure);
}

TEST_CASE("images are told by their signatures, iPhone photos among them") {
  CHECK(kind_of(bytes("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11)) == FileKind::Jpeg);
  CHECK(kind_of(bytes("\xFF\xD8\xFF\xE1\x00\x10Exif\x00", 11)) == FileKind::Jpeg);
  CHECK(kind_of(bytes("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16)) == FileKind::Png);
  CHECK(kind_of(bytes("RIFF\x24\x00\x00\x00WEBPVP8 ", 16)) == FileKind::Webp);
  CHECK(kind_of(bytes("RIFF\x24\x00\x00\x00WAVEfmt ", 16)) != FileKind::Webp);
  CHECK(kind_of("GIF89a\x01\x00\x01\x00") == FileKind::Gif);
  CHECK(kind_of(bytes("II*\x00\x08\x00\x00\x00", 8)) == FileKind::Tiff);
  CHECK(kind_of(ftyp("heic", {"mif1", "heic"})) == FileKind::Heic);
  CHECK(kind_of(ftyp("mif1", {"mif1", "heix"})) == FileKind::Heic);
  CHECK(kind_of(ftyp("msf1", {"msf1", "hevc"})) == FileKind::Heic);
  CHECK(kind_of(ftyp("mif1", {"mif1"})) == FileKind::Heic);  // HEIF
  CHECK(kind_of(ftyp("avif", {"mif1", "miaf", "avif"})) == FileKind::Avif);
  CHECK(kind_of(ftyp("mif1", {"mif1", "miaf", "avif"})) == FileKind::Avif);
  CHECK(kind_of(ftyp("qt  ", {"qt  "})) == FileKind::Video);
  CHECK(kind_of(ftyp("isom", {"isom", "iso2", "avc1", "mp41"})) == FileKind::Video);
}

TEST_CASE("a file fits its extension only when its content is of that kind") {
  CHECK(fit_of(FileKind::Pdf, ".pdf") == KindFit::Fits);
  CHECK(fit_of(FileKind::Docx, ".pdf") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Empty, ".pdf") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Doc, ".doc") == KindFit::Fits);
  CHECK(fit_of(FileKind::Ole, ".doc") == KindFit::Fits);
  CHECK(fit_of(FileKind::Xls, ".doc") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Rtf, ".doc") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Xls, ".xls") == KindFit::Fits);
  CHECK(fit_of(FileKind::Docx, ".docx") == KindFit::Fits);
  CHECK(fit_of(FileKind::ZipUnsure, ".docx") == KindFit::Fits);
  CHECK(fit_of(FileKind::Doc, ".docx") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Encrypted, ".docx") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Xlsx, ".docx") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Xlsx, ".xlsx") == KindFit::Fits);
  CHECK(fit_of(FileKind::Odt, ".odt") == KindFit::Fits);
  CHECK(fit_of(FileKind::Ods, ".odt") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Ods, ".ods") == KindFit::Fits);
  CHECK(fit_of(FileKind::Zip, ".odt") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Rtf, ".rtf") == KindFit::Fits);
  CHECK(fit_of(FileKind::Jpeg, ".jpg") == KindFit::Fits);
  CHECK(fit_of(FileKind::Jpeg, ".jpeg") == KindFit::Fits);
  CHECK(fit_of(FileKind::Png, ".jpg") == KindFit::ImageMismatch);
  CHECK(fit_of(FileKind::Webp, ".png") == KindFit::ImageMismatch);
  CHECK(fit_of(FileKind::Heic, ".jpg") == KindFit::ImageMismatch);  // converted (image/codec.h)
  CHECK(fit_of(FileKind::Pdf, ".jpg") == KindFit::Mismatch);
  CHECK(fit_of(FileKind::Webp, ".webp") == KindFit::Fits);
  CHECK(describe_file_kind(FileKind::Heic) == "фотография HEIC с iPhone");
  CHECK(describe_file_kind(FileKind::Docx) == "документ Word (DOCX)");
}

TEST_CASE("telling a file's kind reads a few KB of it, never the whole file") {
  CountingSource source;
  std::string pdf = "%PDF-1.4\n" + std::string(5 * 1024 * 1024, 'x') + "\n%%EOF\n";
  source.add("a.pdf", pdf);
  CHECK(sniff_file(source, "a.pdf", pdf.size()) == FileKind::Pdf);
  CHECK(source.bytes_read <= 1024);

  // A DOCX of many pictures: its directory is longer than what is read of it, and
  // [Content_Types].xml (LibreOffice writes it last) is beyond reach; word/ decides.
  std::vector<std::pair<std::string, std::string>> entries;
  entries.emplace_back("word/document.xml", "<w:document/>");
  for (int i = 0; i < 400; ++i) entries.emplace_back("word/media/image" + std::to_string(i) + ".png", std::string(2000, 'p'));
  entries.emplace_back("[Content_Types].xml", "<Types/>");
  const std::string big = zip(entries);
  REQUIRE(big.size() > 500 * 1024);
  source.add("b.docx", big);
  source.bytes_read = 0;
  CHECK(sniff_file(source, "b.docx", big.size()) == FileKind::Docx);
  CHECK(source.bytes_read <= 10 * 1024);
  CHECK(source.whole_reads == 0);
}

TEST_CASE("a part of a file is read from where it is asked, short at its end") {
  MemorySource source;
  source.add("f", "0123456789");
  std::string out;
  CHECK(source.read_part("f", 3, 4, out) == ReadStatus::Ok);
  CHECK(out == "3456");
  CHECK(source.read_part("f", 8, 100, out) == ReadStatus::Ok);
  CHECK(out == "89");
  CHECK(source.read_part("f", 20, 4, out) == ReadStatus::Ok);
  CHECK(out.empty());
  CHECK(source.read_part("missing", 0, 4, out) == ReadStatus::Missing);
}
