#pragma once
// Every output of a site rendered into memory through the plan, the way write_site renders
// it into a sink: load_site, the body stage (load_text) of every published entry, the
// department's monitoring, OutputPlan::make, then render_output for each record (the theme's
// assets and the content's attachments are copied as they are). Each path is checked to
// stay inside the output folder and to be made once.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "build/load.h"
#include "core/diagnostics.h"
#include "fuzz_common.h"
#include "model/monitoring.h"
#include "model/site.h"
#include "plan/output_plan.h"
#include "read/content_source.h"
#include "render/render.h"
#include "render/theme.h"
#include "render/view.h"

namespace fuzz {

/// A site read and validated, with the texts of its published entries: what rendering needs
/// of the content.
struct LoadedContent {
  nastavnik::LoadedSite loaded;
  std::vector<nastavnik::EntryText> texts;  ///< by index of Site::entries
};

/// The site of `source`, or nothing when the content has errors (all in `diagnostics`).
inline std::optional<LoadedContent> load_content(const nastavnik::ContentSource& source, int64_t epoch,
                                                 nastavnik::Diagnostics& diagnostics) {
  using namespace nastavnik;
  BuildReport report;
  auto loaded = load_site(source, epoch, {1, nullptr}, diagnostics, report);
  if (!loaded) return std::nullopt;
  LoadedContent content{std::move(*loaded), {}};
  for (const auto& entry : content.loaded.site.entries) {
    content.texts.push_back(load_text(source, entry, content.loaded.people, diagnostics));
  }
  // Unpublished entries are checked too: a build refuses their errors.
  for (const auto& entry : content.loaded.unpublished) (void)load_text(source, entry, content.loaded.people, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return content;
}

/// Every output of `content` with `theme`: path → bytes.
inline std::map<std::string, std::string> render_site(const LoadedContent& content, const nastavnik::ContentSource& source,
                                                      const nastavnik::Theme& theme) {
  using namespace nastavnik;
  const Site& site = content.loaded.site;
  Diagnostics diagnostics;
  auto checklist = parse_checklist(theme.data_file("monitoring.yaml"), "monitoring.yaml", diagnostics);
  FUZZ_CHECK(checklist.has_value(), "the theme's monitoring.yaml does not load");
  const MonitoringReport monitoring = monitor(site, *checklist);
  // As build/build.cpp plans a site.
  PlanOptions options;
  options.monitoring = site.department_org() && !monitoring.rows.empty();
  for (const auto& [path, bytes] : theme.assets()) options.assets.push_back(path);
  const OutputPlan plan = OutputPlan::make(site, options);
  std::vector<const EntryText*> texts;
  for (const auto& text : content.texts) texts.push_back(&text);
  const RenderContext ctx{site, plan, theme, &monitoring, &texts};

  std::map<std::string, std::string> out;
  auto put = [&](const std::string& path, std::string bytes) {
    check_output_path(path);
    FUZZ_CHECK(out.emplace(path, std::move(bytes)).second, "two outputs at one path: " + path);
  };
  auto copy = [&](const std::string& from, const std::string& path) {
    std::string bytes;
    FUZZ_CHECK(source.read(from, UINTMAX_MAX, bytes) == ReadStatus::Ok, "an attachment that cannot be read: " + from);
    put(path, std::move(bytes));
  };
  for (const auto& r : plan.records()) {
    if (r.kind == OutputKind::Attachment) {
      copy(r.source, r.path);
    } else if (r.kind == OutputKind::Image) {
      put(r.path, {});  // encoded by the image store, which the image target fuzzes
    } else if (r.kind == OutputKind::Asset) {
      put(r.path, theme.assets().at(r.source));
    } else {
      put(r.path, render_output(ctx, r));
      if (r.kind == OutputKind::Entry) {
        for (const auto& a : content.texts[r.entry].attachments) {
          if (!a.picture) copy(a.source, r.route + a.file_name);
          for (const auto& v : a.picture ? picture_variants(*a.picture) : std::vector<PictureVariant>()) {
            put(r.route + variant_file_name(a.stem, v), {});
          }
        }
      }
    }
  }
  return out;
}

}  // namespace fuzz
