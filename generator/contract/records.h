#pragma once
// What each kind of content file holds, as typed records. The keys, types and Russian
// descriptions live in one place, contract/declarations.cpp, which binds every key to a
// member here; reading, validation, the field reference, the `new` templates and the
// editor's forms are all derived from those declarations.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contract/field.h"
#include "core/date.h"

namespace nastavnik {

// ------------------------------------------------------------------ site.yaml --

/// Where the browser editor (Decap CMS, editor/decap_config.h) commits: the GitLab project
/// and the application its editors log in with.
struct EditorRecord {
  Text repo;     ///< the GitLab project: "group/project"
  Text gitlab;   ///< the GitLab's address: https://gitlab.com/ or a self-managed one
  Text app_id;   ///< the id of the GitLab application (OAuth, PKCE)
  Text branch;   ///< the branch it publishes to: main by default
  Text content;  ///< the content folder in the repository: content by default
};

struct SiteFile {
  Text title;
  Text base_url;
  Text department;
  Text description;
  Text timezone;
  Field<EditorRecord> editor;
  Field<bool> ocr;
};

// ---------------------------------------------------------------- people --

/// A named person: a curator, a story's mentor or mentee. 152-ФЗ: the name is published
/// only with consent.
struct PersonRecord {
  Text name;
  Text position;
  Text email;
  Text phone;
  Field<bool> consent;
  Field<bool> minor;
};

// ------------------------------------------------------------- org.yaml --

struct OrgFile {
  Text name;
  Text short_name;
  Text kind;
  Text city;
  Text site;
  Text emblem;  ///< files/gerb.png: the tab's icon and the picture of its links in messengers
  Field<PersonRecord> curator;
  TextList forms;
  TextList namesakes;
};

// ---------------------------------------------------------- Markdown files --

/// Keys every Markdown file may carry (title and date are declared per kind: required in
/// some, optional or absent in others).
struct FrontBase {
  Text title;
  Field<Date> date;
  Field<bool> draft;
  Text summary;
  TextList tags;
  Text image;
  Text slug;
  TextList namesakes;  ///< names in this file that are other people than a hidden person
};

struct IndexFront : FrontBase {};
struct NewsFront : FrontBase {};

struct DocumentFront : FrontBase {
  Text type;
  Text number;
  Text approved_by;
  Text file;
  Field<Date> valid_until;
};

struct OrderFront : FrontBase {
  Text number;
  Text issuer;
  Text topic;
  Text file;
};

struct PeriodRecord {
  Field<Date> from;
  Field<Date> to;
};

struct StoryFront : FrontBase {
  Text form;
  Text model;
  Field<PersonRecord> mentor;
  Field<PersonRecord> mentee;
  Field<PeriodRecord> period;
  TextList results;
  TextList photos;
};

struct PracticeFront : FrontBase {
  Text form;
  TextList authors;
  TextList results;
  TextList files;
  Field<bool> featured;
};

struct PageFront : FrontBase {
  Field<int64_t> weight;
};

// ---------------------------------------------------------- mentors.yaml --

struct MentorRecord {
  Text name;
  Text position;
  TextList forms;
  Text role;
  Text photo;
  Field<bool> consent;
  TextList namesakes;
};

// -------------------------------------------------------- indicators.yaml --

struct IndicatorValueRecord {
  Field<int64_t> numerator;
  Field<int64_t> denominator;
  Field<int64_t> value;
  Field<double> target;
};

struct IndicatorRecord {
  Text id;
  Text title;
  Text unit;
  /// By year, in file order; the key's position is the year's.
  std::vector<std::pair<Field<int>, Field<IndicatorValueRecord>>> values;
};

struct IndicatorsFile {
  Text title;
  std::vector<Field<int64_t>> years;
  std::vector<Field<IndicatorRecord>> indicators;
  TextList namesakes;
};

// ----------------------------------------------------------- roadmap.yaml --

struct RoadmapItemRecord {
  Text id;
  Text title;
  Text when;
  Field<Date> start;
  Field<Date> end;
  TextList responsible;
  Text result;
  Text status;
};

struct RoadmapSectionRecord {
  Text title;
  std::vector<Field<RoadmapItemRecord>> items;
};

struct RoadmapFile {
  Text title;
  Text approved_by;
  std::vector<Field<RoadmapSectionRecord>> sections;
  TextList namesakes;
};

}  // namespace nastavnik
