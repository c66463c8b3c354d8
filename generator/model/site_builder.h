#pragma once
// The only place a Site is made.
#include <vector>

#include "contract/records.h"
#include "model/site.h"

namespace nastavnik {

/// Assembles the site model from validated parts: drops drafts and items dated after
/// `today`, sorts organisations and collections, builds the portal's aggregates.
Site assemble_site(const SiteFile& config, std::vector<Organisation> orgs, std::vector<Entry> entries, const Date& today);

}  // namespace nastavnik
