#include "render/monitoring_page.h"

#include "render/monitoring_report.h"
#include "text/russian.h"
#include "text/typography.h"

namespace nastavnik {

Data monitoring_view(const RenderContext& ctx, const OutputRecord& r) {
  const MonitoringReport& report = *ctx.monitoring;
  Here here(ctx, r.route);
  const Organisation* dept = r.org;
  std::vector<Crumb> crumbs = dept ? org_crumbs(here, *dept) : std::vector<Crumb>{{"Главная", ""}};
  crumbs.push_back({"Мониторинг", r.route});
  Data v = base_view(here, "Мониторинг вкладок «Наставничество»", dept, crumbs, list(), "", "-");
  v.set("date", format_date_ru(report.date));
  Data columns = list();
  for (const auto& item : report.items) columns.push_back(Data(typograph(item.title)));
  v.set("columns", columns);
  Data rows = list();
  size_t complete = 0;
  for (const auto& row : report.rows) {
    Data row_view = object();
    row_view.set("name", row.org->short_name());
    row_view.set("href", here.href(*here.plan().org_tab(*row.org)));
    row_view.set("score", std::to_string(row.present()) + " из " + std::to_string(report.items.size()));
    if (row.present() == report.items.size()) ++complete;
    Data cells = list();
    for (size_t i = 0; i < row.results.size(); ++i) {
      const CheckResult& result = row.results[i];
      Data c = object();
      c.set("status", check_status_title(result.status));
      c.set("class", std::string("check-") + check_status_id(result.status));
      c.set("item", report.items[i].title);
      if (auto route = check_route(ctx.site, ctx.plan, *row.org, result)) c.set("href", here.href(*route));
      if (!result.detail.empty()) c.set("detail", typograph(result.detail));
      cells.push_back(c);
    }
    row_view.set("cells", cells);
    rows.push_back(row_view);
  }
  set_list(v, "rows", rows);
  v.set("complete", count_of(complete, {"организация заполнила", "организации заполнили", "организаций заполнили"}) +
                        " вкладку полностью, из\u00A0" + std::to_string(report.rows.size()));
  return v;
}

}  // namespace nastavnik
