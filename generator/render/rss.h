#pragma once
// RSS 2.0 feeds, written with tinyxml2 so that every value is escaped as XML.
#include <string>
#include <vector>

#include "model/site.h"

namespace nastavnik {

/// Items a feed carries at most: the newest ones. Feed readers poll for what is new.
constexpr size_t kFeedItems = 50;

struct FeedSpec {
  std::string path;       ///< output file, relative: "school-1/news/rss.xml"
  std::string page_url;   ///< the HTML page the feed belongs to, relative: "school-1/news/"
  std::string title;
  std::string description;
  std::vector<size_t> items;  ///< indices into Site::entries, newest first
};

/// Every feed of the site: per collection per organisation, per organisation, the portal.
std::vector<FeedSpec> plan_feeds(const Site& site);

std::string render_rss(const Site& site, const FeedSpec& feed);

/// base_url + relative.
std::string absolute_url(const Site& site, const std::string& relative);
/// Turns relative href and src attributes of rendered Markdown into absolute URLs under
/// `page_url` (absolute), for feed readers that have no page to resolve them against.
std::string absolutize_links(const std::string& html, const std::string& page_url);

}  // namespace nastavnik
