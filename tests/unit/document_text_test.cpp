// The text of attached documents as a reader of the site gets it: Word's and Writer's
// paragraphs without what they hide (deleted revisions, hidden text, comments), a PDF's
// lines joined into paragraphs, a scan told, a damaged file never a crash. Documents are
// built here, in memory.
#include <doctest/doctest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

#include "document/library.h"
#include "core/utf8.h"
#include "document/text.h"
#include "pdf_maker.h"

using namespace nastavnik;
using test::pdf;

namespace {

// A real zip archive (deflated, with CRCs) of `entries`, written by libzip into memory.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  REQUIRE(buffer);
  zip_source_keep(buffer);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  REQUIRE(z);
  for (const auto& [name, content] : entries) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    REQUIRE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(z) == 0);
  REQUIRE(zip_source_open(buffer) == 0);
  std::string out;
  char chunk[4096];
  zip_int64_t n;
  while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<size_t>(n));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

std::string docx(const std::string& body, const std::string& app = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"word/document.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
       "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>" +
           body + "<w:sectPr/></w:body></w:document>"}};
  if (!app.empty()) parts.push_back({"docProps/app.xml", app});
  return zip_of(parts);
}

std::string odt(const std::string& text, const std::string& meta = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"mimetype", "application/vnd.oasis.opendocument.text"},
      {"content.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
       "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
       "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>" +
           text + "</office:text></office:body></office:document-content>"}};
  if (!meta.empty()) parts.push_back({"meta.xml", meta});
  return zip_of(parts);
}

std::string run(const std::string& text, const std::string& props = "") { return "<w:r>" + props + "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; }

}  // namespace

TEST_CASE("a Word document reads as its paragraphs, without what Word does not show") {
  const std::string body =
      "<w:p>" + run("Приказ ") + run("№ 125") + "</w:p>"
      "<w:p>" + run("О наставничестве") + "<w:r><w:tab/></w:r>" + run("в школе") + "</w:p>"
      "<w:p>" + run("Удалённое при правке", "") + "</w:p>"
      "<w:p><w:del><w:r><w:delText>вычеркнутый текст</w:delText></w:r></w:del>" + run("Оставшийся текст") + "</w:p>"
      "<w:p>" + run("Скрытый текст", "<w:rPr><w:vanish/></w:rPr>") + run("Видимый текст") + "</w:p>"
      "<w:p><w:r><w:instrText> PAGE </w:instrText></w:r>" + run("Строка 1") + "<w:r><w:br/></w:r>" + run("Строка 2") + "</w:p>"
      "<w:tbl><w:tr><w:tc><w:p>" + run("Ячейка") + "</w:p></w:tc></w:tr></w:tbl>"
      "<w:p><mc:AlternateContent><mc:Choice>" + run("Надпись") + "</mc:Choice><mc:Fallback>" + run("Надпись") + "</mc:Fallback></mc:AlternateContent></w:p>";
  const std::string app = "<?xml version=\"1.0\"?><Properties><Pages>3</Pages></Properties>";
  DocumentText d = read_document_text(FileKind::Docx, docx(body, app));
  CHECK(d.readable);
  CHECK_FALSE(d.scan);
  CHECK(d.pages == 3);
  CHECK(d.text ==
        "Приказ № 125\n\nО наставничестве в школе\n\nУдалённое при правке\n\nОставшийся текст\n\nВидимый текст\n\nСтрока 1\nСтрока 2\n\nЯчейка\n\nНадпись");
  CHECK(d.text.find("вычеркнутый") == std::string::npos);
  CHECK(d.text.find("Скрытый") == std::string::npos);
  CHECK(d.text.find("PAGE") == std::string::npos);
}

TEST_CASE("a Word document without statistics has no page count, and entities are text") {
  DocumentText d = read_document_text(FileKind::Docx, docx("<w:p>" + run("«Точка роста» &amp; &lt;наставник&gt;") + "</w:p>"));
  CHECK(d.pages == 0);
  CHECK(d.text == "«Точка роста» & <наставник>");
}

TEST_CASE("an OpenDocument text reads as its paragraphs and headings, without notes, comments or deletions") {
  const std::string text =
      "<text:sequence-decls><text:sequence-decl text:name=\"Table\"/></text:sequence-decls>"
      "<text:h>Положение о наставничестве</text:h>"
      "<text:p>Наставник<text:s text:c=\"3\"/>и наставляемый<text:tab/>работают<text:line-break/>вместе.</text:p>"
      "<text:p>Текст<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Сноска</text:p></text:note-body></text:note> с "
      "<text:span>оформлением</text:span><office:annotation><text:p>Комментарий</text:p></office:annotation>.</text:p>"
      "<text:tracked-changes><text:changed-region><text:deletion><text:p>Удалено</text:p></text:deletion></text:changed-region></text:tracked-changes>"
      "<text:p><text:hidden-text text:is-hidden=\"true\">Скрыто</text:hidden-text>Видно</text:p>";
  const std::string meta =
      "<?xml version=\"1.0\"?><office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"><office:meta><meta:document-statistic meta:page-count=\"2\"/></office:meta></office:document-meta>";
  DocumentText d = read_document_text(FileKind::Odt, odt(text, meta));
  CHECK(d.readable);
  CHECK(d.pages == 2);
  CHECK(d.text == "Положение о наставничестве\n\nНаставник и наставляемый работают\nвместе.\n\nТекст с оформлением.\n\nВидно");
}

TEST_CASE("a PDF's lines are joined into paragraphs, its pages counted") {
  DocumentText d = read_document_text(FileKind::Pdf, pdf({{"Order No. 125", "On mentoring at school:", "1. Appoint the mentors of the", "young teachers."},
                                                          {"Page two."}}));
  CHECK(d.readable);
  CHECK_FALSE(d.scan);
  CHECK(d.pages == 2);
  CHECK(d.text == "Order No. 125\n\nOn mentoring at school:\n\n1. Appoint the mentors of the young teachers.\n\nPage two.");
}

TEST_CASE("a PDF without text on its pages is a scan") {
  DocumentText d = read_document_text(FileKind::Pdf, pdf({{}, {}}));
  CHECK(d.readable);
  CHECK(d.scan);
  CHECK(d.pages == 2);
  CHECK(d.text.empty());
  CHECK(read_document_text(FileKind::Pdf, pdf({{"12"}})).scan);  // a page number alone is no text layer
}

TEST_CASE("a damaged document is not readable, and never throws") {
  for (FileKind kind : {FileKind::Pdf, FileKind::Docx, FileKind::Odt}) {
    for (std::string bytes : {std::string(), std::string("PK\x03\x04 not a zip"), std::string("%PDF-1.4\n%%EOF"), std::string(10000, '\xff')}) {
      DocumentText d = read_document_text(kind, bytes);
      CHECK_FALSE(d.readable);
      CHECK(d.text.empty());
    }
  }
  CHECK_FALSE(read_document_text(FileKind::Docx, zip_of({{"word/other.xml", "<a/>"}})).readable);
  CHECK_FALSE(read_document_text(FileKind::Docx, zip_of({{"word/document.xml", "<w:document><w:body>"}})).readable);
  CHECK_FALSE(read_document_text(FileKind::Jpeg, "\xff\xd8\xff").readable);
}

TEST_CASE("a long text is cut at a paragraph") {
  std::string body;
  const std::string paragraph = "<w:p>" + run(std::string(999, 'x')) + "</w:p>";
  for (size_t i = 0; i * 1000 < kMaxDocumentTextBytes + 5000; ++i) body += paragraph;
  DocumentText d = read_document_text(FileKind::Docx, docx(body));
  CHECK(d.text.size() <= kMaxDocumentTextBytes);
  CHECK(d.text.size() > kMaxDocumentTextBytes - 2000);
  CHECK(d.text.substr(d.text.size() - 999) == std::string(999, 'x'));
}

TEST_CASE("a long text without paragraphs is cut between characters, never after a space or a line break") {
  std::string line;
  for (int i = 0; i < 40; ++i) line += "слово ";
  std::string body = "<w:p>";
  for (size_t i = 0; i * line.size() < kMaxDocumentTextBytes + 1000; ++i) body += run(line) + "<w:r><w:br/></w:r>";
  body += "</w:p>";
  DocumentText d = read_document_text(FileKind::Docx, docx(body));
  REQUIRE_FALSE(d.text.empty());
  CHECK(d.text.size() <= kMaxDocumentTextBytes);
  CHECK(d.text.back() != ' ');
  CHECK(d.text.back() != '\n');
  CHECK(!find_forbidden_character(d.text));
}

TEST_CASE("the same bytes are read once") {
  const std::string bytes = docx("<w:p>" + run("Один раз") + "</w:p>");
  auto a = document_text(FileKind::Docx, bytes);
  auto b = document_text(FileKind::Docx, std::string(bytes));
  CHECK(a == b);
  CHECK(a->text == "Один раз");
  CHECK(document_text(FileKind::Docx, docx("<w:p>" + run("Другой") + "</w:p>")) != a);
}
