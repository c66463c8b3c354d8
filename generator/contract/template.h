#pragma once
// The file `nastavnik new` writes, derived from a Markdown kind's contract: required keys
// filled where the tool can, marked with a Russian comment where the editor must act, every
// other key shown commented out with an example and its description.
#include <functional>
#include <string>
#include <vector>

#include "contract/contract.h"
#include "core/date.h"

namespace nastavnik {

struct Draft {
  struct Todo {
    int line;          ///< 1-based
    std::string what;  ///< Russian: what to fill in
  };
  std::vector<std::string> lines;
  std::vector<Todo> todo;
  std::string text() const;
};

struct TemplateValues {
  std::string title;
  Date date;
  std::string slug;
  /// A value the title suggests for a choice (an order's topic, a document's type), or "".
  std::function<std::string(const std::string& key)> guess;
};

Draft markdown_template(const ContractInfo& contract, const TemplateValues& values);

/// A YAML double-quoted scalar.
std::string yaml_quoted(const std::string& text);

}  // namespace nastavnik
