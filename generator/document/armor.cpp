#include "document/armor.h"

#include <cstdint>

namespace nastavnik {

namespace {

constexpr char kSequence = 0x30;

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Base64 with line breaks anywhere; the padding may be missing (some tools drop it), but
/// nothing may follow it.
std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  uint32_t bits = 0;
  int count = 0;
  bool padded = false;
  for (char c : text) {
    if (is_space(c)) continue;
    if (c == '=') {
      padded = true;
      continue;
    }
    const int v = base64_value(c);
    if (v < 0 || padded) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    if (++count == 4) {
      out += static_cast<char>((bits >> 16) & 0xFF);
      out += static_cast<char>((bits >> 8) & 0xFF);
      out += static_cast<char>(bits & 0xFF);
      bits = 0;
      count = 0;
    }
  }
  if (count == 1) return std::nullopt;
  if (count == 2) out += static_cast<char>((bits >> 4) & 0xFF);
  if (count == 3) {
    out += static_cast<char>((bits >> 10) & 0xFF);
    out += static_cast<char>((bits >> 2) & 0xFF);
  }
  return out;
}

/// The base64 between a PEM file's BEGIN and END lines, without RFC 1421 headers (lines
/// with a colon, as some old tools write before the body).
std::optional<std::string_view> pem_body(std::string_view text) {
  const size_t begin = text.find("-----BEGIN ");
  if (begin == std::string_view::npos) return std::nullopt;
  size_t from = text.find('\n', begin);
  if (from == std::string_view::npos) return std::nullopt;
  ++from;
  const size_t end = text.find("-----END ", from);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view body = text.substr(from, end - from);
  const size_t blank = body.find("\n\n") != std::string_view::npos ? body.find("\n\n") : body.find("\r\n\r\n");
  if (blank != std::string_view::npos && body.substr(0, blank).find(':') != std::string_view::npos)
    body.remove_prefix(blank);
  return body;
}

}  // namespace

std::optional<std::string> signature_der(std::string_view file) {
  if (!file.empty() && file.front() == kSequence) return std::string(file);
  std::string_view text = file;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // Notepad's BOM
  std::optional<std::string> der;
  if (const auto body = pem_body(text)) {
    der = decode_base64(*body);
  } else {
    der = decode_base64(text);
  }
  if (!der || der->empty() || der->front() != kSequence) return std::nullopt;
  return der;
}

}  // namespace nastavnik
