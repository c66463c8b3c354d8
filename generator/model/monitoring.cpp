#include "model/monitoring.h"

#include <algorithm>

#include "contract/contract.h"
#include "contract/vocabulary.h"
#include "core/source_file.h"
#include "text/russian.h"
#include "validate/files.h"

namespace nastavnik {
namespace {

struct ChecklistRecord {
  Text id;
  Text title;
  Text check;
  Text type;
  Text topic;
  Field<int64_t> max_age_days;
};

struct ChecklistFile {
  std::vector<Field<ChecklistRecord>> items;
};

const Vocabulary& check_kinds() {
  static const Vocabulary v{"проверка", {{"document", "документ"}, {"order", "приказ"}, {"roadmap", "дорожная карта"},
                                         {"curator", "куратор"}, {"indicators", "показатели"}, {"news", "новости"},
                                         {"signed", "электронная подпись"}}};
  return v;
}

const Contract<ChecklistFile>& checklist_contract() {
  static const Contract<ChecklistFile> c = [] {
    static const Contract<ChecklistRecord> item = [] {
      Contract<ChecklistRecord> c("checklist-item", "Пункт мониторинга", "items");
      c.slug("id", &ChecklistRecord::id).required().doc("Код пункта.");
      c.text("title", &ChecklistRecord::title).required().doc("Название пункта.");
      c.choice("check", &ChecklistRecord::check, check_kinds()).required().doc("Как проверять.");
      c.choice("type", &ChecklistRecord::type, document_types()).doc("Вид документа.");
      c.choice("topic", &ChecklistRecord::topic, order_topics()).doc("Тема приказа.");
      c.integer("max_age_days", &ChecklistRecord::max_age_days).doc("Давность новости в днях.");
      return c;
    }();
    Contract<ChecklistFile> c("checklist", "Пункты мониторинга", "monitoring.yaml");
    c.maps("items", &ChecklistFile::items, item).required().doc("Пункты мониторинга.");
    return c;
  }();
  return c;
}

bool expired(const Entry& e, const Date& today) {
  const auto& d = e.as<DocumentFront>();
  return d.valid_until.present && d.valid_until.value < today;
}

CheckResult found(const Entry& e, CheckStatus status, std::string detail) {
  return {status, CheckTarget::Entry, &e, std::move(detail)};
}

std::string dated(const Entry& e) { return e.date() ? "от " + format_date_ru(*e.date()) : ""; }

CheckResult check_document(const Site& site, const Organisation& org, const std::string& type) {
  const Entry* outdated = nullptr;
  for (size_t i : org.in(Section::Documents)) {
    const Entry& e = site.entries[i];
    if (e.as<DocumentFront>().type.value != type) continue;
    if (!expired(e, site.today)) return found(e, CheckStatus::Present, dated(e));
    if (!outdated) outdated = &e;
  }
  if (outdated) {
    return found(*outdated, CheckStatus::Outdated,
                 "утратил силу " + format_date_ru(outdated->as<DocumentFront>().valid_until.value));
  }
  return {};
}

CheckResult check_order(const Site& site, const Organisation& org, const std::string& topic) {
  for (size_t i : org.in(Section::Orders)) {
    const Entry& e = site.entries[i];
    const auto& o = e.as<OrderFront>();
    if (o.topic.value == topic) return found(e, CheckStatus::Present, "№ " + o.number.value + " " + dated(e));
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
    if (current) return {CheckStatus::Present, CheckTarget::Roadmap, nullptr, org.roadmap->title};
    return {CheckStatus::Outdated, CheckTarget::Roadmap, nullptr, "все мероприятия в прошлом"};
  }
  return check_document(site, org, "roadmap");
}

CheckResult check_curator(const Organisation& org) {
  const auto& curator = org.card.curator;
  if (!curator.present || (!curator.value.email.present && !curator.value.phone.present)) return {};
  return {CheckStatus::Present, CheckTarget::Tab, nullptr, curator.value.email.present ? curator.value.email.value : curator.value.phone.value};
}

CheckResult check_indicators(const Site& site, const Organisation& org) {
  if (!org.indicators || org.indicators->indicators.empty()) return {};
  const int year = site.today.year;
  for (const auto& ind : org.indicators->indicators) {
    if (ind.values.count(year)) return {CheckStatus::Present, CheckTarget::Indicators, nullptr, "за " + std::to_string(year) + " год"};
  }
  int last = 0;
  for (const auto& ind : org.indicators->indicators) {
    if (!ind.values.empty()) last = std::max(last, ind.values.rbegin()->first);
  }
  return {CheckStatus::Outdated, CheckTarget::Indicators, nullptr,
          last ? "последние данные за " + std::to_string(last) + " год" : std::string("нет значений")};
}

// Documents and orders whose file carries the head's electronic signature (Рособрнадзор's
// order № 1493): met when every one is, with how many are signed.
CheckResult check_signed(const Site& site, const Organisation& org) {
  size_t files = 0, signed_files = 0;
  for (Section s : {Section::Documents, Section::Orders}) {
    for (size_t i : org.in(s)) {
      const Entry& e = site.entries[i];
      if (e.file < 0) continue;
      ++files;
      if (e.attachments[static_cast<size_t>(e.file)].signature) ++signed_files;
    }
  }
  if (files == 0) return {};
  const std::string detail = "подписано " + std::to_string(signed_files) + " из " + std::to_string(files);
  if (signed_files == files) return {CheckStatus::Present, CheckTarget::None, nullptr, detail};
  // Not every one: the item is not met, however many are.
  return {CheckStatus::Missing, CheckTarget::None, nullptr, detail};
}

CheckResult check_news(const Site& site, const Organisation& org, int max_age_days) {
  const auto& news = org.in(Section::News);
  if (news.empty()) return {};
  const Entry& latest = site.entries[news.front()];
  long age = site.today.days_since_epoch() - latest.date()->days_since_epoch();
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
  auto doc = parse_yaml_at(source, source.text(), 1, diagnostics);
  if (!doc) return std::nullopt;
  FileContext ctx(label, 1, diagnostics);
  ChecklistFile file;
  if (!read_record(*doc, checklist_contract(), ctx, file)) return std::nullopt;
  std::vector<ChecklistItem> items;
  for (const auto& f : file.items) {
    const ChecklistRecord& r = f.value;
    ChecklistItem item;
    item.id = r.id.value;
    item.title = r.title.value;
    item.check = r.check.value;
    item.type = r.type.value;
    item.topic = r.topic.value;
    item.max_age_days = r.max_age_days.present ? static_cast<int>(r.max_age_days.value) : 90;
    if ((item.check == "document" && item.type.empty()) || (item.check == "order" && item.topic.empty())) {
      ctx.error(f.pos, "у пункта «" + item.id + "» не указан " + (item.check == "document" ? "вид документа type" : "тема приказа topic"));
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
    if (site.is_department(org)) continue;
    MonitoringRow row;
    row.org = &org;
    for (const auto& item : items) {
      if (item.check == "document") row.results.push_back(check_document(site, org, item.type));
      else if (item.check == "order") row.results.push_back(check_order(site, org, item.topic));
      else if (item.check == "roadmap") row.results.push_back(check_roadmap(site, org));
      else if (item.check == "curator") row.results.push_back(check_curator(org));
      else if (item.check == "indicators") row.results.push_back(check_indicators(site, org));
      else if (item.check == "signed") row.results.push_back(check_signed(site, org));
      else row.results.push_back(check_news(site, org, item.max_age_days));
    }
    report.rows.push_back(std::move(row));
  }
  return report;
}

}  // namespace nastavnik
