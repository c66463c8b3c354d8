#pragma once
// OpenSSL reports why a call failed in a queue of its own, per thread.
#include <string>

namespace nastavnik {

/// The reasons in this thread's OpenSSL error queue, oldest first, each once; empties it.
std::string take_openssl_errors();

}  // namespace nastavnik
