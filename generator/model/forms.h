#pragma once
// Closed vocabularies of the contract with their Russian names.
#include <string>
#include <vector>

namespace nastavnik {

struct Term {
  std::string id;
  std::string title;  ///< Russian
};

const std::vector<Term>& mentoring_forms();     ///< student-student → «ученик – ученик»
const std::vector<Term>& organisation_kinds();  ///< school → «школа»
const std::vector<Term>& document_types();      ///< regulation → «Положения»
const std::vector<Term>& order_topics();
const std::vector<Term>& mentor_roles();

std::vector<std::string> ids_of(const std::vector<Term>& terms);
/// The Russian title of `id`, or `id` itself when unknown.
std::string title_of(const std::vector<Term>& terms, const std::string& id);
/// Position of `id` in the vocabulary (unknown ids last): the order in which groups show.
size_t index_of(const std::vector<Term>& terms, const std::string& id);

}  // namespace nastavnik
