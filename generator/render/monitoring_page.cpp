#include "render/monitoring_page.h"

#include "text/russian.h"
#include "text/typography.h"

namespace nastavnik {

std::string monitoring_url(const Site& site) {
  const Organisation* dept = site.department_org();
  return dept ? dept->id + "/monitoring/" : "monitoring/";
}

Data monitoring_view(const Site& site, const Theme& theme, const MonitoringReport& report) {
  const std::string url = monitoring_url(site);
  Here here(site, url);
  const Organisation* dept = site.department_org();
  std::vector<Crumb> crumbs = dept ? org_crumbs(*dept) : std::vector<Crumb>{{"Главная", ""}};
  crumbs.push_back({"Мониторинг", url});
  Data v = base_view(here, theme, "Мониторинг вкладок «Наставничество»", dept, crumbs, list(), "", "-");
  v.set("date", format_date_ru(report.date));
  Data columns = list();
  for (const auto& item : report.items) columns.push_back(Data(typograph(item.title)));
  v.set("columns", columns);
  Data rows = list();
  size_t complete = 0;
  for (const auto& row : report.rows) {
    Data r = object();
    r.set("name", row.org->short_name);
    r.set("href", here.href(row.org->id + "/"));
    r.set("score", std::to_string(row.present()) + " из " + std::to_string(report.items.size()));
    if (row.present() == report.items.size()) ++complete;
    Data cells = list();
    for (size_t i = 0; i < row.results.size(); ++i) {
      const CheckResult& result = row.results[i];
      Data c = object();
      c.set("status", check_status_title(result.status));
      c.set("class", std::string("check-") + check_status_id(result.status));
      c.set("item", report.items[i].title);
      if (!result.url.empty()) c.set("href", here.href(result.url));
      if (!result.detail.empty()) c.set("detail", typograph(result.detail));
      cells.push_back(c);
    }
    r.set("cells", cells);
    rows.push_back(r);
  }
  set_list(v, "rows", rows);
  v.set("complete", count_of(complete, {"организация заполнила", "организации заполнили", "организаций заполнили"}) +
                        " вкладку полностью, из\u00A0" + std::to_string(report.rows.size()));
  return v;
}

}  // namespace nastavnik
