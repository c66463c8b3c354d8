#pragma once
// The search index, written by the build while it renders: each searchable page's words
// are stemmed (search/words.h) as the page is rendered, on the build's threads; at the end
// the index is written as gzipped files beside the site, through the sink (published with
// the pages or not at all). A query downloads only what it needs (see docs/search.md and
// bench/search.md):
//   search/data/meta.bin          the manifest: the first term of every chunk, the stop
//                                 words, the number of pages (fetched by every query)
//   search/data/stemmer.js        Snowball's Russian stemmer for the browser
//   search/data/<set>/t<k>-<hash>.bin
//                                 terms in order, each with its pages: page number
//                                 differences and a weight (how often, in the title or not);
//                                 the organisations and collections are terms too ("~o:…",
//                                 "~c:…"), so filters intersect like words
//   search/data/<set>/<page>.json a page's address, title, organisation, collection, date
//                                 and the start of its text (for the excerpt), fetched for
//                                 the results shown
// A page's number is its record's place in the plan; <set> is named by every route of the
// plan, so a browser that cached a page file of another build never mixes it with this one's
// manifest. No positions are kept: the smallest index that finds every page by every word.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "write/output_sink.h"

namespace nastavnik::search {

/// Snowball's Russian stemmer for JavaScript (npm's snowball-stemmer.jsx, its browser
/// build) named by `given`: the file, or a folder holding it as npm installs it
/// (node_modules, the package's folder or its dest/). Nothing when there is none.
std::optional<std::filesystem::path> find_stemmer_script(const std::filesystem::path& given);

/// At most this much of a page's text is kept for its excerpt.
inline constexpr size_t kExcerptSource = 4000;

class IndexWriter {
 public:
  /// `routes`: the route of every record of the plan, in order; `folder`: where the index
  /// goes ("search/data/"); `stemmer_script`: find_stemmer_script's file.
  IndexWriter(std::vector<std::string> routes, std::string folder, std::filesystem::path stemmer_script);
  ~IndexWriter();
  /// Indexes the page of record `record` (its HTML as rendered) when it is marked searchable,
  /// and writes its page file. Thread-safe; once per record.
  void add(size_t record, std::string_view html, OutputSink& sink);
  /// Writes the chunks (on `workers` threads), the manifest and the stemmer, after every
  /// add(). Throws std::runtime_error (Russian) when the stemmer cannot be read.
  void finish(OutputSink& sink, unsigned workers = 1);
  size_t pages() const;

 private:
  uint32_t intern(const std::string& stem);

  const uint64_t id_;
  std::vector<std::string> routes_;
  std::string folder_, set_;
  std::filesystem::path stemmer_script_;
  // Per record: its terms (id << 8 | weight), its organisation and collection.
  struct Page {
    bool indexed = false;
    std::vector<uint32_t> terms;
    std::string org, collection;
  };
  std::vector<Page> pages_;
  std::mutex terms_mutex_;
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::vector<std::string> terms_;
};

}  // namespace nastavnik::search
