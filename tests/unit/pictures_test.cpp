// Photos: which files a photo is published as, libvips decoding, turning, resizing and
// stripping tiny photos made here with libvips itself, the image store and its cache, and
// whole builds in memory with photos in front matter, bodies and the mentors page.
#include <doctest/doctest.h>
#include <vips/vips.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/strings.h"
#include "image/codec.h"
#include "image/store.h"
#include "read/content_source.h"
#include "support.h"

using namespace nastavnik;
namespace fs = std::filesystem;

namespace {

// A VipsImage reference dropped at the end of the scope.
struct Image {
  VipsImage* p = nullptr;
  Image() = default;
  explicit Image(VipsImage* image) : p(image) {}
  Image(const Image&) = delete;
  ~Image() {
    if (p) g_object_unref(p);
  }
};

std::string bytes_of(void* buffer, size_t length) {
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return out;
}

// A minimal EXIF block: IFD0 holds a GPS IFD with latitude 53°N — what a phone writes,
// and what no published file may keep.
std::string exif_with_gps() {
  std::string t = std::string("Exif\0\0", 6);
  auto u16 = [&](unsigned v) { t += static_cast<char>(v & 0xff); t += static_cast<char>(v >> 8); };
  auto u32 = [&](unsigned v) { u16(v & 0xffff); u16(v >> 16); };
  t += "II";
  u16(42);
  u32(8);  // IFD0 at 8
  u16(1);  // one entry: GPSInfo
  u16(0x8825); u16(4); u32(1); u32(26);  // the GPS IFD at 26
  u32(0);  // no next IFD
  u16(2);  // GPS IFD: two entries
  u16(0x0001); u16(2); u32(2); t += std::string("N\0\0\0", 4);  // GPSLatitudeRef "N"
  u16(0x0002); u16(5); u32(3); u32(56);                         // GPSLatitude: 3 rationals at 56
  u32(0);
  for (unsigned v : {53u, 1u, 49u, 1u, 12u, 1u}) u32(v);
  return t;
}

// A photo as a phone saves it: `width` × `height` as stored, the left half white and the
// right half black, with an EXIF orientation, GPS, XMP and an ICC profile.
std::string phone_jpeg(int width, int height, int orientation) {
  Image black, white, left, both;
  REQUIRE(vips_black(&black.p, width, height, "bands", 3, nullptr) == 0);
  REQUIRE(vips_linear1(black.p, &white.p, 1.0, 255.0, "uchar", TRUE, nullptr) == 0);
  Image cast;
  REQUIRE(vips_cast_uchar(black.p, &cast.p, nullptr) == 0);
  REQUIRE(vips_insert(cast.p, white.p, &both.p, -width / 2, 0, nullptr) == 0);  // white over the left half
  Image copy;
  REQUIRE(vips_copy(both.p, &copy.p, nullptr) == 0);
  vips_image_set_int(copy.p, VIPS_META_ORIENTATION, orientation);
  const std::string exif = exif_with_gps();
  vips_image_set_blob_copy(copy.p, VIPS_META_EXIF_NAME, exif.data(), exif.size());
  const std::string xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF/></x:xmpmeta>";
  vips_image_set_blob_copy(copy.p, VIPS_META_XMP_NAME, xmp.data(), xmp.size());
  Image profiled;
  REQUIRE(vips_icc_export(copy.p, &profiled.p, "output_profile", "srgb", nullptr) == 0);
  vips_image_set_int(profiled.p, VIPS_META_ORIENTATION, orientation);
  vips_image_set_blob_copy(profiled.p, VIPS_META_EXIF_NAME, exif.data(), exif.size());
  vips_image_set_blob_copy(profiled.p, VIPS_META_XMP_NAME, xmp.data(), xmp.size());
  void* buffer = nullptr;
  size_t length = 0;
  REQUIRE(vips_jpegsave_buffer(profiled.p, &buffer, &length, "Q", 90, nullptr) == 0);
  return bytes_of(buffer, length);
}

// A JPEG cut short in the middle of its image data, as an interrupted upload leaves it.
std::string cut_short(const std::string& jpeg) {
  const size_t scan = jpeg.rfind("\xFF\xDA");
  REQUIRE(scan != std::string::npos);
  return jpeg.substr(0, scan + (jpeg.size() - scan) / 2);
}

std::string png_with_alpha(int width, int height) {
  Image black, rgba;
  REQUIRE(vips_black(&black.p, width, height, "bands", 4, nullptr) == 0);
  REQUIRE(vips_linear1(black.p, &rgba.p, 1.0, 128.0, "uchar", TRUE, nullptr) == 0);
  void* buffer = nullptr;
  size_t length = 0;
  REQUIRE(vips_pngsave_buffer(rgba.p, &buffer, &length, nullptr) == 0);
  return bytes_of(buffer, length);
}

// The file `bytes` decoded: its size, its metadata, the mean of its top and bottom halves.
struct Decoded {
  int width = 0, height = 0;
  std::vector<std::string> metadata;  ///< exif, xmp, iptc, icc found
  double top = 0, bottom = 0;
};

Decoded decode(const std::string& bytes) {
  Decoded d;
  Image image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  REQUIRE(image.p != nullptr);
  d.width = vips_image_get_width(image.p);
  d.height = vips_image_get_height(image.p);
  for (const char* name : {VIPS_META_EXIF_NAME, VIPS_META_XMP_NAME, VIPS_META_IPTC_NAME, VIPS_META_ICC_NAME}) {
    if (vips_image_get_typeof(image.p, name)) d.metadata.push_back(name);
  }
  Image top, bottom;
  REQUIRE(vips_crop(image.p, &top.p, 0, 0, d.width, d.height / 2, nullptr) == 0);
  REQUIRE(vips_crop(image.p, &bottom.p, 0, d.height - d.height / 2, d.width, d.height / 2, nullptr) == 0);
  REQUIRE(vips_avg(top.p, &d.top, nullptr) == 0);
  REQUIRE(vips_avg(bottom.p, &d.bottom, nullptr) == 0);
  return d;
}

Picture picture_of(int width, int height, bool alpha = false) {
  Picture p;
  p.width = width;
  p.height = height;
  p.alpha = alpha;
  return p;
}

std::vector<std::string> names(const Picture& p) {
  std::vector<std::string> out;
  for (const auto& v : picture_variants(p)) out.push_back(variant_file_name("pair", v));
  return out;
}

}  // namespace

TEST_CASE("a photo is published in the standard widths below its own, in WebP and a fallback") {
  CHECK(names(picture_of(4000, 3000)) == std::vector<std::string>{"pair-240.webp", "pair-480.webp", "pair-960.webp", "pair-1440.webp",
                                                                   "pair-240.jpg", "pair-480.jpg", "pair-960.jpg", "pair-1440.jpg"});
  // Its own width when below the largest; a standard width within a tenth of it is left out.
  CHECK(picture_widths(picture_of(1000, 750)) == std::vector<int>{240, 480, 1000});
  CHECK(picture_widths(picture_of(500, 100)) == std::vector<int>{240, 500});
  CHECK(picture_widths(picture_of(200, 100)) == std::vector<int>{200});
  // Transparent: PNG, as JPEG has no transparency.
  CHECK(variant_file_name("logo", largest_fallback(picture_of(300, 200, true))) == "logo-300.png");
  // Heights keep the aspect, rounded, never 0.
  const auto v = picture_variants(picture_of(3000, 4000));
  CHECK(v[3].width == 1440);
  CHECK(v[3].height == 1920);
  CHECK(picture_variants(picture_of(4000, 1))[0].height == 1);
}

TEST_CASE("a photo's markup: WebP source, fallback srcset, sizes, the largest file's size, lazy when asked") {
  const Picture p = picture_of(4000, 3000);
  const PictureMarkup m = picture_markup(p, "pair", PictureRole::Prose, true, [](const std::string& n) { return "x/" + n; });
  CHECK(m.before == "<picture><source type=\"image/webp\" srcset=\"x/pair-240.webp 240w, x/pair-480.webp 480w, x/pair-960.webp 960w, "
                    "x/pair-1440.webp 1440w\" sizes=\"(min-width: 48rem) 46rem, calc(100vw - 2rem)\">");
  CHECK(m.attributes == " srcset=\"x/pair-240.jpg 240w, x/pair-480.jpg 480w, x/pair-960.jpg 960w, x/pair-1440.jpg 1440w\" "
                        "sizes=\"(min-width: 48rem) 46rem, calc(100vw - 2rem)\" width=\"1440\" height=\"1080\" loading=\"lazy\" decoding=\"async\"");
  CHECK(m.after == "</picture>");
  CHECK(picture_markup(p, "pair", PictureRole::Gallery, false, [](const std::string& n) { return n; }).attributes.find("loading") ==
        std::string::npos);
}

TEST_CASE("a phone photo turned by its EXIF orientation, resized, without EXIF, GPS, XMP or ICC in any file") {
  const std::string jpeg = phone_jpeg(64, 48, 6);  // stored 64 × 48, shown turned 90° clockwise
  {
    Image source(vips_image_new_from_buffer(jpeg.data(), jpeg.size(), "", nullptr));
    REQUIRE(source.p != nullptr);
    // What the test is about is there before: the EXIF with its GPS, the XMP, the profile.
    CHECK(vips_image_get_typeof(source.p, VIPS_META_EXIF_NAME) != 0);
    CHECK(vips_image_get_typeof(source.p, VIPS_META_XMP_NAME) != 0);
    CHECK(vips_image_get_typeof(source.p, VIPS_META_ICC_NAME) != 0);
  }
  const PictureHeader header = read_picture_header(jpeg);
  REQUIRE(header.problem == PictureProblem::None);
  CHECK(header.kind == "JPEG");
  CHECK(header.width == 48);  // upright
  CHECK(header.height == 64);
  CHECK_FALSE(header.alpha);

  Picture p = picture_of(header.width, header.height);
  const auto variants = picture_variants(p);
  REQUIRE(variants.size() == 2);  // 48 px wide: its own width, WebP and JPEG
  std::vector<std::string> files;
  REQUIRE(encode_picture(jpeg, variants, files) == PictureProblem::None);
  REQUIRE(files.size() == 2);
  CHECK(files[0].compare(0, 4, "RIFF") == 0);
  CHECK(files[1].compare(0, 2, "\xFF\xD8") == 0);
  for (const auto& file : files) {
    const Decoded d = decode(file);
    CHECK(d.width == 48);
    CHECK(d.height == 64);
    CHECK(d.metadata.empty());
    CHECK(file.find("Exif") == std::string::npos);
    CHECK(file.find("xmpmeta") == std::string::npos);
    // The white left half is on top once turned clockwise.
    CHECK(d.top > 200);
    CHECK(d.bottom < 60);
  }
  // The same bytes make the same files.
  std::vector<std::string> again;
  REQUIRE(encode_picture(jpeg, variants, again) == PictureProblem::None);
  CHECK(again == files);
}

TEST_CASE("a large photo is shrunk to the widths asked for") {
  const std::string jpeg = phone_jpeg(2000, 1500, 1);
  const PictureHeader header = read_picture_header(jpeg);
  REQUIRE(header.problem == PictureProblem::None);
  const Picture p = picture_of(header.width, header.height);
  std::vector<std::string> files;
  REQUIRE(encode_picture(jpeg, picture_variants(p), files) == PictureProblem::None);
  const auto variants = picture_variants(p);
  REQUIRE(files.size() == variants.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const Decoded d = decode(files[i]);
    CHECK(d.width == variants[i].width);
    CHECK(d.height == variants[i].height);
    CHECK(d.width <= kLargestPictureWidth);
  }
}

TEST_CASE("a transparent PNG keeps its transparency: WebP with alpha, PNG fallback") {
  const std::string png = png_with_alpha(30, 20);
  const PictureHeader header = read_picture_header(png);
  REQUIRE(header.problem == PictureProblem::None);
  CHECK(header.alpha);
  const Picture p = picture_of(30, 20, true);
  std::vector<std::string> files;
  REQUIRE(encode_picture(png, picture_variants(p), files) == PictureProblem::None);
  REQUIRE(files.size() == 2);
  CHECK(files[1].compare(0, 4, "\x89PNG") == 0);
  Image webp(vips_image_new_from_buffer(files[0].data(), files[0].size(), "", nullptr));
  REQUIRE(webp.p != nullptr);
  CHECK(vips_image_hasalpha(webp.p));
}

TEST_CASE("an iPhone HEIC photo is read and converted") {
  Image black, grey;
  REQUIRE(vips_black(&black.p, 64, 48, "bands", 3, nullptr) == 0);
  REQUIRE(vips_linear1(black.p, &grey.p, 1.0, 90.0, "uchar", TRUE, nullptr) == 0);
  void* buffer = nullptr;
  size_t length = 0;
  if (vips_heifsave_buffer(grey.p, &buffer, &length, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_HEVC, nullptr) != 0) {
    vips_error_clear();
    MESSAGE("libheif here has no HEVC encoder: the HEIC decoding is tested by tests/e2e/test_photos.py");
    return;
  }
  const std::string heic = bytes_of(buffer, length);
  const PictureHeader header = read_picture_header(heic);
  REQUIRE(header.problem == PictureProblem::None);
  CHECK(header.kind == "HEIF");
  CHECK(header.width == 64);
  std::vector<std::string> files;
  REQUIRE(encode_picture(heic, picture_variants(picture_of(64, 48)), files) == PictureProblem::None);
  const Decoded d = decode(files[1]);
  CHECK(d.width == 64);
  CHECK(d.height == 48);
  CHECK(d.top == doctest::Approx(90).epsilon(0.1));
}

TEST_CASE("what is no photo, a photo cut short, one of too many pixels and one too slow are refused") {
  CHECK(read_picture_header("not a photo at all").problem == PictureProblem::NotPicture);
  CHECK(read_picture_header("").problem == PictureProblem::NotPicture);
  // Only the decoders we chose: an SVG or a PDF named .jpg reaches none.
  CHECK(read_picture_header("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>").problem == PictureProblem::NotPicture);
  CHECK(read_picture_header("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").problem == PictureProblem::NotPicture);

  const std::string jpeg = phone_jpeg(400, 300, 1);
  const std::string cut = cut_short(jpeg);
  const PictureHeader header = read_picture_header(cut);
  REQUIRE(header.problem == PictureProblem::None);  // the header is whole: the damage shows when decoding
  std::vector<std::string> files;
  CHECK(encode_picture(cut, picture_variants(picture_of(400, 300)), files) == PictureProblem::Damaged);
  CHECK(files.empty());

  // The size in the frame header (SOF0) says 10 000 × 9 000: refused before decoding.
  std::string huge = phone_jpeg(16, 16, 1);
  const size_t sof = huge.find("\xFF\xC0");
  REQUIRE(sof != std::string::npos);
  huge[sof + 5] = static_cast<char>(9000 >> 8);
  huge[sof + 6] = static_cast<char>(9000 & 0xff);
  huge[sof + 7] = static_cast<char>(10000 >> 8);
  huge[sof + 8] = static_cast<char>(10000 & 0xff);
  const PictureHeader big = read_picture_header(huge);
  CHECK(big.problem == PictureProblem::TooManyPixels);
  CHECK(picture_problem_message(big.problem, big, "«files/x.jpg»") ==
        "фотография «files/x.jpg» слишком большая: 10000 × 9000 точек (90 Мп), допустимо не более 50 Мп; уменьшите её "
        "(например, до 4000 точек по длинной стороне) и загрузите заново");
  CHECK(encode_picture(huge, picture_variants(picture_of(10000, 9000)), files) == PictureProblem::TooManyPixels);

  // Decoding stops at its deadline.
  CHECK(encode_picture(jpeg, picture_variants(picture_of(400, 300)), files, 0.0) == PictureProblem::TooSlow);
}

TEST_CASE("the image store: a photo probed and encoded once, then taken from the cache without decoding") {
  const fs::path folder = fs::temp_directory_path() / ("nastavnik-pictures-test-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  MemorySource source;
  source.add("school-7/files/pair.jpg", phone_jpeg(600, 400, 6));
  source.add("school-7/files/copy.jpg", phone_jpeg(600, 400, 6));  // the same bytes elsewhere
  source.add("school-7/files/broken.jpg", "broken");
  std::string first_bytes;
  {
    ImageStore store(folder);
    PictureHeader failure;
    auto p = store.picture(source, "school-7/files/pair.jpg", failure);
    REQUIRE(p);
    CHECK(p->width == 400);
    CHECK(p->height == 600);
    CHECK(p->key.size() == 32);
    CHECK(store.picture(source, "school-7/files/pair.jpg", failure) == p);  // once per build
    auto copy = store.picture(source, "school-7/files/copy.jpg", failure);
    REQUIRE(copy);
    CHECK(copy->key == p->key);
    CHECK_FALSE(store.picture(source, "school-7/files/broken.jpg", failure));
    CHECK(failure.problem == PictureProblem::NotPicture);
    REQUIRE(store.prepare(source, *p) == PictureProblem::None);
    REQUIRE(store.prepare(source, *copy) == PictureProblem::None);  // the same photo: not encoded twice
    REQUIRE(store.file(source, *p, largest_fallback(*p), first_bytes) == PictureProblem::None);
    const PictureStats stats = store.stats();
    CHECK(stats.read == 3);
    CHECK(stats.probed == 2);  // the copy's size came from the cache
    CHECK(stats.encoded == picture_variants(*p).size());
    CHECK(stats.cached == 0);
    store.finish(true);
  }
  {
    // The next build: nothing read (the stamps are known), nothing decoded, nothing encoded.
    ImageStore store(folder);
    PictureHeader failure;
    auto p = store.picture(source, "school-7/files/pair.jpg", failure);
    REQUIRE(p);
    CHECK(p->width == 400);
    std::string bytes;
    REQUIRE(store.file(source, *p, largest_fallback(*p), bytes) == PictureProblem::None);
    CHECK(bytes == first_bytes);
    const PictureStats stats = store.stats();
    CHECK(stats.read == 0);
    CHECK(stats.probed == 0);
    CHECK(stats.encoded == 0);
    CHECK(stats.cached == picture_variants(*p).size());
    store.finish(false);
  }
  auto photo_files = [&] {
    size_t files = 0;
    for (const auto& e : fs::directory_iterator(folder / "pictures-1")) files += e.path().filename().string().rfind("index-", 0) != 0;
    return files;
  };
  {
    // Another site sharing the cache folder (its content a sibling of this one's) that
    // shows no photo: its pruning keeps this site's photos, named by this site's index.
    ImageStore other(folder, true, "/srv/other-content");
    other.finish(true);
    CHECK(photo_files() > 0);
  }
  {
    // This site, publishing without photos now: its photos go, nothing but indexes stays.
    ImageStore store(folder);
    store.finish(true);
    CHECK(photo_files() == 0);
  }
  {
    // `check` reads the cache and writes nothing to it.
    fs::remove_all(folder);
    ImageStore store(folder, false);
    PictureHeader failure;
    REQUIRE(store.picture(source, "school-7/files/pair.jpg", failure));
    store.finish(false);
    CHECK_FALSE(fs::exists(folder));
  }
  fs::remove_all(folder);
}

TEST_CASE("the cache is the user's unless NASTAVNIK_CACHE says where") {
  const auto keep = [](const char* name) { const char* v = std::getenv(name); return v ? std::optional<std::string>(v) : std::nullopt; };
  const auto cache = keep("NASTAVNIK_CACHE"), xdg = keep("XDG_CACHE_HOME"), home = keep("HOME");
  ::unsetenv("NASTAVNIK_CACHE");
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", "/home/kurator", 1);
  CHECK(default_cache_folder() == fs::path("/home/kurator/.cache/nastavnik"));
  ::setenv("XDG_CACHE_HOME", "/var/tmp/xdg", 1);
  CHECK(default_cache_folder() == fs::path("/var/tmp/xdg/nastavnik"));
  ::setenv("NASTAVNIK_CACHE", ".nastavnik-cache", 1);
  CHECK(default_cache_folder() == fs::path(".nastavnik-cache"));
  ::unsetenv("NASTAVNIK_CACHE");
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("HOME");
  CHECK(default_cache_folder().empty());  // no home: photos are kept in memory for the build
  for (const auto& [name, value] : {std::pair{"NASTAVNIK_CACHE", cache}, {"XDG_CACHE_HOME", xdg}, {"HOME", home}}) {
    if (value) ::setenv(name, value->c_str(), 1);
  }
}

namespace {

const MemorySource& minimal() {
  static const MemorySource source = test::source_from("tests/fixtures/minimal");
  return source;
}

const std::string STORY = "school-7/stories/pervyy-god.md";

// A story with two phone photos and a third in its text, its mentor with a photo.
MemorySource with_photos() {
  MemorySource source = minimal();
  source.add("school-7/files/para.jpg", phone_jpeg(1200, 900, 6));
  source.add("school-7/files/urok.jpg", phone_jpeg(1200, 900, 1));
  source.add("school-7/files/Доска.jpg", phone_jpeg(500, 300, 1));
  source.add(STORY,
             "---\n"
             "title: \"Первый год в профессии\"\n"
             "date: 2025-05-20\n"
             "form: teacher-teacher\n"
             "photos: [files/para.jpg, files/urok.jpg]\n"
             "---\n"
             "Открытый урок.\n"
             "\n"
             "![Доска после урока](files/Доска.jpg)\n"
             "\n"
             "[Фото крупно](files/para.jpg)\n");
  return source;
}

}  // namespace

TEST_CASE("a story's photos are published resized beside its page, never as uploaded, with srcset, sizes, width, height and lazy") {
  test::Built built;
  test::build(with_photos(), built);
  REQUIRE_MESSAGE(built.report.ok, join(test::formatted(built.diagnostics), "\n"));
  const std::string dir = "school-7/stories/pervyy-god/";
  // para.jpg is 1200 × 900 as stored and 900 wide upright: no 960 (a tenth from 900).
  for (const char* name : {"para-240.webp", "para-480.webp", "para-900.webp", "para-240.jpg", "para-480.jpg", "para-900.jpg",
                           "urok-960.webp", "urok-1200.jpg", "doska-240.webp", "doska-500.webp", "doska-240.jpg", "doska-500.jpg"}) {
    CHECK_MESSAGE(built.has(dir + name), name);
  }
  CHECK_FALSE(built.has(dir + "para.jpg"));
  CHECK_FALSE(built.has(dir + "urok.jpg"));
  for (const auto& [path, bytes] : built.sink.files()) {
    if (path.rfind(dir, 0) != 0 || path.size() < 5 || path.compare(path.size() - 5, 5, ".html") == 0) continue;
    CHECK_MESSAGE(decode(bytes).metadata.empty(), path);
    CHECK(decode(bytes).width <= kLargestPictureWidth);
  }
  // Turned upright: 900 × 1200.
  CHECK(decode(built.file(dir + "para-900.jpg")).width == 900);
  CHECK(decode(built.file(dir + "para-900.jpg")).height == 1200);
  CHECK_FALSE(built.has(dir + "para-1200.jpg"));

  const std::string& page = built.file(dir + "index.html");
  // The text's photo is the page's first image: it loads at once.
  CHECK(page.find("<picture><source type=\"image/webp\" srcset=\"doska-240.webp 240w, doska-500.webp 500w\" "
                  "sizes=\"(min-width: 48rem) 46rem, calc(100vw - 2rem)\"><img src=\"doska-500.jpg\" alt=\"Доска после урока\" "
                  "srcset=\"doska-240.jpg 240w, doska-500.jpg 500w\" sizes=\"(min-width: 48rem) 46rem, calc(100vw - 2rem)\" "
                  "width=\"500\" height=\"300\" decoding=\"async\" /></picture>") != std::string::npos);
  // The gallery: lazy, each a link to its largest file.
  // (Templates link from the site's root, as every link of theirs.)
  const std::string here = "../../../school-7/stories/pervyy-god/";
  CAPTURE(page.substr(std::min(page.size(), page.find("class=\"photos\"")), 1200));
  CHECK(page.find("<a href=\"" + here + "para-900.jpg\" aria-label=\"Фотография к\u00A0истории «Первый год в\u00A0профессии» (1 из 2, крупно)\"><picture><source type=\"image/webp\" srcset=\"" + here + "para-240.webp 240w, " + here +
                  "para-480.webp 480w, " + here + "para-900.webp 900w\" sizes=\"(min-width: 20rem) 18rem, calc(100vw - 2rem)\"><img src=\"" + here +
                  "para-900.jpg\" srcset=\"" + here + "para-240.jpg 240w, " + here + "para-480.jpg 480w, " + here +
                  "para-900.jpg 900w\" sizes=\"(min-width: 20rem) 18rem, calc(100vw - 2rem)\" "
                  "width=\"900\" height=\"1200\" alt=\"Фотография к\u00A0истории «Первый год в\u00A0профессии»\" loading=\"lazy\" "
                  "decoding=\"async\"></picture></a>") != std::string::npos);
  // A plain link to a photo opens its largest file.
  CHECK(page.find("<a href=\"para-900.jpg\">Фото крупно</a>") != std::string::npos);
}

TEST_CASE("a mentor's photo: 96 px wide on the page, published resized beside it") {
  test::Built built;
  test::build(minimal(), built);
  REQUIRE_MESSAGE(built.report.ok, join(test::formatted(built.diagnostics), "\n"));
  CHECK(built.has("school-7/mentors/orlova-1.webp"));
  CHECK(built.has("school-7/mentors/orlova-1.jpg"));
  CHECK_FALSE(built.has("school-7/mentors/orlova.jpg"));
  // Without consent, no photo at all.
  for (const auto& [path, bytes] : built.sink.files()) CHECK_MESSAGE(path.find("shirokov") == std::string::npos, path);
  CHECK(built.file("school-7/mentors/index.html")
            .find("<picture><source type=\"image/webp\" srcset=\"../../school-7/mentors/orlova-1.webp 1w\" sizes=\"96px\">"
                  "<img src=\"../../school-7/mentors/orlova-1.jpg\" srcset=\"../../school-7/mentors/orlova-1.jpg 1w\" sizes=\"96px\" "
                  "width=\"96\" height=\"96\" alt=\"Фотография: Орлова Анна Сергеевна\" decoding=\"async\"></picture>") != std::string::npos);
}

TEST_CASE("a photo cut short is an error at the line that shows it, and nothing is published") {
  MemorySource source = with_photos();
  const std::string jpeg = phone_jpeg(1200, 900, 1);
  source.add("school-7/files/urok.jpg", cut_short(jpeg));
  test::Built built;
  test::build(source, built);
  CHECK_FALSE(built.report.ok);
  CHECK_FALSE(built.sink.committed());
  CHECK(join(test::errors_of(built.diagnostics), "\n") ==
        "school-7/stories/pervyy-god.md:5:26: ошибка: файл «files/urok.jpg» повреждён или это не фотография: изображение в нём обрывается "
        "или испорчено (возможно, файл загружен не полностью); откройте его на компьютере, сохраните заново как JPEG и загрузите");
}

TEST_CASE("a photo of too many pixels is an error at the line that shows it, before anything is decoded") {
  MemorySource source = with_photos();
  std::string huge = phone_jpeg(16, 16, 1);
  const size_t sof = huge.find("\xFF\xC0");
  REQUIRE(sof != std::string::npos);
  huge[sof + 5] = static_cast<char>(9000 >> 8);
  huge[sof + 6] = static_cast<char>(9000 & 0xff);
  huge[sof + 7] = static_cast<char>(10000 >> 8);
  huge[sof + 8] = static_cast<char>(10000 & 0xff);
  source.add("school-7/files/Доска.jpg", huge);
  test::Built built;
  test::build(source, built);
  CHECK_FALSE(built.report.ok);
  CHECK(join(test::errors_of(built.diagnostics), "\n") ==
        "school-7/stories/pervyy-god.md:9:1: ошибка: фотография «files/Доска.jpg» слишком большая: 10000 × 9000 точек (90 Мп), "
        "допустимо не более 50 Мп; уменьшите её (например, до 4000 точек по длинной стороне) и загрузите заново");
}
