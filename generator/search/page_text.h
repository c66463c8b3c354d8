#pragma once
// What the search knows of a page: read from the page as the build rendered it, so that the
// index holds exactly what a reader sees there (a name without consent, never on a page, is
// never in the index). The theme marks a searchable page's <main> with data-search-body and
// its organisation, collection and date (data-search-org, -collection, -date); elements
// with data-search-ignore (the date line, an organisation's lists of other pages) are left
// out, as are scripts and styles.
#include <optional>
#include <string>
#include <string_view>

namespace nastavnik::search {

/// How much of a page's text is tidied (runs of white space as one space): more than an
/// excerpt shows (search/index.h, kExcerptSource) with the title before it.
inline constexpr size_t kTidyText = 8192;

struct PageText {
  std::string title;       ///< the text of the page's first <h1>
  std::string org;         ///< data-search-org
  std::string collection;  ///< data-search-collection
  std::string date;        ///< data-search-date: the date as the page shows it, or empty
  /// The text of <main>, the title first, blocks parted by a space; in at least its first
  /// kTidyText bytes runs of white space are one space, past them white space stands as in
  /// the page (it parts the words all the same).
  std::string text;
};

/// The search's view of `html`, or nothing when its <main> is not marked searchable.
std::optional<PageText> page_text(std::string_view html);
/// The same into `page`, whose strings keep their memory from page to page; false when
/// <main> is not marked searchable.
bool page_text(std::string_view html, PageText& page);

/// `text` with the character references HTML escapes text and attributes with (&amp;,
/// &lt;, &gt;, &quot;, &#39;, &nbsp;, numeric ones) decoded; others are left as written.
std::string decode_html_text(std::string_view text);

}  // namespace nastavnik::search
