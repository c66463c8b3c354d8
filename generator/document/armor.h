#pragma once
// A signature file as Russian signing tools save it: DER, or the same bytes in base64,
// with PEM's BEGIN/END lines (PKCS7, CMS, SIGNED MESSAGE…) or bare (CryptoPro's "Base64"),
// with LF or CRLF line ends.
#include <optional>
#include <string>
#include <string_view>

namespace nastavnik {

/// The DER bytes of a signature file, or nullopt when it is none of these forms. The DER is
/// not parsed: only its first byte (an ASN.1 SEQUENCE) is looked at.
std::optional<std::string> signature_der(std::string_view file);

}  // namespace nastavnik
