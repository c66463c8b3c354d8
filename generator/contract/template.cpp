#include "contract/template.h"

#include "core/utf8.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace nastavnik {
namespace {

std::string with_slug(std::string text, const std::string& slug) {
  for (size_t at; (at = text.find("{slug}")) != std::string::npos;) text.replace(at, 6, slug);
  return text;
}

// «Номер приказа: «125-о».» → «номер приказа: «125-о»», for «впишите …».
std::string lower_first(std::string text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  if (u.length() == 0) return text;
  icu::UnicodeString first(u, 0, 1);
  u.replace(0, 1, first.toLower(icu::Locale("ru")));
  std::string out;
  u.toUTF8String(out);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

// The first sentence of a description, for a short comment.
std::string first_sentence(const std::string& doc) {
  for (size_t end = doc.find(". "); end != std::string::npos; end = doc.find(". ", end + 1)) {
    // An initial's dot («Семёнова В. П.») ends no sentence: one letter after a space or «.
    size_t letter = end;
    while (letter > 0 && (static_cast<unsigned char>(doc[letter - 1]) & 0xC0) == 0x80) --letter;
    if (letter > 0) --letter;
    const bool initial = letter == 0 || doc[letter - 1] == ' ' || doc.compare(letter >= 2 ? letter - 2 : 0, 2, "«") == 0;
    if (!initial) return doc.substr(0, end + 1);
  }
  return doc;
}

class Writer {
 public:
  Writer(Draft& d, const TemplateValues& v) : d_(d), v_(v) {}

  void add(std::string line) { d_.lines.push_back(std::move(line)); }
  void todo(std::string line, std::string what) {
    add(std::move(line));
    d_.todo.push_back({static_cast<int>(d_.lines.size()), std::move(what)});
  }

  // A long description as comment lines of about 100 characters, broken between words.
  void comment_lines(const std::string& doc) {
    std::string line;
    size_t chars = 0;
    for (size_t from = 0; from < doc.size();) {
      size_t space = doc.find(' ', from);
      if (space == std::string::npos) space = doc.size();
      const std::string_view word = std::string_view(doc).substr(from, space - from);
      const size_t n = utf8_length(word);
      if (chars > 0 && chars + 1 + n > 98) {
        add("# " + line);
        line.clear();
        chars = 0;
      }
      if (chars > 0) line += ' ';
      line += word;
      chars += (chars > 0 ? 1 : 0) + n;
      from = space + 1;
    }
    add("# " + line);
  }

  // A value to write for a key of a map the editor fills: its example, or an empty one.
  std::string blank(const FieldInfo& f) const {
    if (!f.example.empty()) return with_slug(f.example, v_.slug);
    if (f.kind == FieldKind::Bool) return "false";
    return "\"\"";
  }

  void field(const FieldInfo& f) {
    const std::string comment = "  # " + first_sentence(f.doc);
    if (f.key == "title") {
      add("title: " + yaml_quoted(v_.title));
    } else if (f.key == "date" && f.kind == FieldKind::Date && (f.required || f.prompt)) {
      add("date: " + v_.date.iso() + comment);
    } else if (f.kind == FieldKind::Choice && f.required) {
      std::string guessed = v_.guess ? v_.guess(f.key) : std::string();
      if (guessed.empty()) {
        todo(f.key + ":   # впишите после двоеточия одно из значений ниже (" + f.vocabulary->name + ")",
             f.vocabulary->name + " (" + f.key + ")");
      } else {
        add(f.key + ": " + guessed + "  # подобрано по заголовку — проверьте; все значения ниже");
      }
      for (const auto& t : f.vocabulary->terms) add("#   " + t.id + " — " + t.title);
    } else if (f.kind == FieldKind::FilePath && f.required) {
      const std::string path = with_slug(f.example, v_.slug);
      todo(f.key + ": " + path + "  # загрузите файл в папку files/ под этим именем (или исправьте имя)",
           "загрузите файл " + path + " (" + f.key + ")");
    } else if (f.required) {
      todo(f.key + ":   # впишите " + lower_first(f.doc), lower_first(first_sentence(f.doc)) + " (" + f.key + ")");
    } else if (f.prompt && f.kind == FieldKind::Map && f.nested) {
      comment_lines(f.doc);
      add(f.key + ":");
      // Left empty, never an example: a made-up name must not reach the site by mistake.
      for (const auto& n : f.nested->fields) {
        add("  " + n.key + ": " + (n.kind == FieldKind::Bool ? "false" : "\"\"") + "  # " + first_sentence(n.doc));
      }
    } else if (f.prompt) {
      add(f.key + ": " + blank(f) + comment);
    } else {
      add("# " + f.key + ": " + blank(f) + comment);
    }
  }

 private:
  Draft& d_;
  const TemplateValues& v_;
};

}  // namespace

std::string Draft::text() const {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string yaml_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

Draft markdown_template(const ContractInfo& contract, const TemplateValues& values) {
  Draft d;
  Writer w(d, values);
  w.add("---");
  for (const auto& f : contract.fields) w.field(f);
  w.add("# Текст пишите ниже, после строки из трёх дефисов; абзацы разделяйте пустой строкой.");
  w.add("---");
  w.add("");
  return d;
}

}  // namespace nastavnik
