// Front matter splitting: any bytes → the checks of read_source, the BOM/CRLF normalisation
// and the split into YAML and body, whose views must stay inside the text.
#include <cstddef>
#include <cstdint>

#include "core/diagnostics.h"
#include "fuzz_common.h"
#include "load/content_tree.h"
#include "load/front_matter.h"

using namespace nastavnik;

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);

  // Normalisation alone, on anything: idempotent, no CR left, no BOM left.
  std::string once = normalise_text(bytes);
  FUZZ_CHECK(once.find('\r') == std::string::npos, "CR after normalise_text");
  FUZZ_CHECK(normalise_text(once) == once || once.rfind("\xEF\xBB\xBF", 0) == 0, "normalise_text is not idempotent");

  Diagnostics diagnostics;
  auto source = decode_source("news/x.md", bytes, diagnostics);
  if (!source) {
    FUZZ_CHECK(diagnostics.error_count() == 1, "decode_source failed without exactly one error");
    for (const auto& d : diagnostics.sorted()) {
      FUZZ_CHECK(d.pos.line >= 1 || d.pos.line == 0, "bad line");
      FUZZ_CHECK(is_valid_utf8(d.format()), "diagnostic is not UTF-8");
    }
    return 0;
  }
  FUZZ_CHECK(!diagnostics.has_errors(), "decode_source returned text and an error");
  const std::string& text = source->text();
  FUZZ_CHECK(is_valid_utf8(text), "decoded text is not UTF-8");
  FUZZ_CHECK(!find_forbidden_character(text), "decoded text has control characters");

  FrontMatter fm;
  FrontMatterError error;
  if (split_front_matter(text, fm, error)) {
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    FUZZ_CHECK(fm.yaml.data() >= begin && fm.yaml.data() + fm.yaml.size() <= end, "yaml view outside the text");
    FUZZ_CHECK(fm.body.data() >= begin && fm.body.data() + fm.body.size() <= end, "body view outside the text");
    FUZZ_CHECK(fm.yaml.data() == begin + fm.yaml_offset, "yaml_offset does not match the view");
    FUZZ_CHECK(fm.body.data() >= fm.yaml.data() + fm.yaml.size(), "body overlaps the yaml");
    FUZZ_CHECK(fm.body_first_line >= 2, "body starts before line 2");
    Position body = source->position_of(static_cast<size_t>(fm.body.data() - begin));
    FUZZ_CHECK(fm.body.empty() || body.line == fm.body_first_line, "body_first_line disagrees with the text");
  } else {
    FUZZ_CHECK(!error.message.empty() && error.pos.line >= 1, "a failed split without a message");
  }
  return 0;
}
