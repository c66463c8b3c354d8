// `nastavnik reference`: the editors' field reference, generated from the same schema
// definitions that the validator walks (model/schema.cpp), so the two cannot disagree.
#include <string>
#include <vector>

#include "cli/commands.h"
#include "model/forms.h"
#include "model/schema.h"

namespace nastavnik {
namespace {

/// The Russian name of a choice, from whichever vocabulary holds all of `choices`.
std::string choice_title(const std::vector<std::string>& choices, const std::string& id) {
  for (const auto* terms : {&mentoring_forms(), &organisation_kinds(), &document_types(), &order_topics(), &mentor_roles()}) {
    bool all = !choices.empty();
    for (const auto& c : choices) {
      bool found = false;
      for (const auto& t : *terms) found = found || t.id == c;
      all = all && found;
    }
    if (!all) continue;
    for (const auto& t : *terms) {
      if (t.id == id) return t.title;
    }
  }
  return {};
}

std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string type_text(const FieldSpec& spec) {
  std::string out = describe_type(spec);
  if (!spec.choices.empty()) {
    out += ": ";
    for (size_t i = 0; i < spec.choices.size(); ++i) {
      if (i) out += ", ";
      out += "`" + spec.choices[i] + "`";
      std::string title = choice_title(spec.choices, spec.choices[i]);
      if (!title.empty()) out += " — " + title;
    }
  }
  return out;
}

void rows(std::string& out, const std::vector<FieldSpec>& fields, const std::string& prefix) {
  for (const auto& f : fields) {
    std::string name = prefix + f.key;
    out += "| `" + name + "` | " + (f.required ? "да" : "") + " | " + cell(type_text(f)) + " | " + cell(f.doc) + " |\n";
    if (f.fields.empty()) continue;
    switch (f.type) {
      case FieldType::MapList: rows(out, f.fields, name + "[]."); break;
      case FieldType::YearMap: rows(out, f.fields, name + ".<год>."); break;
      default: rows(out, f.fields, name + "."); break;
    }
  }
}

}  // namespace

std::string reference_markdown() {
  std::string out;
  out += "# Справочник полей\n\n";
  out += "<!-- Этот файл создан командой `nastavnik reference > docs/reference.md` из тех же описаний, по которым\n"
         "     nastavnik проверяет материалы. Не правьте его вручную: тест сравнивает его с выводом команды. -->\n\n";
  out += "Все поля всех видов материалов, как их проверяет `nastavnik check`. Ключи полей пишутся латиницей,\n"
         "значения — по-русски. Даты — в виде ГГГГ-ММ-ДД (`2024-09-02`). Поле с отметкой «да» в столбце\n"
         "«Обяз.» обязательно: без него материал не публикуется, а проверка показывает ошибку.\n\n";
  out += "В Markdown-файлах (`.md`) поля пишутся в начале файла между двумя строками `---`, текст — после них.\n"
         "Вложенные поля показаны через точку: `mentor.name` — это\n\n"
         "```yaml\nmentor:\n  name: \"Петрова Анна Сергеевна\"\n```\n\n"
         "`[]` означает элемент списка (`indicators[].id` — поле `id` каждого показателя), `<год>` — год (`2024`).\n\n";
  out += "Виды материалов:\n\n";
  for (const Schema* s : all_schemas()) out += "- " + s->title + " — `" + s->location + "`\n";
  for (const Schema* s : all_schemas()) {
    out += "\n## " + s->title + "\n\n";
    out += "Где: `" + s->location + "`.\n\n";
    out += "| Поле | Обяз. | Значение | Описание |\n|---|---|---|---|\n";
    rows(out, s->fields, "");
  }
  return out;
}

}  // namespace nastavnik
