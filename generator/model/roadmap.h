#pragma once
// A roadmap (дорожная карта) as data: sections of dated items with a status.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/source_file.h"

namespace nastavnik {

struct RoadmapItem {
  std::string id;  ///< «1.1», may be empty
  std::string title;
  std::string when;  ///< free text, as in the document
  std::optional<Date> start;
  std::optional<Date> end;
  std::vector<std::string> responsible;
  std::string result;
  std::string status = "planned";  ///< planned | in-progress | done | cancelled
};

struct RoadmapSection {
  std::string title;
  std::vector<RoadmapItem> items;
};

struct Roadmap {
  std::string title;
  std::string approved_by;
  std::vector<RoadmapSection> sections;
};

/// Reads `<org>/roadmap.yaml` (checked against roadmap_schema()). Returns nothing after
/// reporting errors (an end before its start, …).
std::optional<Roadmap> load_roadmap(const std::filesystem::path& root, const std::string& org_id, Diagnostics& diagnostics);
/// The same from a text already read (tests and fuzzing).
std::optional<Roadmap> parse_roadmap(const SourceFile& source, Diagnostics& diagnostics);

/// «выполнено», «выполняется», «запланировано», «отменено».
std::string roadmap_status_title(const std::string& status);

}  // namespace nastavnik
