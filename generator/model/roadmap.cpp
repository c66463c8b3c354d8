#include "model/roadmap.h"

namespace nastavnik {

Roadmap roadmap_of(const RoadmapFile& file) {
  Roadmap roadmap;
  roadmap.title = file.title.value;
  roadmap.approved_by = file.approved_by.value;
  for (const auto& section_field : file.sections) {
    RoadmapSection section;
    section.title = section_field.value.title.value;
    for (const auto& item_field : section_field.value.items) {
      const RoadmapItemRecord& item = item_field.value;
      RoadmapItem r;
      r.id = item.id.value;
      r.title = item.title.value;
      r.when = item.when.value;
      if (item.start.present) r.start = item.start.value;
      if (item.end.present) r.end = item.end.value;
      // Only a deadline («до 30 сентября»): the item happens on that day.
      if (r.end && !r.start) r.start = r.end;
      r.responsible = values_of(item.responsible);
      r.result = item.result.value;
      if (item.status.present) r.status = item.status.value;
      section.items.push_back(std::move(r));
    }
    roadmap.sections.push_back(std::move(section));
  }
  return roadmap;
}

std::string roadmap_status_title(const std::string& status) {
  if (status == "done") return "выполнено";
  if (status == "in-progress") return "выполняется";
  if (status == "cancelled") return "отменено";
  return "запланировано";
}

}  // namespace nastavnik
