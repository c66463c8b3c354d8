#include "editor/editor_files.h"

#include <algorithm>

namespace nastavnik {
namespace {

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::optional<EditorFiles> find_editor_files(const std::filesystem::path& folder) {
  std::shared_ptr<const ContentSource> source = DiskSource::open(folder);
  if (!source) return std::nullopt;
  auto listing = source->list("");
  if (!listing) return std::nullopt;
  EditorFiles out;
  out.source = source;
  for (const auto& e : *listing) {
    if (e.type != DirEntry::Type::File || e.outside) continue;
    if (ends_with(e.name, "decap-cms.js") || ends_with(e.name, ".wasm")) out.files.push_back(e.name);
  }
  if (std::find(out.files.begin(), out.files.end(), "decap-cms.js") == out.files.end()) return std::nullopt;
  std::sort(out.files.begin(), out.files.end());
  return out;
}

}  // namespace nastavnik
