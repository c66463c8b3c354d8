#include "output/data_files.h"

#include "output/ics.h"
#include "output/open_data.h"
#include "render/roadmap_page.h"

namespace nastavnik {

std::vector<DataFile> plan_data_files(const Site& site) {
  std::vector<DataFile> files;
  const std::string stamp = ics_stamp(site.today);
  // The department's calendar merges every organisation's roadmap.
  if (const Organisation* dept = site.department_org()) {
    bool any = false;
    for (const auto& org : site.orgs) any = any || !roadmap_events(site, org).empty();
    if (any) {
      files.push_back({roadmap_ics_path(*dept), [&site, stamp] {
                         std::vector<IcsEvent> events;
                         for (const auto& org : site.orgs) {
                           auto more = roadmap_events(site, org, true);
                           events.insert(events.end(), more.begin(), more.end());
                         }
                         return render_ics("Дорожные карты — " + site.title, stamp, events);
                       }});
    }
  }
  for (const auto& org : site.orgs) {
    if (org.id != site.department && org.roadmap && !roadmap_events(site, org).empty()) {
      files.push_back({roadmap_ics_path(org), [&site, &org, stamp] {
                         return render_ics("Дорожная карта — " + org.short_name, stamp, roadmap_events(site, org));
                       }});
    }
    if (org.indicators) {
      files.push_back({org.id + "/indicators.csv", [&org] { return indicators_csv(org); }});
      files.push_back({org.id + "/indicators.json", [&site, &org] { return indicators_json(site, org); }});
    }
    if (org.id == site.department && !site.indicator_summaries.empty()) {
      files.push_back({org.id + "/indicators-total.csv", [&site] { return summary_csv(site.indicator_summaries); }});
      files.push_back({org.id + "/indicators-total.json", [&site] { return summary_json(site, site.indicator_summaries); }});
    }
  }
  return files;
}

}  // namespace nastavnik
