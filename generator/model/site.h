#pragma once
// The site model: what the content says, after validation. Built once by the site builder
// (model/site_builder.h); everything after it takes the model const.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "contract/records.h"
#include "contract/section.h"
#include "core/date.h"
#include "document/signature.h"
#include "document/text.h"
#include "image/picture.h"
#include "model/indicators.h"
#include "model/roadmap.h"

namespace nastavnik {

/// The name of a person when it may be published (152-ФЗ: with consent), otherwise empty.
inline std::string public_name(const PersonRecord& p) { return p.consent.value ? p.name.value : std::string(); }

/// A file from an organisation's files/ folder that a page links; it is published next to
/// that page.
struct Attachment {
  std::string source;     ///< path in the content folder, symlinks resolved
  std::string file_name;  ///< name in the output, next to the page
  std::string format;     ///< «PDF», «DOCX», «JPG»
  std::uintmax_t size = 0;
  bool image = false;
  /// A photo (image/store.h): never copied, but published re-encoded in the sizes of
  /// picture_variants, named `<stem>-<width>.webp` and so on; `file_name` is then its
  /// largest fallback ("pair-1440.jpg"), what a plain link to it opens. Shared by every
  /// page that shows the same file.
  std::shared_ptr<const Picture> picture;
  std::string stem;
  /// A document's text and page count (PDF, DOCX, ODT): shown under its link, searched,
  /// read for names. Shared by every page that links the same file.
  std::shared_ptr<const DocumentText> document;
  /// The detached electronic signature beside the file (`prikaz.pdf.sig`), checked against it
  /// (document/signature.h), and the file it is read from; published beside the file as
  /// `<file_name><signature_extension>`.
  std::shared_ptr<const SignatureCheck> signature;
  std::string signature_source;
  std::string signature_extension;  ///< ".sig" or ".p7s", as uploaded
  std::string linked_in;  ///< the file that names it, and where: a photo that fails to encode is reported there
  Position linked_at;
};

/// Rendered Markdown. Relative link targets (attachments next to the page, other pages)
/// are preceded by kLinkBase, which each output replaces by the base that fits it: nothing
/// on the page itself, the page's absolute URL in a feed, the organisation's folder when
/// the department's tab is the portal's home page.
struct Body {
  static constexpr char kLinkBase = '\x01';
  std::string html;
  /// The HTML with every kLinkBase replaced by `base`.
  std::string with_base(std::string_view base) const;
};

using Front = std::variant<NewsFront, DocumentFront, OrderFront, StoryFront, PracticeFront, PageFront>;

/// What the body stage makes of an entry's Markdown: shown by its page and its feeds, and
/// (the summary) by every list. Kept apart from the Site, which is const once built: texts
/// are made organisation by organisation while the outputs are written, and a body is
/// released once every output that shows it is written, so memory does not grow with the
/// site.
struct EntryText {
  std::string summary;                  ///< plain text: the summary field or the first paragraph, shortened
  Body body;
  std::vector<Attachment> attachments;  ///< every file the page publishes: the front matter's, then the body's
};

/// One Markdown file of a collection.
struct Entry {
  Section section = Section::News;
  std::string org;          ///< organisation folder
  std::string source_path;  ///< relative to the content folder
  std::uintmax_t source_size = 0;  ///< bytes when its front matter was read and the whole file checked
  std::string slug;
  Position slug_pos;        ///< where the slug comes from (the slug field, or 1:1 for the file name)
  uint8_t slug_suffix = 0;  ///< characters give_recurring_addresses appended to the slug ("-2025")
  std::string url;          ///< the route of its page: "school-1/news/slug/"
  Front front;
  std::vector<Attachment> attachments;  ///< the files the front matter names; the body's are in EntryText
  int image = -1;           ///< the `image` field, index into attachments
  int file = -1;            ///< a document's or order's `file`
  std::vector<int> photos;  ///< a story's photos
  std::vector<int> files;   ///< a practice's files
  std::string sort_key;     ///< newest first (pages: by weight), then title, then path

  const FrontBase& base() const;
  const std::string& title() const { return base().title.value; }
  std::optional<Date> date() const;
  bool draft() const { return base().draft.value; }
  template <class T> const T& as() const { return std::get<T>(front); }
};

struct Mentor {
  MentorRecord record;
  int photo = -1;  ///< index into Organisation::mentor_files; only with consent
};

/// The tab's own text (_index.md), kept whole: the tab and the home page show it.
struct Intro {
  std::string title;
  Body body;
  std::vector<Attachment> files;  ///< published in the organisation's folder
  int image = -1;
};

struct Organisation {
  std::string id;  ///< folder name, also the URL segment
  OrgFile card;
  Intro intro;
  std::vector<Mentor> mentors;
  std::vector<Attachment> mentor_files;  ///< published next to the mentors page
  std::vector<Attachment> emblem;        ///< org.yaml's emblem (none or one), published in the organisation's folder
  bool has_mentors_file = false;
  std::optional<IndicatorTable> indicators;
  std::optional<Roadmap> roadmap;

  /// Published entries of each section, indices into Site::entries, newest first
  /// (pages: by weight, then title).
  std::array<std::vector<size_t>, kSectionCount> sections;
  std::string sort_key;

  const std::string& name() const { return card.name.value; }
  const std::string& short_name() const { return card.short_name.value; }
  const std::string& kind() const { return card.kind.value; }
  const std::vector<size_t>& in(Section s) const { return sections[index_of(s)]; }
};

struct Site {
  std::string title;
  std::string base_url;     ///< the portal's address: absolute, ends with '/'
  /// `build --org`: only this organisation's section is written, to be published at
  /// section_url (the school's own site, absolute, ends with '/'); links to the portal and
  /// to other organisations then point to base_url. Empty: the whole portal.
  std::string section_org, section_url;
  /// The stemmer script the search index publishes for the browser (`build --search-index`,
  /// search/index.h); empty: this build writes no index, and the search page says so.
  std::string search_stemmer;
  std::string description;
  std::string timezone = "Europe/Moscow";
  std::string department;   ///< org id, may be empty
  EditorRecord editor;      ///< site.yaml's editor: where the browser editor commits
  Date today;

  std::vector<Organisation> orgs;  ///< department first, then by kind and Russian collation of short_name
  std::vector<Entry> entries;      ///< every published entry, by organisation, then newest first

  /// Every published news item of the portal, newest first.
  std::vector<size_t> all_news;
  /// Featured practices from every organisation, newest first.
  std::vector<size_t> featured_practices;
  /// Every indicator id summed over the organisations, for the department's page.
  std::vector<IndicatorSummary> indicator_summaries;

  const Organisation* find_org(std::string_view id) const;
  const Organisation* department_org() const { return find_org(department); }
  bool is_department(const Organisation& org) const { return !department.empty() && org.id == department; }
};

}  // namespace nastavnik
