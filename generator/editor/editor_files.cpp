#include "editor/editor_files.h"

#include <algorithm>

namespace nastavnik {
namespace {

constexpr const char* kCmsFolder = "decap-cms/dist";
constexpr const char* kYaml = "js-yaml/dist/browser/js-yaml.umd.min.js";

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::optional<EditorFiles> find_editor_files(const std::filesystem::path& folder) {
  std::shared_ptr<const ContentSource> source = DiskSource::open(folder);
  if (!source) return std::nullopt;
  auto listing = source->list(kCmsFolder);
  if (!listing || source->resolve(kYaml).status != Resolved::Status::File) return std::nullopt;
  EditorFiles out;
  out.source = source;
  bool script = false;
  for (const auto& e : *listing) {
    if (e.type != DirEntry::Type::File || e.outside) continue;
    if (ends_with(e.name, "decap-cms.js") || ends_with(e.name, ".wasm")) {
      out.files.push_back(std::string(kCmsFolder) + "/" + e.name);
      script = script || e.name == "decap-cms.js";
    }
  }
  if (!script) return std::nullopt;
  out.files.push_back(kYaml);
  std::sort(out.files.begin(), out.files.end());
  return out;
}

std::string editor_file_name(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace nastavnik
