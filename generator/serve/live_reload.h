#pragma once
// What `nastavnik serve` adds to the HTML it sends (never to files on disk): a script that
// listens for rebuilds over server-sent events and reloads the page, and, while the
// content has errors, a panel listing them over the last good page.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace nastavnik {

/// The path of the server-sent events stream: one `build` event per finished build.
inline constexpr std::string_view kEventsPath = "/__nastavnik/events";
/// The path of a JSON summary of the current state (generation, ok, diagnostics).
inline constexpr std::string_view kStatusPath = "/__nastavnik/status";
/// Marks everything serve injects, so that tests can tell it apart from the site.
inline constexpr std::string_view kInjectedMarker = "data-nastavnik-serve";

/// The reload script for a page rendered at `generation`.
std::string reload_script(uint64_t generation);

/// A panel listing the diagnostics of a failed build, in Russian; `have_site` says whether
/// an earlier build is being shown under it.
std::string error_overlay(const std::vector<Diagnostic>& diagnostics, bool have_site);

/// A whole page for when no build has succeeded yet: the overlay and the reload script.
std::string error_page(const std::vector<Diagnostic>& diagnostics, uint64_t generation);

/// `html` with `snippet` inserted before the last `</body>` (any case), or appended when
/// there is none.
std::string inject_before_body_end(std::string html, std::string_view snippet);

/// The `data:` of a build event: {"generation":N,"ok":true|false,"errors":N,"warnings":N}.
std::string build_event_json(uint64_t generation, bool ok, size_t errors, size_t warnings);

}  // namespace nastavnik
