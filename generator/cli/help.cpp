#include "cli/help.h"

#include <sstream>

namespace nastavnik {
namespace {

constexpr size_t kColumn = 34;

// CLI::detail::format_help, padding by characters.
std::string help_line(std::string name, const std::string& description) {
  name = "  " + name;
  std::string out = name;
  size_t length = utf8_length(name);
  if (!description.empty()) {
    if (length >= kColumn) {
      out += "\n" + std::string(kColumn, ' ');
    } else {
      out += std::string(kColumn - length, ' ');
    }
    for (char c : description) {
      out += c;
      if (c == '\n') out += std::string(kColumn, ' ');
    }
  }
  return out + "\n";
}

}  // namespace

size_t utf8_length(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string RussianFormatter::make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const {
  if (group == "Options" || group == "OPTIONS") group = "Параметры";
  else if (group == "Positionals") group = "Аргументы";
  return CLI::Formatter::make_group(std::move(group), is_positional, std::move(opts));
}

std::string RussianFormatter::make_option(const CLI::Option* opt, bool is_positional) const {
  // A positional's name says enough («ВИД», «ЗАГОЛОВОК»); its description tells the values.
  return help_line(make_option_name(opt, is_positional) + (is_positional ? std::string() : make_option_opts(opt)), make_option_desc(opt));
}

std::string RussianFormatter::make_subcommand(const CLI::App* sub) const {
  return help_line(sub->get_display_name(true), sub->get_description());
}

void russian_help(CLI::App& app) {
  auto f = std::make_shared<RussianFormatter>();
  f->label("Usage", "Использование");
  f->label("OPTIONS", "ПАРАМЕТРЫ");
  f->label("SUBCOMMAND", "КОМАНДА");
  f->label("SUBCOMMANDS", "КОМАНДЫ");
  f->label("Options", "Параметры");
  f->label("Subcommands", "Команды");
  f->label("Positionals", "Аргументы");
  f->label("REQUIRED", "ОБЯЗАТЕЛЬНО");
  f->label("TEXT", "ТЕКСТ");
  f->label("INT", "ЧИСЛО");
  f->label("UINT", "ЧИСЛО");
  f->label("PATH", "ПАПКА");
  f->column_width(kColumn);
  app.formatter(f);
  app.option_defaults()->group("Параметры");
}

}  // namespace nastavnik
