#pragma once
#include <vector>

#include "core/diagnostics.h"
#include "model/org_loader.h"
#include "model/site.h"

namespace nastavnik {

/// Assembles the site model from what the loaders produced: drops drafts and items dated
/// after `today`, gives every entry its URL (reporting two files with the same URL), sorts
/// collections and builds the portal's aggregates. The only place that creates a Site.
Site assemble_site(const SiteConfig& config, std::vector<Organisation> orgs, std::vector<Entry> entries, const Date& today,
                   Diagnostics& diagnostics);

/// Slugs a free page may not take: they are the folders of the organisation's collections.
bool is_reserved_page_slug(const std::string& slug);

}  // namespace nastavnik
