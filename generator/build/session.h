#pragma once
// A series of builds of one content folder into one output folder, for `serve`: each
// build after the first re-reads only the files that changed and rewrites only the
// outputs that changed, in place (build/cache.h). The output is the same bytes as a full
// build's.
#include <memory>
#include <optional>

#include "build/build.h"
#include "build/cache.h"
#include "image/store.h"
#include "read/content_source.h"
#include "read/memo_source.h"
#include "render/theme.h"
#include "write/output_sink.h"

namespace nastavnik {

class BuildSession {
 public:
  /// `options.content` is read from disk; `options.out` is the folder updated in place,
  /// its contents replaced by the first build.
  explicit BuildSession(BuildOptions options);
  /// Any source and sink (tests build in memory: a MemorySource and a MemorySink that
  /// takes updates). The theme is options.theme's, or the built-in one.
  BuildSession(BuildOptions options, const ContentSource& source, OutputSink& sink);
  /// Builds what changed since the last build. `theme_changed`: load the theme again.
  /// `changed`: the content paths (relative to the content folder, "" for the folder
  /// itself) that changed since the last build, when the caller watches the folder; only
  /// those are asked of the disk again. Without it every file is looked at.
  BuildReport build(Diagnostics& diagnostics, bool theme_changed = false, const std::vector<std::string>* changed = nullptr);

 private:
  BuildOptions options_;
  const ContentSource* source_ = nullptr;  ///< given, or none: the content folder on disk
  OutputSink* sink_ = nullptr;             ///< given, or folder_ once made
  std::unique_ptr<FolderSink> folder_;
  std::unique_ptr<DiskSource> disk_;     ///< the content folder, when no source is given
  std::unique_ptr<MemoSource> memo_;     ///< over disk_: what was listed and stamped
  std::optional<Theme> theme_;
  ContentCache cache_;
  std::unique_ptr<ImageStore> images_;  ///< the photos, kept between builds (and in the cache folder)
};

}  // namespace nastavnik
