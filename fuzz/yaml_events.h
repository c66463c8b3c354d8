#pragma once
// The structure of a YAML text as libyaml's events: a scalar, the start or end of a map or
// of a list, an anchor and the aliases that name it. The editor's config.yml has anchors and
// aliases (editor/decap_config.h), which nastavnik's own reader refuses, as it should for
// content (read/yaml.h); the checks of config.yml read it here.
#include <yaml.h>

#include <optional>
#include <string>
#include <string_view>

namespace fuzz {

/// "{s[s{ss}]...}": one character per event, "&name" after the start of an anchored map or
/// list, "*name" for an alias. Nothing when libyaml cannot read the text (`error` says why).
inline std::optional<std::string> yaml_events(std::string_view text, std::string* error = nullptr) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return std::nullopt;
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string out;
  auto name = [](const yaml_char_t* anchor) { return anchor ? std::string(reinterpret_cast<const char*>(anchor)) : std::string(); };
  bool ok = true;
  for (bool done = false; !done;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser, &e)) {
      ok = false;
      if (error) *error = parser.problem ? parser.problem : "libyaml";
      break;
    }
    switch (e.type) {
      case YAML_SCALAR_EVENT: out += 's'; break;
      case YAML_SEQUENCE_START_EVENT: out += "[" + (e.data.sequence_start.anchor ? "&" + name(e.data.sequence_start.anchor) : ""); break;
      case YAML_SEQUENCE_END_EVENT: out += ']'; break;
      case YAML_MAPPING_START_EVENT: out += "{" + (e.data.mapping_start.anchor ? "&" + name(e.data.mapping_start.anchor) : ""); break;
      case YAML_MAPPING_END_EVENT: out += '}'; break;
      case YAML_ALIAS_EVENT: out += "*" + name(e.data.alias.anchor); break;
      case YAML_STREAM_END_EVENT: done = true; break;
      default: break;
    }
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&parser);
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace fuzz
