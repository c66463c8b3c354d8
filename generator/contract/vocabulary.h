#pragma once
// Closed vocabularies of the contract: the identifiers editors write and their Russian names.
#include <string>
#include <vector>

namespace nastavnik {

struct Term {
  std::string id;
  std::string title;  ///< Russian
};

struct Vocabulary {
  std::string name;  ///< Russian, for the reference: «форма наставничества»
  std::vector<Term> terms;

  std::vector<std::string> ids() const;
  /// The Russian title of `id`, or `id` itself when unknown.
  const std::string& title_of(const std::string& id) const;
  /// Position of `id` (unknown ids last): the order in which groups show.
  size_t index_of(const std::string& id) const;
  bool contains(const std::string& id) const { return index_of(id) < terms.size(); }
};

const Vocabulary& mentoring_forms();     ///< student-student → «ученик – ученик»
const Vocabulary& organisation_kinds();  ///< school → «школа»
const Vocabulary& document_types();      ///< regulation → «Положения»
const Vocabulary& order_topics();
const Vocabulary& mentor_roles();
const Vocabulary& indicator_units();     ///< percent, count
const Vocabulary& roadmap_statuses();    ///< planned, in-progress, done, cancelled

}  // namespace nastavnik
