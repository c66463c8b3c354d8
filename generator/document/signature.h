#pragma once
// Whether a published document (a school's order, as a PDF) is the one its head signed:
// the detached CMS/CAdES signature a curator puts beside it (prikaz-125.pdf.sig), as
// CryptoPro and other Russian tools write it, in DER, PEM or bare base64.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nastavnik {

struct SignatureCheck {
  enum class Status {
    Valid,                 ///< the signature is of these bytes; the certificate was valid when signing
    Mismatch,              ///< a well-formed signature, but of other bytes (changed after signing, another file's .sig)
    Expired,               ///< the certificate was not valid at the signing time (expired, or not yet valid)
    Unreadable,            ///< not a CMS signature (text, a PDF, empty), or one without its signer's certificate
    UnsupportedAlgorithm,  ///< OpenSSL cannot check it: GOST without the gost provider or engine; `detail` says which
  };
  Status status = Status::Unreadable;
  // The first signer's certificate, filled in whenever it could be read (also for Mismatch and
  // Expired: a reader is told whose signature does not match). Strings are UTF-8.
  std::string owner;         ///< surname + given names (SN GN, as Russian certificates carry them), else CN
  std::string title;         ///< the signer's post (должность), if the certificate has it
  std::string organisation;  ///< subject O
  std::string issuer;        ///< issuer O, else CN
  std::string serial;        ///< certificate serial number, upper-case hex without separators
  int64_t valid_from = 0;    ///< certificate validity, Unix seconds UTC
  int64_t valid_to = 0;
  std::optional<int64_t> signing_time;  ///< the signingTime signed attribute, Unix seconds UTC
  std::string algorithm;     ///< «ГОСТ Р 34.10-2012 (256 бит)», «RSA», «ECDSA»…
  std::string detail;        ///< for failures: why, in English (OpenSSL's reasons), for a verbose log
};

/// Checks `signature` (the bytes of the .sig file) against `content` (the bytes of the file it
/// signs). A signature that carries its content inside (not detached) must carry these bytes.
/// Every signer is checked; the first signer's certificate is reported.
///
/// The chain of trust is not verified: there is no store of Russian root CAs to verify it
/// against. What is checked is what a reader asks: the signature is of this file, and the
/// certificate was valid at the signing time (its signingTime attribute, `now` when it has
/// none; Unix seconds).
///
/// Thread-safe: a build checks documents in parallel. The first call loads the GOST
/// algorithms (document/gost.h).
SignatureCheck check_detached_signature(std::string_view content, std::string_view signature, int64_t now);

}  // namespace nastavnik
