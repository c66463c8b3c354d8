#include "read/memo_source.h"

namespace nastavnik {
namespace {

bool under(const std::string& path, const std::string& folder) {
  return folder.empty() || (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/');
}

const std::string& key_of(const std::string& key) { return key; }
template <class Pair>
const std::string& key_of(const Pair& pair) { return pair.first; }

template <class Container>
void erase_under(Container& c, const std::string& folder) {
  for (auto it = c.begin(); it != c.end();) it = under(key_of(*it), folder) ? c.erase(it) : std::next(it);
}

}  // namespace

void MemoSource::forget(const std::vector<std::string>& paths) {
  std::unique_lock lock(mutex_);
  for (const auto& path : paths) {
    if (path.empty()) {
      lists_.clear();
      stamps_.clear();
      symlinks_.clear();
      return;
    }
    const size_t slash = path.rfind('/');
    lists_.erase(slash == std::string::npos ? std::string() : path.substr(0, slash));
    lists_.erase(path);
    stamps_.erase(path);
    symlinks_.erase(path);
    // A folder moved in or away takes everything under it along.
    erase_under(lists_, path);
    erase_under(stamps_, path);
    erase_under(symlinks_, path);
  }
}

void MemoSource::forget_all() { forget({""}); }

bool MemoSource::remembered(const std::string& path) const {
  if (symlinks_.empty()) return true;
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    if (symlinks_.count(path.substr(0, slash))) return false;
  }
  return !symlinks_.count(path);
}

std::optional<std::vector<DirEntry>> MemoSource::list(const std::string& dir) const {
  {
    std::shared_lock lock(mutex_);
    if (auto it = lists_.find(dir); it != lists_.end() && remembered(dir)) return it->second;
  }
  auto entries = inner_.list(dir);
  std::unique_lock lock(mutex_);
  if (entries) {
    for (const auto& e : *entries) {
      if (e.symlink) symlinks_.insert(dir.empty() ? e.name : dir + "/" + e.name);
    }
  }
  if (remembered(dir)) lists_[dir] = entries;
  return entries;
}

uint64_t MemoSource::stamp(const std::string& path) const {
  {
    std::shared_lock lock(mutex_);
    if (auto it = stamps_.find(path); it != stamps_.end()) return it->second;
  }
  const uint64_t s = inner_.stamp(path);
  std::unique_lock lock(mutex_);
  if (remembered(path)) stamps_[path] = s;
  return s;
}

}  // namespace nastavnik
