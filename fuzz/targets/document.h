#pragma once
// Attached documents (document/text.h, document/signature.h): any bytes, as an upload named
// .pdf, .docx or .odt may hold, and any .sig beside it. Reading never throws or crashes;
// the text is clean UTF-8 in the shape the text version renders (paragraphs by one empty
// line, no control characters, no runs of spaces), within its size limit; a signature check
// of any bytes never crashes.
//
// The first byte chooses: 0 PDF, 1 DOCX, 2 ODT, 3 a signature check (the rest split at a
// point its next byte gives: the file, then the signature).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../fuzz_common.h"
#include "document/signature.h"
#include "document/text.h"

namespace fuzz {

inline void check_document_text(const nastavnik::DocumentText& d) {
  FUZZ_CHECK(d.pages >= 0, "a negative page count");
  FUZZ_CHECK(d.text.size() <= nastavnik::kMaxDocumentTextBytes, "a text longer than the limit");
  FUZZ_CHECK(!nastavnik::find_forbidden_character(d.text), "a character that has no place in a text version");
  FUZZ_CHECK(d.text.find("\n\n\n") == std::string::npos, "more than one empty line between paragraphs");
  FUZZ_CHECK(d.text.find("  ") == std::string::npos, "a run of spaces");
  FUZZ_CHECK(d.text.find('\t') == std::string::npos && d.text.find('\r') == std::string::npos, "a tab or a carriage return");
  FUZZ_CHECK(d.text.empty() || (d.text.front() != '\n' && d.text.back() != '\n'), "a text that begins or ends with a line break");
  FUZZ_CHECK(d.readable || d.text.empty(), "text from a document that could not be read");
}

inline void run_document(const uint8_t* data, size_t size) {
  if (size == 0) return;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: check_document_text(nastavnik::read_document_text(nastavnik::FileKind::Pdf, rest)); break;
    case 1: check_document_text(nastavnik::read_document_text(nastavnik::FileKind::Docx, rest)); break;
    case 2: check_document_text(nastavnik::read_document_text(nastavnik::FileKind::Odt, rest)); break;
    default: {
      const size_t cut = rest.empty() ? 0 : static_cast<uint8_t>(rest[0]) * rest.size() / 256;
      const std::string_view content = rest.substr(0, cut), signature = rest.substr(cut);
      const auto check = nastavnik::check_detached_signature(content, signature, 1'795'608'000);
      if (check.status == nastavnik::SignatureCheck::Status::Valid) FUZZ_CHECK(!check.serial.empty(), "a valid signature without a certificate");
      break;
    }
  }
}

}  // namespace fuzz
