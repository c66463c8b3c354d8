#include "load/front_matter.h"

namespace nastavnik {
namespace {

// A fence line: exactly `marker`, optionally followed by spaces.
bool is_fence(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) return false;
  for (char c : line.substr(marker.size())) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

}  // namespace

std::string normalise_text(std::string text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF) {
    text.erase(0, 3);
  }
  if (text.find('\r') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool split_front_matter(std::string_view text, FrontMatter& out, FrontMatterError& error) {
  size_t first_end = text.find('\n');
  std::string_view first = text.substr(0, first_end);
  if (!is_fence(first, "---")) {
    error.pos = {1, 1};
    if (text.empty()) {
      error.message = "файл пуст, добавьте в начало блок front matter: строку ---, поля (например, title: \"…\") и закрывающую строку ---";
    } else {
      error.message = "файл должен начинаться со строки ---, за которой идут поля front matter; добавьте в начало строку --- и закрывающую --- после полей";
    }
    return false;
  }
  if (first_end == std::string_view::npos) {
    error.pos = {1, 1};
    error.message = "блок front matter не закрыт, добавьте строку --- после последнего поля";
    return false;
  }
  size_t line_start = first_end + 1;
  int line = 2;
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    std::string_view current = text.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
    if (is_fence(current, "---") || is_fence(current, "...")) {
      out.yaml = text.substr(first_end + 1, line_start - (first_end + 1));
      out.yaml_offset = first_end + 1;
      size_t body_start = line_end == std::string_view::npos ? text.size() : line_end + 1;
      out.body = text.substr(body_start);
      out.body_first_line = line + 1;
      return true;
    }
    if (line_end == std::string_view::npos) break;
    line_start = line_end + 1;
    ++line;
  }
  error.pos = {1, 1};
  error.message = "блок front matter не закрыт, добавьте строку --- после последнего поля";
  return false;
}

}  // namespace nastavnik
