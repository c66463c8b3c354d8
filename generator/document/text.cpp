#include "document/text.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <tinyxml2.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/utf8.h"

namespace nastavnik {

namespace {

// An office document's parts are zip members: more than this unpacked is a zip bomb, or
// not a document a school writes.
constexpr zip_uint64_t kMaxPartBytes = 64 * 1024 * 1024;

// Collects text as it is read: words within a line joined by one space, lines by "\n",
// paragraphs by "\n\n", nothing a reader would not see (control characters, runs of spaces).
class TextBuilder {
 public:
  // Character by character: control characters and every Unicode space are spaces, line
  // and page breaks end a line; a soft hyphen, invisible format characters (zero-width
  // spaces, bidirectional controls, U+FEFF) and bytes that are no UTF-8 are dropped, as a
  // reader never sees them.
  void text(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        line_break();
        ++i;
        continue;
      }
      if (c < 0x20 || c == ' ' || c == 0x7f) {
        space_ = true;
        ++i;
        continue;
      }
      if (const size_t n = unicode_space_at(s, i)) {
        space_ = true;
        i += n;
        continue;
      }
      char32_t cp = 0;
      const size_t n = decode_utf8(s, i, cp);
      if (n == 0) {
        ++i;
        continue;
      }
      if (cp == 0xAD || find_forbidden_character(s.substr(i, n))) {
        i += n;
        continue;
      }
      if (space_ && !line_.empty()) line_ += ' ';
      space_ = false;
      line_.append(s.substr(i, n));
      i += n;
    }
  }
  void space() { space_ = true; }
  void line_break() {
    if (!line_.empty()) {
      lines_.push_back(std::move(line_));
      line_.clear();
    }
    space_ = false;
  }
  void paragraph() {
    line_break();
    if (lines_.empty()) return;
    std::string p;
    for (const auto& l : lines_) {
      if (!p.empty()) p += '\n';
      p += l;
    }
    lines_.clear();
    if (!out_.empty()) out_ += "\n\n";
    out_ += p;
  }
  bool full() const { return out_.size() > kMaxDocumentTextBytes; }
  std::string finish() {
    paragraph();
    return std::move(out_);
  }

 private:
  std::string out_;
  std::vector<std::string> lines_;
  std::string line_;
  bool space_ = false;
};

size_t letters(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const size_t len = decode_utf8(text, i, c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0x400 && c <= 0x4FF) || (c >= '0' && c <= '9')) ++n;
    i += len ? len : 1;
  }
  return n;
}

// A line of a PDF ends a paragraph when it ends a sentence and the next begins one, or a
// list item follows: a PDF keeps only lines, and a page reflowed on a phone needs
// paragraphs.
bool ends_paragraph(std::string_view line, std::string_view next) {
  if (line.empty() || next.empty()) return true;
  const char last = line.back();
  if (last != '.' && last != ':' && last != ';' && last != '!' && last != '?') return false;
  const unsigned char first = static_cast<unsigned char>(next[0]);
  if (first >= '0' && first <= '9') return true;
  if (first == '-' || first == '*') return true;
  if (next.substr(0, 3) == "\xE2\x80\x94" || next.substr(0, 3) == "\xE2\x80\x93" || next.substr(0, 3) == "\xE2\x80\xA2") return true;  // — – •
  if (first >= 'A' && first <= 'Z') return true;
  // Cyrillic capitals: А..Я are D0 90..D0 AF, Ё is D0 81.
  if (first == 0xD0 && next.size() > 1) {
    const unsigned char second = static_cast<unsigned char>(next[1]);
    return (second >= 0x90 && second <= 0xAF) || second == 0x81;
  }
  return false;
}

// One PDF page's lines as paragraphs: a word hyphenated at a line's end is joined again; a
// line much shorter than the page's longest (a heading, a paragraph's last line) ends one.
void add_pdf_page(TextBuilder& out, const std::string& page) {
  std::vector<std::string> lines;
  {
    TextBuilder tidy;
    tidy.text(page);
    std::string all = tidy.finish();
    size_t start = 0;
    while (start <= all.size()) {
      size_t end = all.find('\n', start);
      if (end == std::string::npos) end = all.size();
      lines.push_back(all.substr(start, end - start));
      start = end + 1;
    }
  }
  size_t longest = 0;
  for (const auto& line : lines) longest = std::max(longest, utf8_length(line));
  std::string paragraph;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) {
      out.text(paragraph);
      out.paragraph();
      paragraph.clear();
      continue;
    }
    if (!paragraph.empty()) {
      const bool hyphen = paragraph.size() > 1 && paragraph.back() == '-' && static_cast<unsigned char>(paragraph[paragraph.size() - 2]) >= 0x80 &&
                          static_cast<unsigned char>(line[0]) >= 0x80;
      if (hyphen) paragraph.pop_back();
      else paragraph += ' ';
    }
    paragraph += line;
    const std::string_view next = i + 1 < lines.size() ? std::string_view(lines[i + 1]) : std::string_view();
    const bool short_line = utf8_length(line) * 10 < longest * 7 && line.back() != '-';
    if (short_line || ends_paragraph(line, next)) {
      out.text(paragraph);
      out.paragraph();
      paragraph.clear();
    }
  }
  out.text(paragraph);
  out.paragraph();
}

void quiet(const std::string&, void*) {}

DocumentText read_pdf(std::string_view bytes) {
  DocumentText out;
  // Poppler prints what it finds wrong in a file on stderr: the build reports it instead.
  static std::once_flag silenced;
  std::call_once(silenced, [] { poppler::set_debug_error_function(quiet, nullptr); });
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    out.readable = false;
    return out;
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc || doc->is_locked()) {
    out.readable = false;
    return out;
  }
  out.pages = doc->pages();
  TextBuilder text;
  // A page of a scan carries no text, or a page number at most; a document most of whose
  // pages are such is a scan (a typed title page does not make it searchable).
  int blank = 0, read = 0;
  for (int i = 0; i < out.pages && !text.full(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    const poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
    const std::string page_text(utf8.begin(), utf8.end());
    ++read;
    if (letters(page_text) < 3) ++blank;
    add_pdf_page(text, page_text);
  }
  out.text = text.finish();
  out.scan = read > 0 && blank * 2 > read;
  return out;
}

// A zip archive held in memory, its members read whole (up to kMaxPartBytes).
class Zip {
 public:
  explicit Zip(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source) {
      zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (!zip_) zip_source_free(source);
    }
    zip_error_fini(&error);
  }
  ~Zip() {
    if (zip_) zip_discard(zip_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;
  bool open() const { return zip_ != nullptr; }

  std::optional<std::string> read(const char* name) {
    if (!zip_) return std::nullopt;
    const zip_int64_t index = zip_name_locate(zip_, name, 0);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPartBytes) {
      return std::nullopt;
    }
    zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!f) return std::nullopt;
    std::string out(static_cast<size_t>(st.size), '\0');
    zip_uint64_t done = 0;
    while (done < st.size) {
      const zip_int64_t n = zip_fread(f, out.data() + done, st.size - done);
      if (n <= 0) break;
      done += static_cast<zip_uint64_t>(n);
    }
    zip_fclose(f);
    if (done != st.size) return std::nullopt;
    return out;
  }

  // A member parsed as XML into `doc`: its root element, or nullptr when the member is
  // missing or is no XML.
  const tinyxml2::XMLElement* xml(const char* name, tinyxml2::XMLDocument& doc) {
    auto part = read(name);
    if (!part || doc.Parse(part->data(), part->size()) != tinyxml2::XML_SUCCESS) return nullptr;
    return doc.RootElement();
  }

 private:
  zip_t* zip_ = nullptr;
};

bool named(const tinyxml2::XMLElement* e, const char* name) { return std::strcmp(e->Name(), name) == 0; }

const tinyxml2::XMLElement* child(const tinyxml2::XMLElement* e, const char* name) {
  for (auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
    if (named(c, name)) return c;
  }
  return nullptr;
}

// WordprocessingML: what Word shows. Deleted revisions, field codes, hidden runs and the
// fallback copy of a text box (its text is in the choice already) are not text.
void walk_docx(const tinyxml2::XMLElement* e, TextBuilder& out, int depth) {
  if (depth > 200 || out.full()) return;
  for (auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
    const char* n = c->Name();
    if (named(c, "w:t")) {
      if (const char* t = c->GetText()) out.text(t);
    } else if (named(c, "w:tab") || named(c, "w:noBreakHyphen")) {
      out.space();
    } else if (named(c, "w:br") || named(c, "w:cr")) {
      out.line_break();
    } else if (named(c, "w:del") || named(c, "w:delText") || named(c, "w:instrText") || named(c, "mc:Fallback") ||
               named(c, "w:rPr") || named(c, "w:pPr") || named(c, "w:sectPr")) {
      continue;
    } else if (named(c, "w:r")) {
      const tinyxml2::XMLElement* props = child(c, "w:rPr");
      if (props && child(props, "w:vanish")) continue;
      walk_docx(c, out, depth + 1);
    } else if (named(c, "w:p")) {
      walk_docx(c, out, depth + 1);
      out.paragraph();
    } else if (n[0] != '\0') {
      walk_docx(c, out, depth + 1);
    }
  }
}

// OpenDocument text: paragraphs and headings; tracked deletions, notes, comments and
// hidden text are not what a reader sees.
void walk_odt(const tinyxml2::XMLElement* e, TextBuilder& out, int depth) {
  if (depth > 200 || out.full()) return;
  for (const tinyxml2::XMLNode* node = e->FirstChild(); node; node = node->NextSibling()) {
    if (const tinyxml2::XMLText* t = node->ToText()) {
      out.text(t->Value());
      continue;
    }
    const tinyxml2::XMLElement* c = node->ToElement();
    if (!c) continue;
    if (named(c, "text:s")) {
      out.space();
    } else if (named(c, "text:tab")) {
      out.space();
    } else if (named(c, "text:line-break")) {
      out.line_break();
    } else if (named(c, "text:tracked-changes") || named(c, "text:note") || named(c, "office:annotation") ||
               named(c, "text:hidden-text") || named(c, "text:hidden-paragraph") || named(c, "text:sequence-decls")) {
      continue;
    } else if (named(c, "text:p") || named(c, "text:h")) {
      walk_odt(c, out, depth + 1);
      out.paragraph();
    } else {
      walk_odt(c, out, depth + 1);
    }
  }
}

int positive(const char* text) {
  if (!text) return 0;
  int n = 0;
  for (const char* p = text; *p; ++p) {
    if (*p < '0' || *p > '9' || n > 100000) return 0;
    n = n * 10 + (*p - '0');
  }
  return n;
}

DocumentText read_docx(std::string_view bytes) {
  DocumentText out;
  Zip zip(bytes);
  tinyxml2::XMLDocument doc, props;
  const tinyxml2::XMLElement* root = zip.xml("word/document.xml", doc);
  if (!root) {
    out.readable = false;
    return out;
  }
  TextBuilder text;
  walk_docx(root, text, 0);
  out.text = text.finish();
  if (const auto* app = zip.xml("docProps/app.xml", props)) {
    if (const auto* pages = app->FirstChildElement("Pages")) out.pages = positive(pages->GetText());
  }
  return out;
}

DocumentText read_odt(std::string_view bytes) {
  DocumentText out;
  Zip zip(bytes);
  tinyxml2::XMLDocument doc, meta;
  const tinyxml2::XMLElement* root = zip.xml("content.xml", doc);
  if (!root) {
    out.readable = false;
    return out;
  }
  const tinyxml2::XMLElement* body = root->FirstChildElement("office:body");
  TextBuilder text;
  if (body) {
    if (const auto* office_text = body->FirstChildElement("office:text")) walk_odt(office_text, text, 0);
  }
  out.text = text.finish();
  const tinyxml2::XMLElement* statistics = zip.xml("meta.xml", meta);
  if (statistics) statistics = statistics->FirstChildElement("office:meta");
  if (statistics) statistics = statistics->FirstChildElement("meta:document-statistic");
  if (statistics) out.pages = positive(statistics->Attribute("meta:page-count"));
  return out;
}

// The text ends at a paragraph: a cut in the middle of a word would read as a typo.
void cut(DocumentText& d) {
  if (d.text.size() <= kMaxDocumentTextBytes) return;
  size_t at = d.text.rfind("\n\n", kMaxDocumentTextBytes);
  if (at == std::string::npos || at == 0) {
    at = kMaxDocumentTextBytes;
    while (at > 0 && (static_cast<unsigned char>(d.text[at]) & 0xC0) == 0x80) --at;
  }
  d.text.resize(at);
  // A cut inside a paragraph may end at a line break or a space.
  while (!d.text.empty() && (d.text.back() == '\n' || d.text.back() == ' ')) d.text.pop_back();
}

}  // namespace

bool has_readable_text(FileKind kind) { return kind == FileKind::Pdf || kind == FileKind::Docx || kind == FileKind::Odt; }

DocumentText read_document_text(FileKind kind, std::string_view bytes) {
  DocumentText out;
  try {
    switch (kind) {
      case FileKind::Pdf: out = read_pdf(bytes); break;
      case FileKind::Docx: out = read_docx(bytes); break;
      case FileKind::Odt: out = read_odt(bytes); break;
      default: out.readable = false; break;
    }
  } catch (const std::exception&) {
    out = DocumentText{};
    out.readable = false;
  }
  cut(out);
  return out;
}

}  // namespace nastavnik
