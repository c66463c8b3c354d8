#pragma once
// GOST R 34.10-2012 signatures and GOST R 34.11-2012 digests, which Russian qualified
// certificates use, are not in OpenSSL itself: they come from the gost-engine project
// (Debian: libengine-gost-openssl), as a provider (gostprov) or as a legacy engine (gost).
#include <string>

namespace nastavnik {

struct GostSupport {
  bool available = false;
  std::string source;  ///< "gostprov provider" or "gost engine", when available
  std::string error;   ///< why not, when not: what OpenSSL said
};

/// Loads the GOST algorithms into OpenSSL's default library context on the first call (once,
/// whatever the number of threads), and tells what came of it every call.
const GostSupport& gost_support();

}  // namespace nastavnik
