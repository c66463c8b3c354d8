#pragma once
// The first stage: what the content folder holds. Unknown folders and files are reported
// with the nearest known name; links that leave the folder are refused.
#include <array>
#include <string>
#include <vector>

#include "contract/section.h"
#include "core/diagnostics.h"
#include "read/content_source.h"

namespace nastavnik {

struct OrgFolder {
  std::string id;  ///< the folder name, checked later (it becomes a URL)
  bool has_org_yaml = false;
  bool has_index = false;
  bool has_mentors = false;
  bool has_indicators = false;
  bool has_roadmap = false;
  /// Markdown files of each section, paths relative to the content folder, sorted.
  std::array<std::vector<std::string>, kSectionCount> markdown;
};

struct ContentTree {
  bool found = false;  ///< the content folder exists
  bool has_site_yaml = false;
  std::vector<OrgFolder> orgs;  ///< sorted by folder name
};

ContentTree scan_content(const ContentSource& source, Diagnostics& diagnostics);

}  // namespace nastavnik
