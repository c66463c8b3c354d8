#include "render/indicator_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/strings.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

// Lengths: across in % of the chart's width, down in em of its text. The text then keeps
// the style sheet's size on any screen (a viewBox would scale it down with the chart: 7 px
// on a phone) and grows with the text size of the version for the visually impaired; the
// bars stretch to the width. One row per year: its label and value, the bar beneath.
constexpr double kLegend = 2.2;  // em: the legend above the rows
constexpr double kRow = 3;       // em per year
constexpr double kAxis = 1.7;    // em: the scale below
// Colours come from the theme's stylesheet through the classes (.bar, .target, .grid,
// .note), so that the schemes of the version for the visually impaired recolour the chart.

std::string em(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "em";
}

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
  auto x_of = [&](double v) { return num(100 * std::clamp(v, 0.0, max_value) / max_value) + "%"; };
  auto scale_label = [&](double v) {
    return indicator.unit == IndicatorUnit::Percent ? num(v) + "\u00A0%" : format_integer(static_cast<int64_t>(std::llround(v)));
  };
  const double rows_end = kLegend + kRow * static_cast<double>(years.size());
  const std::string title_id = element_id + "-title", desc_id = element_id + "-desc";

  std::string svg = "<svg class=\"chart\" id=\"" + element_id + "\" width=\"100%\" height=\"" + em(rows_end + kAxis) +
                    "\" role=\"img\" aria-labelledby=\"" + title_id + " " + desc_id + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<title id=\"" + title_id + "\">" + html_escape(indicator.title) + "</title>";
  svg += "<desc id=\"" + desc_id + "\">" + html_escape(indicator_chart_description(indicator, years)) + "</desc>";
  // The grid: quarters of the scale, across every row; the text is drawn over it with a
  // halo of the background. Shared attributes sit on groups to keep the page light.
  svg += "<g class=\"grid\">";
  for (int i = 0; i <= 4; ++i) {
    const std::string x = x_of(max_value * i / 4);
    svg += "<line x1=\"" + x + "\" y1=\"" + em(kLegend + 1.2) + "\" x2=\"" + x + "\" y2=\"" + em(rows_end) + "\"/>";
  }
  svg += "</g>";
  // Legend: shapes and words, never colour alone.
  svg += "<rect class=\"bar\" x=\"0\" y=\"" + em(0.3) + "\" width=\"" + em(1) + "\" height=\"" + em(1) + "\"/>";
  svg += "<text x=\"" + em(1.4) + "\" y=\"" + em(1.15) + "\">Факт</text>";
  svg += "<line class=\"target\" x1=\"" + em(5) + "\" y1=\"" + em(0.1) + "\" x2=\"" + em(5) + "\" y2=\"" + em(1.5) + "\"/>";
  svg += "<text x=\"" + em(5.5) + "\" y=\"" + em(1.15) + "\">Цель</text>";
  std::string bars, targets, labels = "<g>", values = "<g text-anchor=\"end\">";
  for (size_t i = 0; i < years.size(); ++i) {
    const double top = kLegend + kRow * static_cast<double>(i);
    labels += "<text x=\"0\" y=\"" + em(top + 1) + "\">" + std::to_string(years[i]) + "</text>";
    auto it = indicator.values.find(years[i]);
    auto fact = it == indicator.values.end() ? std::nullopt : fact_of(indicator, it->second);
    if (!fact) {
      values += "<text class=\"note\" x=\"100%\" y=\"" + em(top + 1) + "\">нет данных</text>";
    } else {
      bars += "<rect class=\"bar\" x=\"0\" y=\"" + em(top + 1.4) + "\" width=\"" + x_of(*fact) + "\" height=\"" + em(1) + "\"/>";
      values += "<text x=\"100%\" y=\"" + em(top + 1) + "\">" + fact_label(indicator, *fact) + "</text>";
    }
    if (it != indicator.values.end() && it->second.target) {
      const std::string x = x_of(*it->second.target);
      targets += "<line class=\"target\" x1=\"" + x + "\" y1=\"" + em(top + 1.15) + "\" x2=\"" + x + "\" y2=\"" + em(top + 2.65) + "\"/>";
    }
  }
  svg += bars + targets + labels + "</g>" + values + "</g>";
  // The scale: its ends and its middle.
  const std::string axis_y = em(rows_end + 1.15);
  svg += "<text x=\"0\" y=\"" + axis_y + "\">0</text>";
  svg += "<text x=\"50%\" y=\"" + axis_y + "\" text-anchor=\"middle\">" + scale_label(max_value / 2) + "</text>";
  svg += "<text x=\"100%\" y=\"" + axis_y + "\" text-anchor=\"end\">" + scale_label(max_value) + "</text>";
  svg += "</svg>";
  return svg;
}

}  // namespace nastavnik
