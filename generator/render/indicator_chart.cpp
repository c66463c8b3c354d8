#include "render/indicator_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

constexpr double kWidth = 640, kHeight = 280;
constexpr double kLeft = 56, kRight = 16, kTop = 36, kBottom = 44;
// Colours come from the theme's stylesheet through the classes (.bar, .target, .grid,
// .note), so that the schemes of the version for the visually impaired recolour the chart.

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::optional<double> fact_of(const Indicator& ind, const IndicatorValue& v) {
  if (ind.unit == IndicatorUnit::Count) return static_cast<double>(v.value);
  return share_percent(v.numerator, v.denominator);
}

std::string fact_label(const Indicator& ind, double fact) {
  if (ind.unit == IndicatorUnit::Percent) return format_percent(fact);
  return format_integer(static_cast<int64_t>(std::llround(fact)));
}

// A round upper bound for the axis whose four grid steps are whole round numbers:
// 4 × (1, 2, 5, 10 × 10^k).
double nice_ceiling(double v) {
  double step = std::max(1.0, v / 4);
  double magnitude = std::pow(10.0, std::floor(std::log10(step)));
  for (double s : {1.0, 2.0, 5.0, 10.0}) {
    if (s * magnitude >= step) return 4 * s * magnitude;
  }
  return 40 * magnitude;
}

}  // namespace

std::string indicator_chart_description(const Indicator& indicator, const std::vector<int>& years) {
  std::vector<std::string> parts;
  for (int year : years) {
    auto it = indicator.values.find(year);
    std::string part = std::to_string(year) + ": ";
    if (it == indicator.values.end()) {
      part += "нет данных";
    } else {
      auto fact = fact_of(indicator, it->second);
      part += "факт " + (fact ? fact_label(indicator, *fact) : std::string("нет данных"));
      std::string target = format_target(indicator.unit, it->second);
      if (!target.empty()) part += ", цель " + target;
    }
    parts.push_back(part);
  }
  return join(parts, "; ");
}

std::string indicator_chart_svg(const Indicator& indicator, const std::vector<int>& years, const std::string& element_id) {
  double max_value = indicator.unit == IndicatorUnit::Percent ? 100 : 0;
  if (indicator.unit == IndicatorUnit::Count) {
    for (const auto& [year, v] : indicator.values) {
      max_value = std::max(max_value, static_cast<double>(v.value));
      if (v.target) max_value = std::max(max_value, *v.target);
    }
    max_value = nice_ceiling(max_value);
  }
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto y_of = [&](double v) { return kTop + plot_h - plot_h * std::min(v, max_value) / max_value; };
  const std::string title_id = element_id + "-title", desc_id = element_id + "-desc";

  std::string svg = "<svg class=\"chart\" id=\"" + element_id + "\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) +
                    "\" role=\"img\" aria-labelledby=\"" + title_id + " " + desc_id + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<title id=\"" + title_id + "\">" + html_escape(indicator.title) + "</title>";
  svg += "<desc id=\"" + desc_id + "\">" + html_escape(indicator_chart_description(indicator, years)) + "</desc>";
  // Grid and axis labels; shared attributes sit on groups to keep the page light.
  std::string grid = "<g class=\"grid\">", axis = "<g class=\"small\" text-anchor=\"end\">";
  for (int i = 0; i <= 4; ++i) {
    double v = max_value * i / 4, y = y_of(v);
    grid += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(y) + "\" x2=\"" + num(kWidth - kRight) + "\" y2=\"" + num(y) + "\"/>";
    std::string label = indicator.unit == IndicatorUnit::Percent ? num(v) + "\u00A0%" : format_integer(static_cast<int64_t>(std::llround(v)));
    axis += "<text x=\"" + num(kLeft - 6) + "\" y=\"" + num(y + 4) + "\">" + label + "</text>";
  }
  svg += grid + "</g>" + axis + "</g>";
  // Legend: shapes and words, never colour alone.
  svg += "<rect class=\"bar\" x=\"" + num(kLeft) + "\" y=\"8\" width=\"14\" height=\"14\"/>";
  svg += "<text x=\"" + num(kLeft + 20) + "\" y=\"20\">Факт</text>";
  svg += "<line class=\"target\" x1=\"" + num(kLeft + 80) + "\" y1=\"15\" x2=\"" + num(kLeft + 110) + "\" y2=\"15\"/>";
  svg += "<text x=\"" + num(kLeft + 116) + "\" y=\"20\">Цель</text>";
  const double slot = plot_w / std::max<size_t>(1, years.size());
  const double bar = std::min(64.0, slot * 0.5);
  std::string bars, targets, labels = "<g text-anchor=\"middle\">";
  for (size_t i = 0; i < years.size(); ++i) {
    const double cx = kLeft + slot * (static_cast<double>(i) + 0.5);
    labels += "<text x=\"" + num(cx) + "\" y=\"" + num(kHeight - kBottom + 18) + "\">" + std::to_string(years[i]) + "</text>";
    auto it = indicator.values.find(years[i]);
    if (it == indicator.values.end()) {
      labels += "<text class=\"small note\" x=\"" + num(cx) + "\" y=\"" + num(kTop + plot_h - 6) + "\">нет данных</text>";
      continue;
    }
    if (auto fact = fact_of(indicator, it->second)) {
      double y = y_of(*fact);
      bars += "<rect class=\"bar\" x=\"" + num(cx - bar / 2) + "\" y=\"" + num(y) + "\" width=\"" + num(bar) + "\" height=\"" +
              num(kTop + plot_h - y) + "\"/>";
      labels += "<text class=\"small\" x=\"" + num(cx) + "\" y=\"" + num(std::max(kTop - 2, y - 6)) + "\">" + fact_label(indicator, *fact) + "</text>";
    }
    if (it->second.target) {
      double y = y_of(*it->second.target);
      targets += "<line class=\"target\" x1=\"" + num(cx - bar / 2 - 8) + "\" y1=\"" + num(y) + "\" x2=\"" + num(cx + bar / 2 + 8) + "\" y2=\"" + num(y) + "\"/>";
    }
  }
  svg += bars + targets + labels + "</g>";
  svg += "</svg>";
  return svg;
}

}  // namespace nastavnik
