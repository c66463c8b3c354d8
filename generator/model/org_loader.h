#pragma once
#include <filesystem>
#include <optional>

#include "core/diagnostics.h"
#include "load/content_tree.h"
#include "model/site.h"

namespace nastavnik {

struct SiteConfig {
  std::string title;
  std::string base_url;
  std::string description;
  std::string timezone = "Europe/Moscow";
  std::string department;
  Position department_pos;
};

/// site.yaml. Returns nothing after reporting errors.
std::optional<SiteConfig> load_site_config(const std::filesystem::path& root, Diagnostics& diagnostics);

/// org.yaml, _index.md and mentors.yaml of one organisation; collections are loaded
/// separately. Returns nothing after reporting errors.
std::optional<Organisation> load_organisation(const std::filesystem::path& root, const OrgFolder& folder,
                                              Diagnostics& diagnostics);

}  // namespace nastavnik
