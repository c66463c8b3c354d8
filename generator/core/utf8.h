#pragma once
// UTF-8 in one place: every text reaches the model through load/, which refuses invalid
// UTF-8 (is_valid_utf8), so the decoders here may trust their input; they still never read
// past the end of a string that was cut in the middle of a character.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik {

/// Strict check: no overlong forms, surrogates or code points past U+10FFFF. On failure
/// `bad_offset` gets the byte offset of the first bad sequence.
bool is_valid_utf8(std::string_view s, size_t* bad_offset = nullptr);
/// The code point that starts at s[i]; moves i to the next one (never past s.size()).
uint32_t next_code_point(std::string_view s, size_t& i);
std::vector<uint32_t> code_points(std::string_view s);
void append_utf8(uint32_t cp, std::string& out);
/// A byte inside a character, not the first byte of one.
inline bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
/// Characters, not bytes.
size_t utf8_length(std::string_view s);
/// Decodes the sequence at s[i] strictly (no overlong forms, surrogates or code points past
/// U+10FFFF); returns its length in bytes, or 0 when it is not valid UTF-8.
size_t decode_utf8(std::string_view s, size_t i, char32_t& cp);
/// A character that has no place in content text: a control character other than tab, LF
/// and CR (C0, DEL, C1), U+FFFE/U+FFFF, or an invisible format character (U+200B, U+2028,
/// U+2029, the bidirectional controls, U+FEFF). ZWJ and ZWNJ stay allowed: emoji such as
/// 👨‍🏫 are built with them.
bool is_forbidden_code_point(char32_t c);
/// The first forbidden character of valid UTF-8 `s`: its byte offset and code point.
std::optional<std::pair<size_t, char32_t>> find_forbidden_character(std::string_view s);
/// The length in bytes of a space at s[i] that is not ASCII's but looks like one, as Word
/// and web pages paste them: no-break (U+00A0, U+2007, U+202F), the typographic spaces
/// U+2002–U+200A, the ideographic U+3000; 0 for anything else. YAML takes none of them for
/// a space.
size_t unicode_space_at(std::string_view s, size_t i);
/// «U+000B», for messages.
std::string code_point_name(char32_t c);
/// A letter of the alphabets our content is written in: Latin and Cyrillic.
inline bool is_latin_or_cyrillic_letter(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x4FF);
}

}  // namespace nastavnik
