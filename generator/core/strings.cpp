#include "core/strings.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace nastavnik {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::string guillemets(std::string_view s) { return "«" + std::string(s) + "»"; }

size_t edit_distance(std::string_view a, std::string_view b) {
  auto x = code_points(a), y = code_points(b);
  std::vector<size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_distance) { best_distance = d; best = c; }
  }
  size_t limit = std::max<size_t>(2, utf8_length(word) / 3);
  return best_distance <= limit ? best : std::string();
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string truncate_words(std::string_view s, size_t max_chars) {
  if (utf8_length(s) <= max_chars) return std::string(s);
  size_t chars = 0, cut = 0, last_space = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_utf8_continuation(s[i])) {
      if (chars == max_chars) break;
      ++chars;
    }
    if (s[i] == ' ') last_space = i;
    cut = i + 1;
  }
  if (last_space > 0) cut = last_space;
  std::string out = trim(s.substr(0, cut));
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':' || out.back() == '-')) out.pop_back();
  return out + "…";
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string human_size(std::uintmax_t bytes) {
  char buf[64];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%ju Б", bytes);
  } else if ((bytes + 512) / 1024 < 1024) {
    std::snprintf(buf, sizeof buf, "%ju КБ", (bytes + 512) / 1024);
  } else {
    // One decimal, rounded half up, with a decimal comma.
    std::uintmax_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    std::snprintf(buf, sizeof buf, "%ju,%ju МБ", tenths / 10, tenths % 10);
  }
  return buf;
}

}  // namespace nastavnik
