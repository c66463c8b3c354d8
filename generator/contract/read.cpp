// Reading values of the contract's kinds from YAML, with the messages editors see.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "contract/contract.h"
#include "core/strings.h"
#include "text/slug.h"
#include "text/typography.h"

namespace nastavnik {

const FieldInfo* ContractInfo::find(std::string_view key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string describe_kind(const FieldInfo& field) {
  switch (field.kind) {
    case FieldKind::Text: return "текст";
    case FieldKind::Date: return "дата в формате ГГГГ-ММ-ДД";
    case FieldKind::Bool: return "true или false";
    case FieldKind::Integer: return "целое число";
    case FieldKind::Number: return "число";
    case FieldKind::Choice: return "одно из значений списка";
    case FieldKind::TextList: return "список строк в квадратных скобках";
    case FieldKind::ChoiceList: return "список значений в квадратных скобках";
    case FieldKind::FilePath: return "путь к файлу в папке files/";
    case FieldKind::FilePathList: return "список путей к файлам в папке files/";
    case FieldKind::Url: return "адрес, начинающийся с https://";
    case FieldKind::Email: return "адрес электронной почты";
    case FieldKind::Slug: return "латинские строчные буквы, цифры и дефис, до 100 символов";
    case FieldKind::Map: return "вложенные поля";
    case FieldKind::MapList: return "список элементов с полями";
    case FieldKind::YearMap: return "значения по годам";
    case FieldKind::IntegerList: return "список целых чисел в квадратных скобках";
  }
  return "значение";
}

void FileContext::error(Position pos, std::string message) {
  ++errors_;
  diagnostics_.error(path_, pos, std::move(message));
}

void FileContext::warning(Position pos, std::string message) { diagnostics_.warning(path_, pos, std::move(message)); }

namespace contract_detail {
namespace {

std::string preview(const YamlNode& n) { return guillemets(truncate_words(n.is_scalar() ? n.scalar : std::string(), 60)); }

// "26.04.2022" → "2022-04-26", to show the editor exactly what to write.
std::string iso_suggestion(const std::string& s) {
  if (s.size() == 10 && s[2] == '.' && s[5] == '.') return s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2);
  return "2022-04-26";
}

// The quotes Word puts in place of straight ones, in the length of their UTF-8: “ ” „ ‟ ‘ ’ « ».
size_t word_quote_at(std::string_view s, size_t i) {
  for (std::string_view q : {"\u201C", "\u201D", "\u201E", "\u201F", "\u2018", "\u2019", "\u00AB", "\u00BB"}) {
    if (s.substr(i, q.size()) == q) return q.size();
  }
  return 0;
}

// `date: “2025-11-20”`: Word turned the YAML quotes into its own, which YAML takes as part of
// the text. In prose typography makes «ёлочки» of them; in a date, a choice, a path or an
// address they make the value wrong, and the message would not say why.
bool refuse_word_quotes(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name) {
  if (f.prose || !n.plain) return true;
  const std::string v = trim(n.scalar);
  const size_t open = v.empty() ? 0 : word_quote_at(v, 0);
  if (open == 0 || v.size() <= open) return true;
  size_t close_at = v.size() - 1;
  while (close_at > open && (static_cast<unsigned char>(v[close_at]) & 0xC0) == 0x80) --close_at;
  const size_t close = word_quote_at(v, close_at);
  if (close == 0 || close_at + close != v.size()) return true;
  ctx.error(n, "значение поля " + guillemets(name) + " взято в кавычки " + v.substr(0, open) + "…" + v.substr(close_at) +
                   ", которые ставит Word, а YAML их не понимает; значение должно быть без этих кавычек: " + f.key + ": " +
                   v.substr(open, close_at - open));
  return false;
}

bool expect_scalar(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name) {
  if (n.is_scalar()) return refuse_word_quotes(n, f, ctx, name);
  std::string got = n.is_sequence() ? "список" : "набор полей";
  ctx.error(n, "поле " + guillemets(name) + " должно быть: " + describe_kind(f) + ", а указан " + got +
                   "; если в значении есть двоеточие, квадратные или фигурные скобки, заключите его в кавычки");
  return false;
}

bool check_choice(const YamlNode& n, const std::string& value, const Vocabulary& v, FileContext& ctx, const std::string& name) {
  if (v.contains(value)) return true;
  std::vector<std::string> ids = v.ids();
  std::string hint = nearest(value, ids);
  std::string message = "недопустимое значение " + guillemets(value) + " в поле " + guillemets(name) + ", ";
  message += hint.empty() ? "укажите одно из: " + join(ids, ", ")
                          : "возможно, имелось в виду " + guillemets(hint) + " (допустимы: " + join(ids, ", ") + ")";
  ctx.error(n, message);
  return false;
}

bool check_file_path(const YamlNode& n, const std::string& value, FileContext& ctx, const std::string& name) {
  if (!value.empty()) return true;
  ctx.error(n, "пустой путь к файлу в поле " + guillemets(name) + ", укажите файл из папки files/, например files/prikaz.pdf");
  return false;
}

// The checks of one scalar of a text-like kind; `value` is already trimmed.
bool check_text_kind(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, const std::string& v) {
  switch (f.kind) {
    case FieldKind::Choice:
    case FieldKind::ChoiceList:
      return check_choice(n, v, *f.vocabulary, ctx, name);
    case FieldKind::FilePath:
    case FieldKind::FilePathList:
      return check_file_path(n, v, ctx, name);
    case FieldKind::Url:
      if (!(v.rfind("https://", 0) == 0 || v.rfind("http://", 0) == 0) || v.find_first_of(" \t\"<>") != std::string::npos ||
          v.size() < 10) {
        ctx.error(n, "поле " + guillemets(name) + " должно быть адресом сайта, начинающимся с https://, а указано " + preview(n));
        return false;
      }
      return true;
    case FieldKind::Email: {
      auto at = v.find('@');
      if (at == std::string::npos || at == 0 || at + 1 >= v.size() || v.find_first_of(" \t\"<>,;") != std::string::npos ||
          v.find('@', at + 1) != std::string::npos) {
        ctx.error(n, "поле " + guillemets(name) + " должно быть адресом электронной почты вида name@school.ru, а указано " + preview(n));
        return false;
      }
      return true;
    }
    case FieldKind::Slug:
      // A slug is a folder of the output: past 255 bytes the file system refuses it, and an
      // address that long cannot be read out or typed anyway.
      if (v.size() > kMaxSlugLength) {
        ctx.error(n, "поле " + guillemets(name) + " длиннее " + std::to_string(kMaxSlugLength) + " символов, сократите его, например до " +
                         guillemets(slugify(v, 60)));
        return false;
      }
      if (!is_slug(v)) {
        std::string fixed = slugify(v);
        ctx.error(n, "поле " + guillemets(name) + " может содержать только строчные латинские буквы, цифры и дефис" +
                         (fixed.empty() ? std::string(", например school-1") : ", например " + guillemets(fixed)));
        return false;
      }
      return true;
    default:
      return true;
  }
}

std::optional<int64_t> parse_integer(const std::string& v) {
  bool ok = !v.empty() && v.size() < 10;
  for (size_t i = 0; i < v.size() && ok; ++i) ok = (v[i] >= '0' && v[i] <= '9') || (i == 0 && v[i] == '-' && v.size() > 1);
  if (!ok) return std::nullopt;
  return std::strtoll(v.c_str(), nullptr, 10);
}

}  // namespace

bool read_text(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Text& out) {
  if (!expect_scalar(n, f, ctx, name)) return false;
  std::string v = trim(n.scalar);
  if (!check_text_kind(n, f, ctx, name, v)) return false;
  out.value = f.prose ? typograph(v) : std::move(v);
  out.pos = ctx.at(n);
  out.present = true;
  return true;
}

bool read_date(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Field<Date>& out) {
  if (!expect_scalar(n, f, ctx, name)) return false;
  const std::string v = trim(n.scalar);
  auto d = Date::parse_iso(v);
  if (!d) {
    bool shaped = v.size() == 10 && v[4] == '-' && v[7] == '-';
    ctx.error(n, shaped ? "дата " + guillemets(v) + " в поле " + guillemets(name) + " не существует, проверьте день и месяц"
                        : "дата " + preview(n) + " в поле " + guillemets(name) + " записана неверно, пишите ГГГГ-ММ-ДД, например " +
                              iso_suggestion(v));
    return false;
  }
  out = {*d, ctx.at(n), true};
  return true;
}

bool read_bool(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Field<bool>& out) {
  if (!expect_scalar(n, f, ctx, name)) return false;
  const std::string v = trim(n.scalar);
  if (v != "true" && v != "false") {
    ctx.error(n, "поле " + guillemets(name) + " принимает только true или false, а указано " + preview(n) +
                     "; напишите true (да) или false (нет)");
    return false;
  }
  out = {v == "true", ctx.at(n), true};
  return true;
}

bool read_integer(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Field<int64_t>& out) {
  if (!expect_scalar(n, f, ctx, name)) return false;
  auto v = parse_integer(trim(n.scalar));
  if (!v) {
    ctx.error(n, "поле " + guillemets(name) + " должно быть целым числом, а указано " + preview(n) + ", например 10");
    return false;
  }
  out = {*v, ctx.at(n), true};
  return true;
}

bool read_number(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, Field<double>& out) {
  if (!expect_scalar(n, f, ctx, name)) return false;
  std::string t = trim(n.scalar);
  std::replace(t.begin(), t.end(), ',', '.');
  char* end = nullptr;
  double v = t.empty() ? 0 : std::strtod(t.c_str(), &end);
  bool digits = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-'; });
  if (t.empty() || !digits || end == t.c_str() || *end != '\0' || !std::isfinite(v)) {
    ctx.error(n, "поле " + guillemets(name) + " должно быть числом, например 70, а указано " + preview(n));
    return false;
  }
  out = {v, ctx.at(n), true};
  return true;
}

bool read_text_list(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name, TextList& out) {
  out.pos = ctx.at(n);
  out.present = true;
  auto one = [&](const YamlNode& item) {
    if (!refuse_word_quotes(item, f, ctx, name)) return false;
    std::string v = trim(item.scalar);
    if (!check_text_kind(item, f, ctx, name, v)) return false;
    if (!v.empty()) out.value.push_back({f.prose ? typograph(v) : std::move(v), ctx.at(item), true});
    return true;
  };
  // A single value is taken as a one-item list: curators often forget the brackets.
  if (n.is_scalar()) return one(n);
  if (!n.is_sequence()) {
    ctx.error(n, "поле " + guillemets(name) + " должно быть списком в квадратных скобках, например [\"первое\", \"второе\"]");
    return false;
  }
  bool ok = true;
  for (const auto& item : n.items) {
    if (item.is_null()) continue;
    if (!item.is_scalar()) {
      ctx.error(item, "элемент списка " + guillemets(name) + " должен быть текстом; если в нём есть двоеточие или скобки, заключите его в кавычки");
      ok = false;
      continue;
    }
    ok = one(item) && ok;
  }
  return ok;
}

bool read_integer_list(const YamlNode& n, const FieldInfo& f, FileContext& ctx, const std::string& name,
                       std::vector<Field<int64_t>>& out) {
  if (!n.is_sequence()) {
    ctx.error(n, "поле " + guillemets(name) + " должно быть списком чисел в квадратных скобках, например [2022, 2023]");
    return false;
  }
  bool ok = true;
  FieldInfo integer = f;
  integer.kind = FieldKind::Integer;
  for (const auto& item : n.items) {
    Field<int64_t> v;
    if (read_integer(item, integer, ctx, name, v)) out.push_back(v);
    else ok = false;
  }
  return ok;
}

bool expect_map(const YamlNode& n, FileContext& ctx, const std::string& name) {
  if (n.is_map()) return true;
  ctx.error(n, "поле " + guillemets(name) + " должно состоять из вложенных полей, например {name: \"…\", consent: true}");
  return false;
}

bool expect_map_list(const YamlNode& n, FileContext& ctx, const std::string& name) {
  if (n.is_sequence()) return true;
  ctx.error(n, "поле " + guillemets(name) + " должно быть списком: каждый элемент начинается с новой строки со знака «-»");
  return false;
}

bool expect_year_map(const YamlNode& n, FileContext& ctx, const std::string& name) {
  if (n.is_map()) return true;
  ctx.error(n, "поле " + guillemets(name) + " должно содержать значения по годам, например 2022: {value: 8, target: 10}");
  return false;
}

bool read_year(const YamlNode& key, FileContext& ctx, const std::string& name, Field<int>& out) {
  const std::string year = key.is_scalar() ? key.scalar : std::string();
  bool is_year = year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!is_year) {
    ctx.error(key, "ключ " + guillemets(year) + " в поле " + guillemets(name) + " должен быть годом из четырёх цифр, например 2023");
    return false;
  }
  out = {std::atoi(year.c_str()), ctx.at(key), true};
  return true;
}

bool read_map(const YamlNode* map, Position missing_at, const ContractInfo& contract, FileContext& ctx, std::string_view where,
              const std::function<bool(size_t, const YamlNode&, const std::string&)>& on_value) {
  const std::string prefix = where.empty() ? std::string() : std::string(where) + ".";
  auto missing = [&](Position pos, const FieldInfo& f) {
    ctx.error(pos, "нет обязательного поля " + guillemets(prefix + f.key) + " (" + f.doc + "), добавьте строку " + f.key + ": …");
  };
  if (!map || map->is_null()) {
    bool ok = true;
    for (const auto& f : contract.fields) {
      if (f.required) {
        missing(missing_at, f);
        ok = false;
      }
    }
    return ok;
  }
  if (!map->is_map()) {
    ctx.error(*map, where.empty() ? "ожидаются поля вида ключ: значение, каждое на своей строке"
                                  : "поле " + guillemets(where) + " должно состоять из вложенных полей вида ключ: значение");
    return false;
  }
  bool ok = true;
  std::vector<std::string> known;
  known.reserve(contract.fields.size());
  for (const auto& f : contract.fields) known.push_back(f.key);
  std::vector<bool> seen(contract.fields.size(), false);
  std::vector<std::pair<std::string, int>> seen_keys;  // key → line, for duplicates
  for (const auto& [key_node, value] : map->entries) {
    if (!key_node.is_scalar()) {
      ctx.error(key_node, "ключ поля должен быть словом латиницей перед двоеточием, например title: \"…\"");
      ok = false;
      continue;
    }
    const std::string& key = key_node.scalar;
    const Position pos = ctx.at(key_node);
    auto dup = std::find_if(seen_keys.begin(), seen_keys.end(), [&](const auto& k) { return k.first == key; });
    if (dup != seen_keys.end()) {
      ctx.error(pos, "поле " + guillemets(prefix + key) + " указано дважды (первый раз в строке " + std::to_string(dup->second) +
                         "), оставьте одно");
      ok = false;
      continue;
    }
    seen_keys.emplace_back(key, pos.line);
    auto it = std::find(known.begin(), known.end(), key);
    if (it == known.end()) {
      std::string hint = nearest(key, known);
      ctx.warning(pos, "неизвестное поле " + guillemets(prefix + key) + ", " +
                           (hint.empty() ? "известные поля: " + join(known, ", ")
                                         : "возможно, имелось в виду " + guillemets(hint) + "; исправьте написание или удалите поле"));
      continue;
    }
    const size_t index = static_cast<size_t>(it - known.begin());
    const FieldInfo& f = contract.fields[index];
    seen[index] = true;
    // A text of only spaces is as empty as a missing key: required, it is reported; optional,
    // it is left out (the browser editor writes `key: ""` for a field an editor cleared).
    if (value.is_null() || (value.is_scalar() && trim(value.scalar).empty())) {
      if (f.required) {
        ctx.error(pos, "поле " + guillemets(prefix + key) + " пустое, впишите значение (" + f.doc + ")");
        ok = false;
      }
      continue;
    }
    ok = on_value(index, value, prefix + key) && ok;
  }
  for (size_t i = 0; i < contract.fields.size(); ++i) {
    if (contract.fields[i].required && !seen[i]) {
      missing(ctx.at(*map), contract.fields[i]);
      ok = false;
    }
  }
  return ok;
}

}  // namespace contract_detail
}  // namespace nastavnik
