#include "plan/output_plan.h"

#include <algorithm>

#include "editor/editor_files.h"
#include "plan/routes.h"

namespace nastavnik {
namespace {

/// The theme's icon, published at the site root too.
constexpr std::string_view kFavicon = "favicon.ico";
/// Decap CMS's script, which loads its other files from beside it.
constexpr std::string_view kEditorScript = "decap-cms.js";
constexpr std::string_view kYamlScript = "js-yaml.umd.min.js";

bool has_calendar_events(const Organisation& org) {
  if (!org.roadmap) return false;
  for (const auto& section : org.roadmap->sections) {
    for (const auto& item : section.items) {
      if (item.start) return true;
    }
  }
  return false;
}

std::vector<size_t> newest(const Site& site, std::vector<size_t> items) {
  std::stable_sort(items.begin(), items.end(), [&](size_t a, size_t b) { return site.entries[a].sort_key < site.entries[b].sort_key; });
  if (items.size() > kFeedItems) items.resize(kFeedItems);
  return items;
}

}  // namespace

Publication::Publication(const Site& site) : portal_url_(site.base_url) {
  if (!site.section_org.empty()) {
    section_url_ = site.section_url;
    prefix_ = routes::org(site.section_org);
  }
}

std::optional<std::string> Publication::local(std::string_view route) const {
  if (section_url_.empty()) return std::string(route);
  if (route.substr(0, prefix_.size()) == prefix_) return std::string(route.substr(prefix_.size()));
  // The section carries the theme's files and its own sitemap; the portal's pages, feeds
  // and other organisations stay on the portal.
  if (route.substr(0, routes::kAssets.size()) == routes::kAssets || route == routes::kSitemap) return std::string(route);
  return std::nullopt;
}

std::string Publication::absolute(std::string_view route) const {
  if (auto here = local(route)) return url() + *here;
  return portal_url_ + std::string(route);
}

std::optional<std::string> OutputPlan::route(const std::string& key) const {
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  return records_[it->second].route;
}

std::optional<std::string> OutputPlan::entry(const Site& site, const Entry& e) const {
  return route("entry:" + std::to_string(static_cast<size_t>(&e - site.entries.data())));
}

void OutputPlan::add(std::string key, OutputRecord record) {
  auto local = publication_.local(record.route);
  record.path = local ? routes::file_of(*local) : std::string();
  if (!local) record.in_sitemap = false;
  if (!key.empty()) index_.emplace(std::move(key), records_.size());
  records_.push_back(std::move(record));
}

OutputPlan OutputPlan::make(const Site& site, const PlanOptions& options) {
  OutputPlan plan(site);
  auto page = [](OutputKind kind, std::string_view route, bool in_sitemap = true) {
    OutputRecord r;
    r.kind = kind;
    r.route = std::string(route);
    r.in_sitemap = in_sitemap;
    return r;
  };
  // Paginated lists: the registers of an organisation (documents, orders) stay on one page:
  // they are read, sorted and printed whole.
  auto add_list = [&](const std::string& key, const Organisation* org, Section section, const std::vector<size_t>& items,
                      const std::string& base, const std::string& title) {
    const bool whole = org && (section == Section::Documents || section == Section::Orders);
    const size_t pages = whole ? 1 : std::max<size_t>(1, (items.size() + kPageSize - 1) / kPageSize);
    for (size_t p = 1; p <= pages; ++p) {
      OutputRecord r = page(OutputKind::List, routes::list_page(base, p));
      r.org = org;
      r.section = section;
      r.items = &items;
      r.page = p;
      r.pages = pages;
      r.title = title;
      if (p == 1 && !items.empty()) r.lastmod = site.entries[items.front()].date();
      plan.add(key + std::to_string(p), std::move(r));
    }
  };

  plan.add("home", page(OutputKind::Home, routes::kHome));
  plan.add("orgs", page(OutputKind::Orgs, routes::kOrgs));
  plan.add("404", page(OutputKind::NotFound, routes::kNotFound, false));
  plan.add("accessibility", page(OutputKind::Accessibility, routes::kAccessibility));
  // Search results are not a page of their own for search engines: not in the sitemap.
  plan.add("search", page(OutputKind::Search, routes::kSearch, false));
  // The index's files are not records: the build writes them as it renders the pages
  // (search/index.h). The plan keeps the route of its folder, for the search page, when
  // this build makes it.
  if (options.search_index && !plan.publication_.is_section()) plan.search_index_ = std::string(routes::kSearchIndex);
  const Organisation* dept = site.department_org();
  if (options.monitoring && dept) {
    OutputRecord r = page(OutputKind::Monitoring, routes::monitoring(dept->id));
    r.org = dept;
    plan.add("monitoring", std::move(r));
  }
  if (!site.all_news.empty()) add_list("portal-list:news:", nullptr, Section::News, site.all_news, std::string(routes::kNews), "Новости");
  if (!site.featured_practices.empty()) {
    add_list("portal-list:practices:", nullptr, Section::Practices, site.featured_practices, std::string(routes::kPractices),
             "Лучшие практики");
  }

  // A file beside the page that links it; a photo, as each of its files.
  auto attachment = [&](const std::string& folder, const Attachment& a) {
    OutputRecord r;
    r.kind = OutputKind::Attachment;
    r.route = folder + a.file_name;
    r.source = a.source;
    r.attachment = &a;
    if (!a.picture) {
      plan.add("", r);
      if (!a.signature_source.empty()) {  // its electronic signature, beside it
        r.route += a.signature_extension;
        r.source = a.signature_source;
        r.attachment = nullptr;
        plan.add("", std::move(r));
      }
      return;
    }
    r.kind = OutputKind::Image;
    r.attachment = &a;
    for (const PictureVariant& v : picture_variants(*a.picture)) {
      r.route = folder + variant_file_name(a.stem, v);
      r.variant = v;
      plan.add("", r);
    }
  };

  // The emblem, a photo (load gives it to the image store like every image), is published
  // beside the tab's own files: the one it shares with the tab is written once, and a stem
  // another photo or file of the tab takes gets a number. Two routes are kept: its largest
  // fallback, the picture of shared links, and its smallest, the icon of the pages (at least
  // 180 px wide when the emblem is: the touch icon's size).
  auto emblem = [&](const Organisation& org) {
    const Attachment& a = org.emblem.front();
    const std::string folder = routes::org(org.id), key = "emblem:" + org.id, icon_key = "emblem-icon:" + org.id;
    const auto& tab_files = org.intro.files;
    const std::vector<PictureVariant> variants = picture_variants(*a.picture);
    const PictureVariant largest = largest_fallback(*a.picture);
    const PictureVariant icon = *std::find_if(variants.begin(), variants.end(), [&](const PictureVariant& v) { return v.format == largest.format; });
    auto index_route = [&](const std::string& k, const std::string& route) {
      for (size_t i = plan.records_.size(); i-- > 0;) {
        if (plan.records_[i].route == route) {
          plan.index_.emplace(k, i);
          return;
        }
      }
    };
    auto same = std::find_if(tab_files.begin(), tab_files.end(), [&](const Attachment& f) { return f.source == a.source; });
    if (same != tab_files.end()) {
      index_route(key, folder + variant_file_name(same->stem, largest));
      index_route(icon_key, folder + variant_file_name(same->stem, icon));
      return;
    }
    auto taken = [&](const std::string& stem) {
      return std::any_of(tab_files.begin(), tab_files.end(), [&](const Attachment& f) {
        return f.picture ? f.stem == stem : f.file_name.rfind(stem + "-", 0) == 0;
      });
    };
    std::string stem = a.stem;
    for (int n = 2; taken(stem); ++n) stem = a.stem + "-" + std::to_string(n);
    OutputRecord r;
    r.kind = OutputKind::Image;
    r.source = a.source;
    r.attachment = &a;
    for (const PictureVariant& v : variants) {
      r.route = folder + variant_file_name(stem, v);
      r.variant = v;
      const bool is_largest = v.format == largest.format && v.width == largest.width;
      const bool is_icon = v.format == icon.format && v.width == icon.width;
      plan.add(is_largest ? key : "", r);
      if (is_icon) index_route(icon_key, r.route);
    }
  };

  for (const auto& org : site.orgs) {
    OutputRecord tab = page(OutputKind::OrgTab, routes::org(org.id));
    tab.org = &org;
    plan.add("org:" + org.id, std::move(tab));
    for (const auto& a : org.intro.files) attachment(routes::org(org.id), a);
    if (!org.emblem.empty()) emblem(org);
    if (org.has_mentors_file) {
      OutputRecord r = page(OutputKind::Mentors, routes::mentors(org.id));
      r.org = &org;
      plan.add("mentors:" + org.id, std::move(r));
      for (const auto& a : org.mentor_files) attachment(routes::mentors(org.id), a);
    }
    if (org.roadmap) {
      OutputRecord r = page(OutputKind::Roadmap, routes::roadmap(org.id));
      r.org = &org;
      plan.add("roadmap:" + org.id, std::move(r));
    }
    const bool totals = site.is_department(org) && !site.indicator_summaries.empty();
    if (org.indicators || totals) {
      OutputRecord r = page(OutputKind::Indicators, routes::indicators(org.id));
      r.org = &org;
      plan.add("indicators:" + org.id, std::move(r));
    }
    for (Section s : kAllSections) {
      const auto& items = org.in(s);
      if (s != Section::Pages && !items.empty()) {
        add_list("list:" + org.id + ":" + section_id(s) + ":", &org, s, items, routes::section(org.id, s), section_title(s));
      }
      for (size_t i : items) {
        const Entry& e = site.entries[i];
        OutputRecord r = page(OutputKind::Entry, e.url);
        r.org = &org;
        r.section = s;
        r.entry = i;
        r.lastmod = e.date();
        plan.add("entry:" + std::to_string(i), std::move(r));
      }
    }
  }

  // Feeds: per collection per organisation, per organisation, the portal. Free pages are
  // not in feeds.
  std::vector<size_t> portal;
  for (const auto& org : site.orgs) {
    std::vector<size_t> all;
    for (Section s : kAllSections) {
      const auto& items = org.in(s);
      if (s == Section::Pages || items.empty()) continue;
      OutputRecord r;
      r.kind = OutputKind::Feed;
      r.route = routes::feed(routes::section(org.id, s));
      r.org = &org;
      r.section = s;
      r.feed_items = newest(site, items);
      r.title = std::string(section_title(s)) + " — " + org.short_name();
      plan.add("feed:" + org.id + ":" + section_id(s), std::move(r));
      all.insert(all.end(), items.begin(), items.end());
    }
    OutputRecord r;
    r.kind = OutputKind::Feed;
    r.route = routes::feed(routes::org(org.id));
    r.org = &org;
    r.feed_items = newest(site, all);
    r.title = "Наставничество — " + org.short_name();
    plan.add("feed:" + org.id + ":", std::move(r));
    portal.insert(portal.end(), all.begin(), all.end());
  }
  {
    OutputRecord r;
    r.kind = OutputKind::Feed;
    r.route = routes::feed("");
    r.feed_items = newest(site, std::move(portal));
    r.title = site.title;
    plan.add("feed::", std::move(r));
  }

  // Data files: calendars of roadmaps (the department's merges every organisation's),
  // open data of the indicators.
  const bool any_events = std::any_of(site.orgs.begin(), site.orgs.end(), has_calendar_events);
  for (const auto& org : site.orgs) {
    const bool department = site.is_department(org);
    if (department ? any_events : has_calendar_events(org)) {
      OutputRecord r;
      r.kind = OutputKind::Calendar;
      r.route = routes::calendar(org.id);
      r.org = &org;
      plan.add("calendar:" + org.id, std::move(r));
    }
    // Open data in two formats: CSV and JSON.
    auto data_files = [&](const char* key, OutputKind csv, OutputKind json, std::string (*route)(std::string_view, std::string_view)) {
      for (const char* ext : {"csv", "json"}) {
        OutputRecord r;
        r.kind = std::string_view(ext) == "csv" ? csv : json;
        r.route = route(org.id, ext);
        r.org = &org;
        plan.add(std::string(key) + ":" + org.id + ":" + ext, std::move(r));
      }
    };
    if (org.indicators) data_files("indicators-data", OutputKind::IndicatorsCsv, OutputKind::IndicatorsJson, routes::indicators_data);
    if (department && !site.indicator_summaries.empty()) {
      data_files("totals-data", OutputKind::TotalsCsv, OutputKind::TotalsJson, routes::indicator_totals_data);
    }
  }

  OutputRecord sitemap;
  sitemap.kind = OutputKind::Sitemap;
  sitemap.route = std::string(routes::kSitemap);
  plan.add("sitemap", std::move(sitemap));
  OutputRecord robots;
  robots.kind = OutputKind::Robots;
  robots.route = std::string(routes::kRobots);
  plan.add("robots", std::move(robots));
  for (const auto& asset : options.assets) {
    OutputRecord r;
    r.kind = OutputKind::Asset;
    r.route = std::string(routes::kAssets) + asset;
    r.source = asset;
    plan.add("asset:" + asset, std::move(r));
  }
  // The browser editor: a page and its configuration per organisation, and the department's
  // with every organisation at the portal's admin/; never in the sitemap (the pages say
  // noindex too). Decap CMS's own files are published once, when the build has them.
  auto editor = [&](const Organisation* org) {
    const std::string id = org ? org->id : std::string();
    OutputRecord r = page(OutputKind::Editor, routes::editor(id), false);
    r.org = org;
    plan.add("editor:" + id, r);
    r.kind = OutputKind::EditorConfig;
    r.route = routes::editor_config(id);
    plan.add("", std::move(r));
  };
  if (!site.orgs.empty()) editor(nullptr);
  for (const auto& org : site.orgs) editor(&org);
  for (const auto& file : options.editor_assets) {
    OutputRecord r;
    r.kind = OutputKind::EditorAsset;
    const std::string name = editor_file_name(file);
    r.route = std::string(routes::kEditorAssets) + name;
    r.source = file;
    const std::string key = name == kEditorScript ? "editor-script" : name == kYamlScript ? "editor-yaml" : "";
    plan.add(key, std::move(r));
  }
  // Browsers ask every site for /favicon.ico, whatever its pages link: the theme's icon is
  // published there too (a section lives inside the school's site, which has its own).
  if (std::find(options.assets.begin(), options.assets.end(), std::string(kFavicon)) != options.assets.end()) {
    OutputRecord r;
    r.kind = OutputKind::Asset;
    r.route = std::string(kFavicon);
    r.source = std::string(kFavicon);
    plan.add("favicon", std::move(r));
  }
  return plan;
}

}  // namespace nastavnik
