#pragma once
// The one table of outputs: every file the build writes is a record here, built once from
// the finished site. Views ask the plan for links and get nothing for an output that is
// not made, so no page can link to a file that is not written.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/site.h"

namespace nastavnik {

/// Items on one page of a paginated list.
constexpr size_t kPageSize = 20;
/// Items a feed carries at most: the newest ones. Feed readers poll for what is new.
constexpr size_t kFeedItems = 50;

enum class OutputKind {
  Home,           ///< the portal's home: the department's tab, or a list of organisations
  Orgs,           ///< the list of organisations
  Accessibility,  ///< «Версия для слабовидящих» without JavaScript
  NotFound,       ///< 404.html
  List,           ///< a page of a collection list (an organisation's section, or the portal's news or practices)
  OrgTab,         ///< an organisation's tab
  Entry,          ///< an entry's page, and the files it publishes beside it
  Mentors,
  Indicators,
  Roadmap,
  Monitoring,
  Feed,           ///< RSS 2.0
  Sitemap,
  Robots,
  Calendar,       ///< iCalendar of roadmaps
  IndicatorsCsv,
  IndicatorsJson,
  TotalsCsv,      ///< the department's indicators summed over the organisations
  TotalsJson,
  Asset,          ///< a file of the theme's static/ folder
  Attachment,     ///< a file of the content, published next to the tab or the mentors page that shows it
  Image,          ///< one file of a photo (image/picture.h) of the tab or the mentors page, encoded by the image store
  Editor,         ///< the browser editor's page (admin/): an organisation's, or the department's with every organisation
  EditorConfig,   ///< its Decap CMS configuration (admin/config.yml), made from the contract
  EditorAsset,    ///< a file of Decap CMS (PlanOptions::editor_assets), shared by the editor pages
  Search,         ///< the portal's search page; the build writes its index (search/data/, search/index.h) beside the pages
};

struct OutputRecord {
  OutputKind kind = OutputKind::Home;
  std::string route;    ///< relative to the site root; a page's route ends with '/'
  std::string path;     ///< the file in the output folder; empty: not written by this build (`build --org`)
  const Organisation* org = nullptr;
  Section section = Section::News;
  size_t entry = SIZE_MAX;                   ///< Entry: index into Site::entries
  const std::vector<size_t>* items = nullptr;  ///< List and Feed: all items, newest first
  std::vector<size_t> feed_items;            ///< Feed: the newest kFeedItems
  size_t page = 1, pages = 1;                ///< List
  std::string title;                         ///< List and Feed
  std::string source;                        ///< Attachment and Image: path in the content folder; Asset: path in the theme
  const Attachment* attachment = nullptr;    ///< Image: the photo
  PictureVariant variant;                    ///< Image: which of its files
  bool in_sitemap = false;
  std::optional<Date> lastmod;

  bool is_page() const { return path.size() >= 5 && path.compare(path.size() - 5, 5, ".html") == 0; }
  bool written() const { return !path.empty(); }
  /// The folder of a page's file, for the files published beside it: "news/slug/".
  std::string folder() const { return path.substr(0, path.rfind('/') + 1); }
};

struct PlanOptions {
  bool monitoring = false;                  ///< publish the department's monitoring page
  std::vector<std::string> assets;          ///< files of the theme's static/ folder
  std::vector<std::string> editor_assets;   ///< the editor's files (Theme::editor_files), published in assets/decap-cms/
  bool search_index = false;                ///< this build writes the search index (search/index.h): the search page uses it
};

/// Where this build's files are published: the whole portal at the site's base_url, or one
/// organisation's section at its own address (Site::section_org). Every route keeps its
/// place in the portal; a section build writes only its organisation's outputs and the
/// theme's assets, at paths relative to the section, and links the rest to the portal.
class Publication {
 public:
  explicit Publication(const Site& site);
  /// The route's path in this build's folder ("school-1/news/" → "news/" in a section), or
  /// nothing when this build does not write it.
  std::optional<std::string> local(std::string_view route) const;
  /// The route's absolute URL: in this build's folder, under its address; else the portal's.
  std::string absolute(std::string_view route) const;
  /// This build's own address: the section's, or the portal's.
  const std::string& url() const { return section_url_.empty() ? portal_url_ : section_url_; }
  bool is_section() const { return !section_url_.empty(); }

 private:
  std::string portal_url_, section_url_, prefix_;
};

class OutputPlan {
 public:
  static OutputPlan make(const Site& site, const PlanOptions& options);

  const std::vector<OutputRecord>& records() const { return records_; }
  const Publication& publication() const { return publication_; }
  /// A route's absolute URL (feeds, sitemap, canonical links, open data).
  std::string absolute(std::string_view route) const { return publication_.absolute(route); }

  // Routes of outputs, or nothing when the output is not made.
  std::optional<std::string> home() const { return route("home"); }
  std::optional<std::string> orgs() const { return route("orgs"); }
  std::optional<std::string> accessibility() const { return route("accessibility"); }
  std::optional<std::string> portal_news(size_t page = 1) const { return route("portal-list:news:" + std::to_string(page)); }
  std::optional<std::string> portal_practices(size_t page = 1) const { return route("portal-list:practices:" + std::to_string(page)); }
  std::optional<std::string> portal_feed() const { return route("feed::"); }
  std::optional<std::string> org_tab(const Organisation& org) const { return route("org:" + org.id); }
  std::optional<std::string> section_list(const Organisation& org, Section s, size_t page = 1) const {
    return route("list:" + org.id + ":" + section_id(s) + ":" + std::to_string(page));
  }
  std::optional<std::string> org_feed(const Organisation& org) const { return route("feed:" + org.id + ":"); }
  std::optional<std::string> section_feed(const Organisation& org, Section s) const {
    return route("feed:" + org.id + ":" + section_id(s));
  }
  std::optional<std::string> entry(const Site& site, const Entry& e) const;
  std::optional<std::string> mentors(const Organisation& org) const { return route("mentors:" + org.id); }
  std::optional<std::string> indicators(const Organisation& org) const { return route("indicators:" + org.id); }
  std::optional<std::string> indicators_data(const Organisation& org, std::string_view ext) const {
    return route("indicators-data:" + org.id + ":" + std::string(ext));
  }
  std::optional<std::string> totals_data(const Organisation& org, std::string_view ext) const {
    return route("totals-data:" + org.id + ":" + std::string(ext));
  }
  std::optional<std::string> roadmap(const Organisation& org) const { return route("roadmap:" + org.id); }
  std::optional<std::string> calendar(const Organisation& org) const { return route("calendar:" + org.id); }
  std::optional<std::string> monitoring() const { return route("monitoring"); }
  /// The organisation's emblem (org.yaml), published in its folder.
  std::optional<std::string> emblem(const Organisation& org) const { return route("emblem:" + org.id); }
  /// Its smallest file, the icon of the organisation's pages.
  std::optional<std::string> emblem_icon(const Organisation& org) const { return route("emblem-icon:" + org.id); }
  /// The browser editor's page of `org`, or of every organisation (nullptr).
  std::optional<std::string> editor(const Organisation* org) const { return route("editor:" + (org ? org->id : std::string())); }
  /// The script of Decap CMS, when this build publishes it.
  std::optional<std::string> editor_script() const { return route("editor-script"); }
  /// js-yaml's browser build, which the editor's format of mentors.yaml uses (with editor_script()).
  std::optional<std::string> editor_yaml_script() const { return route("editor-yaml"); }
  /// The search page: the portal's, also from a section (which links it on the portal).
  std::optional<std::string> search() const { return route("search"); }
  /// The search index's folder, when this build writes the index (never a section's: its
  /// pages search the portal).
  const std::optional<std::string>& search_index() const { return search_index_; }
  /// /favicon.ico: the theme's icon at the site root, where browsers look for it.
  std::optional<std::string> favicon() const { return route("favicon"); }

 private:
  std::optional<std::string> route(const std::string& key) const;
  void add(std::string key, OutputRecord record);

  explicit OutputPlan(const Site& site) : publication_(site) {}

  Publication publication_;
  std::vector<OutputRecord> records_;
  std::unordered_map<std::string, size_t> index_;
  std::optional<std::string> search_index_;
};

}  // namespace nastavnik
