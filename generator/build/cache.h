#pragma once
// What `serve` keeps between builds: everything read from each file, under a stamp of the
// files it came from, and the signature of every output it wrote. An edit then re-reads
// only the files whose stamps changed and re-renders only the outputs whose signatures
// changed; every other part comes from here. The build runs the same code either way, so
// the output is the same bytes as a full build's.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostics.h"
#include "model/site.h"

namespace nastavnik {

/// A part of the content read once, with what reading it reported.
template <class T>
struct Cached {
  uint64_t stamp = 0;
  T value{};
  std::vector<Diagnostic> diagnostics;
};

/// One organisation's data files (org.yaml, mentors.yaml, indicators.yaml, roadmap.yaml)
/// and the people its stories name.
struct OrgData {
  std::optional<Organisation> org;  ///< there whenever the folder can be an organisation
  /// (name, consent, file) of every person the organisation names.
  std::vector<std::tuple<std::string, bool, std::string>> people;
};

struct ContentCache {
  Cached<std::optional<SiteFile>> site;
  std::unordered_map<std::string, Cached<OrgData>> orgs;          ///< by organisation
  std::unordered_map<std::string, uint64_t> files;                ///< stamp of each organisation's files/
  std::unordered_map<std::string, Cached<Intro>> intros;          ///< by organisation
  std::unordered_map<std::string, Cached<std::optional<Entry>>> entries;  ///< front matter, by path
  std::unordered_map<std::string, Cached<EntryText>> texts;       ///< bodies, by path
  std::unordered_map<std::string, uint64_t> outputs;              ///< what each written file was made from
  uint64_t theme = 0;  ///< changes when the theme is loaded again
};

/// Reads a part of the content through the cache: from `slot` when `stamp` is the same,
/// else anew with `read(Diagnostics&)`, keeping what reading it reported. Without a slot,
/// always anew. Either way what was reported goes to `shared`.
template <class T, class Read>
const T& through(Cached<T>* slot, uint64_t stamp, Diagnostics& shared, Read read) {
  thread_local Cached<T> uncached;
  if (!slot) slot = &uncached;
  else if (slot->stamp == stamp && stamp != 0) {
    for (const auto& d : slot->diagnostics) shared.add(d);
    return slot->value;
  }
  Diagnostics diagnostics;
  slot->value = read(diagnostics);
  slot->stamp = stamp;
  slot->diagnostics = diagnostics.sorted();
  shared.merge(diagnostics);
  return slot->value;
}

}  // namespace nastavnik
