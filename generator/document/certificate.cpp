#include "document/certificate.h"

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <ctime>
#include <string>

#include "core/date.h"

namespace nastavnik {

namespace {

std::string utf8_field(const X509_NAME* name, int nid) {
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return {};
  std::string out(reinterpret_cast<const char*>(utf8), static_cast<size_t>(length));
  OPENSSL_free(utf8);
  return out;
}

std::string hex(const ASN1_INTEGER* serial) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER ? "-" : "";
  const unsigned char* bytes = ASN1_STRING_get0_data(serial);
  for (int i = 0; i < ASN1_STRING_length(serial); ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xF];
  }
  return out;
}

/// Named by the key in the certificate, not by what OpenSSL could load, so that a GOST
/// signature is named even where it cannot be checked.
std::string algorithm_name(const X509& certificate) {
  ASN1_OBJECT* key_algorithm = nullptr;
  X509_PUBKEY_get0_param(&key_algorithm, nullptr, nullptr, nullptr, X509_get_X509_PUBKEY(&certificate));
  switch (const int nid = OBJ_obj2nid(key_algorithm)) {
    case NID_id_GostR3410_2012_256: return "ГОСТ Р 34.10-2012 (256 бит)";
    case NID_id_GostR3410_2012_512: return "ГОСТ Р 34.10-2012 (512 бит)";
    case NID_id_GostR3410_2001: return "ГОСТ Р 34.10-2001";
    case NID_rsaEncryption:
    case NID_rsassaPss: return "RSA";
    case NID_X9_62_id_ecPublicKey: return "ECDSA";
    case NID_ED25519: return "Ed25519";
    case NID_ED448: return "Ed448";
    default: {
      if (nid != NID_undef) return OBJ_nid2ln(nid);
      char oid[80];
      OBJ_obj2txt(oid, sizeof oid, key_algorithm, 1);
      return oid;
    }
  }
}

}  // namespace

std::optional<int64_t> unix_seconds(const ASN1_TIME* time) {
  std::tm tm{};
  if (!time || !ASN1_TIME_to_tm(time, &tm)) return std::nullopt;
  const Date day{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
  return static_cast<int64_t>(day.days_since_epoch()) * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

void describe_certificate(const X509& certificate, SignatureCheck& into) {
  const X509_NAME* subject = X509_get_subject_name(&certificate);
  // A certificate of a school's head names the school in CN and the person in SN and GN
  // (GN holds the given name and patronymic); a person's own has the name in all of them.
  const std::string surname = utf8_field(subject, NID_surname);
  const std::string given = utf8_field(subject, NID_givenName);
  if (!surname.empty()) {
    into.owner = given.empty() ? surname : surname + " " + given;
  } else {
    into.owner = utf8_field(subject, NID_commonName);
  }
  into.title = utf8_field(subject, NID_title);
  into.organisation = utf8_field(subject, NID_organizationName);
  const X509_NAME* issuer = X509_get_issuer_name(&certificate);
  into.issuer = utf8_field(issuer, NID_organizationName);
  if (into.issuer.empty()) into.issuer = utf8_field(issuer, NID_commonName);
  into.serial = hex(X509_get0_serialNumber(&certificate));
  into.valid_from = unix_seconds(X509_get0_notBefore(&certificate)).value_or(0);
  into.valid_to = unix_seconds(X509_get0_notAfter(&certificate)).value_or(0);
  into.algorithm = algorithm_name(certificate);
}

}  // namespace nastavnik
