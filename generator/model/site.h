#pragma once
// The site model: what the content says, after validation. Built once by SiteBuilder;
// every renderer takes it const.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "model/indicators.h"
#include "model/roadmap.h"

namespace nastavnik {

/// A named person in a story, a curator or a mentor. 152-ФЗ: the name is published only
/// with consent.
struct Person {
  std::string name;
  std::string position;
  std::string email;
  std::string phone;
  bool consent = false;
  bool minor = false;
  bool present = false;  ///< the content mentions this person at all

  /// The name when it may be published, otherwise empty.
  std::string public_name() const { return consent ? name : std::string(); }
};

/// A file from an organisation's files/ folder that a page links; it is copied next to
/// that page.
struct Attachment {
  std::filesystem::path source;  ///< absolute path on disk
  std::string file_name;         ///< name in the output, next to the page
  std::string format;            ///< «PDF», «DOCX», «JPG»
  std::uintmax_t size = 0;
  bool image = false;
};

enum class Section { News, Documents, Orders, Stories, Practices, Pages };
constexpr size_t kSectionCount = 6;
/// URL segment and folder name: "news", "documents", ...
const char* section_id(Section s);
/// «Новости», «Документы», ...
const char* section_title(Section s);
constexpr std::array<Section, kSectionCount> kAllSections = {Section::News, Section::Documents, Section::Orders,
                                                              Section::Stories, Section::Practices, Section::Pages};

struct DocumentInfo {
  std::string type;
  std::string number;
  std::string approved_by;
  std::optional<Date> valid_until;
  int file = -1;  ///< index into Entry::attachments
};

struct OrderInfo {
  std::string number;
  std::string issuer;
  std::string topic;
  int file = -1;
};

struct StoryInfo {
  std::string form;
  std::string model;
  Person mentor;
  Person mentee;
  std::optional<Date> from;
  std::optional<Date> to;
  std::vector<std::string> results;
  std::vector<int> photos;
};

struct PracticeInfo {
  std::string form;
  std::vector<std::string> authors;
  std::vector<std::string> results;
  std::vector<int> files;
  bool featured = false;
};

struct PageInfo {
  int64_t weight = 0;
};

/// One Markdown file of a collection.
struct Entry {
  Section section = Section::News;
  std::string org;          ///< organisation folder
  std::string source_path;  ///< relative to the content folder
  std::string slug;
  Position slug_pos;        ///< where the slug comes from (front matter or line 1)
  std::string title;
  std::optional<Date> date;
  bool draft = false;
  std::string summary;  ///< plain text
  std::vector<std::string> tags;
  int image = -1;
  std::string body_html;
  std::string body_text;  ///< the Markdown source of the body, for privacy checks
  int body_first_line = 1;
  std::vector<Attachment> attachments;
  std::variant<std::monostate, DocumentInfo, OrderInfo, StoryInfo, PracticeInfo, PageInfo> details;

  // Filled by the site builder:
  std::string url;  ///< relative to the site root, ends with '/': "school-1/news/slug/"
  std::string sort_key;

  template <class T> const T& as() const { return std::get<T>(details); }
};

struct Mentor {
  Person person;
  std::vector<std::string> forms;
  std::string role;
  int photo = -1;  ///< index into Organisation::mentor_files
};

struct Organisation {
  std::string id;  ///< folder name, also the URL segment
  std::string name;
  std::string short_name;
  std::string kind;
  std::string city;
  std::string site;
  Person curator;
  std::vector<std::string> forms;

  std::string intro_title;
  std::string intro_html;
  std::string intro_text;      ///< the Markdown source of _index.md's body, for privacy checks
  int intro_first_line = 1;
  std::vector<Attachment> intro_files;  ///< attachments linked from _index.md, copied to the tab
  int intro_image = -1;                 ///< `image:` of _index.md, index into intro_files
  std::vector<Mentor> mentors;
  std::vector<Attachment> mentor_files;  ///< copied next to the mentors page
  bool has_mentors_file = false;
  std::optional<IndicatorTable> indicators;
  std::optional<Roadmap> roadmap;

  /// Published entries of each section, indices into Site::entries, newest first
  /// (pages: by weight, then title).
  std::array<std::vector<size_t>, kSectionCount> sections;
  std::string sort_key;
};

struct Site {
  std::string title;
  std::string base_url;   ///< absolute, ends with '/'
  std::string description;
  std::string timezone = "Europe/Moscow";
  std::string department;  ///< org id, may be empty
  Date today;

  std::vector<Organisation> orgs;  ///< department first, then by Russian collation of short_name
  std::vector<Entry> entries;      ///< every published entry

  const Organisation* find_org(const std::string& id) const;
  const Organisation* department_org() const { return find_org(department); }
  /// Every published news item of the portal, newest first.
  std::vector<size_t> all_news;
  /// Featured practices from every organisation, newest first.
  std::vector<size_t> featured_practices;
  /// Every indicator id summed over the organisations, for the department's page.
  std::vector<IndicatorSummary> indicator_summaries;
};

}  // namespace nastavnik
