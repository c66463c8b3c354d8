#pragma once
// The reading half of the pipeline: the content folder → a validated, const Site.
//
//   scan → data files and the people of stories (parallel) → checks over people and
//   folders → every Markdown file: front matter, attachments, body, names (parallel) →
//   checks over addresses → the site model.
#include <cstdint>
#include <optional>
#include <string>

#include "build/build.h"
#include "core/diagnostics.h"
#include "model/site.h"
#include "read/content_source.h"

namespace nastavnik {

struct LoadOptions {
  unsigned workers = 1;
  BuildProgress* progress = nullptr;
};

/// The site model, or nothing when the content has errors (all of them reported).
std::optional<Site> load_site(const ContentSource& source, int64_t epoch, const LoadOptions& options, Diagnostics& diagnostics,
                              BuildReport& report);

}  // namespace nastavnik
