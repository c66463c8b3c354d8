#pragma once
// The diagnostics of `nastavnik check` in the formats people and machines read:
// text for a terminal (path:line:column, optionally coloured), JSON, and the Code Climate
// JSON that GitLab shows as a Code Quality report in merge requests.
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace nastavnik {

/// One line of text: `path:line:column: ошибка: …`; with `colour`, ANSI colours for a
/// terminal (the path bold, «ошибка» red, «предупреждение» yellow).
std::string diagnostic_text(const Diagnostic& d, bool colour);

/// {"errors": N, "warnings": N, "diagnostics": [{severity, path, line, column, message}]}.
/// Paths stay relative to the content folder, as in the text format.
std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics);

/// A short machine name for the kind of problem, for Code Climate's check_name:
/// "nastavnik/required-field", "nastavnik/missing-file", ...
std::string diagnostic_check_name(const Diagnostic& d);

/// The path GitLab should show for a diagnostic: the content folder as the user gave it
/// ("content", "./content/") joined with the content-relative path ("content/school-1/x.md").
/// A path that is not in the content folder but exists as given (a theme's file,
/// "themes/default/templates/page.mustache") stays as it is; an empty path becomes the
/// content folder.
std::string repository_path(const std::string& content_folder, const std::string& path);

/// The Code Climate issues array (GitLab Code Quality): description, check_name,
/// fingerprint, severity (major for errors, minor for warnings), location.path (see
/// repository_path) and location.lines.begin. The fingerprint does not depend on the
/// line, so a problem keeps its fingerprint when lines above it move; identical problems
/// in one file are told apart by their order.
std::string diagnostics_codeclimate(const std::vector<Diagnostic>& diagnostics, const std::string& content_folder);

/// Hex of a 128-bit FNV-1a hash: a stable, dependency-free fingerprint.
std::string stable_hash_hex(const std::string& text);

}  // namespace nastavnik
