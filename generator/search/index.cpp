#include "search/index.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "core/thread_pool.h"
#include "core/utf8.h"
#include "core/whole_file.h"
#include "search/gzip.h"
#include "search/page_text.h"
#include "search/word_table.h"
#include "search/words.h"

namespace fs = std::filesystem;

namespace nastavnik::search {
namespace {

constexpr uint32_t kStopWord = UINT32_MAX;
// Postings hold a page's number in 24 bits beside its weight.
constexpr size_t kMostRecords = size_t{1} << 24;
// A chunk is closed once its terms take this many bytes before gzip: a query's word costs
// one chunk, about a quarter of this gzipped.
constexpr size_t kChunkBytes = 24 * 1024;
// A word of the title counts as this many of the text.
constexpr uint32_t kTitleWeight = 4;

constexpr const char* kPackageFile = "snowball-stemmer.jsx/dest/russian-stemmer.global.min.js";

uint64_t fnv1a(std::string_view bytes, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex(uint64_t v, int digits) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
  return std::string(buffer + 16 - digits);
}

void varint(uint32_t v, std::string& out) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// `s` as a JSON string (valid UTF-8 in, as every page is).
void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c != '"' && c != '\\' && c >= 0x20) continue;
    out.append(s.data() + run, i - run);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    }
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

// `text` cut to at most `limit` bytes, at a character's start.
std::string_view cut_utf8(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && is_utf8_continuation(text[end])) --end;
  return text.substr(0, end);
}

// The words of a page, by term, on this thread: stemming is the costly part of indexing,
// and a site repeats its words on thousands of pages.
struct ThreadWords {
  uint64_t owner = 0;
  // A word as it stands on the page (not yet normalised) → its term.
  WordTable ids;
  std::optional<Stemmer> stemmer;
  // The page's weight of each term (by id) so far, and the terms it has.
  std::vector<uint32_t> weight;
  std::vector<uint32_t> terms;
};
thread_local ThreadWords thread_words;
std::atomic<uint64_t> next_writer{1};

}  // namespace

std::optional<fs::path> find_stemmer_script(const fs::path& given) {
  if (given.empty()) return std::nullopt;
  std::error_code ec;
  if (fs::is_regular_file(given, ec)) return fs::absolute(given);
  const fs::path package(kPackageFile);
  for (const fs::path& p : {given / package, given / "node_modules" / package, given / package.filename(),
                            given / "dest" / package.filename(), given / "search" / package.filename()}) {
    if (fs::is_regular_file(p, ec)) return fs::absolute(p);
  }
  return std::nullopt;
}

IndexWriter::IndexWriter(std::vector<std::string> routes, std::string folder, fs::path stemmer_script)
    : id_(next_writer.fetch_add(1)), routes_(std::move(routes)), folder_(std::move(folder)), stemmer_script_(std::move(stemmer_script)) {
  if (routes_.size() >= kMostRecords) throw std::runtime_error("поисковый индекс не построен: на сайте больше 16 миллионов файлов");
  uint64_t h = fnv1a("nastavnik search 1\n");
  for (const auto& r : routes_) h = fnv1a(r + "\n", h);
  set_ = hex(h, 12);
  pages_.resize(routes_.size());
}

IndexWriter::~IndexWriter() = default;

uint32_t IndexWriter::intern(const std::string& stem) {
  std::lock_guard<std::mutex> lock(terms_mutex_);
  auto [it, inserted] = term_ids_.emplace(stem, static_cast<uint32_t>(terms_.size()));
  if (inserted) terms_.push_back(stem);
  return it->second;
}

void IndexWriter::add(size_t record, std::string_view html, OutputSink& sink) {
  // The page's text in this thread's buffers: a page's text is tens of KB, allocated anew
  // for each page it cost as much as the copying.
  thread_local PageText page;
  if (!page_text(html, page)) return;
  ThreadWords& words = thread_words;
  if (words.owner != id_) {
    words.ids.clear();
    words.owner = id_;
  }
  if (!words.stemmer) words.stemmer.emplace();
  // The terms of `text`'s words, as for_each_word and the stemmer make them, by way of the
  // thread's words.
  auto count = [&](std::string_view text, uint32_t weight) {
    for_each_raw_word(text, [&](std::string_view raw) {
      uint32_t id;
      const uint64_t h = WordTable::hash(raw);
      if (const uint32_t* known = words.ids.find(raw, h)) {
        id = *known;
      } else {
        const std::string word = normalise_word(raw);
        id = word.empty() || is_stop_word(word) ? kStopWord : intern(std::string(words.stemmer->stem(word)));
        words.ids.insert(raw, h, id);
      }
      if (id == kStopWord) return;
      if (id >= words.weight.size()) words.weight.resize(std::max<size_t>(id + 1, words.weight.size() * 2), 0);
      if (words.weight[id] == 0) words.terms.push_back(id);
      words.weight[id] += weight;
    });
  };
  count(page.text, 1);
  count(page.title, kTitleWeight);
  // In the order the page met them: finish() lists each term's pages in page order anyway.
  Page& p = pages_[record];
  p.indexed = true;
  p.terms.reserve(words.terms.size());
  for (uint32_t id : words.terms) {
    p.terms.push_back(id << 8 | std::min<uint32_t>(words.weight[id], 255));
    words.weight[id] = 0;
  }
  words.terms.clear();
  p.org = page.org;
  p.collection = page.collection;

  // The page file: what a result shows. The text without the title it begins with.
  std::string_view text = page.text;
  if (!page.title.empty() && text.substr(0, page.title.size()) == page.title) {
    text.remove_prefix(page.title.size());
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  }
  // Not gzipped: deflating every page's text took a third of the indexing time, and a query
  // fetches ten of these.
  std::string file;
  file.reserve(text.size() + 256);
  const std::pair<const char*, std::string_view> fields[] = {{"{\"u\":", routes_[record]}, {",\"t\":", page.title},
                                                             {",\"o\":", page.org},       {",\"c\":", page.collection},
                                                             {",\"d\":", page.date},      {",\"x\":", cut_utf8(text, kExcerptSource)}};
  for (const auto& [name, value] : fields) {
    file += name;
    append_json_string(value, file);
  }
  file += '}';
  sink.write(folder_ + set_ + "/" + std::to_string(record) + ".json", file);
}

size_t IndexWriter::pages() const {
  return static_cast<size_t>(std::count_if(pages_.begin(), pages_.end(), [](const Page& p) { return p.indexed; }));
}

void IndexWriter::finish(OutputSink& sink, unsigned workers) {
  // Every term's postings (record << 8 | weight), records in order.
  std::vector<std::vector<uint32_t>> postings(terms_.size());
  {
    std::vector<size_t> counts(terms_.size(), 0);
    for (const Page& p : pages_) {
      for (uint32_t packed : p.terms) ++counts[packed >> 8];
    }
    for (size_t t = 0; t < counts.size(); ++t) postings[t].reserve(counts[t]);
  }
  std::map<std::string, std::vector<uint32_t>> filters;
  size_t indexed = 0;
  for (size_t r = 0; r < pages_.size(); ++r) {
    const Page& p = pages_[r];
    if (!p.indexed) continue;
    ++indexed;
    const uint32_t record = static_cast<uint32_t>(r) << 8;
    for (uint32_t packed : p.terms) postings[packed >> 8].push_back(record | (packed & 0xFF));
    if (!p.org.empty()) filters["~o:" + p.org].push_back(record);
    if (!p.collection.empty()) filters["~c:" + p.collection].push_back(record);
  }
  std::vector<std::pair<std::string_view, const std::vector<uint32_t>*>> order;
  order.reserve(terms_.size() + filters.size());
  for (size_t i = 0; i < terms_.size(); ++i) order.emplace_back(terms_[i], &postings[i]);
  for (const auto& [term, list] : filters) order.emplace_back(term, &list);
  std::sort(order.begin(), order.end());

  // Each term encoded on every thread; the chunks cut here, in order, then gzipped and
  // written on every thread.
  std::vector<std::string> encoded(order.size());
  parallel_for(order.size(), workers, [&](size_t k) {
    const auto& [term, list] = order[k];
    std::string& out = encoded[k];
    out.reserve(term.size() + list->size() * 2 + 8);
    varint(static_cast<uint32_t>(term.size()), out);
    out += term;
    varint(static_cast<uint32_t>(list->size()), out);
    uint32_t previous = 0;
    for (uint32_t packed : *list) {
      const uint32_t record = packed >> 8;
      varint(record - previous, out);
      out += static_cast<char>(packed & 0xFF);
      previous = record;
    }
  });
  std::vector<std::pair<std::string, std::string>> cut;  // first term, bytes
  for (size_t k = 0; k < order.size(); ++k) {
    if (cut.empty() || cut.back().second.size() >= kChunkBytes) cut.emplace_back(std::string(order[k].first), std::string());
    cut.back().second += encoded[k];
  }
  std::vector<std::string> names(cut.size());
  parallel_for(cut.size(), workers, [&](size_t k) {
    names[k] = set_ + "/t" + std::to_string(k) + "-" + hex(fnv1a(cut[k].second), 8) + ".bin";
    sink.write(folder_ + names[k], gzip(cut[k].second, 1));
  });
  nlohmann::ordered_json chunks = nlohmann::ordered_json::array();
  for (size_t k = 0; k < cut.size(); ++k) chunks.push_back({cut[k].first, names[k]});

  nlohmann::ordered_json meta = {{"version", 1},          {"set", set_}, {"pages", indexed}, {"longest", kLongestWord}, {"title_weight", kTitleWeight},
                                 {"stop", stop_words()}, {"chunks", chunks}};
  sink.write(folder_ + "meta.bin", gzip(meta.dump(), 9));

  std::string stemmer;
  if (!read_whole(stemmer_script_, stemmer)) {
    throw std::runtime_error("поисковый индекс не построен: не удалось прочитать " + stemmer_script_.string() +
                             "; опубликованная папка не изменена");
  }
  sink.write(folder_ + "stemmer.js",
             "/* snowball-stemmer.jsx (npm), its Russian stemmer generated from Snowball. The MIT License, "
             "Copyright (c) 2013 shibukawa; Snowball: BSD, Copyright (c) 2001 Dr Martin Porter */\n" +
                 stemmer);
}

}  // namespace nastavnik::search
