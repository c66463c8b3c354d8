#include "contract/vocabulary.h"

namespace nastavnik {

std::vector<std::string> Vocabulary::ids() const {
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (const auto& t : terms) out.push_back(t.id);
  return out;
}

const std::string& Vocabulary::title_of(const std::string& id) const {
  for (const auto& t : terms) {
    if (t.id == id) return t.title;
  }
  return id;
}

size_t Vocabulary::index_of(const std::string& id) const {
  for (size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].id == id) return i;
  }
  return terms.size();
}

const Vocabulary& mentoring_forms() {
  static const Vocabulary v{"форма наставничества", {
      {"student-student", "«ученик – ученик»"},
      {"teacher-teacher", "«учитель – учитель»"},
      {"teacher-student", "«учитель – ученик»"},
      {"university-student", "«студент – ученик»"},
      {"employer-student", "«работодатель – ученик»"},
      {"employer-university", "«работодатель – студент»"},
      {"university-university", "«студент – студент»"},
  }};
  return v;
}

const Vocabulary& organisation_kinds() {
  static const Vocabulary v{"вид организации", {
      {"department", "орган управления образованием"},
      {"school", "школа"},
      {"college", "колледж"},
      {"kindergarten", "детский сад"},
      {"supplementary", "организация дополнительного образования"},
  }};
  return v;
}

const Vocabulary& document_types() {
  static const Vocabulary v{"вид документа", {
      {"regulation", "Положения"},
      {"programme", "Программы наставничества"},
      {"roadmap", "Дорожные карты"},
      {"plan", "Планы"},
      {"protocol", "Протоколы"},
      {"guidelines", "Методические рекомендации"},
      {"report", "Отчёты"},
      {"other", "Другие документы"},
  }};
  return v;
}

const Vocabulary& order_topics() {
  static const Vocabulary v{"тема приказа", {
      {"implementation", "о внедрении целевой модели наставничества"},
      {"regulation", "об утверждении положения, программы"},
      {"curator", "о назначении куратора и наставников"},
      {"pairs", "о закреплении наставнических пар и групп"},
      {"final-event", "о проведении итогового мероприятия"},
      {"other", "другие"},
  }};
  return v;
}

const Vocabulary& mentor_roles() {
  static const Vocabulary v{"роль наставника", {
      {"consultant", "наставник-консультант"},
      {"subject", "наставник-предметник"},
      {"other", "наставник"},
  }};
  return v;
}

const Vocabulary& indicator_units() {
  static const Vocabulary v{"единица показателя", {
      {"percent", "доля (числитель и знаменатель по годам)"},
      {"count", "количество"},
  }};
  return v;
}

const Vocabulary& roadmap_statuses() {
  static const Vocabulary v{"статус мероприятия", {
      {"planned", "запланировано"},
      {"in-progress", "выполняется"},
      {"done", "выполнено"},
      {"cancelled", "отменено"},
  }};
  return v;
}

}  // namespace nastavnik
