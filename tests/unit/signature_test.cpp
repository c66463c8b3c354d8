// A signed order checked as a reader would have it checked: keys and certificates made
// here, in memory, with OpenSSL (RSA, ECDSA, GOST through document/gost.h), documents signed
// as Russian tools sign them, then changed, swapped and saved in every form they come in.
#include <doctest/doctest.h>
#include <openssl/pem.h>  // before cms.h, which declares its PEM functions only after it
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "document/armor.h"
#include "document/gost.h"
#include "document/signature.h"

using namespace nastavnik;
using Status = SignatureCheck::Status;

namespace {

constexpr int64_t k2024 = 1704067200;         // 2024-01-01T00:00:00Z
constexpr int64_t k2025 = 1735689600;         // 2025-01-01
constexpr int64_t k2027 = 1798761600;         // 2027-01-01
constexpr int64_t kSigned = 1772443800;       // 2026-03-02T09:30:00Z, the order's signing time
constexpr int64_t kJune2024 = 1717200000;     // 2024-06-01
constexpr int64_t kNow = 1795564800;          // 2026-11-25, the build

const std::string kOrder = "%PDF-1.7\nПриказ № 125 «О наставничестве»\n%%EOF\n";
const std::string kOtherOrder = "%PDF-1.7\nПриказ № 126 «Об утверждении дорожной карты»\n%%EOF\n";

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct CmsFree {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using Key = std::shared_ptr<EVP_PKEY>;
using Certificate = std::shared_ptr<X509>;

enum class Kind { Rsa, Ecdsa, Gost256, Gost512 };

Key gost_key(int nid) {
  REQUIRE_MESSAGE(gost_support().available, "GOST is not loaded: " << gost_support().error);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(nid, nullptr);
  REQUIRE(ctx);
  EVP_PKEY* key = nullptr;
  const bool made = EVP_PKEY_keygen_init(ctx) > 0 && EVP_PKEY_CTX_ctrl_str(ctx, "paramset", "A") > 0 &&
                    EVP_PKEY_keygen(ctx, &key) > 0;
  EVP_PKEY_CTX_free(ctx);
  REQUIRE(made);
  return Key(key, PkeyFree{});
}

Key make_key(Kind kind) {
  switch (kind) {
    case Kind::Rsa: return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}), PkeyFree{});
    case Kind::Ecdsa: return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), PkeyFree{});
    case Kind::Gost256: return gost_key(NID_id_GostR3410_2012_256);
    case Kind::Gost512: return gost_key(NID_id_GostR3410_2012_512);
  }
  return nullptr;
}

const EVP_MD* digest_for(Kind kind) {
  switch (kind) {
    case Kind::Gost256: return EVP_get_digestbynid(NID_id_GostR3411_2012_256);
    case Kind::Gost512: return EVP_get_digestbynid(NID_id_GostR3411_2012_512);
    default: return EVP_sha256();
  }
}

/// UCS-2 big-endian, as a BMPString holds it (the text here is all in the BMP).
std::string bmp(const std::u16string& text) {
  std::string out;
  for (char16_t c : text) {
    out += static_cast<char>(c >> 8);
    out += static_cast<char>(c & 0xFF);
  }
  return out;
}

void add_utf8(X509_NAME* name, int nid, const std::string& value) {
  REQUIRE(X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.data()),
                                     static_cast<int>(value.size()), -1, 0));
}

struct Subject {
  std::string common_name = "МБОУ «Школа № 1»";
  std::string surname = "Иванова";
  std::string given_name = "Мария Петровна";
  std::string title = "Директор";
  // Stored as a BMPString, as some Russian certification centres write it.
  std::u16string organisation = u"МБОУ «Школа № 1» г. Твери";
};

struct Made {
  Key key;
  Certificate certificate;
  Kind kind;
};

Made make_signer(Kind kind, int64_t not_before = k2025, int64_t not_after = k2027, const Subject& subject = {},
                 long serial = 0x01D6A1B2C3) {
  Made made{make_key(kind), Certificate(X509_new(), X509Free{}), kind};
  REQUIRE(made.key);
  X509* x = made.certificate.get();
  REQUIRE(X509_set_version(x, X509_VERSION_3));
  REQUIRE(ASN1_INTEGER_set_int64(X509_get_serialNumber(x), serial));
  X509_NAME* name = X509_get_subject_name(x);
  add_utf8(name, NID_commonName, subject.common_name);
  if (!subject.surname.empty()) add_utf8(name, NID_surname, subject.surname);
  if (!subject.given_name.empty()) add_utf8(name, NID_givenName, subject.given_name);
  if (!subject.title.empty()) add_utf8(name, NID_title, subject.title);
  const std::string organisation = bmp(subject.organisation);
  REQUIRE(X509_NAME_add_entry_by_NID(name, NID_organizationName, V_ASN1_BMPSTRING,
                                     reinterpret_cast<const unsigned char*>(organisation.data()),
                                     static_cast<int>(organisation.size()), -1, 0));
  REQUIRE(X509_set_issuer_name(x, name));
  REQUIRE(ASN1_TIME_set(X509_getm_notBefore(x), static_cast<time_t>(not_before)));
  REQUIRE(ASN1_TIME_set(X509_getm_notAfter(x), static_cast<time_t>(not_after)));
  REQUIRE(X509_set_pubkey(x, made.key.get()));
  REQUIRE(X509_sign(x, made.key.get(), digest_for(kind)) > 0);
  return made;
}

struct SignOptions {
  std::optional<int64_t> signing_time = kSigned;  // nullopt: no signed attributes at all
  bool detached = true;
};

/// DER of a CMS SignedData of `content` by every signer, as CryptoPro writes it: binary
/// content, the signer's certificate inside, signingTime among the signed attributes.
std::string sign(const std::string& content, const std::vector<Made>& signers, SignOptions options = {}) {
  std::unique_ptr<BIO, BioFree> data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  const unsigned flags = CMS_BINARY | (options.detached ? CMS_DETACHED : 0u);
  std::unique_ptr<CMS_ContentInfo, CmsFree> cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags | CMS_PARTIAL));
  REQUIRE(cms);
  for (const Made& signer : signers) {
    CMS_SignerInfo* info = CMS_add1_signer(cms.get(), signer.certificate.get(), signer.key.get(),
                                           digest_for(signer.kind), options.signing_time ? 0u : CMS_NOATTR);
    REQUIRE(info);
    if (options.signing_time) {
      ASN1_TIME* time = ASN1_TIME_set(nullptr, static_cast<time_t>(*options.signing_time));
      REQUIRE(CMS_signed_add1_attr_by_NID(info, NID_pkcs9_signingTime, time->type, time, -1));
      ASN1_TIME_free(time);
    }
  }
  REQUIRE(CMS_final(cms.get(), data.get(), nullptr, flags));
  unsigned char* der = nullptr;
  const int length = i2d_CMS_ContentInfo(cms.get(), &der);
  REQUIRE(length > 0);
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(length));
  OPENSSL_free(der);
  return out;
}

std::string sign(const std::string& content, const Made& signer, SignOptions options = {}) {
  return sign(content, std::vector<Made>{signer}, options);
}

std::string base64_lines(const std::string& der, const std::string& line_end) {
  std::string flat(4 * ((der.size() + 2) / 3) + 1, '\0');
  flat.resize(static_cast<size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(flat.data()),
                                                  reinterpret_cast<const unsigned char*>(der.data()),
                                                  static_cast<int>(der.size()))));
  std::string out;
  for (size_t i = 0; i < flat.size(); i += 64) out += flat.substr(i, 64) + line_end;
  return out;
}

std::string pem(const std::string& der, const std::string& label, const std::string& line_end = "\n") {
  return "-----BEGIN " + label + "-----" + line_end + base64_lines(der, line_end) + "-----END " + label + "-----" +
         line_end;
}

/// The same message as OpenSSL's own PEM writer writes it (-----BEGIN CMS-----).
std::string openssl_pem(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<CMS_ContentInfo, CmsFree> cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  REQUIRE(cms);
  std::unique_ptr<BIO, BioFree> out(BIO_new(BIO_s_mem()));
  REQUIRE(PEM_write_bio_CMS(out.get(), cms.get()));
  char* text = nullptr;
  const long length = BIO_get_mem_data(out.get(), &text);
  return std::string(text, static_cast<size_t>(length));
}

SignatureCheck check(const std::string& content, const std::string& signature) {
  return check_detached_signature(content, signature, kNow);
}

}  // namespace

TEST_CASE("signature: an RSA-signed order is valid, and its signer is told") {
  const Made head = make_signer(Kind::Rsa);
  const SignatureCheck result = check(kOrder, sign(kOrder, head));
  CHECK_MESSAGE(result.status == Status::Valid, result.detail);
  CHECK(result.owner == "Иванова Мария Петровна");
  CHECK(result.title == "Директор");
  CHECK(result.organisation == "МБОУ «Школа № 1» г. Твери");  // decoded from a BMPString
  CHECK(result.issuer == "МБОУ «Школа № 1» г. Твери");        // self-signed: the issuer's O
  CHECK(result.serial == "01D6A1B2C3");
  CHECK(result.valid_from == k2025);
  CHECK(result.valid_to == k2027);
  REQUIRE(result.signing_time.has_value());
  CHECK(*result.signing_time == kSigned);
  CHECK(result.algorithm == "RSA");
  CHECK(result.detail.empty());
}

TEST_CASE("signature: PEM, bare base64 and CRLF line ends are read as the DER they hold") {
  const Made head = make_signer(Kind::Rsa);
  const std::string der = sign(kOrder, head);
  for (const std::string& file : {openssl_pem(der), pem(der, "PKCS7"), pem(der, "SIGNED MESSAGE", "\r\n"),
                                  pem(der, "CMS", "\r\n"), base64_lines(der, "\r\n"), base64_lines(der, "\n"),
                                  "\xEF\xBB\xBF" + base64_lines(der, "\r\n")}) {
    CAPTURE(file.substr(0, 40));
    const SignatureCheck result = check(kOrder, file);
    CHECK_MESSAGE(result.status == Status::Valid, result.detail);
    CHECK(result.owner == "Иванова Мария Петровна");
  }
  CHECK(signature_der(base64_lines(der, "\r\n")) == der);
}

TEST_CASE("signature: an ECDSA (P-256) signature is valid") {
  const SignatureCheck result = check(kOrder, sign(kOrder, make_signer(Kind::Ecdsa)));
  CHECK_MESSAGE(result.status == Status::Valid, result.detail);
  CHECK(result.algorithm == "ECDSA");
}

TEST_CASE("signature: GOST R 34.10-2012 signatures are valid, with Cyrillic names decoded") {
  REQUIRE_MESSAGE(gost_support().available, "GOST is not loaded: " << gost_support().error);
  Subject person;
  person.common_name = "Петров Сергей Иванович";
  person.surname.clear();
  person.given_name.clear();
  person.title.clear();
  person.organisation = u"ГБОУ «Лицей № 239»";
  SUBCASE("256 bits") {
    const SignatureCheck result = check(kOrder, sign(kOrder, make_signer(Kind::Gost256, k2025, k2027, person)));
    CHECK_MESSAGE(result.status == Status::Valid, result.detail);
    CHECK(result.algorithm == "ГОСТ Р 34.10-2012 (256 бит)");
    CHECK(result.owner == "Петров Сергей Иванович");  // no SN/GN: the CN
    CHECK(result.title.empty());
    CHECK(result.organisation == "ГБОУ «Лицей № 239»");
    CHECK(result.signing_time == kSigned);
  }
  SUBCASE("512 bits") {
    const SignatureCheck result = check(kOrder, sign(kOrder, make_signer(Kind::Gost512)));
    CHECK_MESSAGE(result.status == Status::Valid, result.detail);
    CHECK(result.algorithm == "ГОСТ Р 34.10-2012 (512 бит)");
    CHECK(result.owner == "Иванова Мария Петровна");
  }
  SUBCASE("a changed file is told for GOST too") {
    std::string changed = kOrder;
    changed[12] ^= 1;
    const SignatureCheck result = check(changed, sign(kOrder, make_signer(Kind::Gost256)));
    CHECK(result.status == Status::Mismatch);
    CHECK(result.owner == "Иванова Мария Петровна");
  }
}

TEST_CASE("signature: a file changed after signing, or another file's signature, does not match") {
  const Made head = make_signer(Kind::Rsa);
  const std::string signature = sign(kOrder, head);
  SUBCASE("one byte changed") {
    std::string changed = kOrder;
    changed[changed.size() / 2] ^= 0x01;
    const SignatureCheck result = check(changed, signature);
    CHECK(result.status == Status::Mismatch);
    CHECK_FALSE(result.detail.empty());
    CHECK(result.owner == "Иванова Мария Петровна");  // whose signature it is, still told
  }
  SUBCASE("a byte added at the end") {
    CHECK(check(kOrder + "\n", signature).status == Status::Mismatch);
  }
  SUBCASE("the .sig of another order") {
    CHECK(check(kOtherOrder, signature).status == Status::Mismatch);
    CHECK(check(kOrder, sign(kOtherOrder, head)).status == Status::Mismatch);
  }
  SUBCASE("the signature value itself altered") {
    std::string altered = signature;
    altered.back() ^= 0x01;  // the last SignerInfo's signature ends the message
    CHECK(check(kOrder, altered).status == Status::Mismatch);
  }
}

TEST_CASE("signature: a certificate not valid at the signing time is expired") {
  SUBCASE("expired before the order was signed") {
    const SignatureCheck result = check(kOrder, sign(kOrder, make_signer(Kind::Rsa, k2024, k2025)));
    CHECK(result.status == Status::Expired);
    CHECK(result.valid_to == k2025);
    CHECK(result.signing_time == kSigned);
    CHECK(result.detail.find("no longer valid") != std::string::npos);
  }
  SUBCASE("signed before the certificate's start") {
    const SignatureCheck result = check(kOrder, sign(kOrder, make_signer(Kind::Rsa), {.signing_time = kJune2024}));
    CHECK(result.status == Status::Expired);
    CHECK(result.detail.find("not yet valid") != std::string::npos);
  }
  SUBCASE("expired since, but valid when signed: still valid") {
    const Made head = make_signer(Kind::Rsa, k2025, kSigned + 86400);
    CHECK(check(kOrder, sign(kOrder, head)).status == Status::Valid);
  }
  SUBCASE("a changed file is a mismatch before it is an expired certificate") {
    const std::string signature = sign(kOrder, make_signer(Kind::Rsa, k2024, k2025));
    CHECK(check(kOtherOrder, signature).status == Status::Mismatch);
  }
}

TEST_CASE("signature: without a signing time, the certificate must be valid at the time of the check") {
  const SignOptions no_attributes{.signing_time = std::nullopt};
  const SignatureCheck valid = check(kOrder, sign(kOrder, make_signer(Kind::Rsa), no_attributes));
  CHECK_MESSAGE(valid.status == Status::Valid, valid.detail);
  CHECK_FALSE(valid.signing_time.has_value());
  const std::string old = sign(kOrder, make_signer(Kind::Rsa, k2024, k2025), no_attributes);
  CHECK(check_detached_signature(kOrder, old, kNow).status == Status::Expired);
  CHECK(check_detached_signature(kOrder, old, kJune2024).status == Status::Valid);
  CHECK(check(kOtherOrder, old).status == Status::Mismatch);
}

TEST_CASE("signature: what is no signature is unreadable") {
  const Made head = make_signer(Kind::Rsa);
  for (const std::string& file : {std::string(), std::string("подпись\n"), kOrder, std::string("MIIB"),
                                  std::string("-----BEGIN CMS-----\nnot base64!\n-----END CMS-----\n"),
                                  std::string("\x30\x03\x02\x01\x05", 5)}) {
    CAPTURE(file);
    const SignatureCheck result = check(kOrder, file);
    CHECK(result.status == Status::Unreadable);
    CHECK_FALSE(result.detail.empty());
    CHECK(result.owner.empty());
  }
  SUBCASE("a certificate given as the signature") {
    unsigned char* der = nullptr;
    const int length = i2d_X509(head.certificate.get(), &der);
    const std::string certificate(reinterpret_cast<char*>(der), static_cast<size_t>(length));
    OPENSSL_free(der);
    CHECK(check(kOrder, certificate).status == Status::Unreadable);
  }
}

TEST_CASE("signature: a signature with the content inside must carry this file") {
  const Made head = make_signer(Kind::Rsa);
  const std::string attached = sign(kOrder, head, {.detached = false});
  const SignatureCheck same = check(kOrder, attached);
  CHECK_MESSAGE(same.status == Status::Valid, same.detail);
  CHECK(same.owner == "Иванова Мария Петровна");
  const SignatureCheck other = check(kOtherOrder, attached);
  CHECK(other.status == Status::Mismatch);
  CHECK(other.owner == "Иванова Мария Петровна");
}

TEST_CASE("signature: every signer is checked, the first one is reported") {
  REQUIRE_MESSAGE(gost_support().available, "GOST is not loaded: " << gost_support().error);
  const Made head = make_signer(Kind::Gost256);
  Subject deputy;
  deputy.surname = "Смирнов";
  deputy.given_name = "Олег Юрьевич";
  deputy.title = "Заместитель директора";
  const Made valid_deputy = make_signer(Kind::Rsa, k2025, k2027, deputy, 0x7F);
  const SignatureCheck both = check(kOrder, sign(kOrder, {head, valid_deputy}));
  CHECK_MESSAGE(both.status == Status::Valid, both.detail);
  CHECK(both.owner == "Иванова Мария Петровна");
  CHECK(both.algorithm == "ГОСТ Р 34.10-2012 (256 бит)");
  CHECK(check(kOtherOrder, sign(kOrder, {head, valid_deputy})).status == Status::Mismatch);

  const Made expired_deputy = make_signer(Kind::Rsa, k2024, k2025, deputy, 0x7F);
  const SignatureCheck second_expired = check(kOrder, sign(kOrder, {head, expired_deputy}));
  CHECK(second_expired.status == Status::Expired);
  CHECK(second_expired.owner == "Иванова Мария Петровна");
  CHECK(second_expired.detail.find("Смирнов") != std::string::npos);
}

TEST_CASE("signature: a key algorithm OpenSSL does not know is unsupported, not a mismatch") {
  // rsaEncryption (1.2.840.113549.1.1.1) made 1.2.840.113549.1.1.99 in the certificate and
  // in the signer's signature algorithm: a key no provider reads.
  std::string signature = sign(kOrder, make_signer(Kind::Rsa));
  const std::string rsa("\x06\x09\x2A\x86\x48\x86\xF7\x0D\x01\x01\x01", 11);
  size_t replaced = 0;
  for (size_t at = signature.find(rsa); at != std::string::npos; at = signature.find(rsa, at + 1), ++replaced)
    signature[at + rsa.size() - 1] = 99;
  REQUIRE(replaced >= 1);
  const SignatureCheck result = check(kOrder, signature);
  CHECK(result.status == Status::UnsupportedAlgorithm);
  CHECK(result.detail.find("unknown public key algorithm") != std::string::npos);
  CHECK(result.owner == "Иванова Мария Петровна");
}

TEST_CASE("signature: checks in parallel threads agree, and SHA-256 still works beside GOST") {
  const Made rsa = make_signer(Kind::Rsa);
  const Made gost = make_signer(Kind::Gost256);
  const std::string by_rsa = sign(kOrder, rsa), by_gost = sign(kOrder, gost);
  std::vector<std::thread> threads;
  std::atomic<int> right{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const bool mine = (i + t) % 2 == 0;
        const std::string& content = i % 3 == 0 ? kOtherOrder : kOrder;
        const Status expected = i % 3 == 0 ? Status::Mismatch : Status::Valid;
        if (check(content, mine ? by_rsa : by_gost).status == expected) ++right;
      }
    });
  for (auto& thread : threads) thread.join();
  CHECK(right == 40);
  // image/store.cpp names photos by SHA-256 of the default provider.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  REQUIRE(EVP_Digest("abc", 3, digest, &length, EVP_sha256(), nullptr));
  CHECK(length == 32);
  CHECK(digest[0] == 0xBA);
  CHECK(digest[31] == 0xAD);
}

// Run only by the next test, in a process of its own where OpenSSL looks for the gost
// engine and provider in a folder that does not exist.
TEST_CASE("signature child: GOST without the gost engine" * doctest::skip()) {
  const char* path = std::getenv("NASTAVNIK_GOST_SIGNATURE");
  REQUIRE(path);
  std::ifstream in(path, std::ios::binary);
  const std::string signature((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE_FALSE(signature.empty());
  CHECK_FALSE(gost_support().available);
  const SignatureCheck result = check(kOrder, signature);
  CHECK(result.status == Status::UnsupportedAlgorithm);
  CHECK(result.detail.find("GOST algorithms are not available") != std::string::npos);
  CHECK(result.detail.find("libengine-gost-openssl") != std::string::npos);
  CHECK(result.algorithm == "ГОСТ Р 34.10-2012 (256 бит)");
  CHECK(result.owner == "Иванова Мария Петровна");  // names are read without GOST
  // RSA is untouched by the missing engine.
  const SignatureCheck rsa = check(kOrder, sign(kOrder, make_signer(Kind::Rsa)));
  CHECK_MESSAGE(rsa.status == Status::Valid, rsa.detail);
}

TEST_CASE("signature: where the gost engine is missing, a GOST signature is unsupported, and says so") {
  namespace fs = std::filesystem;
  const fs::path folder = fs::temp_directory_path() / ("nastavnik-signature-" + std::to_string(getpid()));
  fs::create_directories(folder);
  {
    std::ofstream out(folder / "prikaz.pdf.sig", std::ios::binary);
    out << sign(kOrder, make_signer(Kind::Gost256));
  }
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const std::string command = "OPENSSL_ENGINES=/nonexistent OPENSSL_MODULES=/nonexistent NASTAVNIK_GOST_SIGNATURE='" +
                              (folder / "prikaz.pdf.sig").string() + "' '" + self +
                              "' --no-skip -tc='signature child: GOST without the gost engine' > '" +
                              (folder / "out.txt").string() + "' 2>&1";
  const int rc = std::system(command.c_str());
  std::ifstream in(folder / "out.txt");
  const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove_all(folder);
  CHECK_MESSAGE(rc == 0, output);
  CHECK_MESSAGE(output.find("1 passed") != std::string::npos, output);
}
