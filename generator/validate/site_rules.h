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

/// Addresses of the entries: a free page may not take the name of an organisation's
/// section, and two files may not share an address (drafts aside; future items count,
/// or the clash would appear only on the day the later one is published). Reports each
/// clash at the later file. Returns the entries that keep their address.
void check_addresses(const std::vector<Entry>& entries, Diagnostics& diagnostics);

/// Indicators summed over organisations must be measured alike: an id used with another
/// unit than where it first appears is an error there.
void check_indicator_units(const std::vector<Organisation>& orgs, Diagnostics& diagnostics);

}  // namespace nastavnik
