#include "render/render.h"

#include "render/editor_page.h"
#include "render/ics.h"
#include "render/indicators_page.h"
#include "render/monitoring_page.h"
#include "render/open_data.h"
#include "render/pages.h"
#include "render/roadmap_page.h"
#include "render/rss.h"
#include "render/search_page.h"
#include "render/sitemap.h"

namespace nastavnik {

std::string render_output(const RenderContext& ctx, const OutputRecord& r) {
  const Site& site = ctx.site;
  const Theme& renderer = ctx.theme;
  switch (r.kind) {
    case OutputKind::Home: return renderer.render("home", home_view(ctx, r));
    case OutputKind::Orgs: return renderer.render("orgs", orgs_view(ctx, r));
    case OutputKind::Accessibility: return renderer.render("accessibility", accessibility_view(ctx, r));
    case OutputKind::NotFound: return renderer.render("404", not_found_view(ctx, r));
    case OutputKind::Search: return renderer.render("search", search_view(ctx, r));
    case OutputKind::List: return renderer.render("list", list_view(ctx, r));
    case OutputKind::OrgTab: return renderer.render("org", org_view(ctx, r));
    case OutputKind::Entry: return renderer.render("entry", entry_view(ctx, r));
    case OutputKind::Mentors: return renderer.render("mentors", mentors_view(ctx, r));
    case OutputKind::Indicators: return renderer.render("indicators", indicators_view(ctx, r));
    case OutputKind::Roadmap: return renderer.render("roadmap", roadmap_view(ctx, r));
    case OutputKind::Monitoring: return renderer.render("monitoring", monitoring_view(ctx, r));
    case OutputKind::Feed: return render_rss(ctx, r);
    case OutputKind::Sitemap: return render_sitemap(ctx.plan);
    case OutputKind::Robots: return render_robots(ctx.plan);
    case OutputKind::Calendar: {
      const std::string stamp = ics_stamp(site.today);
      if (site.is_department(*r.org)) {
        // The department's calendar merges every organisation's roadmap.
        std::vector<IcsEvent> events;
        for (const auto& org : site.orgs) {
          auto more = roadmap_events(site, ctx.plan, org, true);
          events.insert(events.end(), more.begin(), more.end());
        }
        return render_ics("Дорожные карты — " + site.title, stamp, events);
      }
      return render_ics("Дорожная карта — " + r.org->short_name(), stamp, roadmap_events(site, ctx.plan, *r.org));
    }
    case OutputKind::IndicatorsCsv: return indicators_csv(*r.org);
    case OutputKind::IndicatorsJson: return indicators_json(ctx.plan, *r.org);
    case OutputKind::TotalsCsv: return summary_csv(site.indicator_summaries);
    case OutputKind::TotalsJson: return summary_json(site, ctx.plan, site.indicator_summaries);
    case OutputKind::Editor: return render_editor_page(ctx, r);
    case OutputKind::EditorConfig: return render_editor_config(ctx, r);
    case OutputKind::Asset:
    case OutputKind::Attachment:
    case OutputKind::Image:
    case OutputKind::EditorAsset:
      break;
  }
  return {};
}

}  // namespace nastavnik
