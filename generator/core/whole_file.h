#pragma once
// Files of the build's cache read and written whole. Written beside and renamed over: a
// build killed halfway, or another build (or thread) sharing the cache, never sees half a
// file.
#include <filesystem>
#include <string>
#include <string_view>

namespace nastavnik {

/// The regular file at `path`, whole; false when it is not there or cannot be read whole.
bool read_whole(const std::filesystem::path& path, std::string& out);

/// `bytes` as the file at `path`, written to a temporary name beside it and renamed over it;
/// false (and nothing left behind) when the disk refuses.
bool write_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace nastavnik
