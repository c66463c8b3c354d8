#include "validate/site_rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

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

void give_recurring_addresses(std::vector<Entry>& entries) {
  for (auto& e : entries) {
    if (e.slug_suffix == 0) continue;
    e.slug.resize(e.slug.size() - e.slug_suffix);
    e.slug_suffix = 0;
    e.url = routes::entry(e.org, e.section, e.slug);
  }
  std::unordered_map<std::string_view, size_t> owner;
  owner.reserve(entries.size());
  std::set<std::string> shared;  // addresses more than one file claims
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!owner.emplace(entries[i].url, i).second) shared.insert(entries[i].url);
  }
  if (shared.empty()) return;
  std::map<std::string_view, std::vector<size_t>> claimants;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (shared.count(entries[i].url)) claimants[entries[i].url].push_back(i);
  }
  // Decided first, applied after: the owner map's keys are the entries' own addresses.
  std::vector<std::pair<size_t, std::string>> changes;
  std::set<std::string> given;
  for (auto& [url, members] : claimants) {
    // A slug field or an undated file in the clash: the editor named an address that is
    // taken, and is told so (check_addresses); nothing moves.
    std::vector<size_t> movable;
    for (size_t i : members) {
      if (!entries[i].base().slug.present && entries[i].date()) movable.push_back(i);
    }
    if (movable.size() != members.size()) continue;
    std::sort(movable.begin(), movable.end(), [&](size_t a, size_t b) {
      const Entry& x = entries[a];
      const Entry& y = entries[b];
      return std::make_tuple(x.draft(), *x.date(), std::string_view(x.source_path)) < std::make_tuple(y.draft(), *y.date(), std::string_view(y.source_path));
    });
    // Two files of one title and one date are one item twice, not a recurring one: the
    // clash stays, for the editor to remove one.
    std::set<Date> dates = {*entries[movable[0]].date()};
    for (size_t k = 1; k < movable.size(); ++k) {
      const Entry& e = entries[movable[k]];
      const Date date = *e.date();
      if (!dates.insert(date).second) continue;
      for (const std::string& suffix : {"-" + std::to_string(date.year), "-" + date.iso()}) {
        std::string candidate = routes::entry(e.org, e.section, e.slug + suffix);
        if (owner.count(candidate) || given.count(candidate)) continue;
        given.insert(std::move(candidate));
        changes.emplace_back(movable[k], suffix);
        break;
      }
    }
  }
  for (auto& [i, suffix] : changes) {
    Entry& e = entries[i];
    e.slug += suffix;
    e.slug_suffix = static_cast<uint8_t>(suffix.size());
    e.url = routes::entry(e.org, e.section, e.slug);
  }
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
