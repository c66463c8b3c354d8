#include "model/forms.h"

namespace nastavnik {

const std::vector<Term>& mentoring_forms() {
  static const std::vector<Term> terms = {
      {"student-student", "«ученик – ученик»"},
      {"teacher-teacher", "«учитель – учитель»"},
      {"teacher-student", "«учитель – ученик»"},
      {"university-student", "«студент – ученик»"},
      {"employer-student", "«работодатель – ученик»"},
      {"employer-university", "«работодатель – студент»"},
      {"university-university", "«студент – студент»"},
  };
  return terms;
}

const std::vector<Term>& organisation_kinds() {
  static const std::vector<Term> terms = {
      {"department", "орган управления образованием"},
      {"school", "школа"},
      {"college", "колледж"},
      {"kindergarten", "детский сад"},
      {"supplementary", "организация дополнительного образования"},
  };
  return terms;
}

const std::vector<Term>& document_types() {
  static const std::vector<Term> terms = {
      {"regulation", "Положения"},
      {"programme", "Программы наставничества"},
      {"roadmap", "Дорожные карты"},
      {"plan", "Планы"},
      {"protocol", "Протоколы"},
      {"guidelines", "Методические рекомендации"},
      {"report", "Отчёты"},
      {"other", "Другие документы"},
  };
  return terms;
}

const std::vector<Term>& order_topics() {
  static const std::vector<Term> terms = {
      {"implementation", "о внедрении целевой модели наставничества"},
      {"regulation", "об утверждении положения, программы"},
      {"curator", "о назначении куратора и наставников"},
      {"pairs", "о закреплении наставнических пар и групп"},
      {"final-event", "о проведении итогового мероприятия"},
      {"other", "другие"},
  };
  return terms;
}

const std::vector<Term>& mentor_roles() {
  static const std::vector<Term> terms = {
      {"consultant", "наставник-консультант"},
      {"subject", "наставник-предметник"},
      {"other", "наставник"},
  };
  return terms;
}

std::vector<std::string> ids_of(const std::vector<Term>& terms) {
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (const auto& t : terms) out.push_back(t.id);
  return out;
}

std::string title_of(const std::vector<Term>& terms, const std::string& id) {
  for (const auto& t : terms) {
    if (t.id == id) return t.title;
  }
  return id;
}

size_t index_of(const std::vector<Term>& terms, const std::string& id) {
  for (size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].id == id) return i;
  }
  return terms.size();
}

}  // namespace nastavnik
