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

namespace nastavnik {
namespace {

std::string after(const std::string& text, const std::string& marker) {
  size_t at = text.find(marker);
  return at == std::string::npos ? std::string() : text.substr(at + marker.size());
}

}  // namespace

std::string russian_parse_error(const CLI::ParseError& e) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::string extras = after(what, ": ");
    if (extras.empty()) extras = what;
    bool option = !extras.empty() && extras[0] == '-';
    std::string out = option ? "неизвестный параметр: " : "лишний аргумент: ";
    out += extras;
    if (!option && e.get_name() == "new") out += " (заголовок из нескольких слов возьмите в кавычки)";
    return out;
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (what.find("subcommand") != std::string::npos) return "не указана команда";
    const std::string suffix = " is required";
    if (what.size() > suffix.size() && what.compare(what.size() - suffix.size(), suffix.size(), suffix) == 0) {
      std::string name = what.substr(0, what.size() - suffix.size());
      return (name[0] == '-' ? "не указан обязательный параметр " : "не указан обязательный аргумент ") + name;
    }
    return "не указан обязательный параметр";
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e)) {
    // "Could not convert: --jobs = много"
    std::string rest = after(what, ": ");
    size_t eq = rest.find(" = ");
    if (eq != std::string::npos) {
      return "значение «" + rest.substr(eq + 3) + "» параметра " + rest.substr(0, eq) + " должно быть числом";
    }
    return "значение параметра должно быть числом";
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e)) {
    // "--format: xml not in {text,json,codeclimate}", "--port: Value 70000 not in range 0 to 65535"
    size_t colon = what.find(": ");
    std::string name = colon == std::string::npos ? std::string() : what.substr(0, colon);
    std::string rest = colon == std::string::npos ? what : what.substr(colon + 2);
    size_t set = rest.find(" not in {");
    if (set != std::string::npos) {
      std::string allowed = rest.substr(set + 9);
      if (!allowed.empty() && allowed.back() == '}') allowed.pop_back();
      for (size_t i = 0; (i = allowed.find(',', i)) != std::string::npos; i += 2) allowed.replace(i, 1, ", ");
      return "недопустимое значение «" + rest.substr(0, set) + "» у " + name + "; возможны: " + allowed;
    }
    size_t range = rest.find(" not in range ");
    if (range != std::string::npos) {
      std::string value = rest.substr(0, range);
      if (value.rfind("Value ", 0) == 0) value = value.substr(6);
      std::string bounds = rest.substr(range + 14);
      size_t to = bounds.find(" to ");
      if (to != std::string::npos) bounds = "от " + bounds.substr(0, to) + " до " + bounds.substr(to + 4);
      return "значение «" + value + "» у " + name + " вне допустимых пределов (" + bounds + ")";
    }
    return "недопустимое значение у " + name;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    size_t colon = what.find(": ");
    std::string name = colon == std::string::npos ? std::string() : what.substr(0, colon);
    std::string out = what.find("missing") != std::string::npos ? "после " : "у параметра ";
    out += name;
    out += what.find("missing") != std::string::npos ? " не указано значение" : " неверное число значений";
    return out;
  }
  return "ошибка в командной строке: " + what;
}

}  // namespace nastavnik
