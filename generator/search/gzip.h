#pragma once
// gzip, the same bytes for the same input (libdeflate writes no name and time 0 in the
// header): the search index's files are gzipped by the build, so a query downloads them
// compressed from any server, and the browser inflates them (DecompressionStream).
#include <string>
#include <string_view>

namespace nastavnik::search {

/// `level`: 1 (fastest) to 12 (smallest).
std::string gzip(std::string_view bytes, int level);

}  // namespace nastavnik::search
