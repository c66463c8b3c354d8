#pragma once
// Checks over the whole site, after every file has been read on its own.
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "model/site.h"

namespace nastavnik {

/// An organisation folder's name becomes its address: Latin letters, digits and '-', and
/// none of the portal's own sections. False after reporting what is wrong.
bool check_org_folder(const std::string& id, Diagnostics& diagnostics);

/// Recurring events: files of one section whose names give one address, as a yearly news
/// item named the way the guide advises does (2024-10-03-den-nastavnika.md, a year later
/// 2025-10-03-den-nastavnika.md). The earliest keeps the address its name gives; each
/// later one gets its year appended (den-nastavnika-2025), or its whole date when that is
/// taken too (den-nastavnika-2025-12-01). So a new year's item never moves the addresses
/// already published. Only clashes of dated entries whose slugs come from their file names
/// are settled so, and only between different dates: a `slug:` field that takes an
/// address, or the same item twice, stays an error (check_addresses). Drafts yield to
/// published entries. Entries keep what was appended (slug_suffix), so that a later call
/// (serve) starts over from the names.
void give_recurring_addresses(std::vector<Entry>& entries);

/// Addresses of the entries: a free page may not take the name of an organisation's
/// section, and two files may not share an address (drafts aside; future items count,
/// or the clash would appear only on the day the later one is published). Reports each
/// clash at the later file. Returns the entries that keep their address.
void check_addresses(const std::vector<Entry>& entries, Diagnostics& diagnostics);

/// Indicators summed over organisations must be measured alike: an id used with another
/// unit than where it first appears is an error there.
void check_indicator_units(const std::vector<Organisation>& orgs, Diagnostics& diagnostics);

}  // namespace nastavnik
