#pragma once
// Pieces every page view shares: relative links, the base layout's data, breadcrumbs,
// navigation, dates, counts. Page kinds build on these (render/pages.cpp and friends).
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"
#include "plan/output_plan.h"
#include "render/theme.h"

namespace nastavnik {

struct MonitoringReport;

/// What every view reads: the site, the plan of outputs (for links), the theme, and the
/// texts of the entries made so far by the body stage.
struct RenderContext {
  const Site& site;
  const OutputPlan& plan;
  const Theme& theme;
  const MonitoringReport* monitoring = nullptr;  ///< the department's, when published
  const std::vector<const EntryText*>* texts = nullptr;  ///< by index of Site::entries

  const EntryText& text(size_t entry) const { return *(*texts)[entry]; }
  const EntryText& text(const Entry& e) const { return text(static_cast<size_t>(&e - site.entries.data())); }
};

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
Data text_list(const TextList& items);

/// Where a page sits, so that its links can be relative: the site then works from any
/// sub-path (GitLab Pages project sites) and from a plain local folder.
class Here {
 public:
  Here(const RenderContext& ctx, std::string route);
  /// Link to a route (relative to the site root).
  std::string href(std::string_view route) const;
  const std::string& root() const { return root_; }
  const std::string& route() const { return route_; }
  const Site& site() const { return ctx_.site; }
  const OutputPlan& plan() const { return ctx_.plan; }
  const RenderContext& ctx() const { return ctx_; }
  /// The 404 page is served at any depth: it links from the site's absolute path instead.
  void use_absolute_root();

 private:
  const RenderContext& ctx_;
  std::string route_;
  std::string root_;
};

struct Crumb {
  std::string title;
  std::string route;
};

Data feed_link(const Here& here, const std::string& title, const std::string& route);
/// The parts every page has: head, header, navigation, breadcrumbs, footer.
/// `nav_current` is the portal menu item to mark current ("-" for none).
Data base_view(const Here& here, const std::string& title, const Organisation* org, const std::vector<Crumb>& crumbs, Data feeds,
               const std::string& description, const std::string& nav_current);
/// The picture of the page's links in VK, Telegram and chats (og:image): the file at
/// `route`, over the emblem or the theme's picture that base_view sets. `file`, when it is
/// a photo, gives its size.
void set_share_image(Data& view, const Here& here, const std::string& route, const std::string& alt, const Attachment* file = nullptr);
/// Главная › <org>.
std::vector<Crumb> org_crumbs(const Here& here, const Organisation& org);
/// {text: «26 апреля 2022 г.», iso: 2022-04-26}, or false.
Data date_view(const std::optional<Date>& d);
/// A link to an attachment of the page at `page_route`.
Data attachment_view(const Here& here, const std::string& page_route, const Attachment& a, const std::string& label);
/// The small picture of a PDF's first page beside its link (document/thumbnail.h): `src`,
/// and `width` and `height` in CSS pixels; false when it has none. The entry's own page
/// shows it, lists do not.
Data first_page_view(const Here& here, const std::string& page_route, const Attachment& a);
/// A photo for partials/picture.mustache: `src` (its largest fallback), `srcset` of the
/// fallbacks and `webp_srcset`, `sizes` for its role, `width` and `height` (the largest
/// file's; a portrait's as shown), `alt`, `lazy` for every image but the page's first,
/// `class`. An image that is not a photo gets `src` and `alt` only. `folder_route` is the
/// folder of the page it is published beside.
Data picture_view(const Here& here, const std::string& folder_route, const Attachment& a, PictureRole role, bool lazy,
                  const std::string& alt, const std::string& css_class = "");

}  // namespace nastavnik
