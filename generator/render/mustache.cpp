#include "render/mustache.h"

#include <optional>

namespace nastavnik {

void Data::set(std::string key, Data value) {
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  members_.emplace_back(std::move(key), std::move(value));
}

const Data* Data::get(std::string_view key) const {
  if (type_ != type::object) return nullptr;
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

struct Template::Node {
  enum class Kind { Text, Newline, Variable, Unescaped, Section, Inverted };
  Kind kind = Kind::Text;
  std::string text;                   ///< Text, Newline: the characters; tags: the name
  std::vector<std::string> path;      ///< the name split at dots; empty for "."
  std::vector<Node> children;         ///< sections
};

namespace {

using Node = Template::Node;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Node tag_node(Node::Kind kind, std::string_view name) {
  Node n;
  n.kind = kind;
  n.text = std::string(trim(name));
  if (n.text != ".") {
    size_t start = 0;
    for (;;) {
      size_t dot = n.text.find('.', start);
      n.path.push_back(n.text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
  }
  return n;
}

// The line being rendered: `start` is where it begins in the output; a line that held a
// section tag and is only spaces and tabs is taken out again at its end.
struct Renderer {
  std::string& out;
  std::vector<const Data*> stack;
  size_t line_start;
  bool section_tag = false;

  void end_line(const std::string* newline) {
    bool blank = section_tag && out.find_first_not_of(" \t", line_start) == std::string::npos;
    if (blank) out.resize(line_start);
    else if (newline) out += *newline;
    line_start = out.size();
    section_tag = false;
  }

  const Data* lookup(const Node& n) const {
    if (n.path.empty()) return stack.back();
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      const Data* v = *it;
      for (const auto& part : n.path) {
        v = v->get(part);
        if (!v) break;
      }
      if (v) return v;
    }
    return nullptr;
  }

  void escape(const std::string& s) {
    size_t run = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      const char* entity;
      switch (s[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&apos;"; break;
        default: continue;
      }
      out.append(s, run, i - run);
      out += entity;
      run = i + 1;
    }
    out.append(s, run, std::string::npos);
  }

  void section(const Node& n, const Data* v) {
    section_tag = true;
    if (v && v->is_non_empty_list()) {
      for (const auto& item : v->items()) {
        section_tag = true;
        stack.push_back(&item);
        run(n.children);
        stack.pop_back();
        section_tag = true;
      }
    } else if (v) {
      stack.push_back(v);
      run(n.children);
      stack.pop_back();
    } else {
      run(n.children);
    }
    section_tag = true;
  }

  void run(const std::vector<Node>& nodes) {
    for (const auto& n : nodes) {
      switch (n.kind) {
        case Node::Kind::Text:
          out += n.text;
          break;
        case Node::Kind::Newline:
          end_line(&n.text);
          break;
        case Node::Kind::Variable:
        case Node::Kind::Unescaped:
          if (const Data* v = lookup(n); v && v->is_string()) {
            if (n.kind == Node::Kind::Variable) escape(v->string_value());
            else out += v->string_value();
          }
          break;
        case Node::Kind::Section:
          if (const Data* v = lookup(n); v && !v->is_false() && !v->is_empty_list()) section(n, v);
          break;
        case Node::Kind::Inverted:
          if (const Data* v = lookup(n); !v || v->is_false() || v->is_empty_list()) section(n, v);
          break;
      }
    }
  }
};

}  // namespace

std::optional<Template> Template::compile(std::string_view input, std::string& error) {
  auto root = std::make_shared<std::vector<Node>>();
  std::vector<std::vector<Node>*> open = {root.get()};
  std::vector<std::string> names;  // of the open sections
  std::string text;
  auto flush_text = [&] {
    if (text.empty()) return;
    Node n;
    n.text = std::move(text);
    open.back()->push_back(std::move(n));
    text.clear();
  };
  for (size_t i = 0; i < input.size();) {
    if (input.compare(i, 2, "{{") == 0) {
      flush_text();
      const bool triple = input.compare(i, 3, "{{{") == 0;
      const size_t begin = i + (triple ? 3 : 2);
      const size_t end = input.find(triple ? "}}}" : "}}", begin);
      if (end == std::string_view::npos) {
        error = "не закрыт тег {{ (позиция " + std::to_string(i) + ")";
        return std::nullopt;
      }
      std::string_view tag = trim(input.substr(begin, end - begin));
      i = end + (triple ? 3 : 2);
      if (triple) {
        open.back()->push_back(tag_node(Node::Kind::Unescaped, tag));
        continue;
      }
      const char sigil = tag.empty() ? 0 : tag.front();
      switch (sigil) {
        case '#':
        case '^': {
          open.back()->push_back(tag_node(sigil == '#' ? Node::Kind::Section : Node::Kind::Inverted, tag.substr(1)));
          names.push_back(open.back()->back().text);
          open.push_back(&open.back()->back().children);
          break;
        }
        case '/': {
          std::string name(trim(tag.substr(1)));
          if (names.empty() || names.back() != name) {
            error = names.empty() ? "закрывающий тег {{/" + name + "}} без открывающего"
                                  : "тег {{#" + names.back() + "}} закрыт тегом {{/" + name + "}}";
            return std::nullopt;
          }
          names.pop_back();
          open.pop_back();
          break;
        }
        case '!':
          break;
        case '&':
          open.back()->push_back(tag_node(Node::Kind::Unescaped, tag.substr(1)));
          break;
        case '>':
          error = "партиал {{" + std::string(tag) + "}} не найден";
          return std::nullopt;
        case '=':
          error = "смена разделителей {{=…=}} не поддерживается";
          return std::nullopt;
        default:
          open.back()->push_back(tag_node(Node::Kind::Variable, tag));
          break;
      }
      continue;
    }
    const char c = input[i];
    if (c == '\n' || c == '\r') {
      flush_text();
      Node n;
      n.kind = Node::Kind::Newline;
      n.text = input.compare(i, 2, "\r\n") == 0 ? "\r\n" : std::string(1, c);
      i += n.text.size();
      open.back()->push_back(std::move(n));
      continue;
    }
    text += c;
    ++i;
  }
  flush_text();
  if (!names.empty()) {
    error = "не закрыт тег {{#" + names.back() + "}}, добавьте {{/" + names.back() + "}}";
    return std::nullopt;
  }
  Template t;
  t.nodes_ = std::move(root);
  return t;
}

void Template::render(const Data& data, std::string& out) const {
  Renderer r{out, {&data}, out.size()};
  r.run(*nodes_);
  r.end_line(nullptr);
}

}  // namespace nastavnik
