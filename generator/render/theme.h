#pragma once
// A theme: Mustache templates, partials and static assets, from a folder or compiled into
// the binary. Partials are inlined when the theme loads, so each page kind is parsed once.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/mustache.h"

#include "core/diagnostics.h"
#include "editor/editor_files.h"

namespace nastavnik {


struct EmbeddedFile {
  std::string_view path;
  std::string_view bytes;
};
/// The default theme, generated at build time from themes/default.
const std::vector<EmbeddedFile>& embedded_theme();

class Theme {
 public:
  /// Loads the theme from `dir`, or the embedded default theme when `dir` is empty.
  /// Reports missing templates, missing or looping partials and syntax errors.
  static std::optional<Theme> load(const std::filesystem::path& dir, Diagnostics& diagnostics);

  /// Renders page kind `kind` (one of page_kinds()) inside the base layout. Safe to call
  /// from several threads.
  std::string render(const std::string& kind, const Data& data) const;

  /// Files under static/, copied to assets/ in the output: path → bytes.
  const std::map<std::string, std::string>& assets() const { return assets_; }
  /// Texts and settings from theme.yaml, available to templates as `theme.*`.
  const Data& settings() const { return settings_; }
  /// The colours of theme.yaml as CSS custom properties, ":root{--c-text:#1a1a1a;…}",
  /// for a <style> element in the layout.
  const std::string& colour_style() const { return style_; }
  const std::string& label() const { return label_; }
  /// A data file of the theme ("monitoring.yaml"): the theme's own, else the default
  /// theme's compiled in, else empty.
  std::string data_file(const std::string& path) const;

  static const std::vector<std::string>& page_kinds();

  /// Decap CMS's files, published beside the theme's (assets/decap-cms/) for the editor
  /// pages; none: the pages say the editor is not installed.
  void set_editor_files(std::optional<EditorFiles> files) { editor_ = std::move(files); }
  const std::optional<EditorFiles>& editor_files() const { return editor_; }

 private:
  std::map<std::string, Template> templates_;  ///< page kind → the layout with the page's template and partials inlined
  std::map<std::string, std::string> assets_;
  std::map<std::string, std::string> data_files_;
  Data settings_;
  std::string style_;
  std::string label_;  ///< where the theme came from, for messages
  std::optional<EditorFiles> editor_;
};

}  // namespace nastavnik
