#pragma once
// Russian --help for CLI11: translated headings, and columns aligned by characters rather
// than bytes (CLI11 pads with setw, which counts the two bytes of each Cyrillic letter).
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "core/utf8.h"

namespace nastavnik {

class RussianFormatter : public CLI::Formatter {
 public:
  std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override;
  std::string make_option(const CLI::Option* opt, bool is_positional) const override;
  std::string make_subcommand(const CLI::App* sub) const override;
};

/// Installs the Russian formatter and labels on `app` (a subcommand gets its own copy).
void russian_help(CLI::App& app);

}  // namespace nastavnik

namespace nastavnik {

/// CLI11's English parse error, told in Russian: «неизвестный параметр: --bogus».
std::string russian_parse_error(const CLI::ParseError& e);

}  // namespace nastavnik
