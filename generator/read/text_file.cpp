#include "read/text_file.h"

#include <cstdint>
#include <cstring>

#include "core/strings.h"
#include "core/utf8.h"

namespace nastavnik {

std::string normalise_text(std::string text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF) {
    text.erase(0, 3);
  }
  if (std::memchr(text.data(), '\r', text.size()) == nullptr) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {

enum class Problem { None, Nul, Utf8, Forbidden, LongLine };

struct Found {
  Problem problem = Problem::None;
  size_t offset = 0;
  char32_t code_point = 0;
  size_t length = 0;  ///< of the long line
};

// The first thing wrong in `s`, in one pass: the common case (ASCII and Cyrillic letters)
// costs a comparison or two per byte.
Found scan(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t line_start = 0;
  for (size_t i = 0; i < n;) {
    // Eight printable ASCII bytes at a time: no byte has the high bit, none is below 0x20
    // or DEL.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      const uint64_t high = w & 0x8080808080808080ull;
      const uint64_t below_space = (w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull;
      const uint64_t del = ((w ^ 0x7F7F7F7F7F7F7F7Full) - 0x0101010101010101ull) & ~(w ^ 0x7F7F7F7F7F7F7F7Full) & 0x8080808080808080ull;
      if (high | below_space | del) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    if (c == '\n') {
      if (i - line_start > kMaxLineBytes) return {Problem::LongLine, line_start, 0, i - line_start};
      line_start = ++i;
      continue;
    }
    if (c == '\t') {
      ++i;
      continue;
    }
    // Cyrillic letters (U+0400–U+047F): valid, never forbidden.
    if ((c == 0xD0 || c == 0xD1) && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    if (c == 0) return {Problem::Nul, i};
    if (c < 0x80) return {Problem::Forbidden, i, c};  // C0 controls and DEL
    char32_t cp;
    size_t len = decode_utf8(s, i, cp);
    if (len == 0) return {Problem::Utf8, i};
    if (is_forbidden_code_point(cp)) return {Problem::Forbidden, i, cp};
    i += len;
  }
  if (n - line_start > kMaxLineBytes) return {Problem::LongLine, line_start, 0, n - line_start};
  return {};
}

}  // namespace

std::optional<SourceFile> decode_text(const std::string& path, std::string bytes, Diagnostics& diagnostics) {
  SourceFile source(path, normalise_text(std::move(bytes)));
  Found f = scan(source.text());
  switch (f.problem) {
    case Problem::None:
      return source;
    case Problem::Nul:
      diagnostics.error(path, source.position_of(f.offset), "в файле есть нулевой байт, это не текстовый файл; сохраните его как текст в кодировке UTF-8");
      break;
    case Problem::Utf8:
      diagnostics.error(path, source.position_of(f.offset),
                        "текст не в кодировке UTF-8, сохраните файл в UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)");
      break;
    case Problem::Forbidden:
      diagnostics.error(path, source.position_of(f.offset),
                        "в тексте невидимый управляющий символ " + code_point_name(f.code_point) +
                            " (часто попадает при копировании из Word или PDF), удалите его: перенаберите это место или замените символ пробелом");
      break;
    case Problem::LongLine:
      diagnostics.error(path, source.position_of(f.offset),
                        "строка слишком длинная (" + human_size(f.length) + ", допустимо не более " + human_size(kMaxLineBytes) +
                            "), разбейте её на абзацы или вынесите полный текст в файл PDF в папке files/");
      break;
  }
  return std::nullopt;
}

std::optional<SourceFile> read_text_file(const ContentSource& source, const std::string& path, Diagnostics& diagnostics) {
  std::string bytes;
  switch (source.read(path, kMaxTextFileBytes, bytes)) {
    case ReadStatus::Ok:
      return decode_text(path, std::move(bytes), diagnostics);
    case ReadStatus::TooLarge: {
      Resolved r = source.resolve(path);
      diagnostics.error(path, {}, "файл слишком большой (" + human_size(r.size) + ", допустимо не более " + human_size(kMaxTextFileBytes) +
                                      "), разделите его или вынесите полный текст в файл PDF в папке files/");
      return std::nullopt;
    }
    case ReadStatus::Missing:
    case ReadStatus::Failed:
      break;
  }
  diagnostics.error(path, {}, "не удалось прочитать файл, проверьте, что он существует и доступен для чтения");
  return std::nullopt;
}

}  // namespace nastavnik
