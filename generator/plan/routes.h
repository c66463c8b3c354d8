#pragma once
// The shapes of the site's addresses, in one place. A route is a path relative to the
// site root: "" is the home page, "school-1/news/" a page (its file is index.html under
// it), "school-1/rss.xml" a file. Only the output plan and the checks of addresses use
// these; views ask the plan, which knows which outputs are made.
#include <string>
#include <string_view>
#include <vector>

#include "contract/section.h"

namespace nastavnik::routes {

std::string org(std::string_view org_id);
std::string section(std::string_view org_id, Section s);
/// A collection's item: "school-1/news/slug/"; a free page: "school-1/slug/".
std::string entry(std::string_view org_id, Section s, std::string_view slug);
/// Page `page` of a paginated list: page 1 is the list itself, then "…/page/2/".
std::string list_page(std::string_view list, size_t page);
/// The feed of a page: "school-1/news/" → "school-1/news/rss.xml"; "" → "rss.xml".
std::string feed(std::string_view page);
std::string mentors(std::string_view org_id);
std::string indicators(std::string_view org_id);
std::string indicators_data(std::string_view org_id, std::string_view extension);        ///< "school-1/indicators.csv"
std::string indicator_totals_data(std::string_view org_id, std::string_view extension);  ///< "uo/indicators-total.csv"
std::string roadmap(std::string_view org_id);
std::string calendar(std::string_view org_id);  ///< "school-1/roadmap/roadmap.ics"
std::string monitoring(std::string_view org_id);
/// The browser editor of an organisation: "school-1/admin/"; of every organisation (the
/// department's): "admin/" (org_id empty).
std::string editor(std::string_view org_id);
/// The editor's configuration beside its page: "school-1/admin/config.yml".
std::string editor_config(std::string_view org_id);

// The portal's own pages and files.
inline constexpr std::string_view kHome = "";
inline constexpr std::string_view kOrgs = "orgs/";
inline constexpr std::string_view kNews = "news/";
inline constexpr std::string_view kPractices = "practices/";
inline constexpr std::string_view kAccessibility = "accessibility/";
/// The search page (render/search_page.h) and the index the build writes (search/index.h).
inline constexpr std::string_view kSearch = "search/";
inline constexpr std::string_view kSearchIndex = "search/data/";
inline constexpr std::string_view kNotFound = "404.html";
inline constexpr std::string_view kSitemap = "sitemap.xml";
inline constexpr std::string_view kRobots = "robots.txt";
inline constexpr std::string_view kAssets = "assets/";
/// The files of the browser editor (Decap CMS), shared by every editor page.
inline constexpr std::string_view kEditorAssets = "assets/decap-cms/";

/// The file that serves a route: "school-1/news/" → "school-1/news/index.html"; a route
/// that names a file is that file.
std::string file_of(std::string_view route);

/// First segments of the portal's own routes: no organisation folder may be named so.
const std::vector<std::string>& portal_segments();
/// Second segments an organisation's own routes use: no free page may take them as slug.
const std::vector<std::string>& org_segments();

}  // namespace nastavnik::routes
