#include "validate/site_rules.h"

#include <algorithm>
#include <map>

#include "core/strings.h"
#include "plan/routes.h"
#include "text/slug.h"

namespace nastavnik {

bool check_org_folder(const std::string& id, Diagnostics& diagnostics) {
  const auto& reserved = routes::portal_segments();
  if (std::find(reserved.begin(), reserved.end(), id) != reserved.end()) {
    diagnostics.error(id, {}, "папку организации нельзя называть " + guillemets(id) +
                                  ": такой адрес занят разделом портала; переименуйте папку, например в " + guillemets(id + "-org"));
    return false;
  }
  if (!is_slug(id)) {
    std::string fix = slugify(id);
    diagnostics.error(id, {}, "имя папки организации " + guillemets(id) +
                                  " станет адресом страницы, в нём допустимы только строчные латинские буквы, цифры и дефис; переименуйте папку" +
                                  (fix.empty() ? std::string() : ", например в " + guillemets(fix)));
    return false;
  }
  return true;
}

void check_addresses(const std::vector<Entry>& entries, Diagnostics& diagnostics) {
  const auto& reserved = routes::org_segments();
  std::map<std::string_view, const Entry*> claimed;
  for (const auto& e : entries) {
    if (e.section == Section::Pages && std::find(reserved.begin(), reserved.end(), e.slug) != reserved.end()) {
      diagnostics.error(e.source_path, e.slug_pos, "адрес страницы «" + e.slug + "» занят разделом сайта, переименуйте файл или задайте другое поле slug");
      continue;
    }
    if (e.draft()) continue;
    auto [it, inserted] = claimed.emplace(e.url, &e);
    if (inserted) continue;
    const Entry* first = it->second;
    const Entry& later = first->source_path < e.source_path ? e : *first;
    const Entry& earlier = first->source_path < e.source_path ? *first : e;
    diagnostics.error(later.source_path, later.slug_pos,
                      "адрес страницы /" + e.url + " совпадает с адресом файла " + earlier.source_path +
                          "; переименуйте один из файлов или задайте в нём поле slug");
  }
}

void check_indicator_units(const std::vector<Organisation>& orgs, Diagnostics& diagnostics) {
  std::map<std::string, IndicatorUnit> units;
  for (const auto& org : orgs) {
    if (!org.indicators) continue;
    for (const auto& ind : org.indicators->indicators) {
      auto [it, inserted] = units.emplace(ind.id, ind.unit);
      if (!inserted && it->second != ind.unit) {
        diagnostics.error(org.id + "/indicators.yaml", ind.pos,
                          "показатель «" + ind.id + "» у другой организации измеряется в других единицах (unit), а суммировать можно только одинаковые; исправьте unit или id");
      }
    }
  }
}

}  // namespace nastavnik
