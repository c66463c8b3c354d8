#pragma once
// Each kind of content file read against its contract and checked by its own rules (a
// period that ends before it starts, a numerator above its denominator, …). What comes
// back is a validated record; nothing comes back after an error was reported.
#include <optional>
#include <string_view>
#include <vector>

#include "contract/records.h"
#include "contract/section.h"
#include "core/diagnostics.h"
#include "core/source_file.h"
#include "model/site.h"
#include "read/yaml.h"

namespace nastavnik {

/// Parses YAML that starts at `first_line` of `source`; reports a syntax error there.
std::optional<YamlNode> parse_yaml_at(const SourceFile& source, std::string_view yaml, int first_line, Diagnostics& diagnostics);

std::optional<SiteFile> load_site_file(const SourceFile& source, Diagnostics& diagnostics);
std::optional<OrgFile> load_org_file(const SourceFile& source, Diagnostics& diagnostics);
/// mentors.yaml: a list of mentors (an empty file is an empty list).
std::optional<std::vector<Field<MentorRecord>>> load_mentors_file(const SourceFile& source, Diagnostics& diagnostics);
std::optional<IndicatorsFile> load_indicators_file(const SourceFile& source, Diagnostics& diagnostics);
std::optional<RoadmapFile> load_roadmap_file(const SourceFile& source, Diagnostics& diagnostics);

/// A Markdown file cut into its checked front matter and its body.
struct MarkdownFile {
  Front front;
  std::string_view body;    ///< into the SourceFile's text
  int body_first_line = 1;
};
/// A file of a collection: front matter required.
std::optional<MarkdownFile> load_markdown_file(Section section, const SourceFile& source, Diagnostics& diagnostics);
/// _index.md: front matter optional (the whole file is Markdown then).
struct IndexFile {
  IndexFront front;
  std::string_view body;
  int body_first_line = 1;
};
std::optional<IndexFile> load_index_file(const SourceFile& source, Diagnostics& diagnostics);

/// The slug a file name gives: the date prefix dropped, Cyrillic transliterated.
std::string slug_from_file_name(std::string_view path);

}  // namespace nastavnik
