#include "model/roadmap.h"

#include <map>

#include "core/strings.h"
#include "load/content_tree.h"
#include "load/yaml_reader.h"
#include "model/schema.h"
#include "text/typography.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

std::vector<std::string> typograph_all(std::vector<std::string> items) {
  for (auto& s : items) s = typograph(s);
  return items;
}

// Checks the dates of one item; the item passed check_fields, so both are valid dates or absent.
bool check_dates(const YAML::Node& item, const RoadmapItem& r, const YamlContext& ctx) {
  if (r.start && r.end && *r.end < *r.start) {
    ctx.error(field(item, "end"), "дата окончания end " + r.end->iso() + " раньше даты начала start " + r.start->iso() +
                                      ", исправьте одну из дат или поменяйте их местами");
    return false;
  }
  return true;
}

}  // namespace

std::optional<Roadmap> load_roadmap(const fs::path& root, const std::string& org_id, Diagnostics& diagnostics) {
  const std::string relative = org_id + "/roadmap.yaml";
  // The roadmap is optional: no file, no roadmap and nothing to report.
  std::error_code ec;
  if (!fs::exists(root / relative, ec)) return std::nullopt;
  auto source = read_source(root, relative, diagnostics);
  if (!source) return std::nullopt;
  return parse_roadmap(*source, diagnostics);
}

std::optional<Roadmap> parse_roadmap(const SourceFile& source, Diagnostics& diagnostics) {
  YamlContext ctx(source, 0, diagnostics);
  auto doc = parse_yaml(source.text(), ctx);
  if (!doc || !check_fields(*doc, roadmap_schema().fields, ctx)) return std::nullopt;

  Roadmap roadmap;
  roadmap.title = typograph(get_text(*doc, "title"));
  roadmap.approved_by = typograph(get_text(*doc, "approved_by"));
  bool ok = true;
  std::map<std::string, int> id_lines;  // item id → line of its first use
  for (const auto& section_node : field(*doc, "sections")) {
    RoadmapSection section;
    section.title = typograph(get_text(section_node, "title"));
    for (const auto& item : field(section_node, "items")) {
      RoadmapItem r;
      r.id = get_text(item, "id");
      r.title = typograph(get_text(item, "title"));
      r.when = typograph(get_text(item, "when"));
      r.start = get_date(item, "start");
      r.end = get_date(item, "end");
      // Only a deadline («до 30 сентября»): the item happens on that day.
      if (r.end && !r.start) r.start = r.end;
      r.responsible = typograph_all(get_list(item, "responsible"));
      r.result = typograph(get_text(item, "result"));
      if (std::string status = get_text(item, "status"); !status.empty()) r.status = status;
      ok = check_dates(item, r, ctx) && ok;
      if (!r.id.empty()) {
        YAML::Node id_node = field(item, "id");
        int line = ctx.position(id_node).line;
        auto [it, inserted] = id_lines.emplace(r.id, line);
        if (!inserted) {
          ctx.warning(id_node, "номер мероприятия " + guillemets(r.id) + " уже есть в строке " + std::to_string(it->second) +
                                   ", дайте мероприятиям разные номера: по номеру мероприятие узнаётся в календаре");
        }
      }
      section.items.push_back(std::move(r));
    }
    roadmap.sections.push_back(std::move(section));
  }
  if (!ok) return std::nullopt;
  return roadmap;
}

std::string roadmap_status_title(const std::string& status) {
  if (status == "done") return "выполнено";
  if (status == "in-progress") return "выполняется";
  if (status == "cancelled") return "отменено";
  return "запланировано";
}

}  // namespace nastavnik
