#pragma once
// The search index (search/page_text.h, search/words.h, search/index.h): any bytes as a
// rendered page, as raw HTML pasted into a Markdown body, a document's text version or a
// broken template may make it. Reading never throws or crashes; the text is one line with
// single spaces; every word is normalised (normalising it again changes nothing), not
// longer than the limit, without ё or upper case; the index of the page is written and its
// page file is JSON that names the page.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "../fuzz_common.h"
#include "core/utf8.h"
#include "search/index.h"
#include "search/page_text.h"
#include "search/words.h"
#include "write/output_sink.h"

namespace fuzz {

inline const std::filesystem::path& search_stemmer_file() {
  static const std::filesystem::path file = [] {
    auto p = std::filesystem::temp_directory_path() / "nastavnik-fuzz-search-stemmer.js";
    std::ofstream(p) << "var RussianStemmer = function () {};\n";
    return p;
  }();
  return file;
}

inline void run_search(const uint8_t* data, size_t size) {
  // Pages are valid UTF-8 (every text is checked where it is read): the rest is not a page.
  const std::string html(reinterpret_cast<const char*>(data), size);
  if (!nastavnik::is_valid_utf8(html)) return;
  const auto page = nastavnik::search::page_text(html);
  if (page) {
    const std::string tidy = page->text.substr(0, std::min(page->text.size(), nastavnik::search::kTidyText));
    FUZZ_CHECK(nastavnik::is_valid_utf8(page->text), "page text is not UTF-8");
    for (const std::string* s : {&tidy, &page->title}) {
      FUZZ_CHECK(s->find("  ") == std::string::npos, "a run of spaces in the page text");
      FUZZ_CHECK(s->find_first_of("\n\t\r") == std::string::npos, "a line break or tab in the page text");
      FUZZ_CHECK(s->empty() || s->front() != ' ', "the page text begins with a space");
    }
    nastavnik::search::for_each_word(page->text, [](const std::string& w) {
      FUZZ_CHECK(!w.empty() && nastavnik::utf8_length(w) <= nastavnik::search::kLongestWord, "a word of no or too many characters");
      FUZZ_CHECK(nastavnik::search::normalise_word(w) == w, "a word that normalising changes again: " + w);
      FUZZ_CHECK(w.find("ё") == std::string::npos && w.find("Ё") == std::string::npos, "ё in a word");
    });
  }
  nastavnik::MemorySink sink;
  nastavnik::search::IndexWriter index({"a/", "b/"}, "search/data/", search_stemmer_file());
  index.add(1, html, sink);
  index.finish(sink);
  sink.commit();
  FUZZ_CHECK(index.pages() == (page ? 1u : 0u), "a page indexed that is not marked, or one marked and not indexed");
  for (const auto& [path, bytes] : sink.files()) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".json") continue;
    const auto file = nlohmann::json::parse(bytes, nullptr, false);
    FUZZ_CHECK(!file.is_discarded() && file["u"] == "b/", "a page file that is not JSON naming its page");
  }
}

}  // namespace fuzz
