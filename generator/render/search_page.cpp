#include "render/search_page.h"

#include "plan/routes.h"
#include "text/russian.h"
#include "text/typography.h"

namespace nastavnik {

const char* const kTabCollection = "О наставничестве";
const char* const kMentorsCollection = "Наши наставники";

void mark_searchable(Data& view, const Organisation& org, const std::string& collection, const std::optional<Date>& date) {
  Data s = object();
  s.set("org", org.short_name());
  // As the search page's filter shows it: typographed, like every text of the pages.
  s.set("collection", typograph(collection));
  if (date) s.set("date", format_date_ru(*date));
  view.set("search", s);
}

Data search_view(const RenderContext& ctx, const OutputRecord& r) {
  const Site& site = ctx.site;
  const OutputPlan& plan = ctx.plan;
  Here here(ctx, r.route);
  const std::string title = "Поиск по\u00A0сайту";
  Data v = base_view(here, title, nullptr, {{"Главная", ""}, {title, r.route}}, list(),
                     "Поиск по новостям, документам, приказам, историям и практикам наставничества всех организаций", "-");
  v.set("is_search", true);
  if (const auto& index = plan.search_index()) {
    v.set("index_href", here.href(*index));
    v.set("stemmer_script", here.href(*index + "stemmer.js"));
    v.set("search_script", here.root() + std::string(routes::kAssets) + "search.js");
  }
  // Where a reader goes without the search: the organisations, each with its sections.
  if (auto orgs = plan.orgs()) v.set("sitemap_href", here.href(*orgs));
  Data orgs = list();
  for (const auto& org : site.orgs) orgs.push_back(Data(org.short_name()));
  v.set("orgs", orgs);
  Data collections = list();
  for (Section s : kAllSections) collections.push_back(Data(typograph(section_title(s))));
  collections.push_back(Data(typograph(kTabCollection)));
  collections.push_back(Data(typograph(kMentorsCollection)));
  v.set("collections", collections);
  return v;
}

}  // namespace nastavnik
