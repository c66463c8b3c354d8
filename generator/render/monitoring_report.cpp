#include "render/monitoring_report.h"

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "render/rss.h"
#include "text/russian.h"

namespace nastavnik {

std::optional<std::string> check_route(const Site& site, const OutputPlan& plan, const Organisation& org, const CheckResult& r) {
  switch (r.target) {
    case CheckTarget::None: return std::nullopt;
    case CheckTarget::Entry: return plan.entry(site, *r.entry);
    case CheckTarget::Tab: return plan.org_tab(org);
    case CheckTarget::Roadmap: return plan.roadmap(org);
    case CheckTarget::Indicators: return plan.indicators(org);
  }
  return std::nullopt;
}

std::string monitoring_text(const Site& site, const OutputPlan& plan, const MonitoringReport& report) {
  std::string out = "Мониторинг вкладок «Наставничество» на " + format_date_ru(report.date) + "\n";
  for (const auto& row : report.rows) {
    out += "\n" + row.org->short_name() + " (" + row.org->id + "): " + std::to_string(row.present()) + " из " +
           std::to_string(report.items.size()) + "\n";
    for (size_t i = 0; i < row.results.size(); ++i) {
      const CheckResult& r = row.results[i];
      std::string status = check_status_title(r.status);
      out += "  " + status + std::string(10 - utf8_length(status), ' ') + report.items[i].title;
      if (!r.detail.empty()) out += " — " + r.detail;
      if (auto route = check_route(site, plan, *row.org, r)) out += " — " + plan.absolute(*route);
      out += "\n";
    }
  }
  return out;
}

std::string monitoring_json(const Site& site, const OutputPlan& plan, const MonitoringReport& report) {
  using Json = nlohmann::ordered_json;
  Json items = Json::array();
  for (const auto& item : report.items) items.push_back(Json{{"id", item.id}, {"title", item.title}});
  Json orgs = Json::array();
  for (const auto& row : report.rows) {
    Json checks = Json::object();
    for (size_t i = 0; i < row.results.size(); ++i) {
      const CheckResult& r = row.results[i];
      Json c{{"status", check_status_id(r.status)}, {"title", check_status_title(r.status)}};
      auto route = check_route(site, plan, *row.org, r);
      c["url"] = route ? Json(plan.absolute(*route)) : Json(nullptr);
      c["detail"] = r.detail.empty() ? Json(nullptr) : Json(r.detail);
      checks[report.items[i].id] = c;
    }
    orgs.push_back(Json{{"id", row.org->id}, {"short_name", row.org->short_name()}, {"present", row.present()},
                        {"total", report.items.size()}, {"checks", checks}});
  }
  Json j{{"date", report.date.iso()}, {"items", items}, {"organisations", orgs}};
  return j.dump(2) + "\n";
}

}  // namespace nastavnik
