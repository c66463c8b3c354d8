#pragma once
#include <string>

namespace nastavnik {

/// docs/reference.md: every field of every kind of file, from the contract's declarations.
std::string reference_markdown();

}  // namespace nastavnik
