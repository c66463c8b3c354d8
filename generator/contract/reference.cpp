// The editors' field reference (`nastavnik reference`), generated from the declarations of
// the contract that reading and validation use, so the two cannot disagree.
#include "contract/reference.h"

#include <string>
#include <vector>

#include "contract/declarations.h"

namespace nastavnik {
namespace {

std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string type_text(const FieldInfo& f) {
  std::string out = describe_kind(f);
  if (f.vocabulary) {
    out += ": ";
    for (size_t i = 0; i < f.vocabulary->terms.size(); ++i) {
      if (i) out += ", ";
      out += "`" + f.vocabulary->terms[i].id + "` — " + f.vocabulary->terms[i].title;
    }
  }
  return out;
}

void rows(std::string& out, const std::vector<FieldInfo>& fields, const std::string& prefix) {
  for (const auto& f : fields) {
    std::string name = prefix + f.key;
    out += "| `" + name + "` | " + (f.required ? "да" : "") + " | " + cell(type_text(f)) + " | " + cell(f.doc) + " |\n";
    if (!f.nested) continue;
    switch (f.kind) {
      case FieldKind::MapList: rows(out, f.nested->fields, name + "[]."); break;
      case FieldKind::YearMap: rows(out, f.nested->fields, name + ".<год>."); break;
      default: rows(out, f.nested->fields, name + "."); break;
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
  for (const ContractInfo* s : all_contracts()) out += "- " + s->title + " — `" + s->location + "`\n";
  for (const ContractInfo* s : all_contracts()) {
    out += "\n## " + s->title + "\n\n";
    out += "Где: `" + s->location + "`.\n\n";
    out += "| Поле | Обяз. | Значение | Описание |\n|---|---|---|---|\n";
    rows(out, s->fields, "");
  }
  return out;
}

}  // namespace nastavnik
