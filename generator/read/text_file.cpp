#include "read/text_file.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Most bytes of a text are printable ASCII or belong to two-byte Cyrillic letters
// (U+0400–U+047F: valid, never forbidden). Those are skipped sixteen at a time; anything
// else is decoded one code point at a time.
#if defined(__SSE2__)
// How many bytes from `p` (a code point boundary; 16 bytes readable) are plain text:
// printable ASCII, tab, newline, whole Cyrillic letters. 0 when anything else is there;
// 15 when the last byte starts a letter that ends in the next block.
inline size_t plain_block(const unsigned char* p) {
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i ascii = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(b, _mm_set1_epi8(0x7F)));
  const __m128i space = _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(b, _mm_set1_epi8('\n')));
  const __m128i lead = _mm_cmpeq_epi8(_mm_and_si128(b, _mm_set1_epi8(static_cast<char>(0xFE))), _mm_set1_epi8(static_cast<char>(0xD0)));
  const __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(b, _mm_set1_epi8(static_cast<char>(0xC0))), _mm_set1_epi8(static_cast<char>(0x80)));
  const unsigned plain = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(ascii, space)));
  const unsigned leads = static_cast<unsigned>(_mm_movemask_epi8(lead));
  const unsigned conts = static_cast<unsigned>(_mm_movemask_epi8(cont));
  // Every byte is plain, a lead or a continuation, and continuations are exactly the bytes
  // after leads.
  if ((plain | leads | conts) != 0xFFFF || ((leads << 1) & 0xFFFF) != conts) return 0;
  return (leads & 0x8000) ? 15 : 16;
}
#endif

// The first character that is not allowed in a text (or the first bytes that are not UTF-8).
Found first_bad_character(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
    if (i + 16 <= n) {
      if (size_t plain = plain_block(p + i)) {
        i += plain;
        continue;
      }
    }
    // One block one code point at a time, then sixteen at a time again.
    const size_t block_end = std::min(i + 16, n);
#else
    const size_t block_end = n;
#endif
    while (i < block_end) {
      const unsigned char c = p[i];
      if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t') {
        ++i;
        continue;
      }
      if ((c == 0xD0 || c == 0xD1) && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        i += 2;
        continue;
      }
      if (c == 0) return {Problem::Nul, i};
      if (c < 0x80) return {Problem::Forbidden, i, c};  // C0 controls and DEL
      char32_t cp;
      const size_t len = decode_utf8(s, i, cp);
      if (len == 0) return {Problem::Utf8, i};
      if (is_forbidden_code_point(cp)) return {Problem::Forbidden, i, cp};
      i += len;
    }
  }
  return {};
}

// The first thing wrong in `s`, as one reading from the start meets it: a bad character, or
// a line too long (met at its end).
Found scan(std::string_view s) {
  const Found bad = first_bad_character(s);
  const size_t n = s.size();
  for (size_t line_start = 0;;) {
    const void* newline = std::memchr(s.data() + line_start, '\n', n - line_start);
    const size_t end = newline ? static_cast<size_t>(static_cast<const char*>(newline) - s.data()) : n;
    if (bad.problem != Problem::None && bad.offset < end) return bad;
    if (end - line_start > kMaxLineBytes) return {Problem::LongLine, line_start, 0, end - line_start};
    if (!newline) return bad;
    line_start = end + 1;
  }
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
