#include "serve/live_reload.h"

#include <algorithm>
#include <cctype>

#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {

std::string reload_script(uint64_t generation) {
  return "<script " + std::string(kInjectedMarker) + ">(function(){var g=" + std::to_string(generation) +
         ";if(!window.EventSource)return;var s=new EventSource(\"" + std::string(kEventsPath) +
         "\");s.addEventListener(\"build\",function(e){var d;try{d=JSON.parse(e.data);}catch(x){return;}"
         "if(d.generation!==g){s.close();location.reload();}});})();</script>\n";
}

std::string error_overlay(const std::vector<Diagnostic>& diagnostics, bool have_site) {
  size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) (d.severity == Severity::Error ? errors : warnings)++;
  std::string heading = "В материалах " + count_phrase(static_cast<int64_t>(errors), "ошибка", "ошибки", "ошибок");
  if (warnings) heading += " и " + count_phrase(static_cast<int64_t>(warnings), "предупреждение", "предупреждения", "предупреждений");
  heading += have_site ? ": сайт не пересобран, показана последняя удачная сборка." : ": сайт ещё не собран.";

  std::string out = "<div id=\"nastavnik-errors\" ";
  out += kInjectedMarker;
  out += " role=\"alert\" style=\"position:fixed;left:0;right:0;top:0;max-height:70vh;overflow:auto;z-index:2147483647;"
         "background:#fff4f4;color:#3b0000;border-bottom:4px solid #c40000;padding:1em 1.5em;"
         "font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;box-shadow:0 6px 24px rgba(0,0,0,.35)\">"
         "<button type=\"button\" onclick=\"this.parentNode.remove()\" aria-label=\"Скрыть\" "
         "style=\"float:right;font-size:1.4em;line-height:1;border:0;background:none;cursor:pointer;color:inherit\">×</button>"
         "<p style=\"margin:0 0 .5em;font-weight:bold;font-size:1.1em\">";
  out += html_escape(heading);
  out += "</p><ol style=\"margin:0;padding-left:1.5em\">";
  size_t shown = 0;
  for (const auto& d : diagnostics) {
    if (++shown > 200) {
      out += "<li>… и ещё " + std::to_string(diagnostics.size() - 200) + "</li>";
      break;
    }
    std::string where = d.path.empty() ? std::string("nastavnik") : d.path;
    if (d.pos.line > 0) {
      where += ':';
      where += std::to_string(d.pos.line);
      where += ':';
      where += std::to_string(d.pos.column > 0 ? d.pos.column : 1);
    }
    const bool error = d.severity == Severity::Error;
    out += "<li style=\"margin:.25em 0\"><code style=\"font-weight:bold\">";
    out += html_escape(where);
    out += "</code> <span style=\"color:";
    out += error ? "#c40000\">ошибка" : "#8a5a00\">предупреждение";
    out += "</span>: ";
    out += html_escape(d.message);
    out += "</li>";
  }
  out += "</ol><p style=\"margin:.5em 0 0\">Исправьте файлы и сохраните их — страница обновится сама.</p></div>\n";
  return out;
}

std::string error_page(const std::vector<Diagnostic>& diagnostics, uint64_t generation) {
  return "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Ошибки в материалах — nastavnik serve</title>"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"></head><body>\n" +
         error_overlay(diagnostics, false) + reload_script(generation) + "</body></html>\n";
}

std::string inject_before_body_end(std::string html, std::string_view snippet) {
  // The last "</body" in any letter case.
  size_t at = std::string::npos;
  for (size_t i = html.size(); i >= 6; --i) {
    size_t start = i - 6;
    if (html[start] != '<' || html[start + 1] != '/') continue;
    std::string tag = html.substr(start + 2, 4);
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (tag == "body") {
      at = start;
      break;
    }
  }
  if (at == std::string::npos) return html.append(snippet);
  html.insert(at, snippet);
  return html;
}

std::string build_event_json(uint64_t generation, bool ok, size_t errors, size_t warnings) {
  return "{\"generation\":" + std::to_string(generation) + ",\"ok\":" + (ok ? "true" : "false") + ",\"errors\":" + std::to_string(errors) +
         ",\"warnings\":" + std::to_string(warnings) + "}";
}

}  // namespace nastavnik
