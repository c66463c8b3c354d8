#pragma once
// Decap CMS's own files, which the build publishes once for every editor page
// (assets/decap-cms/). They come from its npm package (the root package.json pins it), never
// from a CDN: the build copies them when it finds them and writes the editor pages without
// the script otherwise.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "read/content_source.h"

namespace nastavnik {

struct EditorFiles {
  std::shared_ptr<const ContentSource> source;  ///< where to read them
  std::vector<std::string> files;               ///< decap-cms.js and the chunks and WebAssembly it loads from beside it
};

/// Decap CMS's files in `folder` (its package's dist/): decap-cms.js, its chunks
/// (N.decap-cms.js) and WebAssembly; not the source maps, nor cms.js (the same bundle
/// under its old name). Nothing when `folder` holds no decap-cms.js.
std::optional<EditorFiles> find_editor_files(const std::filesystem::path& folder);

/// Where a build looks when not told (`--editor-assets`): node_modules/decap-cms/dist one
/// folder above the binary's, which is the repository's for build/nastavnik and the CI
/// bundle's for its bin/nastavnik (scripts/ci/nastavnik-bundle.sh copies the files there).
std::filesystem::path default_editor_folder();

}  // namespace nastavnik
