#include "plan/routes.h"

namespace nastavnik::routes {
namespace {
std::string join(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + b.size() + 1);
  out.append(a);
  out += '/';
  out.append(b);
  return out;
}
}  // namespace

std::string org(std::string_view org_id) { return std::string(org_id) + "/"; }
std::string section(std::string_view org_id, Section s) { return join(org_id, section_id(s)) + "/"; }
std::string entry(std::string_view org_id, Section s, std::string_view slug) {
  return s == Section::Pages ? join(org_id, slug) + "/" : section(org_id, s) + std::string(slug) + "/";
}
std::string list_page(std::string_view list, size_t page) {
  return page <= 1 ? std::string(list) : std::string(list) + "page/" + std::to_string(page) + "/";
}
std::string feed(std::string_view page) { return std::string(page) + "rss.xml"; }
std::string mentors(std::string_view org_id) { return join(org_id, "mentors/"); }
std::string indicators(std::string_view org_id) { return join(org_id, "indicators/"); }
std::string indicators_data(std::string_view org_id, std::string_view extension) {
  return join(org_id, "indicators.") + std::string(extension);
}
std::string indicator_totals_data(std::string_view org_id, std::string_view extension) {
  return join(org_id, "indicators-total.") + std::string(extension);
}
std::string roadmap(std::string_view org_id) { return join(org_id, "roadmap/"); }
std::string calendar(std::string_view org_id) { return roadmap(org_id) + "roadmap.ics"; }
std::string monitoring(std::string_view org_id) { return join(org_id, "monitoring/"); }
std::string editor(std::string_view org_id) { return org_id.empty() ? std::string("admin/") : join(org_id, "admin/"); }
std::string editor_config(std::string_view org_id) { return editor(org_id) + "config.yml"; }

std::string file_of(std::string_view route) {
  if (route.empty() || route.back() == '/') return std::string(route) + "index.html";
  return std::string(route);
}

const std::vector<std::string>& portal_segments() {
  static const std::vector<std::string> segments = {"news", "orgs", "practices", "assets", "monitoring", "accessibility", "page", "files", "admin",
                                                    "search"};
  return segments;
}

const std::vector<std::string>& org_segments() {
  static const std::vector<std::string> segments = {"news",  "documents", "orders",     "stories", "practices",  "pages",        "mentors",
                                                    "files", "page",      "indicators", "roadmap", "monitoring", "accessibility", "admin"};
  return segments;
}

}  // namespace nastavnik::routes
