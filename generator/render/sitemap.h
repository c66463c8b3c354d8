#pragma once
#include <string>

#include "model/site.h"
#include "plan/output_plan.h"

namespace nastavnik {

/// sitemap.xml (sitemaps.org 0.9) of every page of the plan that belongs there, with
/// absolute URLs.
std::string render_sitemap(const OutputPlan& plan);
/// robots.txt that allows everything and names the sitemap.
std::string render_robots(const OutputPlan& plan);

}  // namespace nastavnik
