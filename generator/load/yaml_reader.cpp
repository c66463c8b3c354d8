#include "load/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "core/strings.h"
#include "load/content_tree.h"
#include "text/slug.h"

namespace nastavnik {
namespace {

struct SyntaxHint {
  const char* english;  // yaml-cpp's message (a prefix is enough)
  const char* russian;  // what is wrong, then how to fix it
};

// yaml-cpp reports in English; editors get these instead.
const SyntaxHint kSyntaxHints[] = {
    {"illegal map value", "ошибка синтаксиса YAML: лишнее двоеточие в значении, заключите значение в кавычки: title: \"Приказ: о наставничестве\""},
    {"end of map not found", "ошибка синтаксиса YAML: не удалось разобрать поля, проверьте отступы (одинаковое число пробелов) и двоеточия после ключей"},
    {"end of map flow not found", "ошибка синтаксиса YAML: не закрыта фигурная скобка {, добавьте } в конце значения"},
    {"end of sequence not found", "ошибка синтаксиса YAML: не удалось разобрать список, проверьте отступы перед «-»"},
    {"end of sequence flow not found", "ошибка синтаксиса YAML: не закрыта квадратная скобка [, добавьте ] в конце списка"},
    {"illegal flow end", "ошибка синтаксиса YAML: лишняя закрывающая скобка, удалите её или заключите значение в кавычки"},
    {"illegal block entry", "ошибка синтаксиса YAML: элемент списка «-» не на своём месте, проверьте отступы"},
    {"illegal map key", "ошибка синтаксиса YAML: неверный ключ, ключ пишется латиницей перед двоеточием: title: \"…\""},
    {"unknown token", "ошибка синтаксиса YAML: непонятный символ, заключите значение в кавычки"},
    {"illegal EOF in scalar", "ошибка синтаксиса YAML: не закрыты кавычки, добавьте закрывающую кавычку в конце значения"},
    {"end of string not found", "ошибка синтаксиса YAML: не закрыты кавычки, добавьте закрывающую кавычку в конце значения"},
    {"illegal character in scalar", "ошибка синтаксиса YAML: недопустимый символ в значении, заключите значение в кавычки"},
    {"illegal tab when looking for indentation", "ошибка синтаксиса YAML: отступ сделан табуляцией, замените табуляцию пробелами"},
    {"illegal document indicator in scalar", "ошибка синтаксиса YAML: строка --- внутри значения, заключите значение в кавычки"},
    {"unknown escape character", "ошибка синтаксиса YAML: неизвестная последовательность с обратной косой чертой \\ в кавычках, удвойте её (\\\\) или используйте одинарные кавычки"},
    {"the referenced anchor is not defined", "ошибка синтаксиса YAML: ссылка *… на несуществующую метку &…, удалите звёздочку или заключите значение в кавычки"},
    {"alias not found after *", "ошибка синтаксиса YAML: после * нет имени метки, заключите значение в кавычки"},
    {"anchor not found after &", "ошибка синтаксиса YAML: после & нет имени метки, заключите значение в кавычки"},
    {"invalid", "ошибка синтаксиса YAML: недопустимое значение, заключите значение в кавычки"},
};

std::string translate_syntax_error(const std::string& english) {
  for (const auto& hint : kSyntaxHints) {
    if (english.rfind(hint.english, 0) == 0) return hint.russian;
  }
  return "ошибка синтаксиса YAML (" + english + "), проверьте двоеточия, кавычки и отступы в этой строке";
}

bool is_null(const YAML::Node& n) { return !n || n.IsNull(); }

std::string scalar_preview(const YAML::Node& n) {
  std::string s = n.IsScalar() ? n.Scalar() : std::string();
  return guillemets(truncate_words(s, 60));
}

// "26.04.2022" → "2022-04-26", to show the editor exactly what to write.
std::string iso_suggestion(const std::string& s) {
  if (s.size() == 10 && s[2] == '.' && s[5] == '.') return s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2);
  return "2022-04-26";
}

bool check_scalar_kind(const YAML::Node& value, const FieldSpec& spec, const YamlContext& ctx, const std::string& name) {
  if (value.IsScalar()) return true;
  std::string got = value.IsSequence() ? "список" : "набор полей";
  ctx.error(value, "поле " + name + " должно быть: " + describe_type(spec) + ", а указан " + got +
                       "; если в значении есть двоеточие, квадратные или фигурные скобки, заключите его в кавычки");
  return false;
}

bool check_choice(const YAML::Node& value, const std::vector<std::string>& choices, const YamlContext& ctx,
                  const std::string& name) {
  const std::string& v = value.Scalar();
  if (std::find(choices.begin(), choices.end(), v) != choices.end()) return true;
  std::string hint = nearest(v, choices);
  std::string message = "недопустимое значение " + guillemets(v) + " в поле " + name + ", ";
  message += hint.empty() ? "укажите одно из: " + join(choices, ", ")
                          : "возможно, имелось в виду " + guillemets(hint) + " (допустимы: " + join(choices, ", ") + ")";
  ctx.error(value, message);
  return false;
}

bool check_file_path(const YAML::Node& value, const YamlContext& ctx, const std::string& name) {
  const std::string& v = value.Scalar();
  if (v.empty()) {
    ctx.error(value, "пустой путь к файлу в поле " + name + ", укажите файл из папки files/, например files/prikaz.pdf");
    return false;
  }
  return true;
}

bool check_value(const YAML::Node& value, const FieldSpec& spec, const YamlContext& ctx, const std::string& name);

bool check_list(const YAML::Node& value, const FieldSpec& spec, const YamlContext& ctx, const std::string& name) {
  // A single value is taken as a one-item list: curators often forget the brackets.
  if (value.IsScalar()) {
    if (spec.type == FieldType::ChoiceList) return check_choice(value, spec.choices, ctx, name);
    if (spec.type == FieldType::FilePathList) return check_file_path(value, ctx, name);
    return true;
  }
  if (!value.IsSequence()) {
    ctx.error(value, "поле " + name + " должно быть списком в квадратных скобках, например [\"первое\", \"второе\"]");
    return false;
  }
  bool ok = true;
  for (const auto& item : value) {
    if (!item.IsScalar()) {
      ctx.error(item, "элемент списка " + name + " должен быть текстом; если в нём есть двоеточие или скобки, заключите его в кавычки");
      ok = false;
      continue;
    }
    if (spec.type == FieldType::ChoiceList) ok = check_choice(item, spec.choices, ctx, name) && ok;
    if (spec.type == FieldType::FilePathList) ok = check_file_path(item, ctx, name) && ok;
  }
  return ok;
}

bool check_value(const YAML::Node& value, const FieldSpec& spec, const YamlContext& ctx, const std::string& name) {
  switch (spec.type) {
    case FieldType::Map:
      if (!value.IsMap()) {
        ctx.error(value, "поле " + name + " должно состоять из вложенных полей, например {name: \"…\", consent: true}");
        return false;
      }
      return check_fields(value, spec.fields, ctx, spec.key);
    case FieldType::TextList:
    case FieldType::ChoiceList:
    case FieldType::FilePathList:
      return check_list(value, spec, ctx, name);
    case FieldType::IntegerList: {
      if (!value.IsSequence()) {
        ctx.error(value, "поле " + name + " должно быть списком чисел в квадратных скобках, например [2022, 2023]");
        return false;
      }
      bool ok = true;
      FieldSpec integer{spec.key, FieldType::Integer, false, {}, {}, {}};
      for (const auto& item : value) ok = check_value(item, integer, ctx, name) && ok;
      return ok;
    }
    case FieldType::MapList: {
      if (!value.IsSequence()) {
        ctx.error(value, "поле " + name + " должно быть списком: каждый элемент начинается с новой строки со знака «-»");
        return false;
      }
      bool ok = true;
      for (const auto& item : value) ok = check_fields(item, spec.fields, ctx, spec.key) && ok;
      return ok;
    }
    case FieldType::YearMap: {
      if (!value.IsMap()) {
        ctx.error(value, "поле " + name + " должно содержать значения по годам, например 2022: {value: 8, target: 10}");
        return false;
      }
      bool ok = true;
      for (const auto& kv : value) {
        const std::string year = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        bool is_year = year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!is_year) {
          ctx.error(kv.first, "ключ " + guillemets(year) + " в поле " + name + " должен быть годом из четырёх цифр, например 2023");
          ok = false;
          continue;
        }
        ok = check_fields(kv.second, spec.fields, ctx, spec.key + "." + year) && ok;
      }
      return ok;
    }
    default:
      break;
  }
  if (!check_scalar_kind(value, spec, ctx, name)) return false;
  const std::string& v = value.Scalar();
  switch (spec.type) {
    case FieldType::Date:
      if (!Date::parse_iso(v)) {
        bool shaped = v.size() == 10 && v[4] == '-' && v[7] == '-';
        ctx.error(value, shaped ? "дата " + guillemets(v) + " в поле " + name + " не существует, проверьте день и месяц"
                                : "дата " + scalar_preview(value) + " в поле " + name +
                                      " записана неверно, пишите ГГГГ-ММ-ДД, например " + iso_suggestion(v));
        return false;
      }
      return true;
    case FieldType::Bool:
      if (v != "true" && v != "false") {
        ctx.error(value, "поле " + name + " принимает только true или false, а указано " + scalar_preview(value) +
                             "; напишите true (да) или false (нет)");
        return false;
      }
      return true;
    case FieldType::Integer: {
      bool ok = !v.empty() && v.size() < 10;
      for (size_t i = 0; i < v.size() && ok; ++i) ok = (v[i] >= '0' && v[i] <= '9') || (i == 0 && v[i] == '-' && v.size() > 1);
      if (!ok) ctx.error(value, "поле " + name + " должно быть целым числом, а указано " + scalar_preview(value) + ", например 10");
      return ok;
    }
    case FieldType::Choice:
      return check_choice(value, spec.choices, ctx, name);
    case FieldType::FilePath:
      return check_file_path(value, ctx, name);
    case FieldType::Url:
      if (!(v.rfind("https://", 0) == 0 || v.rfind("http://", 0) == 0) || v.find_first_of(" \t\"<>") != std::string::npos ||
          v.size() < 10) {
        ctx.error(value, "поле " + name + " должно быть адресом сайта, начинающимся с https://, а указано " + scalar_preview(value));
        return false;
      }
      return true;
    case FieldType::Email: {
      auto at = v.find('@');
      if (at == std::string::npos || at == 0 || at + 1 >= v.size() || v.find_first_of(" \t\"<>,;") != std::string::npos ||
          v.find('@', at + 1) != std::string::npos) {
        ctx.error(value, "поле " + name + " должно быть адресом электронной почты вида name@school.ru, а указано " + scalar_preview(value));
        return false;
      }
      return true;
    }
    case FieldType::Slug:
      // A slug is a folder of the output: past 255 bytes the file system refuses it, and an
      // address that long cannot be read out or typed anyway.
      if (v.size() > kMaxSlugLength) {
        ctx.error(value, "поле " + name + " длиннее " + std::to_string(kMaxSlugLength) + " символов, сократите его, например до " +
                             guillemets(slugify(v, 60)));
        return false;
      }
      if (!is_slug(v)) {
        std::string fixed = slugify(v);
        ctx.error(value, "поле " + name + " может содержать только строчные латинские буквы, цифры и дефис" +
                             (fixed.empty() ? std::string(", например school-1") : ", например " + guillemets(fixed)));
        return false;
      }
      return true;
    default:
      return true;
  }
}

// yaml-cpp lets a double-quoted value run on to the next lines, so `title: "Новость` took
// the following keys into the title. A value that opens a quote on its line and does not
// close it there is reported instead: editors never mean the multi-line form.
std::optional<size_t> unclosed_quote(std::string_view text) {
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    size_t i = line.find_first_not_of(' ');
    if (i != std::string_view::npos && line[i] == '-' && i + 1 < line.size() && line[i + 1] == ' ') {
      i = line.find_first_not_of(' ', i + 1);
    } else if (i != std::string_view::npos && line[i] != '#') {
      size_t colon = line.find(": ", i);
      i = colon == std::string_view::npos ? std::string_view::npos : line.find_first_not_of(' ', colon + 1);
    } else {
      i = std::string_view::npos;
    }
    if (i != std::string_view::npos && line[i] == '"') {
      bool closed = false;
      for (size_t k = i + 1; k < line.size(); ++k) {
        if (line[k] == '\\') { ++k; continue; }
        if (line[k] == '"') { closed = true; break; }
      }
      if (!closed) return line_start + i;
    }
    line_start = line_end + 1;
  }
  return std::nullopt;
}

// Where flow brackets ([ and {) first nest deeper than kMaxYamlDepth, from the text alone.
// yaml-cpp scans a flow collection to its end before it hands out the first token, so a
// file of four million brackets would cost seconds before the event guard below could
// refuse it. Quoted strings and comments are skipped; the count is an upper bound good
// enough for refusing: real files never open 64 brackets.
std::optional<size_t> too_deep_flow(std::string_view text) {
  int depth = 0;
  char previous = '\n';  // the last character that was not a space
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
      size_t end = text.find('\n', i);
      if (end == std::string_view::npos) break;
      i = end - 1;
      continue;
    }
    if ((c == '"' || c == '\'') && (previous == '\n' || previous == '[' || previous == '{' || previous == ',' ||
                                     previous == ':' || previous == '-' || previous == '?')) {
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (c == '"' && text[i] == '\\') ++i;
      }
      previous = c;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > kMaxYamlDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    if (c != ' ' && c != '\t') previous = c;
  }
  return std::nullopt;
}

// Walks the parser's events before any node is built and stops at the first thing content
// YAML may not hold. Stopping is an exception: yaml-cpp's parser has no other way out.
class YamlGuard : public YAML::EventHandler {
 public:
  struct Stop {
    YAML::Mark mark;
    std::string message;
  };

  /// `second`: the guard of what follows the first document, which must be nothing.
  explicit YamlGuard(bool second = false) : second_(second) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (second_) {
      throw Stop{mark, "в файле второй документ YAML (после строки ---), он не читается; "
                       "удалите строку --- и оставьте все записи в одном списке"};
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { node(mark, anchor); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { alias(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    node(mark, anchor);
    size_t bad = 0;
    if (!is_valid_utf8(value, &bad)) {
      throw Stop{mark, "значение содержит неверный символ (вероятно, из последовательности \\u… в кавычках), удалите его"};
    }
    if (auto forbidden = find_forbidden_character(value)) {
      if (forbidden->second != U'\n' && forbidden->second != U'\r') {
        throw Stop{mark, "значение содержит невидимый управляющий символ " + code_point_name(forbidden->second) +
                             " (вероятно, из последовательности с обратной косой чертой в кавычках), удалите его"};
      }
    }
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { --depth_; }
  void OnAnchor(const YAML::Mark& mark, const std::string&) override { anchor(mark); }

 private:
  [[noreturn]] static void anchor(const YAML::Mark& mark) {
    throw Stop{mark, "метки YAML (&имя) и ссылки на них (*имя) не поддерживаются, напишите значение полностью; "
                     "если & или * — часть текста, заключите значение в кавычки"};
  }
  [[noreturn]] static void alias(const YAML::Mark& mark) {
    throw Stop{mark, "ссылки YAML (*имя) не поддерживаются, напишите значение полностью; "
                     "если * — часть текста, заключите значение в кавычки"};
  }
  void node(const YAML::Mark& mark, YAML::anchor_t anchor_id) {
    if (anchor_id != YAML::NullAnchor) anchor(mark);
    if (++nodes_ > kMaxYamlNodes) {
      throw Stop{mark, "в файле больше " + std::to_string(kMaxYamlNodes) + " значений, разделите его на несколько файлов"};
    }
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor_id) {
    node(mark, anchor_id);
    if (++depth_ > kMaxYamlDepth) {
      throw Stop{mark, "вложенность глубже " + std::to_string(kMaxYamlDepth) +
                           " уровней, проверьте отступы и парность скобок [ ] и { }"};
    }
  }

  int depth_ = 0;
  size_t nodes_ = 0;
  bool second_ = false;
};

}  // namespace

Position YamlContext::position(const YAML::Mark& mark) const {
  if (mark.pos < 0) return start();
  return source_.position_of(offset_ + static_cast<size_t>(mark.pos));
}

void YamlContext::error(const YAML::Node& node, std::string message) const {
  diagnostics_.error(source_.path(), position(node), std::move(message));
}

void YamlContext::error(Position pos, std::string message) const {
  diagnostics_.error(source_.path(), pos, std::move(message));
}

void YamlContext::warning(const YAML::Node& node, std::string message) const {
  diagnostics_.warning(source_.path(), position(node), std::move(message));
}

std::optional<YAML::Node> parse_yaml(std::string_view text, const YamlContext& ctx) {
  if (auto at = unclosed_quote(text)) {
    ctx.error(ctx.at(*at),
              "ошибка синтаксиса YAML: не закрыты кавычки, добавьте закрывающую кавычку в конце значения");
    return std::nullopt;
  }
  if (auto at = too_deep_flow(text)) {
    ctx.error(ctx.at(*at), "ошибка в YAML: вложенность глубже " + std::to_string(kMaxYamlDepth) +
                               " уровней, проверьте отступы и парность скобок [ ] и { }");
    return std::nullopt;
  }
  try {
    std::string copy(text);
    {
      std::istringstream in(copy);
      YAML::Parser parser(in);
      YamlGuard guard;
      parser.HandleNextDocument(guard);
      // YAML::Load reads the first document only: a second one (after a line ---) would
      // be dropped without a word, mentors and all.
      YamlGuard rest(true);
      parser.HandleNextDocument(rest);
    }
    return YAML::Load(copy);
  } catch (const YamlGuard::Stop& stop) {
    ctx.error(ctx.position(stop.mark), "ошибка в YAML: " + stop.message);
  } catch (const YAML::Exception& e) {
    ctx.error(ctx.position(e.mark), translate_syntax_error(e.msg));
  }
  return std::nullopt;
}

bool check_fields(const YAML::Node& map, const std::vector<FieldSpec>& fields, const YamlContext& ctx, std::string_view where) {
  std::string prefix = where.empty() ? std::string() : std::string(where) + ".";
  if (is_null(map)) {
    bool ok = true;
    for (const auto& spec : fields) {
      if (spec.required) {
        ctx.error(ctx.start(), "нет обязательного поля " + guillemets(prefix + spec.key) + " (" + spec.doc + "), добавьте строку " +
                                   spec.key + ": …");
        ok = false;
      }
    }
    return ok;
  }
  if (!map.IsMap()) {
    ctx.error(map, where.empty() ? "ожидаются поля вида ключ: значение, каждое на своей строке"
                                 : "поле " + guillemets(where) + " должно состоять из вложенных полей вида ключ: значение");
    return false;
  }
  bool ok = true;
  std::vector<std::string> known;
  for (const auto& spec : fields) known.push_back(spec.key);
  std::map<std::string, Position> seen;
  for (const auto& kv : map) {
    const YAML::Node& key_node = kv.first;
    if (!key_node.IsScalar()) {
      ctx.error(key_node, "ключ поля должен быть словом латиницей перед двоеточием, например title: \"…\"");
      ok = false;
      continue;
    }
    const std::string& key = key_node.Scalar();
    Position pos = ctx.position(key_node);
    auto [it, inserted] = seen.emplace(key, pos);
    if (!inserted) {
      ctx.error(key_node, "поле " + guillemets(prefix + key) + " указано дважды (первый раз в строке " + std::to_string(it->second.line) +
                              "), оставьте одно");
      ok = false;
      continue;
    }
    auto spec = std::find_if(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.key == key; });
    if (spec == fields.end()) {
      std::string hint = nearest(key, known);
      ctx.warning(key_node, "неизвестное поле " + guillemets(prefix + key) + ", " +
                                (hint.empty() ? "известные поля: " + join(known, ", ")
                                              : "возможно, имелось в виду " + guillemets(hint) + "; исправьте написание или удалите поле"));
      continue;
    }
    const YAML::Node& value = kv.second;
    // A required text of only spaces is as empty as a missing one.
    if (is_null(value) || (spec->required && value.IsScalar() && trim(value.Scalar()).empty())) {
      if (spec->required) {
        ctx.error(key_node, "поле " + guillemets(prefix + key) + " пустое, впишите значение (" + spec->doc + ")");
        ok = false;
      }
      continue;
    }
    ok = check_value(value, *spec, ctx, guillemets(prefix + key)) && ok;
  }
  for (const auto& spec : fields) {
    if (spec.required && !seen.count(spec.key)) {
      ctx.error(map, "нет обязательного поля " + guillemets(prefix + spec.key) + " (" + spec.doc + "), добавьте строку " + spec.key + ": …");
      ok = false;
    }
  }
  return ok;
}

YAML::Node field(const YAML::Node& map, std::string_view key) {
  if (!map || !map.IsMap()) return YAML::Node();
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return YAML::Node();
}

std::string get_text(const YAML::Node& map, std::string_view key) {
  YAML::Node v = field(map, key);
  return v && v.IsScalar() ? trim(v.Scalar()) : std::string();
}

std::optional<Date> get_date(const YAML::Node& map, std::string_view key) {
  YAML::Node v = field(map, key);
  return v && v.IsScalar() ? Date::parse_iso(v.Scalar()) : std::nullopt;
}

bool get_bool(const YAML::Node& map, std::string_view key) {
  YAML::Node v = field(map, key);
  return v && v.IsScalar() && v.Scalar() == "true";
}

int64_t get_int(const YAML::Node& map, std::string_view key, int64_t fallback) {
  YAML::Node v = field(map, key);
  if (!v || !v.IsScalar()) return fallback;
  try {
    return std::stoll(v.Scalar());
  } catch (...) {
    return fallback;
  }
}

std::vector<std::string> get_list(const YAML::Node& map, std::string_view key) {
  YAML::Node v = field(map, key);
  std::vector<std::string> out;
  if (!v) return out;
  if (v.IsScalar()) {
    if (!trim(v.Scalar()).empty()) out.push_back(trim(v.Scalar()));
  } else if (v.IsSequence()) {
    for (const auto& item : v) {
      if (item.IsScalar() && !trim(item.Scalar()).empty()) out.push_back(trim(item.Scalar()));
    }
  }
  return out;
}

}  // namespace nastavnik
