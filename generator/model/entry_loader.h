#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "model/site.h"

namespace nastavnik {

/// Loads one Markdown file of a collection: front matter checked against its schema,
/// attachments resolved, body rendered. Returns nothing after reporting errors.
/// Safe to call from several threads at once.
std::optional<Entry> load_entry(const std::filesystem::path& root, const std::string& org_id, Section section,
                                const std::string& relative, Diagnostics& diagnostics);

/// The slug a file name gives: the date prefix dropped, Cyrillic transliterated.
std::string slug_from_file_name(const std::string& file_name);

}  // namespace nastavnik
