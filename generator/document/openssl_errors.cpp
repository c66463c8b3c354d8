#include "document/openssl_errors.h"

#include <openssl/err.h>

namespace nastavnik {

std::string take_openssl_errors() {
  std::string out, last;
  while (unsigned long e = ERR_get_error()) {
    const char* reason = ERR_reason_error_string(e);
    // A failed load repeats its reason at each level; codes without a text add nothing.
    if (!reason || reason == last) continue;
    last = reason;
    if (!out.empty()) out += "; ";
    out += reason;
  }
  return out.empty() ? "no reason given" : out;
}

}  // namespace nastavnik
