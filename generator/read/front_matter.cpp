#include "read/front_matter.h"

#include "core/utf8.h"

namespace nastavnik {
namespace {

constexpr size_t npos = std::string_view::npos;

// A fence line: exactly `marker`, optionally followed by spaces.
bool is_fence(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) return false;
  for (char c : line.substr(marker.size())) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// A line Word made of `---`: dashes of any kind (its autocorrect turns hyphens into — and –),
// at least one of them not a hyphen, from the start of the line, then nothing but spaces.
// Returns the first dash that is not a hyphen, for the message; empty when the line is
// something else.
std::string_view dash_fence(std::string_view line) {
  std::string_view first;
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '-') {
      ++i;
      continue;
    }
    size_t length = 0;
    for (std::string_view d : {"\u2014", "\u2013", "\u2212", "\u2010", "\u2011", "\u2012", "\u2015"}) {
      if (line.substr(i, d.size()) == d) length = d.size();
    }
    if (length == 0) break;
    if (first.empty()) first = line.substr(i, length);
    i += length;
  }
  for (; i < line.size(); ++i) {
    if (line[i] != ' ' && line[i] != '\t') return {};
  }
  return first;
}

std::string dash_fence_message(std::string_view dash, bool opening) {
  return std::string(opening ? "первая строка файла" : "строка, закрывающая поля,") +
         " должна состоять из трёх дефисов ---, а в ней знак «" + std::string(dash) +
         "» (так Word заменяет дефисы тире); напишите ---";
}

// Where the text starts after blank lines and spaces of any kind, and whether a line break
// was among them.
size_t skip_leading_blanks(std::string_view text, bool& blank_lines) {
  size_t content = 0;
  blank_lines = false;
  for (size_t space; content < text.size();) {
    if (text[content] == '\n') blank_lines = true;
    if (text[content] == ' ' || text[content] == '\t' || text[content] == '\n') {
      ++content;
    } else if ((space = unicode_space_at(text, content)) > 0) {
      content += space;
    } else {
      break;
    }
  }
  return content;
}

std::string_view line_at(std::string_view text, size_t begin) {
  const size_t end = text.find('\n', begin);
  return text.substr(begin, end == npos ? npos : end - begin);
}

}  // namespace

bool starts_with_front_matter(std::string_view text) {
  bool blank_lines = false;
  const std::string_view first = line_at(text, skip_leading_blanks(text, blank_lines));
  return is_fence(first, "---") || !dash_fence(first).empty();
}

bool split_front_matter(std::string_view text, FrontMatter& out, FrontMatterError& error) {
  size_t first_end = text.find('\n');
  std::string_view first = text.substr(0, first_end);
  if (!is_fence(first, "---")) {
    error.pos = {1, 1};
    // What stands before a proper `---`: blank lines (GitLab's editor and copy-paste add
    // them), spaces of any kind, or both.
    bool blank_lines = false;
    const size_t content = skip_leading_blanks(text, blank_lines);
    const std::string_view content_line = line_at(text, content);
    const std::string_view dash = dash_fence(content_line);
    if (content > 0 && content < text.size() && (is_fence(content_line, "---") || !dash.empty())) {
      error.message = std::string(blank_lines ? "перед первой строкой --- есть пустые строки"
                                              : "перед --- в первой строке стоят пробелы") +
                      "; удалите их: файл должен начинаться прямо со строки ---";
      return false;
    }
    if (!dash.empty()) {
      error.message = dash_fence_message(dash, true);
      return false;
    }
    if (text.empty()) {
      error.message = "файл пуст, добавьте в начало шапку файла: строку ---, поля (например, title: \"…\") и закрывающую строку ---";
    } else {
      error.message = "файл должен начинаться со строки ---, за которой идут поля шапки файла; добавьте в начало строку --- и закрывающую --- после полей";
    }
    return false;
  }
  if (first_end == std::string_view::npos) {
    error.pos = {1, 1};
    error.message = "шапка файла не закрыта, добавьте строку --- после последнего поля";
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
    // `—` where the closing `---` should be: YAML would read on into the text below.
    if (std::string_view dash = dash_fence(current); !dash.empty()) {
      error.pos = {line, 1};
      error.message = dash_fence_message(dash, false);
      return false;
    }
    if (line_end == std::string_view::npos) break;
    line_start = line_end + 1;
    ++line;
  }
  error.pos = {1, 1};
  error.message = "шапка файла не закрыта, добавьте строку --- после последнего поля";
  return false;
}

}  // namespace nastavnik
