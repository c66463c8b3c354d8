#pragma once
// The only place a Site is made.
#include <vector>

#include "contract/records.h"
#include "model/site.h"

namespace nastavnik {

/// Assembles the site model from validated parts: drops drafts and items dated after
/// `today`, sorts organisations and collections, builds the portal's aggregates.
/// The order of an entry in its collection, newest first (pages: by weight), then by the
/// Russian collation of the title, then by path; made once, when the entry is read.
std::string entry_sort_key(const Entry& e);

/// Entries that are not published (drafts, future dates) are moved to `unpublished`.
Site assemble_site(const SiteFile& config, std::vector<Organisation> orgs, std::vector<Entry> entries, const Date& today,
                   std::vector<Entry>* unpublished = nullptr);

}  // namespace nastavnik
