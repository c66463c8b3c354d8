#include "model/site.h"

#include <cstring>

namespace nastavnik {

std::string Body::with_base(std::string_view base) const {
  std::string out;
  out.reserve(html.size() + 64);
  size_t from = 0;
  for (;;) {
    const void* hit = std::memchr(html.data() + from, kLinkBase, html.size() - from);
    if (!hit) break;
    size_t at = static_cast<size_t>(static_cast<const char*>(hit) - html.data());
    out.append(html, from, at - from);
    out.append(base);
    from = at + 1;
  }
  out.append(html, from, std::string::npos);
  return out;
}

const FrontBase& Entry::base() const {
  return std::visit([](const auto& f) -> const FrontBase& { return f; }, front);
}

std::optional<Date> Entry::date() const {
  const auto& d = base().date;
  return d.present ? std::optional<Date>(d.value) : std::nullopt;
}

const Organisation* Site::find_org(std::string_view id) const {
  if (id.empty()) return nullptr;
  for (const auto& o : orgs) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

}  // namespace nastavnik
