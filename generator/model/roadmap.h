#pragma once
// A roadmap (дорожная карта) as data: sections of dated items with a status.
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "contract/records.h"

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

/// The model of a validated roadmap.yaml (validate/files.h checks it). An item with an
/// end but no start is a deadline: it happens on its end date.
Roadmap roadmap_of(const RoadmapFile& file);

/// «выполнено», «выполняется», «запланировано», «отменено».
std::string roadmap_status_title(const std::string& status);

}  // namespace nastavnik
