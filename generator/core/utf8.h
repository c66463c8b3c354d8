#pragma once
// UTF-8 in one place: every text reaches the model through load/, which refuses invalid
// UTF-8 (is_valid_utf8), so the decoders here may trust their input; they still never read
// past the end of a string that was cut in the middle of a character.
#include <cstddef>
#include <cstdint>
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
/// A letter of the alphabets our content is written in: Latin and Cyrillic.
bool is_latin_or_cyrillic_letter(uint32_t c);

}  // namespace nastavnik
