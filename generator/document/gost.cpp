// OpenSSL 3 deprecates engines, yet Debian 12's gostprov (gost-engine 3.0.1) has digests and
// ciphers only, no GOST keys or signatures: for those the engine is still the only way.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "document/gost.h"

#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>

#include <mutex>

#include "document/openssl_errors.h"

namespace nastavnik {

namespace {

/// A provider that can read a GOST key and check its signature: gostprov from a newer
/// gost-engine than Debian 12's.
bool provider_verifies_gost() {
  EVP_KEYMGMT* keys = EVP_KEYMGMT_fetch(nullptr, "gost2012_256", nullptr);
  EVP_SIGNATURE* signatures = EVP_SIGNATURE_fetch(nullptr, "gost2012_256", nullptr);
  const bool both = keys && signatures;
  EVP_KEYMGMT_free(keys);
  EVP_SIGNATURE_free(signatures);
  return both;
}

GostSupport load() {
  GostSupport support;
  ERR_clear_error();  // the reasons collected below are this function's only
  std::string provider_error;
  // retain_fallbacks: a provider loaded by hand would otherwise stop OpenSSL from loading
  // "default" by itself, and SHA-256 (image/store.cpp), RSA and ECDSA would be gone with it.
  if (OSSL_PROVIDER* provider = OSSL_PROVIDER_try_load(nullptr, "gostprov", 1)) {
    if (provider_verifies_gost()) {
      support.available = true;
      support.source = "gostprov provider";
      return support;
    }
    // Its digests beside the engine's keys would only make two implementations of one
    // algorithm; the engine has all of them.
    OSSL_PROVIDER_unload(provider);
    provider_error = "the gostprov provider has no GOST signatures";
  } else {
    provider_error = "the gostprov provider: " + take_openssl_errors();
  }
  ENGINE* engine = ENGINE_by_id("gost");
  if (engine && ENGINE_init(engine)) {
    // As `openssl -engine gost` does: its key formats, signatures and digests become
    // OpenSSL's for the GOST identifiers; nothing else is touched (it implements no others).
    if (ENGINE_set_default(engine, ENGINE_METHOD_ALL)) {
      support.available = true;
      support.source = "gost engine";
    } else {
      support.error = provider_error + "; the gost engine: " + take_openssl_errors();
      ENGINE_finish(engine);
    }
  } else {
    support.error = provider_error + "; the gost engine: " + take_openssl_errors();
  }
  // The functional reference that ENGINE_init took keeps it loaded for the whole run.
  if (engine) ENGINE_free(engine);
  ERR_clear_error();
  return support;
}

}  // namespace

const GostSupport& gost_support() {
  static std::once_flag once;
  static GostSupport support;
  std::call_once(once, [] { support = load(); });
  return support;
}

}  // namespace nastavnik
