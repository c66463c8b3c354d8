// The small picture of a PDF's first page shown on the document's page: a WebP 320 pixels
// wide whose height keeps the page's shape, the same bytes every time, kept in the cache
// by a build and never written by `check`. PDFs are made in memory (pdf_maker.h).
#include <doctest/doctest.h>
#include <webp/decode.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/whole_file.h"
#include "document/library.h"
#include "document/thumbnail.h"
#include "pdf_maker.h"

using namespace nastavnik;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "nastavnik-thumbnail-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// How many of the thumbnail's pixels are dark: text drawn, not a blank page.
int dark_pixels(const std::string& webp) {
  int width = 0, height = 0;
  uint8_t* rgb = WebPDecodeRGB(reinterpret_cast<const uint8_t*>(webp.data()), webp.size(), &width, &height);
  REQUIRE(rgb);
  int dark = 0;
  for (int i = 0; i < width * height; ++i) dark += rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2] < 3 * 128;
  WebPFree(rgb);
  return dark;
}

}  // namespace

TEST_CASE("a one-page PDF's thumbnail is a WebP 320 pixels wide, the same bytes every time") {
  const std::string letter = test::pdf({{"ORDER No 125", "On mentoring in the school year", "Director"}});
  const auto first = draw_first_page(letter);
  REQUIRE(first);
  CHECK(first->width == 320);
  CHECK(first->height == 414);  // US Letter: 320 × 792 / 612
  CHECK(first->webp.compare(0, 4, "RIFF") == 0);
  CHECK(first->webp.compare(8, 4, "WEBP") == 0);
  CHECK(first->webp.find("EXIF") == std::string::npos);
  CHECK(first->webp.find("XMP") == std::string::npos);
  CHECK(first->webp.size() < 15 * 1024);
  CHECK(dark_pixels(first->webp) > 0);
  const auto second = draw_first_page(std::string(letter));
  REQUIRE(second);
  CHECK(second->webp == first->webp);
  // What the cache gives back is the same thumbnail.
  const auto kept = thumbnail_of_webp(first->webp);
  REQUIRE(kept);
  CHECK(kept->width == 320);
  CHECK(kept->height == 414);
  // A blank page is drawn too: white, nothing dark on it.
  const auto blank = draw_first_page(test::pdf({{}}));
  REQUIRE(blank);
  CHECK(dark_pixels(blank->webp) == 0);
}

TEST_CASE("a thumbnail keeps the page's shape, and a very tall page is cut") {
  const auto landscape = draw_first_page(test::pdf({{"Plan"}}, "0 0 792 612"));
  REQUIRE(landscape);
  CHECK(landscape->height == 247);  // 320 × 612 / 792
  const auto strip = draw_first_page(test::pdf({{"Receipt"}}, "0 0 100 1000"));
  REQUIRE(strip);
  CHECK(strip->width == 320);
  CHECK(strip->height == 640);
  CHECK(draw_first_page(test::pdf({{"Dot"}}, "0 0 0.5 0.5")) == std::nullopt);
}

TEST_CASE("a file poppler cannot open has no thumbnail, and never throws") {
  for (std::string bytes : {std::string(), std::string("%PDF-1.4\n%%EOF"), std::string(10000, '\xff')}) {
    CHECK(draw_first_page(bytes) == std::nullopt);
  }
  CHECK(thumbnail_of_webp("RIFF") == std::nullopt);
  CHECK(thumbnail_of_webp("") == std::nullopt);
}

TEST_CASE("a build keeps the thumbnail in the cache; check neither draws nor writes one; other formats have none") {
  TempDir cache;
  const std::string bytes = test::pdf({{"Thumbnail kept"}});
  auto built = document_text(FileKind::Pdf, bytes, DocumentOptions{false, cache.path, true, 0});
  REQUIRE(built->first_page);
  int kept = 0;
  for (const auto& f : fs::directory_iterator(cache.path / "documents")) {
    if (f.path().filename().string().ends_with(".page1-v1.webp")) {
      std::string on_disk;
      REQUIRE(read_whole(f.path(), on_disk));
      CHECK(on_disk == built->first_page->webp);
      ++kept;
    }
  }
  CHECK(kept == 1);

  TempDir untouched;
  auto checked = document_text(FileKind::Pdf, test::pdf({{"Only checked"}}), DocumentOptions{false, untouched.path, false, 0});
  CHECK(checked->readable);
  CHECK(!checked->first_page);
  CHECK(!fs::exists(untouched.path / "documents"));

  CHECK(!document_text(FileKind::Pdf, "%PDF-1.4\n%%EOF")->first_page);
}
