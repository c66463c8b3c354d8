#pragma once
// The pipeline: read and validate the content (build/load.h) → the site model → the plan of
// outputs → render and write in parallel into a staging folder → swap it in. Nothing is
// written when the content has errors.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "image/store.h"
#include "model/monitoring.h"
#include "model/site.h"
#include "read/content_source.h"
#include "render/theme.h"
#include "write/output_sink.h"

namespace nastavnik {

/// How far a running build is, for a progress line on a terminal: the stage and how many of
/// its items are done. The build's workers write it; another thread may read it at any time.
struct BuildProgress {
  enum Stage : int { Idle = 0, Loading, Writing, Finished };
  std::atomic<int> stage{Idle};
  std::atomic<size_t> done{0};
  std::atomic<size_t> total{0};

  void start(Stage s, size_t items) {
    done.store(0, std::memory_order_relaxed);
    total.store(items, std::memory_order_relaxed);
    stage.store(s, std::memory_order_release);
  }
  void advance(size_t n = 1) { done.fetch_add(n, std::memory_order_relaxed); }
};

struct BuildOptions {
  std::filesystem::path content = "content";
  std::filesystem::path theme;  ///< empty: the theme compiled into the binary
  std::filesystem::path out = "public";
  unsigned jobs = 0;            ///< 0: every core
  bool write = true;            ///< false: validate only (`nastavnik check`)
  std::string report_format;    ///< "text" or "json": produce the monitoring report
  std::string org;              ///< `build --org`: only this organisation's section (Site::section_org)
  std::string base_url;         ///< where this build is published, instead of site.yaml's (with org: the section's); ends with '/'
  std::filesystem::path cache;  ///< the photos' cache folder (image/store.h); empty: default_cache_folder()
  std::filesystem::path editor_assets;  ///< Decap CMS's files (editor/editor_files.h); empty: none
  /// The node_modules holding the browser's stemmer, or its file (search/index.h); empty:
  /// no index, the search page says search is not set up. Not used by `build --org` (a
  /// section's pages search the portal) nor by `serve`.
  std::filesystem::path search_index;

  BuildProgress* progress = nullptr;  ///< optional: updated while the build runs
};

struct StageTime {
  std::string name;
  double seconds = 0;
};

struct BuildReport {
  bool ok = false;
  size_t organisations = 0;
  size_t sources = 0;     ///< Markdown files read
  std::vector<std::string> scheduled;  ///< "path (date)" of each item dated in the future, for --verbose
  size_t pages = 0;       ///< HTML pages written
  size_t feeds = 0;
  size_t files = 0;       ///< every file written
  std::uintmax_t bytes = 0;
  std::vector<StageTime> stages;
  PictureStats pictures;  ///< what the image store did: a warm build encodes nothing
  double seconds = 0;
  std::string failure;    ///< a write failure (disk full…), in Russian
  std::string monitoring; ///< the monitoring report, when asked for
};

/// "Now" for publication dates: SOURCE_DATE_EPOCH when set (reproducible builds), else the
/// clock. Reports a malformed SOURCE_DATE_EPOCH.
std::optional<int64_t> build_epoch(Diagnostics& diagnostics);

/// Why `url` cannot be the address a build is published at (absolute http or https, no
/// spaces, query or fragment), or nothing.
std::optional<std::string> base_url_problem(std::string_view url);

/// Gives `theme` Decap CMS's files from `folder` (empty: none; the editor pages then say the
/// editor is not installed). Reports a `folder` without them.
bool use_editor_files(Theme& theme, const std::filesystem::path& folder, Diagnostics& diagnostics);

/// A build from a content folder on disk into an output folder on disk (or only checked,
/// with options.write false).
BuildReport run_build(const BuildOptions& options, Diagnostics& diagnostics);

struct LoadedSite;
struct ContentCache;

/// The body stage and the writing, organisation by organisation: each organisation's
/// entries are read and rendered, then every output of that organisation is written, and
/// the bodies are released (but those the portal's feed shows). Then the portal's own
/// outputs, and the sink is committed — unless some content had errors, which are all
/// reported. With no sink, only the body stage runs (`nastavnik check`). With a cache
/// (`serve`), texts come from it when their files did not change, and only the outputs
/// whose signature changed are written; outputs that are no longer made are removed.
/// Throws std::runtime_error (Russian) when the sink refuses.
void write_site(const LoadedSite& loaded, const Theme& theme, const MonitoringReport* monitoring, const ContentSource& source,
                OutputSink* sink, unsigned workers, Diagnostics& diagnostics, BuildReport& report, BuildProgress* progress = nullptr,
                ContentCache* cache = nullptr);

/// The whole pipeline over interfaces: content from `source`, outputs into `sink` (only
/// when the content has no errors). For tests and fuzzing, with a MemorySource and a
/// MemorySink.
BuildReport build_site(const ContentSource& source, const Theme& theme, OutputSink& sink, int64_t epoch, unsigned workers,
                       Diagnostics& diagnostics);

}  // namespace nastavnik
