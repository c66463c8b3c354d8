#include "contract/section.h"

namespace nastavnik {

const char* section_id(Section s) {
  switch (s) {
    case Section::News: return "news";
    case Section::Documents: return "documents";
    case Section::Orders: return "orders";
    case Section::Stories: return "stories";
    case Section::Practices: return "practices";
    case Section::Pages: return "pages";
  }
  return "";
}

const char* section_title(Section s) {
  switch (s) {
    case Section::News: return "Новости";
    case Section::Documents: return "Документы";
    case Section::Orders: return "Приказы";
    case Section::Stories: return "Истории наставничества";
    case Section::Practices: return "Лучшие практики";
    case Section::Pages: return "Страницы";
  }
  return "";
}

}  // namespace nastavnik
