#include "read/yaml.h"

#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "core/strings.h"
#include "core/utf8.h"

namespace nastavnik {

std::string yaml_detail::unknown_problem_message(std::string_view english) {
  return "ошибка синтаксиса YAML (" + std::string(english) + "), проверьте двоеточия, кавычки и отступы в этой строке";
}

YamlNode::YamlNode() = default;
YamlNode::~YamlNode() = default;
YamlNode::YamlNode(const YamlNode&) = default;
YamlNode::YamlNode(YamlNode&&) noexcept = default;
YamlNode& YamlNode::operator=(const YamlNode&) = default;
YamlNode& YamlNode::operator=(YamlNode&&) noexcept = default;

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.first.kind == Kind::Scalar && entry.first.scalar == key) return &entry.second;
  }
  return nullptr;
}

namespace {

constexpr size_t npos = std::string_view::npos;

// The caller prints these as they are: «ошибка синтаксиса YAML: …» when the text cannot be
// read as YAML, «ошибка в YAML: …» when it can but holds what content YAML may not.
constexpr std::string_view kSyntax = "ошибка синтаксиса YAML: ";
constexpr std::string_view kRefused = "ошибка в YAML: ";

const std::string kUnclosedQuote =
    "ошибка синтаксиса YAML: не закрыты кавычки, добавьте закрывающую кавычку в конце значения";
const std::string kTabIndent = "ошибка синтаксиса YAML: отступ сделан табуляцией, замените табуляцию пробелами";
const std::string kTabBlankLine = "ошибка синтаксиса YAML: в пустой строке стоит табуляция, удалите её";
const std::string kTabElsewhere = "ошибка синтаксиса YAML: табуляция вместо пробела, замените её пробелом";
const std::string kUnclosedSquare = "ошибка синтаксиса YAML: не закрыта квадратная скобка [, добавьте ] в конце списка";
const std::string kUnclosedCurly = "ошибка синтаксиса YAML: не закрыта фигурная скобка {, добавьте } в конце значения";
const std::string kStrayBracket =
    "ошибка синтаксиса YAML: лишняя закрывающая скобка, удалите её или заключите значение в кавычки";
const std::string kBadMap =
    "ошибка синтаксиса YAML: не удалось разобрать поля, проверьте отступы (одинаковое число пробелов) и двоеточия после ключей";
const std::string kBadSequence = "ошибка синтаксиса YAML: не удалось разобрать список, проверьте отступы перед «-»";
const std::string kBlockEntry = "ошибка синтаксиса YAML: элемент списка «-» не на своём месте, проверьте отступы";
const std::string kUnknownEscape =
    "ошибка синтаксиса YAML: неизвестная последовательность с обратной косой чертой \\ в кавычках, удвойте её (\\\\) или "
    "используйте одинарные кавычки";
const std::string kAliasName = "ошибка синтаксиса YAML: после * нет имени метки, заключите значение в кавычки";
const std::string kAnchorName = "ошибка синтаксиса YAML: после & нет имени метки, заключите значение в кавычки";
const std::string kBadValue = "ошибка синтаксиса YAML: недопустимое значение, заключите значение в кавычки";
const std::string kExtraComma =
    "ошибка синтаксиса YAML: лишняя запятая, удалите её или впишите значение между запятыми";
const std::string kExtraColon = "ошибка синтаксиса YAML: лишнее двоеточие в значении, заключите значение в кавычки: ";
const std::string kExtraColonExample = "title: \"Приказ: о наставничестве\"";
const std::string kNoColon =
    "ошибка синтаксиса YAML: в строке нет двоеточия после ключа, поле пишется как ключ: значение; если это продолжение "
    "значения строкой выше, сдвиньте строку пробелами правее ключа";
const std::string kFlowSequenceComma =
    "ошибка синтаксиса YAML: в квадратных скобках значения разделяют запятыми; значение с пробелами, двоеточием или "
    "кавычками заключите в кавычки: [\"первое\", \"второе\"]";
const std::string kFlowMapComma =
    "ошибка синтаксиса YAML: в фигурных скобках поля разделяют запятыми: {name: \"…\", consent: true}; значение с "
    "двоеточием или кавычками заключите в кавычки";
const std::string kDirective =
    "ошибка синтаксиса YAML: строка не может начинаться с «%» (так в YAML пишут директивы), заключите значение в кавычки "
    "или удалите строку";
const std::string kExtraDocumentText =
    "ошибка синтаксиса YAML: лишний текст после конца данных, проверьте отступы в этой строке";

const std::string kAnchor =
    "ошибка в YAML: метки YAML (&имя) и ссылки на них (*имя) не поддерживаются, напишите значение полностью; "
    "если & или * — часть текста, заключите значение в кавычки";
const std::string kAlias =
    "ошибка в YAML: ссылки YAML (*имя) не поддерживаются, напишите значение полностью; "
    "если * — часть текста, заключите значение в кавычки";
const std::string kTag =
    "ошибка в YAML: теги YAML (!имя) не поддерживаются, удалите тег; если ! — часть текста, заключите значение в кавычки";
const std::string kTooDeep = "ошибка в YAML: вложенность глубже " + std::to_string(kMaxYamlDepth) +
                             " уровней, проверьте отступы и парность скобок [ ] и { }";
const std::string kTooMany =
    "ошибка в YAML: в файле больше " + std::to_string(kMaxYamlNodes) + " значений, разделите его на несколько файлов";
const std::string kSecondDocument =
    "ошибка в YAML: в файле второй документ YAML (после строки ---), он не читается; "
    "удалите строку --- и оставьте все записи в одном списке";
const std::string kBrokenValue =
    "ошибка в YAML: значение содержит неверный символ (вероятно, из последовательности \\u… в кавычках), удалите его";
const std::string kNotUtf8 = "ошибка в YAML: текст не в кодировке UTF-8, сохраните файл в UTF-8";
const std::string kNoMemory = "ошибка в YAML: не хватило памяти, чтобы прочитать файл, разделите его на несколько файлов";

std::string unknown_problem(std::string_view english) { return yaml_detail::unknown_problem_message(english); }

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// What Word, web pages and other keyboards paste in place of YAML's structure characters.
// Each returns the length in bytes of the look-alike at s[i], or 0.

// A character that looks like a colon: full-width ：, small ﹕, ratio ∶, modifier ꞉.
size_t colon_lookalike_at(std::string_view s, size_t i) {
  for (std::string_view c : {"\uFF1A", "\uFE55", "\u2236", "\uA789"}) {
    if (s.substr(i, c.size()) == c) return c.size();
  }
  return 0;
}

bool has_colon_lookalike(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c == 0xEF || c == 0xE2 || c == 0xEA) && colon_lookalike_at(s, i) > 0) return true;
  }
  return false;
}

// What a list pasted from Word starts its items with instead of «-»: dashes (—, –, −, ‐, ‑)
// and bullets (•, ·, ▪, ●, ◦).
size_t dash_lookalike_at(std::string_view s, size_t i) {
  for (std::string_view c : {"\u2014", "\u2013", "\u2212", "\u2010", "\u2011", "\u2022", "\u00B7", "\u25AA", "\u25CF",
                             "\u25E6"}) {
    if (s.substr(i, c.size()) == c) return c.size();
  }
  return 0;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A value as it would be written in double quotes, or in single quotes when it holds a
// double quote or a backslash.
std::string quoted(std::string_view value) {
  if (value.find_first_of("\"\\") == npos) return "\"" + std::string(value) + "\"";
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// What stands before a value on its line (`title:`, `- `), as an example writes it: the
// blanks before the value (a tab, several spaces) made one space.
std::string lead_in(std::string_view before_value) {
  std::string_view trimmed = trim_right(before_value);
  if (trimmed.size() == before_value.size()) return std::string(before_value);
  return std::string(trimmed) + ' ';
}

// Lines joined the way YAML folds a plain value: a line break and the indentation around it
// become one space.
std::string folded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      while (!out.empty() && is_blank(out.back())) out.pop_back();
      while (i + 1 < s.size() && (is_blank(s[i + 1]) || s[i + 1] == '\n')) ++i;
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return std::string(trim_right(out));
}

// Where flow brackets ([ and {) first nest deeper than kMaxYamlDepth, from the text alone, so
// that a file of millions of brackets is refused before the parser walks into it. Quoted
// strings and comments are skipped; the count is an upper bound good enough for refusing:
// real files never open 64 brackets.
std::optional<size_t> too_deep_flow(std::string_view text) {
  size_t brackets = 0;
  for (char open : {'[', '{'}) {
    for (size_t at = text.find(open); at != npos; at = text.find(open, at + 1)) ++brackets;
  }
  if (brackets <= static_cast<size_t>(kMaxYamlDepth)) return std::nullopt;
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

// `s` with every byte that is not part of a valid UTF-8 character replaced by U+FFFD.
std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t length = decode_utf8(s, i, cp);
    if (length == 0) {
      out += "\uFFFD";
      ++i;
    } else {
      out.append(s, i, length);
      i += length;
    }
  }
  return out;
}

// The first character a value may not hold (is_forbidden_code_point), from a scan of bytes:
// only ASCII controls and the lead bytes C2, E2 and EF can start one.
std::optional<std::pair<size_t, char32_t>> forbidden_character(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c >= 0x20 && c != 0x7F && c < 0xC2) || (c > 0xC2 && c != 0xE2 && c != 0xEF) || c == '\t' || c == '\n' ||
        c == '\r') {
      continue;
    }
    size_t next = i;
    char32_t cp = next_code_point(s, next);
    if (is_forbidden_code_point(cp)) return std::make_pair(i, cp);
  }
  return std::nullopt;
}

uint32_t hex_value(std::string_view s, size_t from, size_t digits) {
  if (from + digits > s.size()) return UINT32_MAX;
  uint32_t v = 0;
  for (size_t k = from; k < from + digits; ++k) {
    char c = s[k];
    uint32_t d = is_digit(c) ? static_cast<uint32_t>(c - '0')
                 : (c >= 'a' && c <= 'f') ? static_cast<uint32_t>(c - 'a' + 10)
                 : (c >= 'A' && c <= 'F') ? static_cast<uint32_t>(c - 'A' + 10)
                                          : UINT32_MAX;
    if (d == UINT32_MAX) return UINT32_MAX;
    v = v * 16 + d;
  }
  return v;
}

/// The text given to parse_yaml, with the conversions between libyaml's marks (which count
/// characters), byte offsets and the positions reported to the caller.
class Text {
 public:
  explicit Text(std::string_view text) : t_(text) {
    if (starts_with(text, "\xEF\xBB\xBF")) bom_ = 3;  // libyaml skips it without counting it
    byte_ = bom_;
  }

  std::string_view view() const { return t_; }
  size_t size() const { return t_.size(); }
  char at(size_t i) const { return i < t_.size() ? t_[i] : '\0'; }

  /// The byte offset of the character libyaml numbers `index`. The cursor moves from where
  /// it last stood, so the event loop, whose marks grow, pays O(1) amortised per call.
  size_t byte_of(size_t index) {
    while (index_ > index && byte_ > bom_) {
      --byte_;
      while (byte_ > bom_ && is_utf8_continuation(t_[byte_])) --byte_;
      --index_;
    }
    if (index_ > index) index_ = index;  // before the start: only with a BOM libyaml skipped
    const size_t n = t_.size();
    while (index_ < index && byte_ < n) {
      ++byte_;
      while (byte_ < n && is_utf8_continuation(t_[byte_])) ++byte_;
      ++index_;
    }
    return byte_;
  }

  size_t line_begin(size_t byte) const {
    byte = std::min(byte, t_.size());
    if (byte == 0) return 0;
    size_t p = t_.rfind('\n', byte - 1);
    return p == npos ? 0 : p + 1;
  }
  size_t line_end(size_t byte) const {
    size_t p = t_.find('\n', std::min(byte, t_.size()));
    return p == npos ? t_.size() : p;
  }
  size_t skip_blanks(size_t byte) const {
    while (byte < t_.size() && is_blank(t_[byte])) ++byte;
    return byte;
  }

  /// 1-based line and character column of a byte offset, counted as libyaml counts its
  /// marks: CR, NEL, LS and PS break lines too (the caller never passes them).
  std::pair<int, int> position(size_t byte) const {
    byte = std::min(byte, t_.size());
    int line = 1;
    size_t begin = bom_;
    for (size_t i = 0; i < byte; ++i) {
      const char c = t_[i];
      size_t length = 0;
      if (c == '\n' || (c == '\r' && at(i + 1) != '\n')) {
        length = 1;
      } else if (c == '\xC2' && at(i + 1) == '\x85') {
        length = 2;
      } else if (c == '\xE2' && at(i + 1) == '\x80' && (at(i + 2) == '\xA8' || at(i + 2) == '\xA9')) {
        length = 3;
      }
      if (length > 0 && i + length <= byte) {
        ++line;
        begin = i + length;
        i += length - 1;
      }
    }
    int column = 1;
    for (size_t i = std::min(begin, byte); i < byte; ++i) column += !is_utf8_continuation(t_[i]);
    return {line, column};
  }

 private:
  std::string_view t_;
  size_t bom_ = 0;
  size_t index_ = 0;  // the cursor of byte_of
  size_t byte_ = 0;
};

/// An open sequence or map. Its children wait in Reader's scratch lists from `first` on, and
/// move into the node, in one allocation, when it ends.
struct Frame {
  YamlNode node;
  YamlNode key;  ///< a map's key waiting for its value
  bool has_key = false;
  bool flow = false;
  size_t first = 0;
  yaml_mark_t start{};
};

struct LastEvent {
  yaml_event_type_t type = YAML_NO_EVENT;
  yaml_mark_t start{};
  yaml_mark_t end{};
  yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
  bool in_flow = false;
};

class ParserHandle {
 public:
  ParserHandle() { ok_ = yaml_parser_initialize(&parser_) != 0; }
  ~ParserHandle() {
    if (ok_) yaml_parser_delete(&parser_);
  }
  ParserHandle(const ParserHandle&) = delete;
  ParserHandle& operator=(const ParserHandle&) = delete;
  bool ok() const { return ok_; }
  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_{};
  bool ok_ = false;
};

class EventHandle {
 public:
  explicit EventHandle(yaml_event_t& event) : event_(event) {}
  ~EventHandle() { yaml_event_delete(&event_); }
  EventHandle(const EventHandle&) = delete;
  EventHandle& operator=(const EventHandle&) = delete;

 private:
  yaml_event_t& event_;
};

class Reader {
 public:
  Reader(std::string_view text, YamlError& error) : text_(text), error_(error) {}

  std::optional<YamlNode> run();

 private:
  // Every fail* sets the error and returns false, so that handlers can `return fail(…)`.
  bool fail(int line, int column, std::string message) {
    error_.line = std::max(line, 1);
    error_.column = std::max(column, 1);
    // Messages quote the text; a text that is not UTF-8 (which the caller refuses first)
    // must not make one that is not either.
    error_.message = is_valid_utf8(message) ? std::move(message) : valid_utf8(message);
    return false;
  }
  bool fail_mark(const yaml_mark_t& mark, std::string message) {
    return fail(static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1, std::move(message));
  }
  // For the explain* functions, whose result says whether they reported the error.
  static bool reported(bool) { return true; }
  bool fail_byte(size_t byte, std::string message) {
    auto [line, column] = text_.position(byte);
    return fail(line, column, std::move(message));
  }

  bool in_flow() const { return !stack_.empty() && stack_.back().flow; }
  bool on_event(const yaml_event_t& event);
  bool on_scalar(const yaml_event_t& event);
  bool on_collection_start(const yaml_event_t& event, bool map);
  bool count_node(const yaml_mark_t& mark);
  void attach(YamlNode&& node);
  void close_collection();

  size_t comment_cut(size_t from, bool flow, bool after_one_space = false) const;
  bool fail_comment_cut(size_t hash, const yaml_event_t& event, bool flow);
  size_t forbidden_source(size_t begin, size_t end, bool escapes) const;
  size_t missing_space(size_t line, size_t not_before) const;
  bool fail_missing_space(size_t colon);
  bool fail_lookalike(size_t first);
  std::string example(size_t value_start);

  void explain(const yaml_parser_t& parser);
  bool explain_quoted_scalar(std::string_view problem, const yaml_mark_t& problem_mark, const yaml_mark_t& context_mark);
  bool explain_quotes_inside_quotes(const yaml_mark_t& problem_mark);
  bool explain_unclosed_flow(size_t problem_byte, const yaml_mark_t& problem_mark);
  bool explain_from_last_event(size_t problem_byte);
  bool explain_tab(size_t byte);
  bool explain_colon(size_t problem_byte, const yaml_mark_t& problem_mark);
  void explain_problem(std::string_view problem, std::string_view context, const yaml_mark_t& problem_mark,
                       const yaml_mark_t& context_mark, size_t problem_byte);

  Text text_;
  YamlError& error_;
  std::vector<Frame> stack_;
  std::vector<YamlNode> items_;                          // children of the open sequences
  std::vector<std::pair<YamlNode, YamlNode>> entries_;   // entries of the open maps
  YamlNode root_;
  bool has_root_ = false;
  size_t nodes_ = 0;
  int documents_ = 0;
  LastEvent last_;
  bool has_hash_ = text_.view().find('#') != npos;  // no #, no comment to cut a value
  size_t root_start_index_ = 0;  // libyaml's index of a scalar that is the whole document
};

std::optional<YamlNode> Reader::run() {
  if (auto at = too_deep_flow(text_.view())) {
    fail_byte(*at, kTooDeep);
    return std::nullopt;
  }
  ParserHandle parser;
  if (!parser.ok()) {
    fail(1, 1, kNoMemory);
    return std::nullopt;
  }
  static const unsigned char kEmpty[1] = {0};
  const auto* input = text_.size() ? reinterpret_cast<const unsigned char*>(text_.view().data()) : kEmpty;
  yaml_parser_set_input_string(parser.get(), input, text_.size());
  stack_.reserve(8);
  entries_.reserve(32);  // a front matter's fields without growing
  items_.reserve(16);
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(parser.get(), &event)) {
      explain(*parser.get());
      return std::nullopt;
    }
    EventHandle handle(event);
    if (!on_event(event)) return std::nullopt;
    last_.type = event.type;
    last_.start = event.start_mark;
    last_.end = event.end_mark;
    last_.style = event.type == YAML_SCALAR_EVENT ? event.data.scalar.style : YAML_ANY_SCALAR_STYLE;
    last_.in_flow = in_flow();
    if (event.type == YAML_STREAM_END_EVENT) break;
  }
  if (!has_root_) return YamlNode{};
  // `title:"Новость"` alone is one plain scalar to YAML; in a content file it is a key
  // without the space after its colon.
  if (root_.is_scalar() && root_.plain) {
    size_t start = text_.byte_of(root_start_index_);
    size_t colon = missing_space(text_.line_begin(start), start);
    if (colon != npos) {
      fail_missing_space(colon);
      return std::nullopt;
    }
  }
  return std::move(root_);
}

bool Reader::on_event(const yaml_event_t& event) {
  switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
      // A second document would be dropped without a word, mentors and all.
      if (documents_++ > 0) return fail_mark(event.start_mark, kSecondDocument);
      return true;
    case YAML_ALIAS_EVENT:
      return fail_mark(event.start_mark, kAlias);
    case YAML_SCALAR_EVENT:
      return on_scalar(event);
    case YAML_SEQUENCE_START_EVENT:
      return on_collection_start(event, false);
    case YAML_MAPPING_START_EVENT:
      return on_collection_start(event, true);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      if (!stack_.empty()) close_collection();  // libyaml pairs them: never empty
      return true;
    }
    default:
      return true;
  }
}

bool Reader::count_node(const yaml_mark_t& mark) {
  if (++nodes_ > kMaxYamlNodes) return fail_mark(mark, kTooMany);
  return true;
}

void Reader::attach(YamlNode&& node) {
  if (stack_.empty()) {
    root_ = std::move(node);
    has_root_ = true;
    return;
  }
  Frame& frame = stack_.back();
  if (frame.node.kind == YamlNode::Kind::Sequence) {
    items_.push_back(std::move(node));
  } else if (!frame.has_key) {
    frame.key = std::move(node);
    frame.has_key = true;
  } else {
    entries_.emplace_back(std::move(frame.key), std::move(node));
    frame.has_key = false;
  }
}

void Reader::close_collection() {
  Frame& frame = stack_.back();
  YamlNode node = std::move(frame.node);
  if (node.kind == YamlNode::Kind::Map) {
    if (frame.has_key) entries_.emplace_back(std::move(frame.key), YamlNode{});  // libyaml always gives a value
    auto first = entries_.begin() + static_cast<std::ptrdiff_t>(frame.first);
    node.entries.reserve(static_cast<size_t>(entries_.end() - first));
    std::move(first, entries_.end(), std::back_inserter(node.entries));
    entries_.erase(first, entries_.end());
  } else {
    auto first = items_.begin() + static_cast<std::ptrdiff_t>(frame.first);
    node.items.reserve(static_cast<size_t>(items_.end() - first));
    std::move(first, items_.end(), std::back_inserter(node.items));
    items_.erase(first, items_.end());
  }
  stack_.pop_back();
  attach(std::move(node));
}

bool Reader::on_collection_start(const yaml_event_t& event, bool map) {
  const yaml_char_t* anchor = map ? event.data.mapping_start.anchor : event.data.sequence_start.anchor;
  const yaml_char_t* tag = map ? event.data.mapping_start.tag : event.data.sequence_start.tag;
  if (anchor) return fail_mark(event.start_mark, kAnchor);
  if (tag) return fail_mark(event.start_mark, kTag);
  if (!count_node(event.start_mark)) return false;
  if (stack_.size() + 1 > static_cast<size_t>(kMaxYamlDepth)) return fail_mark(event.start_mark, kTooDeep);
  bool flow = map ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                  : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
  Frame& frame = stack_.emplace_back();
  frame.node.kind = map ? YamlNode::Kind::Map : YamlNode::Kind::Sequence;
  frame.node.line = static_cast<int>(event.start_mark.line) + 1;
  frame.node.column = static_cast<int>(event.start_mark.column) + 1;
  frame.flow = flow;
  frame.first = map ? entries_.size() : items_.size();
  frame.start = event.start_mark;
  if (flow && has_hash_) {
    size_t hash = comment_cut(text_.byte_of(event.end_mark.index), true);
    if (hash != npos) return fail_comment_cut(hash, event, true);
  }
  return true;
}

bool Reader::on_scalar(const yaml_event_t& event) {
  const auto& s = event.data.scalar;
  if (s.anchor) return fail_mark(event.start_mark, kAnchor);
  if (s.tag) {
    std::string message = kTag;
    size_t start = text_.byte_of(event.start_mark.index);
    message += ": " + example(start);
    return fail_mark(event.start_mark, std::move(message));
  }
  if (!count_node(event.start_mark)) return false;
  std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
  const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
  const bool quoted_style = s.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
  const bool flow = in_flow();

  // A quoted value that runs over lines is a quote left open: editors never mean the
  // multi-line form, and the value would swallow the fields that follow it.
  if (quoted_style && event.start_mark.line != event.end_mark.line) return fail_mark(event.start_mark, kUnclosedQuote);

  // Escapes in double quotes can make what the text itself may not hold.
  // (libyaml refuses escapes of surrogates and past U+10FFFF itself; the check stays, for
  // values that hold the lead bytes of such sequences.)
  if (s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
      std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xED; }) &&
      !is_valid_utf8(value)) {
    return fail_mark(event.start_mark, kBrokenValue);
  }
  if (auto forbidden = forbidden_character(value)) {
    size_t begin = text_.byte_of(event.start_mark.index);
    size_t end = text_.byte_of(event.end_mark.index);
    size_t at = forbidden_source(begin, end, s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    return fail_byte(at, std::string(kRefused) + "значение содержит невидимый управляющий символ " +
                             code_point_name(forbidden->second) +
                             " (вероятно, из последовательности с обратной косой чертой в кавычках), удалите его");
  }

  // A value that starts its line with a no-break space, a dash or a bullet was meant as
  // indentation or a list item («-»): YAML takes it for text (a key «  image», one tag
  // «— конкурс — школа»).
  if (plain && !flow && value.size() >= 2) {
    const unsigned char first = static_cast<unsigned char>(value[0]);
    if (first == 0xC2 || first == 0xE2 || first == 0xE3 || (first == '-' && static_cast<unsigned char>(value[1]) == 0xC2)) {
      size_t start = text_.byte_of(event.start_mark.index);
      size_t line = text_.line_begin(start);
      if (text_.skip_blanks(line) == start && !fail_lookalike(start)) return false;
    }
  }

  // `2023:{value: 1}` is a key «2023:{value» to YAML: a key glued to its value (or to a
  // no-break space after its colon, or joined to it by a colon that only looks like one).
  if (plain && !flow && !stack_.empty() && stack_.back().node.is_map() && !stack_.back().has_key &&
      (value.find(':') != npos || has_colon_lookalike(value))) {
    size_t start = text_.byte_of(event.start_mark.index);
    size_t colon = missing_space(text_.line_begin(start), start);
    if (colon != npos) return fail_missing_space(colon);
  }

  // ` #` starts a comment: `title: Приказ #125` would silently be «Приказ».
  if (has_hash_ && (plain || (flow && quoted_style))) {
    size_t hash = npos;
    if (flow || !value.empty()) {
      hash = comment_cut(text_.byte_of(event.end_mark.index), flow, !flow);
    } else {
      // An empty value: its mark is right after the `:` or `-` that introduced it.
      size_t at = text_.byte_of(event.start_mark.index);
      char before = at > 0 ? text_.at(at - 1) : '\0';
      if ((before == ':' || before == '-') && is_blank(text_.at(at))) hash = comment_cut(at, false);
    }
    if (hash != npos) return fail_comment_cut(hash, event, flow);
  }

  if (stack_.empty()) root_start_index_ = event.start_mark.index;
  YamlNode node;
  node.line = static_cast<int>(event.start_mark.line) + 1;
  node.column = static_cast<int>(event.start_mark.column) + 1;
  node.plain = plain;
  if (!(plain && (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL"))) {
    node.kind = YamlNode::Kind::Scalar;
    node.scalar.assign(value);
  }
  attach(std::move(node));
  return true;
}

// The `#` that starts a comment right after a value (and, in flow, after its comma), when
// it was meant as text: the comment does not start with a space (`#125`, `#наставничество`),
// or, after a value (`after_one_space`), one space only stands before it: `title: Приказ
// # 125`. A comment after a value is written after two spaces or more, as `nastavnik new`
// writes its hints (`date: 2026-12-06  # Дата публикации`) and as YAML linters ask; a
// curator who types «Приказ # 125» means the text.
size_t Reader::comment_cut(size_t from, bool flow, bool after_one_space) const {
  size_t i = text_.skip_blanks(from);
  if (flow && text_.at(i) == ',') i = text_.skip_blanks(i + 1);
  if (i >= text_.size() || text_.at(i) != '#') return npos;
  if (after_one_space && i == from + 1 && text_.at(from) == ' ') return i;
  char next = text_.at(i + 1);
  if (i + 1 >= text_.size() || next == ' ' || next == '\t' || next == '\n' || next == '\r') return npos;
  return i;
}

bool Reader::fail_comment_cut(size_t hash, const yaml_event_t& event, bool flow) {
  const std::string_view t = text_.view();
  std::string message(kSyntax);
  if (flow) {
    size_t end = t.find_first_of(",]}\n", hash);
    if (end == npos) end = t.size();
    message += "знак # начинает комментарий, и остаток строки не читается; заключите значение в кавычки: " +
               quoted(truncate_words(trim_right(t.substr(hash, end - hash)), 80));
    return fail_byte(hash, std::move(message));
  }
  const auto& s = event.data.scalar;
  size_t line_end = text_.line_end(hash);
  if (s.length == 0) {
    size_t mark = text_.byte_of(event.start_mark.index);
    size_t first = text_.skip_blanks(text_.line_begin(mark));
    std::string prefix(trim_right(t.substr(first, mark - first)));
    message += "знак # в начале значения начинает комментарий, и значение получается пустым; заключите всё значение в "
               "кавычки: " +
               prefix + " " + quoted(truncate_words(trim_right(t.substr(hash, line_end - hash)), 80));
    return fail_byte(hash, std::move(message));
  }
  size_t start = text_.byte_of(event.start_mark.index);
  size_t first = text_.skip_blanks(text_.line_begin(start));
  std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
  const std::string fixed = lead_in(t.substr(first, start - first)) +
                            quoted(truncate_words(folded(t.substr(start, line_end - start)), 80));
  const char next = text_.at(hash + 1);
  if (hash + 1 >= t.size() || next == ' ' || next == '\t' || next == '\n') {
    // `Приказ # 125`: text, or a comment written after one space; say how to write either.
    message += "знак # после одного пробела начинает комментарий, и значение обрывается на " +
               guillemets(truncate_words(value, 60)) + "; если # — часть значения, заключите всё значение в кавычки: " +
               fixed + "; если это комментарий, отделите # от значения двумя пробелами";
    return fail_byte(hash, std::move(message));
  }
  message += "знак # в значении начинает комментарий, и значение обрывается на " + guillemets(truncate_words(value, 60)) +
             "; заключите всё значение в кавычки: " + fixed;
  return fail_byte(hash, std::move(message));
}

// Where in the source of a scalar (bytes begin..end) the first forbidden character comes
// from: the backslash of its escape, or the character itself.
size_t Reader::forbidden_source(size_t begin, size_t end, bool escapes) const {
  std::string_view t = text_.view();
  end = std::min(end, t.size());
  for (size_t i = begin; i < end;) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (escapes && c == '\\' && i + 1 < end) {
      char e = t[i + 1];
      uint32_t cp = static_cast<unsigned char>(e);
      size_t length = 2;
      switch (e) {
        case '0': cp = 0; break;
        case 'a': cp = 7; break;
        case 'b': cp = 8; break;
        case 'v': cp = 11; break;
        case 'f': cp = 12; break;
        case 'r': cp = 13; break;
        case 'e': cp = 0x1B; break;
        case 'N': cp = 0x85; break;
        case 'L': cp = 0x2028; break;
        case 'P': cp = 0x2029; break;
        case 'x': cp = hex_value(t, i + 2, 2); length = 4; break;
        case 'u': cp = hex_value(t, i + 2, 4); length = 6; break;
        case 'U': cp = hex_value(t, i + 2, 8); length = 10; break;
        default: break;
      }
      if (cp != UINT32_MAX && is_forbidden_code_point(cp)) return i;
      i += length;
      continue;
    }
    size_t at = i;
    char32_t cp = c < 0x80 ? (++i, c) : next_code_point(t, i);
    if (is_forbidden_code_point(cp)) return at;
  }
  return begin;
}

// The colon of a line that starts (after its indentation and list dashes) with a key glued
// to its value: `title:"Новость"`, `date:2025-01-01`. Not `https://…`, not a time `10:30`.
// The key must start at or after `not_before`.
size_t Reader::missing_space(size_t line, size_t not_before) const {
  size_t i = text_.skip_blanks(line);
  while (text_.at(i) == '-' && is_blank(text_.at(i + 1))) i = text_.skip_blanks(i + 1);
  if (i < not_before) return npos;
  size_t k = i;
  while (k < text_.size() && is_key_char(text_.at(k))) ++k;
  if (k == i || text_.at(i) == '-') return npos;
  if (colon_lookalike_at(text_.view(), k) > 0) return k;  // never a colon to YAML, whatever follows
  if (text_.at(k) != ':') return npos;
  bool digits = std::all_of(text_.view().begin() + static_cast<std::ptrdiff_t>(i),
                            text_.view().begin() + static_cast<std::ptrdiff_t>(k), is_digit);
  char next = text_.at(k + 1);
  if (k + 1 >= text_.size() || next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == '/' || next == ':') {
    return npos;
  }
  if (digits && (k - i != 4 || is_digit(next))) return npos;  // a time, not a year key
  return k;
}

bool Reader::fail_missing_space(size_t colon) {
  std::string_view t = text_.view();
  size_t first = colon;
  while (first > 0 && is_key_char(t[first - 1])) --first;
  std::string key(t.substr(first, colon - first));
  size_t end = text_.line_end(colon);
  const size_t lookalike = colon_lookalike_at(t, colon);
  // The value as it should follow «key: », without the look-alike spaces pasted before it.
  size_t value_start = colon + (lookalike > 0 ? lookalike : 1);
  for (size_t space; value_start < end && ((space = unicode_space_at(t, value_start)) > 0 || is_blank(t[value_start]));) {
    value_start += space > 0 ? space : 1;
  }
  std::string value = truncate_words(trim_right(t.substr(value_start, end - value_start)), 60);
  std::string fixed = key + ": " + value;
  if (lookalike > 0) {
    return fail_byte(colon, std::string(kSyntax) + "после «" + key + "» стоит знак «" +
                                std::string(t.substr(colon, lookalike)) +
                                "», похожий на двоеточие, но это другой символ; напишите обычное двоеточие и пробел: " +
                                fixed);
  }
  if (unicode_space_at(t, colon + 1) > 0) {
    return fail_byte(colon + 1, std::string(kSyntax) + "после двоеточия в «" + key +
                                    ":» стоит неразрывный пробел (так бывает при копировании из Word), замените его "
                                    "обычным пробелом: " +
                                    fixed);
  }
  return fail_byte(colon, std::string(kSyntax) + "после двоеточия в «" + key +
                              ":» нет пробела; поставьте пробел после двоеточия: " + fixed);
}

// A line whose first character after its indentation (at `first`) is not the space or
// «-» it looks like: a no-break space in the indentation, a no-break space after «-», a
// dash or bullet in place of «-». Reports it and returns false; true when the line is
// none of these.
bool Reader::fail_lookalike(size_t first) {
  std::string_view t = text_.view();
  if (unicode_space_at(t, first) > 0) {
    return fail_byte(first, std::string(kSyntax) +
                                "отступ сделан неразрывными пробелами (так бывает при копировании из Word или с сайта), "
                                "замените их обычными пробелами");
  }
  const size_t end = text_.line_end(first);
  // The item's text, without the spaces of any kind after its marker.
  auto rest = [&](size_t from) {
    for (size_t space; from < end && ((space = unicode_space_at(t, from)) > 0 || is_blank(t[from]));) {
      from += space > 0 ? space : 1;
    }
    return truncate_words(trim_right(t.substr(from, end - from)), 60);
  };
  if (t[first] == '-' && unicode_space_at(t, first + 1) > 0) {
    return fail_byte(first + 1, std::string(kSyntax) +
                                    "после «-» стоит неразрывный пробел (так бывает при копировании из Word), замените "
                                    "его обычным пробелом: - " +
                                    rest(first + 1));
  }
  const size_t dash = dash_lookalike_at(t, first);
  if (dash > 0 && (is_blank(text_.at(first + dash)) || unicode_space_at(t, first + dash) > 0)) {
    return fail_byte(first, std::string(kSyntax) + "элемент списка начинается со знака «" +
                                std::string(t.substr(first, dash)) +
                                "», а в YAML элементы списка начинают дефисом «-»; напишите - " + rest(first + dash) +
                                " (если знак — часть текста, заключите значение в кавычки)");
  }
  return true;
}

// `title: "…"` for the value that starts at `value_start`: its line up to the value, then
// the rest of the line (in brackets, up to the next comma or bracket) in quotes.
std::string Reader::example(size_t value_start) {
  std::string_view t = text_.view();
  value_start = std::min(value_start, t.size());
  size_t first = text_.skip_blanks(text_.line_begin(value_start));
  size_t end = text_.line_end(value_start);
  std::string_view rest;
  if (in_flow()) {
    size_t cut = t.find_first_of(",]}", value_start);
    if (cut < end) {
      rest = trim_right(t.substr(cut, end - cut));
      end = cut;
    }
  }
  return lead_in(t.substr(first, value_start - first)) +
         quoted(truncate_words(trim_right(t.substr(value_start, end - value_start)), 80)) + std::string(rest);
}

// ---------------------------------------------------------------- syntax errors --

void Reader::explain(const yaml_parser_t& parser) {
  std::string_view problem = parser.problem ? parser.problem : "";
  std::string_view context = parser.context ? parser.context : "";
  if (parser.error == YAML_MEMORY_ERROR) {
    fail(1, 1, kNoMemory);
    return;
  }
  if (parser.error == YAML_READER_ERROR) {
    // The caller refuses such texts first; libyaml counts this offset in bytes.
    size_t at = std::min(parser.problem_offset, text_.size());
    if (starts_with(problem, "control characters")) {
      fail_byte(at, std::string(kRefused) + "в тексте невидимый управляющий символ " +
                        code_point_name(static_cast<char32_t>(parser.problem_value)) + ", удалите его");
    } else {
      size_t bad = 0;
      if (!is_valid_utf8(text_.view(), &bad)) at = bad;  // the character's first byte, not libyaml's octet
      fail_byte(at, kNotUtf8);
    }
    return;
  }
  const yaml_mark_t& problem_mark = parser.problem_mark;
  const yaml_mark_t& context_mark = parser.context ? parser.context_mark : parser.problem_mark;
  size_t problem_byte = text_.byte_of(problem_mark.index);

  if (starts_with(context, "while scanning a quoted scalar") || starts_with(context, "while parsing a quoted scalar")) {
    explain_quoted_scalar(problem, problem_mark, context_mark);
    return;
  }
  if (explain_quotes_inside_quotes(problem_mark)) return;
  if (explain_unclosed_flow(problem_byte, problem_mark)) return;
  if (explain_from_last_event(problem_byte)) return;
  explain_problem(problem, context, problem_mark, context_mark, problem_byte);
}

bool Reader::explain_quoted_scalar(std::string_view problem, const yaml_mark_t& problem_mark,
                                   const yaml_mark_t& context_mark) {
  // A quote that is not closed on its line is reported there, not where the text ends.
  if (problem_mark.line != context_mark.line || problem == "found unexpected end of stream" ||
      problem == "found unexpected document indicator") {
    return reported(fail_mark(context_mark, kUnclosedQuote));
  }
  size_t quote = text_.byte_of(context_mark.index);
  size_t backslash = text_.byte_of(problem_mark.index);
  while (backslash > quote && text_.at(backslash) != '\\') --backslash;
  if (problem == "found invalid Unicode character escape code") return reported(fail_byte(backslash, kBrokenValue));
  if (problem == "found unknown escape character" || problem == "did not find expected hexdecimal number") {
    return reported(fail_byte(backslash, kUnknownEscape));
  }
  return reported(fail_mark(problem_mark, unknown_problem(problem)));
}

// `title: "День "наставника" в школе"`: the value ends at the second quote, and what follows
// on the line cannot be read.
bool Reader::explain_quotes_inside_quotes(const yaml_mark_t& problem_mark) {
  const bool double_quoted = last_.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
  if (last_.type != YAML_SCALAR_EVENT || last_.in_flow ||
      !(double_quoted || last_.style == YAML_SINGLE_QUOTED_SCALAR_STYLE) || last_.start.line != last_.end.line ||
      problem_mark.line != last_.end.line || problem_mark.index < last_.end.index) {
    return false;
  }
  size_t after = text_.byte_of(last_.end.index);
  size_t next = text_.skip_blanks(after);
  char c = text_.at(next);
  if (next >= text_.size() || c == '\n' || c == '#' || c == ':' || c == ',' || c == ']' || c == '}') return false;
  std::string_view t = text_.view();
  size_t open = text_.byte_of(last_.start.index);
  std::string_view raw = trim_right(t.substr(open, text_.line_end(open) - open));
  const char q = double_quoted ? '"' : '\'';
  std::string_view inner = raw;
  if (raw.size() >= 2 && raw.back() == q) inner = raw.substr(1, raw.size() - 2);
  std::string message(kSyntax);
  if (double_quoted) {
    size_t quotes = static_cast<size_t>(std::count(inner.begin(), inner.end(), '"'));
    message += "кавычки внутри кавычек; внутри значения пишите «ёлочки»";
    if (quotes % 2 == 0) {
      std::string fixed;
      bool open_next = true;
      for (char ch : inner) {
        if (ch == '"') {
          fixed += open_next ? "«" : "»";
          open_next = !open_next;
        } else {
          fixed += ch;
        }
      }
      message += " (" + truncate_words(fixed, 80) + ")";
    }
    message += " или заключите всё значение в одинарные кавычки: '…'";
  } else {
    if (inner.size() == raw.size()) inner.remove_prefix(1);
    std::string fixed = "'";
    for (char ch : inner) {
      if (ch == '\'') fixed += '\'';
      fixed += ch;
    }
    fixed += "'";
    message += "апостроф внутри одинарных кавычек; удвойте его (" + truncate_words(fixed, 80) +
               ") или заключите всё значение в двойные кавычки";
  }
  // The quote that closed the value: the character before its end mark.
  return reported(fail(static_cast<int>(last_.end.line) + 1, static_cast<int>(last_.end.column), std::move(message)));
}

// `forms: [a, b` with the next field below: libyaml reads on into the following lines and
// fails there; the bracket is what to fix.
bool Reader::explain_unclosed_flow(size_t problem_byte, const yaml_mark_t& problem_mark) {
  if (!in_flow()) return false;
  const Frame& frame = stack_.back();
  size_t open = text_.byte_of(frame.start.index);
  bool unclosed = true;
  for (size_t i = problem_byte; i < text_.size() && unclosed; ++i) unclosed = is_blank(text_.at(i)) || text_.at(i) == '\n';
  if (!unclosed && problem_mark.line > frame.start.line) {
    // A line inside the brackets that is not indented past the bracket's line starts the
    // next field: the bracket was never closed.
    size_t open_line = text_.line_begin(open);
    size_t indent = text_.skip_blanks(open_line) - open_line;
    for (size_t line = text_.line_end(open) + 1; line <= problem_byte && line < text_.size();
         line = text_.line_end(line) + 1) {
      size_t first = text_.skip_blanks(line);
      char c = text_.at(first);
      if (first >= text_.size() || c == '\n' || c == '#') continue;
      if (first - line <= indent) {
        unclosed = true;
        break;
      }
    }
  }
  if (!unclosed) return false;
  return reported(fail_mark(frame.start, frame.node.is_map() ? kUnclosedCurly : kUnclosedSquare));
}

// From where the parser last stood to the line of the error: a tab in the indentation or a
// key glued to its value, whichever comes first.
bool Reader::explain_from_last_event(size_t problem_byte) {
  if (in_flow()) return false;
  size_t from = 0;
  if (last_.type == YAML_SCALAR_EVENT && last_.style == YAML_PLAIN_SCALAR_STYLE) {
    // A plain value may have taken in the lines below it, the culprit with them.
    from = text_.byte_of(last_.start.index);
  } else if (last_.type != YAML_NO_EVENT) {
    from = text_.byte_of(last_.end.index);
  }
  size_t upto = text_.line_end(problem_byte);
  for (size_t line = text_.line_begin(from); line <= upto && line < text_.size(); line = text_.line_end(line) + 1) {
    if (line >= from) {
      for (size_t i = line; i < text_.size() && is_blank(text_.at(i)); ++i) {
        if (text_.at(i) == '\t') return explain_tab(i);
      }
    }
    // The first character of the line may be where the parser stopped.
    if (size_t first = text_.skip_blanks(line); first >= from && !fail_lookalike(first)) return true;
    size_t colon = missing_space(line, from);
    if (colon != npos) return reported(fail_missing_space(colon));
  }
  return false;
}

bool Reader::explain_tab(size_t byte) {
  size_t line = text_.line_begin(byte);
  size_t first = text_.skip_blanks(line);
  if (first >= text_.size() || text_.at(first) == '\n') return reported(fail_byte(byte, kTabBlankLine));
  if (first > byte) return reported(fail_byte(byte, kTabIndent));
  return reported(fail_byte(byte, kTabElsewhere));
}

// «mapping values are not allowed»: a colon and a space inside a plain value.
bool Reader::explain_colon(size_t problem_byte, const yaml_mark_t& problem_mark) {
  std::string_view t = text_.view();
  if (last_.type == YAML_SCALAR_EVENT && last_.style == YAML_PLAIN_SCALAR_STYLE) {
    size_t end = text_.byte_of(last_.end.index);
    if (end <= problem_byte && text_.skip_blanks(end) >= problem_byte) {
      size_t start = text_.byte_of(last_.start.index);
      if (last_.start.line < problem_mark.line) {
        // `title: x` then `  date: y`: a key indented past its neighbours continues the value
        // above it.
        size_t first = text_.skip_blanks(text_.line_begin(problem_byte));
        size_t k = first;
        while (k < problem_byte && is_key_char(t[k])) ++k;
        if (k > first && k == problem_byte) {
          return reported(fail_byte(first, std::string(kSyntax) + "поле «" + std::string(t.substr(first, k - first)) +
                                      "» сдвинуто правее соседних и читается как продолжение значения строкой выше; "
                                      "выровняйте отступ (одинаковое число пробелов)"));
        }
      }
      size_t first = text_.skip_blanks(text_.line_begin(start));
      std::string fix = lead_in(t.substr(first, start - first)) +
                        quoted(truncate_words(folded(t.substr(start, text_.line_end(problem_byte) - start)), 80));
      return reported(fail_mark(problem_mark, kExtraColon + fix));
    }
  }
  // The colon on a `key: value` line, after the key's own.
  size_t first = text_.skip_blanks(text_.line_begin(problem_byte));
  while (text_.at(first) == '-' && is_blank(text_.at(first + 1))) first = text_.skip_blanks(first + 1);
  size_t key_colon = t.find(": ", first);
  if (key_colon != npos && key_colon < problem_byte) {
    return reported(fail_mark(problem_mark, kExtraColon + example(text_.skip_blanks(key_colon + 1))));
  }
  return reported(fail_mark(problem_mark, kExtraColon + kExtraColonExample));
}

void Reader::explain_problem(std::string_view problem, std::string_view context, const yaml_mark_t& problem_mark,
                             const yaml_mark_t& context_mark, size_t problem_byte) {
  const char at = text_.at(problem_byte);
  if (problem == "mapping values are not allowed in this context" || problem == "found unexpected ':'") {
    explain_colon(problem_byte, problem_mark);
  } else if (at == '\t' && problem_byte < text_.size()) {
    explain_tab(problem_byte);
  } else if (starts_with(problem, "found a tab character")) {
    fail_mark(problem_mark, kTabIndent);
  } else if (problem == "found character that cannot start any token") {
    size_t end = problem_byte;
    next_code_point(text_.view(), end);
    std::string character(text_.view().substr(problem_byte, end - problem_byte));
    fail_mark(problem_mark, std::string(kSyntax) + "непонятный символ «" + character +
                                "» в начале значения, заключите значение в кавычки: " + example(problem_byte));
  } else if (problem == "could not find expected ':'") {
    fail_mark(context_mark, kNoColon);
  } else if (problem == "block sequence entries are not allowed in this context") {
    fail_mark(problem_mark, kBlockEntry);
  } else if (problem == "mapping keys are not allowed in this context") {
    fail_mark(problem_mark, std::string(kSyntax) + "значение не может начинаться с «? », заключите значение в кавычки: " +
                                example(problem_byte));
  } else if (problem == "did not find expected ',' or ']'") {
    fail_mark(problem_mark, kFlowSequenceComma);
  } else if (problem == "did not find expected ',' or '}'") {
    fail_mark(problem_mark, kFlowMapComma);
  } else if (context.find("block") != npos && (at == ']' || at == '}') && problem_byte < text_.size()) {
    fail_mark(problem_mark, kStrayBracket);
  } else if (problem == "did not find expected key") {
    fail_mark(problem_mark, kBadMap);
  } else if (problem == "did not find expected '-' indicator") {
    fail_mark(problem_mark, kBadSequence);
  } else if (context == "while scanning an alias") {
    fail_mark(context_mark, kAliasName + ": " + example(text_.byte_of(context_mark.index)));
  } else if (context == "while scanning an anchor") {
    fail_mark(context_mark, kAnchorName + ": " + example(text_.byte_of(context_mark.index)));
  } else if ((context.find("tag") != npos && context.find("directive") == npos) || problem == "found undefined tag handle") {
    const yaml_mark_t& tag = context.find("tag") != npos ? context_mark : problem_mark;
    fail_mark(tag, std::string(kSyntax) + "значение не может начинаться с «!» (так в YAML пишут теги), "
                                          "заключите значение в кавычки: " +
                       example(text_.byte_of(tag.index)));
  } else if (context.find("directive") != npos || starts_with(problem, "found duplicate %") ||
             problem == "found incompatible YAML document") {
    fail_mark(context.empty() ? problem_mark : context_mark, kDirective);
  } else if (context == "while scanning a block scalar") {
    fail_mark(context_mark, std::string(kSyntax) +
                                "после | или > в той же строке пишут только комментарий, а текст — со следующей строки "
                                "с отступом; если | или > — часть значения, заключите значение в кавычки: " +
                                example(text_.byte_of(context_mark.index)));
  } else if (problem == "did not find expected <document start>") {
    fail_mark(problem_mark, kExtraDocumentText);
  } else if (problem == "did not find expected node content" && at == ',') {
    fail_mark(problem_mark, kExtraComma);
  } else if (problem == "did not find expected node content") {
    fail_mark(problem_mark, kBadValue);
  } else {
    fail_mark(problem_mark, unknown_problem(problem));
  }
}

}  // namespace

std::optional<YamlNode> parse_yaml(std::string_view text, YamlError& error) {
  Reader reader(text, error);
  return reader.run();
}

}  // namespace nastavnik
