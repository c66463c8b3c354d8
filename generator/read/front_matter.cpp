#include "read/front_matter.h"

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

bool split_front_matter(std::string_view text, FrontMatter& out, FrontMatterError& error) {
  size_t first_end = text.find('\n');
  std::string_view first = text.substr(0, first_end);
  if (!is_fence(first, "---")) {
    error.pos = {1, 1};
    // Blank lines (GitLab's editor and copy-paste add them) before a proper `---`.
    size_t content = text.find_first_not_of(" \t\n");
    if (content != std::string_view::npos && content > 0 && is_fence(text.substr(content, text.find('\n', content) - content), "---")) {
      error.message = "перед первой строкой --- есть пустые строки; удалите их: файл должен начинаться прямо со строки ---";
      return false;
    }
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
