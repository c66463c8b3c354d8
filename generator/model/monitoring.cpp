#include "model/monitoring.h"

#include <algorithm>

#include "core/source_file.h"
#include "load/yaml_reader.h"
#include "model/forms.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

const std::vector<FieldSpec>& checklist_fields() {
  static const std::vector<FieldSpec> fields = {
      {"id", FieldType::Slug, true, "Код пункта.", {}, {}},
      {"title", FieldType::Text, true, "Название пункта.", {}, {}},
      {"check", FieldType::Choice, true, "Как проверять.", {"document", "order", "roadmap", "curator", "indicators", "news"}, {}},
      {"type", FieldType::Choice, false, "Вид документа.", ids_of(document_types()), {}},
      {"topic", FieldType::Choice, false, "Тема приказа.", ids_of(order_topics()), {}},
      {"max_age_days", FieldType::Integer, false, "Давность новости в днях.", {}, {}},
  };
  return fields;
}

bool expired(const Entry& e, const Date& today) {
  const auto& d = e.as<DocumentInfo>();
  return d.valid_until && *d.valid_until < today;
}

CheckResult found(const Entry& e, CheckStatus status, std::string detail) { return {status, e.url, std::move(detail)}; }

std::string dated(const Entry& e) { return e.date ? "от " + format_date_ru(*e.date) : ""; }

CheckResult check_document(const Site& site, const Organisation& org, const std::string& type) {
  const Entry* outdated = nullptr;
  for (size_t i : org.sections[static_cast<size_t>(Section::Documents)]) {
    const Entry& e = site.entries[i];
    if (e.as<DocumentInfo>().type != type) continue;
    if (!expired(e, site.today)) return found(e, CheckStatus::Present, dated(e));
    if (!outdated) outdated = &e;
  }
  if (outdated) {
    return found(*outdated, CheckStatus::Outdated,
                 "утратил силу " + format_date_ru(*outdated->as<DocumentInfo>().valid_until));
  }
  return {};
}

CheckResult check_order(const Site& site, const Organisation& org, const std::string& topic) {
  for (size_t i : org.sections[static_cast<size_t>(Section::Orders)]) {
    const Entry& e = site.entries[i];
    if (e.as<OrderInfo>().topic == topic) return found(e, CheckStatus::Present, "№ " + e.as<OrderInfo>().number + " " + dated(e));
  }
  return {};
}

CheckResult check_roadmap(const Site& site, const Organisation& org) {
  if (org.roadmap) {
    bool current = false;
    for (const auto& section : org.roadmap->sections) {
      for (const auto& item : section.items) {
        // Current means work still ahead: an open item without dates or ending today or later.
        bool open = item.status == "planned" || item.status == "in-progress";
        std::optional<Date> last = item.end ? item.end : item.start;
        current = current || (open && (!last || *last >= site.today));
      }
    }
    if (current) return {CheckStatus::Present, org.id + "/roadmap/", org.roadmap->title};
    return {CheckStatus::Outdated, org.id + "/roadmap/", "все мероприятия в прошлом"};
  }
  return check_document(site, org, "roadmap");
}

CheckResult check_curator(const Organisation& org) {
  if (!org.curator.present || (org.curator.email.empty() && org.curator.phone.empty())) return {};
  return {CheckStatus::Present, org.id + "/", org.curator.email.empty() ? org.curator.phone : org.curator.email};
}

CheckResult check_indicators(const Site& site, const Organisation& org) {
  if (!org.indicators || org.indicators->indicators.empty()) return {};
  const int year = site.today.year;
  for (const auto& ind : org.indicators->indicators) {
    if (ind.values.count(year)) return {CheckStatus::Present, org.id + "/indicators/", "за " + std::to_string(year) + " год"};
  }
  int last = 0;
  for (const auto& ind : org.indicators->indicators) {
    if (!ind.values.empty()) last = std::max(last, ind.values.rbegin()->first);
  }
  return {CheckStatus::Outdated, org.id + "/indicators/",
          last ? "последние данные за " + std::to_string(last) + " год" : std::string("нет значений")};
}

CheckResult check_news(const Site& site, const Organisation& org, int max_age_days) {
  const auto& news = org.sections[static_cast<size_t>(Section::News)];
  if (news.empty()) return {};
  const Entry& latest = site.entries[news.front()];
  long age = site.today.days_since_epoch() - latest.date->days_since_epoch();
  return found(latest, age <= max_age_days ? CheckStatus::Present : CheckStatus::Outdated, dated(latest));
}

}  // namespace

size_t MonitoringRow::present() const {
  return static_cast<size_t>(std::count_if(results.begin(), results.end(), [](const CheckResult& r) { return r.status == CheckStatus::Present; }));
}

const char* check_status_title(CheckStatus s) {
  switch (s) {
    case CheckStatus::Present: return "есть";
    case CheckStatus::Outdated: return "устарело";
    case CheckStatus::Missing: return "нет";
  }
  return "";
}

const char* check_status_id(CheckStatus s) {
  switch (s) {
    case CheckStatus::Present: return "present";
    case CheckStatus::Outdated: return "outdated";
    case CheckStatus::Missing: return "missing";
  }
  return "";
}

std::optional<std::vector<ChecklistItem>> parse_checklist(std::string_view yaml, const std::string& label, Diagnostics& diagnostics) {
  SourceFile source(label, std::string(yaml));
  YamlContext ctx(source, 0, diagnostics);
  auto doc = parse_yaml(source.text(), ctx);
  if (!doc) return std::nullopt;
  std::vector<FieldSpec> top = {{"items", FieldType::MapList, true, "Пункты мониторинга.", {}, checklist_fields()}};
  if (!check_fields(*doc, top, ctx)) return std::nullopt;
  std::vector<ChecklistItem> items;
  for (const auto& node : field(*doc, "items")) {
    ChecklistItem item;
    item.id = get_text(node, "id");
    item.title = get_text(node, "title");
    item.check = get_text(node, "check");
    item.type = get_text(node, "type");
    item.topic = get_text(node, "topic");
    item.max_age_days = static_cast<int>(get_int(node, "max_age_days", 90));
    if ((item.check == "document" && item.type.empty()) || (item.check == "order" && item.topic.empty())) {
      ctx.error(node, "у пункта «" + item.id + "» не указан " + (item.check == "document" ? "вид документа type" : "тема приказа topic"));
      return std::nullopt;
    }
    items.push_back(std::move(item));
  }
  return items;
}

MonitoringReport monitor(const Site& site, const std::vector<ChecklistItem>& items) {
  MonitoringReport report;
  report.date = site.today;
  report.items = items;
  for (const auto& org : site.orgs) {
    if (org.id == site.department) continue;
    MonitoringRow row;
    row.org = &org;
    for (const auto& item : items) {
      if (item.check == "document") row.results.push_back(check_document(site, org, item.type));
      else if (item.check == "order") row.results.push_back(check_order(site, org, item.topic));
      else if (item.check == "roadmap") row.results.push_back(check_roadmap(site, org));
      else if (item.check == "curator") row.results.push_back(check_curator(org));
      else if (item.check == "indicators") row.results.push_back(check_indicators(site, org));
      else row.results.push_back(check_news(site, org, item.max_age_days));
    }
    report.rows.push_back(std::move(row));
  }
  return report;
}

}  // namespace nastavnik
