#pragma once
// The browser editor's own files, which the build publishes once for every editor page
// (assets/decap-cms/). They come from the npm packages the root package.json pins, never
// from a CDN: the build copies them from the node_modules folder it is given
// (`--editor-assets`, $NASTAVNIK_EDITOR_ASSETS) and writes the editor pages without the
// script otherwise.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "read/content_source.h"

namespace nastavnik {

struct EditorFiles {
  std::shared_ptr<const ContentSource> source;  ///< where to read them
  /// Paths in `source`: Decap CMS's decap-cms.js with the chunks and WebAssembly it loads
  /// from beside it, and js-yaml's browser build (mentors.yaml is a list at its root, which
  /// only a format of ours reads and writes). Each is published under its file name.
  std::vector<std::string> files;
};

/// The editor's files in `folder`, npm's node_modules: decap-cms/dist/ (decap-cms.js, its
/// chunks N.decap-cms.js and WebAssembly; not the source maps, nor cms.js, the same bundle
/// under its old name) and js-yaml/dist/browser/js-yaml.umd.min.js. Nothing when either is
/// missing.
std::optional<EditorFiles> find_editor_files(const std::filesystem::path& folder);

/// The name a file of EditorFiles::files is published under ("decap-cms.js").
std::string editor_file_name(const std::string& path);

}  // namespace nastavnik
