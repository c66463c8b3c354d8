#pragma once
// The first stage: find what the content folder holds and read text files safely.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/source_file.h"
#include "model/site.h"

namespace nastavnik {

/// Text files larger than this are refused: no real news item or order comes close, and a
/// huge file is far more likely a mistake (a PDF saved as .md).
constexpr std::uintmax_t kMaxTextFileBytes = 4 * 1024 * 1024;
/// Lines longer than this are refused: no editor writes them, and a file of one 4 MiB line
/// is either generated or pasted by mistake (and slows every parser down).
constexpr size_t kMaxLineBytes = 64 * 1024;

struct OrgFolder {
  std::string id;
  std::filesystem::path dir;
  bool has_org_yaml = false;
  bool has_index = false;
  bool has_mentors = false;
  bool has_indicators = false;
  bool has_roadmap = false;
  /// Markdown files of each section, paths relative to the content folder, sorted.
  std::array<std::vector<std::string>, kSectionCount> markdown;
};

struct ContentTree {
  std::filesystem::path root;  ///< canonical
  bool has_site_yaml = false;
  std::vector<OrgFolder> orgs;  ///< sorted by folder name
};

/// Lists the content folder, reporting unknown folders and files (with the nearest known
/// name), names that cannot become URLs and links that leave the folder.
ContentTree scan_content(const std::filesystem::path& root, Diagnostics& diagnostics);

/// Reads `relative` (to the content root) as UTF-8 text with the BOM stripped and line ends
/// normalised; reports invalid UTF-8, NUL bytes and oversized files.
std::optional<SourceFile> read_source(const std::filesystem::path& root, const std::string& relative,
                                      Diagnostics& diagnostics);

/// The checks of read_source on bytes already in memory: NUL bytes, invalid UTF-8, control
/// characters other than tab and line ends (they are invalid in XML and invisible in an
/// editor), lines over kMaxLineBytes. The text comes back with the BOM stripped and line
/// ends normalised; nothing after reporting what is wrong under `relative`.
std::optional<SourceFile> decode_source(const std::string& relative, std::string bytes, Diagnostics& diagnostics);

/// The first character that has no place in a content text: a control character other than
/// tab, LF and CR (C0, DEL, C1), U+FFFE/U+FFFF, or an invisible format character (U+200B,
/// U+2028, U+2029, the bidirectional controls, U+FEFF). `s` must be valid UTF-8. Returns its byte
/// offset and code point.
std::optional<std::pair<size_t, char32_t>> find_forbidden_character(std::string_view s);
/// «U+000B», for messages.
std::string code_point_name(char32_t c);

/// True when `path`, with every symlink followed, is inside `root` (both canonical).
bool is_inside(const std::filesystem::path& root, const std::filesystem::path& path);

}  // namespace nastavnik
