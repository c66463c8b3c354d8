#pragma once
// The words one thread has met while indexing, as they stand on the pages, with their
// terms: every word of every page is looked up here, so the table is open-addressed (one
// probe, mostly) with the words' bytes in one arena, not a node per word.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik::search {

class WordTable {
 public:
  static uint64_t hash(std::string_view s) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      h = (h ^ v) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    uint64_t v = 0;
    std::memcpy(&v, s.data() + i, s.size() - i);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
  }

  /// The term of `word` (whose hash is `h`), or nullptr.
  const uint32_t* find(std::string_view word, uint64_t h) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.length == 0) return nullptr;
      if (s.hash == static_cast<uint32_t>(h >> 32) && s.length == word.size() && same(arena_.data() + s.offset, word)) return &s.term;
    }
  }

  void insert(std::string_view word, uint64_t h, uint32_t term) {
    if (word.empty()) return;
    if ((count_ + 1) * 10 > slots_.size() * 7) grow();
    place(Slot{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(word.size()), term}, h);
    arena_ += word;
    ++count_;
  }

  void clear() {
    slots_.clear();
    arena_.clear();
    count_ = 0;
  }

 private:
  // 16 bytes: the table of a site's few thousand words stays in the processor's cache.
  struct Slot {
    uint32_t hash = 0;  // the hash's high half (its low bits place the slot)
    uint32_t offset = 0, length = 0;  // length 0: empty
    uint32_t term = 0;
  };
  // Words are short: compared eight bytes at a time, inline.
  static bool same(const char* a, std::string_view b) {
    size_t i = 0;
    for (; i + 8 <= b.size(); i += 8) {
      uint64_t x, y;
      std::memcpy(&x, a + i, 8);
      std::memcpy(&y, b.data() + i, 8);
      if (x != y) return false;
    }
    for (; i < b.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  void place(const Slot& slot, uint64_t h) {
    size_t i = h & (slots_.size() - 1);
    while (slots_[i].length != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = slot;
  }
  void grow() {
    std::vector<Slot> old(slots_.empty() ? 4096 : slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.length != 0) place(s, hash(std::string_view(arena_.data() + s.offset, s.length)));
    }
  }

  std::vector<Slot> slots_;
  std::string arena_;
  size_t count_ = 0;
};

}  // namespace nastavnik::search
