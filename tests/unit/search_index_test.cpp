// The search index (generator/search/): how a page's words become terms, what the index
// reads of a rendered page, and the files it writes, read back as the search page reads
// them (gunzip, the chunks' varints).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "search/index.h"
#include "search/page_text.h"
#include "search/word_table.h"
#include "search/words.h"
#include "write/output_sink.h"

using namespace nastavnik;
using namespace nastavnik::search;

namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  for_each_word(text, [&](const std::string& w) { out.push_back(w); });
  return out;
}

std::string gunzip(const std::string& bytes) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out;
  char buffer[65536];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  int result = Z_OK;
  while (result != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    result = inflate(&z, Z_NO_FLUSH);
    REQUIRE((result == Z_OK || result == Z_STREAM_END));
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  inflateEnd(&z);
  return out;
}

// The terms of every chunk: term → (page, weight) pairs, as search.js decodes them.
std::map<std::string, std::vector<std::pair<uint32_t, int>>> read_terms(const MemorySink& sink, const nlohmann::json& meta) {
  std::map<std::string, std::vector<std::pair<uint32_t, int>>> terms;
  for (const auto& chunk : meta["chunks"]) {
    const std::string b = gunzip(sink.files().at("search/data/" + chunk[1].get<std::string>()));
    size_t p = 0;
    auto varint = [&] {
      uint32_t v = 0;
      int shift = 0;
      unsigned char c;
      do {
        c = static_cast<unsigned char>(b.at(p++));
        v |= static_cast<uint32_t>(c & 0x7F) << shift;
        shift += 7;
      } while (c & 0x80);
      return v;
    };
    bool first = true;
    while (p < b.size()) {
      const uint32_t length = varint();
      const std::string term = b.substr(p, length);
      p += length;
      if (first) CHECK(term == chunk[0].get<std::string>());
      first = false;
      uint32_t n = varint(), page = 0;
      auto& list = terms[term];
      for (uint32_t k = 0; k < n; ++k) {
        page += varint();
        list.emplace_back(page, static_cast<unsigned char>(b.at(p++)));
      }
    }
  }
  return terms;
}

std::string page(const std::string& main_attributes, const std::string& body) {
  return "<!DOCTYPE html><html><head><title>x</title></head><body><header><a href=\"../\">Не в индексе</a></header>"
         "<main id=\"main\" tabindex=\"-1\"" + main_attributes + ">" + body + "</main><footer>Подвал</footer></body></html>";
}

std::filesystem::path stemmer_file() {
  const auto p = std::filesystem::temp_directory_path() / "nastavnik-search-index-test-stemmer.js";
  std::ofstream(p) << "var RussianStemmer = function () {};\n";
  return p;
}

}  // namespace

TEST_CASE("search words: lower case, ё as е, accents and soft hyphens dropped, composed, hyphens part words") {
  CHECK(words_of("Ёлка, ЁЖИК и Наставник!") == std::vector<std::string>{"елка", "ежик", "и", "наставник"});
  // A stress mark (U+0301) and a soft hyphen (U+00AD) pasted from Word stay inside the word.
  CHECK(words_of("наста\u0301вник настав\u00ADник") == std::vector<std::string>{"наставник", "наставник"});
  // «й» typed as «и» with a combining breve (a Mac's file names) is «й».
  CHECK(words_of("Сергеи\u0306 учитель") == std::vector<std::string>{"сергей", "учитель"});
  CHECK(words_of("из-за 2024–2025 № 118-о E-mail") == std::vector<std::string>{"из", "за", "2024", "2025", "118", "о", "e", "mail"});
  CHECK(words_of(std::string(33, 'a') + " " + std::string(32, 'b')) == std::vector<std::string>{std::string(32, 'b')});
  CHECK(words_of("«» — … \u00A0 \u00AD").empty());
}

TEST_CASE("search words: Snowball's Russian stems join the forms a reader types") {
  Stemmer s;
  const std::string stem(s.stem("наставник"));
  CHECK(s.stem("наставнику") == stem);
  CHECK(s.stem("наставника") == stem);
  CHECK(s.stem("наставников") == stem);
  CHECK(std::string(s.stem("приказы")) == std::string(s.stem("приказ")));
  CHECK(std::string(s.stem("olympiad")) == "olympiad");  // Latin words stay as they are
  CHECK(is_stop_word("и"));
  CHECK(is_stop_word("на"));
  CHECK_FALSE(is_stop_word("наставник"));
}

TEST_CASE("page text: only a <main> marked data-search-body; its title, organisation, collection, date and text") {
  CHECK_FALSE(page_text(page("", "<h1>Список новостей</h1>")).has_value());
  CHECK_FALSE(page_text("<html><body>без main</body></html>").has_value());
  const auto p = page_text(page(R"( data-search-body data-search-org="МБОУ СОШ №&nbsp;7" data-search-collection="Новости" data-search-date="20&nbsp;ноября&nbsp;2025&nbsp;г.")",
                                "<article><h1>День <em>наставника</em> &amp; ученика</h1>"
                                "<p class=\"meta\" data-search-ignore>Новости · <time>20 ноября</time></p>"
                                "<p>Первый абзац: <strong>на</strong>ставник.</p><ul><li>один</li><li>два</li></ul>"
                                "<section data-search-ignore><section><p>вложенное</p></section><p>скрыто</p></section>"
                                "<div hidden><p>спрятано</p></div><script>var x = '<p>код</p>';</script><!-- комментарий -->"
                                "<p>Последний&#160;абзац &lt;b&gt;</p></article>"));
  REQUIRE(p.has_value());
  CHECK(p->title == "День наставника & ученика");
  CHECK(p->org == "МБОУ СОШ №\u00A07");
  CHECK(p->collection == "Новости");
  CHECK(p->date == "20\u00A0ноября\u00A02025\u00A0г.");
  CHECK(p->text == "День наставника & ученика Первый абзац: наставник. один два Последний\u00A0абзац <b>");
}

TEST_CASE("page text: a reference to a space or a line break is a space; to an invisible character, nothing") {
  const auto p = page_text(page(" data-search-body", "<p>один&#10;&#32; два&#x200B;три&#1;</p>"));
  REQUIRE(p.has_value());
  CHECK(p->text == "один дватри");
}

TEST_CASE("page text: an element left out may nest its own kind; a page without <h1> has no title") {
  const auto p = page_text(page(" data-search-body", "<div data-search-ignore><div><div>нет</div></div>нет</div><div>да</div>"));
  REQUIRE(p.has_value());
  CHECK(p->text == "да");
  CHECK(p->title.empty());
}

TEST_CASE("search index: terms with their pages and weights, filters as terms, page files; the same bytes twice") {
  const std::vector<std::string> routes = {"", "school-1/news/a/", "school-1/news/", "school-2/orders/b/"};
  auto build = [&](MemorySink& sink) {
    IndexWriter index(routes, "search/data/", stemmer_file());
    index.add(0, page("", "<h1>Главная</h1><p>наставник</p>"), sink);  // not searchable
    index.add(1, page(R"( data-search-body data-search-org="Школа 1" data-search-collection="Новости" data-search-date="1 мая")",
                      "<h1>Наставники школы</h1><p>Наставнику помогли. <span data-search-ignore>Зайцев</span></p>"),
              sink);
    index.add(3, page(R"( data-search-body data-search-org="Школа 2" data-search-collection="Приказы")",
                      "<h1>Приказ о наставничестве</h1><p>Приказы и наставник.</p>"),
              sink);
    CHECK(index.pages() == 2);
    index.finish(sink);
    sink.commit();
  };
  MemorySink sink;
  build(sink);
  const auto meta = nlohmann::json::parse(gunzip(sink.files().at("search/data/meta.bin")));
  CHECK(meta["pages"] == 2);
  CHECK(meta["longest"] == kLongestWord);
  CHECK(meta["stop"].size() == stop_words().size());
  const auto terms = read_terms(sink, meta);
  Stemmer s;
  const std::string mentor(s.stem("наставник"));
  // Page 1: «наставники» in the title (4) and the text (1), «наставнику» (1); page 3: «наставник».
  CHECK(terms.at(mentor) == std::vector<std::pair<uint32_t, int>>{{1, 6}, {3, 1}});
  CHECK(terms.at(std::string(s.stem("приказ"))) == std::vector<std::pair<uint32_t, int>>{{3, 6}});
  CHECK(terms.at("~o:Школа 1") == std::vector<std::pair<uint32_t, int>>{{1, 0}});
  CHECK(terms.at("~c:Приказы") == std::vector<std::pair<uint32_t, int>>{{3, 0}});
  CHECK(terms.count("и") == 0);  // a stop word
  CHECK(terms.count("главн") == 0);
  CHECK(terms.count(std::string(s.stem("главная"))) == 0);  // the page not marked
  for (const auto& [path, bytes] : sink.files()) {
    const bool gzipped = path.size() > 4 && path.substr(path.size() - 4) == ".bin";
    CHECK((gzipped ? gunzip(bytes) : bytes).find("Зайцев") == std::string::npos);
  }
  const std::string file = "search/data/" + meta["set"].get<std::string>() + "/1.json";
  const auto one = nlohmann::json::parse(sink.files().at(file));
  CHECK(one["u"] == "school-1/news/a/");
  CHECK(one["t"] == "Наставники школы");
  CHECK(one["o"] == "Школа 1");
  CHECK(one["c"] == "Новости");
  CHECK(one["d"] == "1 мая");
  CHECK(one["x"] == "Наставнику помогли.");
  CHECK(sink.files().count("search/data/" + meta["set"].get<std::string>() + "/0.json") == 0);
  CHECK(sink.files().at("search/data/stemmer.js").find("var RussianStemmer") != std::string::npos);

  MemorySink again;
  build(again);
  CHECK(again.files() == sink.files());
}

TEST_CASE("search index: a site of other routes names another set of page files") {
  MemorySink a, b;
  IndexWriter(std::vector<std::string>{"x/"}, "search/data/", stemmer_file()).finish(a);
  IndexWriter(std::vector<std::string>{"y/"}, "search/data/", stemmer_file()).finish(b);
  a.commit();
  b.commit();
  const auto set_a = nlohmann::json::parse(gunzip(a.files().at("search/data/meta.bin")))["set"];
  const auto set_b = nlohmann::json::parse(gunzip(b.files().at("search/data/meta.bin")))["set"];
  CHECK(set_a != set_b);
}

TEST_CASE("search index: the stemmer is found as npm installs it, or named as a file") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / "nastavnik-find-stemmer-test";
  fs::remove_all(root);
  const fs::path file = root / "node_modules" / "snowball-stemmer.jsx" / "dest" / "russian-stemmer.global.min.js";
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "var RussianStemmer;";
  CHECK(find_stemmer_script(root / "node_modules") == fs::absolute(file));
  CHECK(find_stemmer_script(root) == fs::absolute(file));
  CHECK(find_stemmer_script(file) == fs::absolute(file));
  CHECK_FALSE(find_stemmer_script(root / "nowhere").has_value());
  fs::remove_all(root);
}

TEST_CASE("word table: every word found again with its term as the table grows; others are not") {
  WordTable table;
  std::vector<std::string> words;
  for (int i = 0; i < 20000; ++i) words.push_back("слово" + std::to_string(i * 7919));
  for (size_t i = 0; i < words.size(); ++i) {
    CHECK(table.find(words[i], WordTable::hash(words[i])) == nullptr);
    table.insert(words[i], WordTable::hash(words[i]), static_cast<uint32_t>(i));
  }
  size_t found = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const uint32_t* term = table.find(words[i], WordTable::hash(words[i]));
    found += term && *term == i;
  }
  CHECK(found == words.size());
  // A word that differs in its last byte, or is a prefix, is another word.
  CHECK(table.find("слово0x", WordTable::hash("слово0x")) == nullptr);
  CHECK(table.find("слов", WordTable::hash("слов")) == nullptr);
  table.clear();
  CHECK(table.find(words[5], WordTable::hash(words[5])) == nullptr);
}
