#pragma once
// Pieces every page view shares: relative links, the base layout's data, breadcrumbs,
// navigation, dates, counts. Page kinds live in their own files and build on these.
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"
#include "render/theme.h"

namespace nastavnik {

/// Russian noun forms for counts: «1 новость», «3 новости», «5 новостей».
struct Noun {
  const char* one;
  const char* few;
  const char* many;
};
Noun section_noun(Section s);
std::string count_of(size_t n, Noun noun);
/// «Все новости», «Все документы»: the link from the tab to a full list.
const char* all_label(Section s);

Data list();
Data object();
/// Sets a list and, when it has items, `has_<name>`: Mustache cannot ask "is this list
/// non-empty" around a block otherwise.
void set_list(Data& target, const std::string& name, const Data& items);
Data text_list(const std::vector<std::string>& items);

/// Where a page sits, so that its links can be relative: the site then works from any
/// sub-path (GitLab Pages project sites) and from a plain local folder.
class Here {
 public:
  Here(const Site& site, std::string url);
  /// Link to a page or file given relative to the site root.
  std::string href(const std::string& target) const;
  const std::string& root() const { return root_; }
  const std::string& url() const { return url_; }
  const Site& site() const { return site_; }
  /// The 404 page is served at any depth: it links from the site's absolute path instead.
  void use_absolute_root();

 private:
  const Site& site_;
  std::string url_;
  std::string root_;
};

struct Crumb {
  std::string title;
  std::string url;
};

/// "school-1/news/" page 1 → itself; page 3 → "school-1/news/page/3/".
std::string list_url(const std::string& base, size_t page);
Data feed_link(const Here& here, const std::string& title, const std::string& path);
/// The parts every page has: head, header, navigation, breadcrumbs, footer.
/// `nav_current` is the portal menu item to mark current ("-" for none).
Data base_view(const Here& here, const Theme& theme, const std::string& title, const Organisation* org,
               const std::vector<Crumb>& crumbs, Data feeds, const std::string& description, const std::string& nav_current);
/// Главная › <org>.
std::vector<Crumb> org_crumbs(const Organisation& org);
/// Headings of rendered Markdown placed under the page's own: the highest becomes h`top`
/// and the levels close up (h3, h5 → h2, h3), so that a text whose editor began with «###»
/// skips no level after the page's h1.
std::string fit_headings(const std::string& html, int top);
/// {text: «26 апреля 2022 г.», iso: 2022-04-26}, or false.
Data date_view(const std::optional<Date>& d);

}  // namespace nastavnik
