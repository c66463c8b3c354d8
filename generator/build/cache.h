#pragma once
// What `serve` keeps between builds: everything read from each file, under a stamp of the
// files it came from, and the signature of every output it wrote. An edit then re-reads
// only the files whose stamps changed and re-renders only the outputs whose signatures
// changed; every other part comes from here. The build runs the same code either way, so
// the output is the same bytes as a full build's.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostics.h"
#include "model/site.h"
#include "validate/privacy.h"

namespace nastavnik {

/// A part of the content read once, with what reading it reported.
template <class T>
struct Cached {
  uint64_t stamp = 0;
  T value{};
  std::vector<Diagnostic> diagnostics;
  uint64_t lent = 0;  ///< the stamp of the value take() moved out, until give_back()
};

/// One organisation's data files (org.yaml, mentors.yaml, indicators.yaml, roadmap.yaml)
/// and the people its stories name.
struct OrgData {
  std::optional<Organisation> org;  ///< there whenever the folder can be an organisation
  /// Every person the organisation names, and whether with consent.
  std::vector<std::pair<HiddenPerson, bool>> people;
  /// Its data files as the names check reads them: the lines that name people, what each
  /// says names other people. The check waits until every organisation's people are known.
  struct DataFile {
    std::string path;
    SkipList skip;
    std::vector<std::string> namesakes;
  };
  std::vector<DataFile> data_files;
};

struct ContentCache {
  Cached<std::optional<SiteFile>> site;
  std::unordered_map<std::string, Cached<OrgData>> orgs;          ///< by organisation
  std::unordered_map<std::string, uint64_t> files;                ///< stamp of each organisation's files/
  std::unordered_map<std::string, Cached<Intro>> intros;          ///< by organisation
  std::unordered_map<std::string, Cached<bool>> data_names;       ///< the names check of each organisation's data files
  std::unordered_map<std::string, Cached<std::optional<Entry>>> entries;  ///< front matter, by path
  std::unordered_map<std::string, Cached<EntryText>> texts;       ///< bodies, by path
  /// Every file the last build wrote, in the order of its plan (an entry's attachments
  /// after its page), and what each was made from. In plan order, an edit that adds or
  /// removes no output finds every file at the same place: no lookups by name.
  std::vector<std::pair<std::string, uint64_t>> outputs;
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

/// Like through(), but the value is moved out to the caller (a site is made of thousands of
/// entries; copying them from the cache would cost more than the edit). Until give_back()
/// the slot holds nothing valid: a value never handed back is read anew next time.
template <class T, class Read>
T take(Cached<T>* slot, uint64_t stamp, Diagnostics& shared, Read read) {
  if (slot && slot->stamp == stamp && stamp != 0) {
    for (const auto& d : slot->diagnostics) shared.add(d);
    slot->stamp = 0;
    slot->lent = stamp;
    return std::move(slot->value);
  }
  Diagnostics diagnostics;
  T value = read(diagnostics);
  if (slot) {
    slot->stamp = 0;
    slot->lent = stamp;
    slot->diagnostics = diagnostics.sorted();
  }
  shared.merge(diagnostics);
  return value;
}

/// Hands back a value take() lent: the slot is valid again, under the stamp it was read at.
template <class T, class V>
void give_back(Cached<T>& slot, V&& value) {
  if (slot.lent == 0) return;
  slot.value = std::forward<V>(value);
  slot.stamp = slot.lent;
  slot.lent = 0;
}

}  // namespace nastavnik
