#pragma once
// Photos through libvips (image/codec.h): any bytes, as an upload named .jpg may hold. The
// header read must refuse or give a size within the limits; a photo that decodes must come
// out in exactly the files asked for, each of its format and size, and holding nothing but
// pixels: no EXIF, XMP, ICC or comment can pass. Photos beyond kMaxFuzzPixels are only
// read, not decoded, to keep fuzzing fast (the limits are the unit tests').
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../fuzz_common.h"
#include "image/codec.h"
#include "image/picture.h"
#include "image/store.h"

namespace fuzz {
namespace image_detail {

constexpr int64_t kMaxFuzzPixels = 1'000'000;

inline uint32_t big_endian(std::string_view s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) | (uint32_t(uint8_t(s[at + 2])) << 8) | uint8_t(s[at + 3]);
}
inline uint32_t little_endian(std::string_view s, size_t at) {
  return uint32_t(uint8_t(s[at])) | (uint32_t(uint8_t(s[at + 1])) << 8) | (uint32_t(uint8_t(s[at + 2])) << 16) | (uint32_t(uint8_t(s[at + 3])) << 24);
}

/// The segments of a JPEG up to its image data: only those of pixels may be there (APP0 is
/// JFIF's density, written by libjpeg).
inline void check_jpeg(std::string_view f) {
  FUZZ_CHECK(f.size() > 4 && uint8_t(f[0]) == 0xFF && uint8_t(f[1]) == 0xD8, "a JPEG file that is not one");
  size_t at = 2;
  while (at + 4 <= f.size()) {
    FUZZ_CHECK(uint8_t(f[at]) == 0xFF, "a broken JPEG segment");
    const uint8_t marker = uint8_t(f[at + 1]);
    if (marker == 0xDA) return;  // the image data
    const bool pixels = marker == 0xE0 || marker == 0xDB || marker == 0xC0 || marker == 0xC4 || marker == 0xDD;
    FUZZ_CHECK(pixels, "a JPEG segment that is not pixels (metadata?): marker " + std::to_string(marker));
    at += 2 + ((size_t(uint8_t(f[at + 2])) << 8) | uint8_t(f[at + 3]));
  }
  FUZZ_CHECK(false, "a JPEG without image data");
}

/// The chunks of a WebP: the bitstream (and its alpha), nothing else.
inline void check_webp(std::string_view f) {
  FUZZ_CHECK(f.size() >= 12 && f.substr(0, 4) == "RIFF" && f.substr(8, 4) == "WEBP", "a WebP file that is not one");
  for (size_t at = 12; at + 8 <= f.size();) {
    const std::string_view kind = f.substr(at, 4);
    FUZZ_CHECK(kind == "VP8 " || kind == "VP8L" || kind == "VP8X" || kind == "ALPH", "a WebP chunk that is not pixels: " + std::string(kind));
    if (kind == "VP8X") FUZZ_CHECK((uint8_t(f[at + 8]) & ~0x10u) == 0, "a WebP that announces metadata");
    const size_t size = little_endian(f, at + 4);
    at += 8 + size + (size & 1);
  }
}

/// The chunks of a PNG: its header, its data, its end.
inline void check_png(std::string_view f) {
  FUZZ_CHECK(f.size() >= 8 && f.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8), "a PNG file that is not one");
  for (size_t at = 8; at + 8 <= f.size();) {
    const std::string_view kind = f.substr(at + 4, 4);
    FUZZ_CHECK(kind == "IHDR" || kind == "IDAT" || kind == "IEND", "a PNG chunk that is not pixels: " + std::string(kind));
    at += 12 + big_endian(f, at);
  }
}

}  // namespace image_detail

inline void run_image(const uint8_t* data, size_t size) {
  using namespace nastavnik;
  using namespace image_detail;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const PictureHeader header = read_picture_header(bytes);
  if (header.problem != PictureProblem::None) {
    FUZZ_CHECK(header.problem == PictureProblem::NotPicture || header.problem == PictureProblem::Damaged ||
                   header.problem == PictureProblem::TooManyPixels,
               "a header refused for no reason a header has");
    FUZZ_CHECK(!picture_problem_message(header.problem, header, "«files/x.jpg»").empty(), "a refusal without a message");
    return;
  }
  FUZZ_CHECK(header.width > 0 && header.height > 0 && int64_t(header.width) * header.height <= kMaxPicturePixels,
             "a photo let through outside the limits: " + std::to_string(header.width) + "×" + std::to_string(header.height));
  FUZZ_CHECK(!header.kind.empty(), "a photo of no known kind");
  if (int64_t(header.width) * header.height > kMaxFuzzPixels) return;
  Picture picture;
  picture.width = header.width;
  picture.height = header.height;
  picture.alpha = header.alpha;
  const std::vector<PictureVariant> variants = picture_variants(picture);
  std::vector<std::string> files;
  const PictureProblem problem = encode_picture(bytes, variants, files, 10);
  (void)verify_picture(bytes, 10);
  if (problem != PictureProblem::None) {
    FUZZ_CHECK(files.empty(), "files left from a photo that failed");
    return;
  }
  FUZZ_CHECK(files.size() == variants.size(), "not one file per variant");
  for (size_t i = 0; i < files.size(); ++i) {
    const PictureVariant& v = variants[i];
    FUZZ_CHECK(v.width <= kLargestPictureWidth, "a file wider than the largest width");
    switch (v.format) {
      case PictureFormat::Webp: check_webp(files[i]); break;
      case PictureFormat::Jpeg: check_jpeg(files[i]); break;
      case PictureFormat::Png: check_png(files[i]); break;
    }
    const PictureHeader out = read_picture_header(files[i]);
    FUZZ_CHECK(out.problem == PictureProblem::None, "a file we wrote does not read back");
    FUZZ_CHECK(out.width == v.width && out.height == v.height,
               "a file of another size than asked: " + std::to_string(out.width) + "×" + std::to_string(out.height) + " for " +
                   std::to_string(v.width) + "×" + std::to_string(v.height));
  }
}

}  // namespace fuzz
