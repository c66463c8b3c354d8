#pragma once
// Decap CMS's own files, which the build publishes once for every editor page
// (assets/decap-cms/). They come from its npm package (the root package.json pins it), never
// from a CDN: the build copies them from the folder it is given (`--editor-assets`,
// $NASTAVNIK_EDITOR_ASSETS) and writes the editor pages without the script otherwise.
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

}  // namespace nastavnik
