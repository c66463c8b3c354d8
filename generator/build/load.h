#pragma once
// The reading half of the pipeline: the content folder → a validated, const Site.
//
//   scan → data files and the people of stories (parallel) → checks over people and
//   folders → every Markdown file's front matter and the tabs' texts (parallel) → checks
//   over addresses → the site model.
//
// Entries' bodies are read later, by the body stage (load_text), organisation by
// organisation while the outputs are written: memory does not grow with the site.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "build/build.h"
#include "core/diagnostics.h"
#include "document/library.h"
#include "image/store.h"
#include "model/site.h"
#include "read/content_source.h"
#include "validate/privacy.h"

namespace nastavnik {

struct ContentCache;

struct LoadOptions {
  unsigned workers = 1;
  BuildProgress* progress = nullptr;
  ImageStore* images = nullptr;  ///< where photos are probed and kept; none: one for this build, in memory
};

struct LoadedSite {
  Site site;
  /// The names each organisation may not publish, for the body stage.
  PeopleRegistry people;
  /// Drafts and items dated in the future: not published, but their bodies are checked
  /// like the others', so that a broken link does not wait for the day of publication.
  std::vector<Entry> unpublished;
  /// The photos' store: the body stage probes the photos of bodies, the writing encodes.
  std::shared_ptr<ImageStore> images;
  /// How documents are read (site.yaml's `ocr`): the body stage reads the ones bodies link.
  DocumentOptions documents;
};

/// The site model, or nothing when there is no content folder. With errors in the content
/// (all reported) the model holds what could be read: enough for the body stage to report
/// the bodies' errors as well; it is never published.
/// With a cache (`serve`), files whose stamps did not change are taken from it.
std::optional<LoadedSite> load_site(const ContentSource& source, int64_t epoch, const LoadOptions& options, Diagnostics& diagnostics,
                                    BuildReport& report, ContentCache* cache = nullptr);

/// Hands the site's entries back to the cache they were taken from (after the build that
/// used them), so that the next build takes them again without copying.
void give_back_entries(LoadedSite&& loaded, ContentCache& cache);

/// The body stage of one entry: its Markdown rendered, its links resolved and checked, the
/// names in its texts checked, its summary. Safe to call from several threads.
/// With `images`, the body's images become photos of that store (validate/pictures.h).
EntryText load_text(const ContentSource& source, const Entry& entry, const PeopleRegistry& people, Diagnostics& diagnostics,
                    ImageStore* images = nullptr, const DocumentOptions& documents = {});


}  // namespace nastavnik
