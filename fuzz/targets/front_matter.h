#pragma once
// Front matter splitting: any bytes → the checks of decode_text (read_text_file on bytes in
// memory), the BOM/CRLF normalisation and the split into YAML and body, whose views must
// stay inside the text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "../fuzz_common.h"
#include "core/diagnostics.h"
#include "core/source_file.h"
#include "core/utf8.h"
#include "read/front_matter.h"
#include "read/text_file.h"

namespace fuzz {

inline void run_front_matter(const uint8_t* data, size_t size) {
  using namespace nastavnik;
  std::string bytes(as_text(data, size));

  // Normalisation alone, on anything: idempotent, no CR left, no BOM left (but the second
  // of two BOMs, which decode_text then refuses).
  std::string once = normalise_text(bytes);
  FUZZ_CHECK(once.find('\r') == std::string::npos, "CR after normalise_text");
  FUZZ_CHECK(normalise_text(once) == once || once.rfind("\xEF\xBB\xBF", 0) == 0, "normalise_text is not idempotent");

  Diagnostics diagnostics;
  auto source = decode_text("school/news/x.md", bytes, diagnostics);
  check_diagnostics(diagnostics, static_cast<int>(lines_in(once)));
  if (!source) {
    FUZZ_CHECK(diagnostics.error_count() == 1 && diagnostics.warning_count() == 0, "decode_text failed without exactly one error");
    return;
  }
  FUZZ_CHECK(!diagnostics.has_errors() && diagnostics.warning_count() == 0, "decode_text returned text and a diagnostic");
  const std::string& text = source->text();
  FUZZ_CHECK(text == once, "decode_text changed the text beyond normalise_text");
  FUZZ_CHECK(is_valid_utf8(text), "decoded text is not UTF-8");
  FUZZ_CHECK(!find_forbidden_character(text), "decoded text has control characters");
  FUZZ_CHECK(text.find('\0') == std::string::npos && text.find('\r') == std::string::npos, "decoded text has NUL or CR");
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    FUZZ_CHECK(end - start <= kMaxLineBytes, "decoded text has a line over kMaxLineBytes at offset " + std::to_string(start));
    start = end + 1;
  }

  FrontMatter fm;
  FrontMatterError error;
  if (split_front_matter(text, fm, error)) {
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    FUZZ_CHECK(fm.yaml.data() >= begin && fm.yaml.data() + fm.yaml.size() <= end, "yaml view outside the text");
    FUZZ_CHECK(fm.body.data() >= begin && fm.body.data() + fm.body.size() <= end, "body view outside the text");
    FUZZ_CHECK(fm.body.data() + fm.body.size() == end, "the body does not run to the end of the text");
    FUZZ_CHECK(fm.yaml.data() == begin + fm.yaml_offset, "yaml_offset does not match the view");
    FUZZ_CHECK(fm.body.data() >= fm.yaml.data() + fm.yaml.size(), "body overlaps the yaml");
    FUZZ_CHECK(fm.body_first_line >= 2, "body starts before line 2");
    FUZZ_CHECK(source->position_of(fm.yaml_offset).line == 2, "the YAML does not start on line 2");
    Position body = source->position_of(static_cast<size_t>(fm.body.data() - begin));
    FUZZ_CHECK(fm.body.empty() || body.line == fm.body_first_line, "body_first_line disagrees with the text");
  } else {
    FUZZ_CHECK(!error.message.empty() && error.pos.line >= 1, "a failed split without a message");
    FUZZ_CHECK(is_valid_utf8(error.message) && error.pos.line <= static_cast<int>(lines_in(text)), "a failed split outside the file");
  }
}

}  // namespace fuzz
