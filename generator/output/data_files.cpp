#include "output/data_files.h"

#include "output/open_data.h"

namespace nastavnik {

std::vector<DataFile> plan_data_files(const Site& site) {
  std::vector<DataFile> files;
  for (const auto& org : site.orgs) {
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
