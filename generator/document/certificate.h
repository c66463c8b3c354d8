#pragma once
// What a reader is told about a signer: the fields of the X.509 certificate, in UTF-8.
// Russian certificates write their names in Cyrillic, as UTF8String or BMPString.
#include <openssl/types.h>

#include <cstdint>
#include <optional>

#include "document/signature.h"

namespace nastavnik {

/// Fills owner, title, organisation, issuer, serial, the validity and the algorithm.
void describe_certificate(const X509& certificate, SignatureCheck& into);

/// An ASN.1 time (UTCTime or GeneralizedTime) in Unix seconds, UTC.
std::optional<int64_t> unix_seconds(const ASN1_TIME* time);

}  // namespace nastavnik
