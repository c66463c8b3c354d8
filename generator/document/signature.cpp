#include "document/signature.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <climits>
#include <memory>
#include <optional>
#include <string>

#include "document/armor.h"
#include "document/certificate.h"
#include "document/gost.h"
#include "document/openssl_errors.h"

namespace nastavnik {

namespace {

using Status = SignatureCheck::Status;

struct CmsFree {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};

bool is_gost(int nid) {
  return nid == NID_id_GostR3410_2012_256 || nid == NID_id_GostR3410_2012_512 || nid == NID_id_GostR3410_2001;
}

/// Why OpenSSL cannot check this signer, or empty when it can: its key cannot be read, or
/// its digest is unknown. Told apart from a mismatch before verifying, since OpenSSL's
/// failures would not say which.
std::string unsupported(CMS_SignerInfo* signer, X509* certificate) {
  ASN1_OBJECT* key_algorithm = nullptr;
  X509_PUBKEY_get0_param(&key_algorithm, nullptr, nullptr, nullptr, X509_get_X509_PUBKEY(certificate));
  const int key_nid = OBJ_obj2nid(key_algorithm);
  X509_ALGOR* digest = nullptr;
  CMS_SignerInfo_get0_algs(signer, nullptr, nullptr, &digest, nullptr);
  const ASN1_OBJECT* digest_oid = nullptr;
  X509_ALGOR_get0(&digest_oid, nullptr, nullptr, digest);
  const int digest_nid = OBJ_obj2nid(digest_oid);
  bool digest_known = EVP_get_digestbynid(digest_nid) != nullptr;
  if (!digest_known && digest_nid != NID_undef) {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, OBJ_nid2sn(digest_nid), nullptr);
    digest_known = fetched != nullptr;
    EVP_MD_free(fetched);
  }
  const bool key_known = X509_get0_pubkey(certificate) != nullptr;
  ERR_clear_error();
  if (key_known && digest_known) return {};
  if (is_gost(key_nid) && !gost_support().available)
    return "GOST algorithms are not available in OpenSSL: " + gost_support().error +
           " (Debian: apt-get install libengine-gost-openssl)";
  char name[80];
  OBJ_obj2txt(name, sizeof name, key_known ? digest_oid : key_algorithm, 0);
  return std::string(key_known ? "unknown digest algorithm " : "unknown public key algorithm ") + name;
}

std::optional<int64_t> signing_time(CMS_SignerInfo* signer) {
  const int index = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1);
  if (index < 0) return std::nullopt;
  const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(signer, index), 0);
  if (!value || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) return std::nullopt;
  return unix_seconds(value->value.asn1_string);
}

/// An attached signature (the content inside it) is of this file only if it carries its bytes.
bool carries_other_content(CMS_ContentInfo* cms, std::string_view content) {
  ASN1_OCTET_STRING** inside = CMS_get0_content(cms);
  if (!inside || !*inside) return false;
  const auto* bytes = reinterpret_cast<const char*>(ASN1_STRING_get0_data(*inside));
  return std::string_view(bytes, static_cast<size_t>(ASN1_STRING_length(*inside))) != content;
}

using Message = std::unique_ptr<CMS_ContentInfo, CmsFree>;

/// The CMS SignedData of a signature file, or null with `why` set.
Message read_signed_data(std::string_view signature, std::string& why) {
  const std::optional<std::string> der = signature_der(signature);
  if (!der) {
    why = signature.empty() ? "the signature file is empty" : "not DER, PEM or base64 of a CMS message";
    return nullptr;
  }
  if (der->size() > LONG_MAX) {
    why = "too large";
    return nullptr;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(der->data());
  Message cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der->size())));
  if (!cms) {
    why = "not a CMS message: " + take_openssl_errors();
    return nullptr;
  }
  if (const int type = OBJ_obj2nid(CMS_get0_type(cms.get())); type != NID_pkcs7_signed) {
    why = std::string("a CMS message of type ") + OBJ_nid2ln(type) + ", not signed data";
    return nullptr;
  }
  return cms;
}

/// Why the certificate was not valid at the signing time (or `now`), or empty if it was.
std::string out_of_validity(const SignatureCheck& signer, int number, int64_t now) {
  const int64_t at = signer.signing_time.value_or(now);
  if (at >= signer.valid_from && at <= signer.valid_to) return {};
  return "the certificate of signer " + std::to_string(number) + " (" + signer.owner + ") was " +
         (at < signer.valid_from ? "not yet valid" : "no longer valid") + " at " +
         (signer.signing_time ? "the signing time" : "the time of the check");
}

}  // namespace

SignatureCheck check_detached_signature(std::string_view content, std::string_view signature, int64_t now) {
  SignatureCheck out;
  // Before parsing: a certificate's GOST key is decoded as it is read.
  gost_support();
  ERR_clear_error();
  const Message cms = read_signed_data(signature, out.detail);
  if (!cms) return out;
  if (content.size() > INT_MAX) {
    out.detail = "the signed file is larger than 2 GB";
    return out;
  }
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
  const int count = signers ? sk_CMS_SignerInfo_num(signers) : 0;
  if (count == 0) {
    out.detail = "signed data without signers (a certificate bundle?)";
    return out;
  }
  // Finds each signer's certificate among those the message carries.
  CMS_set1_signers_certs(cms.get(), nullptr, 0);
  ERR_clear_error();
  std::string expired;  // about the first signer whose certificate was not valid then
  for (int i = 0; i < count; ++i) {
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, i);
    X509* certificate = nullptr;
    CMS_SignerInfo_get0_algs(signer, nullptr, &certificate, nullptr, nullptr);
    if (!certificate) {
      out.detail = "the certificate of signer " + std::to_string(i + 1) + " is not in the signature";
      return out;
    }
    SignatureCheck described;
    describe_certificate(*certificate, described);
    described.signing_time = signing_time(signer);
    if (i == 0) out = described;
    if (const std::string why = unsupported(signer, certificate); !why.empty()) {
      out.status = Status::UnsupportedAlgorithm;
      out.detail = why;
      return out;
    }
    if (expired.empty()) expired = out_of_validity(described, i + 1, now);
  }
  if (carries_other_content(cms.get(), content)) {
    out.status = Status::Mismatch;
    out.detail = "the signature carries another file inside";
    return out;
  }
  std::unique_ptr<BIO, BioFree> data;
  if (CMS_is_detached(cms.get())) data.reset(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  if (!CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY)) {
    const unsigned long last = ERR_peek_last_error();
    const bool mismatch = ERR_GET_LIB(last) == ERR_LIB_CMS && (ERR_GET_REASON(last) == CMS_R_VERIFICATION_FAILURE ||
                                                                ERR_GET_REASON(last) == CMS_R_CONTENT_VERIFY_ERROR);
    out.status = mismatch ? Status::Mismatch : Status::Unreadable;
    out.detail = take_openssl_errors();
    return out;
  }
  ERR_clear_error();
  out.status = expired.empty() ? Status::Valid : Status::Expired;
  out.detail = expired;
  return out;
}

}  // namespace nastavnik
