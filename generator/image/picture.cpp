#include "image/picture.h"

#include <algorithm>
#include <cstdint>

namespace nastavnik {

std::vector<int> picture_widths(const Picture& picture) {
  std::vector<int> out;
  // A standard width within a tenth of the photo's own would be a second copy of nearly
  // the same file.
  for (int w : kPictureWidths) {
    if (w * 10 < picture.width * 9) out.push_back(w);
  }
  const int own = std::max(1, std::min(picture.width, kLargestPictureWidth));
  if (out.empty() || out.back() < own) out.push_back(own);
  return out;
}

namespace {

PictureVariant variant(const Picture& picture, int width, PictureFormat format) {
  // Rounded to the nearest pixel, never 0: the encoder is asked for exactly this size, so
  // the height a page states is the height of the file.
  const int64_t h = (static_cast<int64_t>(picture.height) * width * 2 + picture.width) / (2 * static_cast<int64_t>(std::max(1, picture.width)));
  return {width, static_cast<int>(std::max<int64_t>(1, h)), format};
}

PictureFormat fallback_of(const Picture& picture) { return picture.alpha ? PictureFormat::Png : PictureFormat::Jpeg; }

}  // namespace

std::vector<PictureVariant> picture_variants(const Picture& picture) {
  const std::vector<int> widths = picture_widths(picture);
  std::vector<PictureVariant> out;
  for (int w : widths) out.push_back(variant(picture, w, PictureFormat::Webp));
  for (int w : widths) out.push_back(variant(picture, w, fallback_of(picture)));
  return out;
}

PictureVariant largest_fallback(const Picture& picture) {
  return variant(picture, picture_widths(picture).back(), fallback_of(picture));
}

std::string_view picture_extension(PictureFormat format) {
  switch (format) {
    case PictureFormat::Webp: return ".webp";
    case PictureFormat::Jpeg: return ".jpg";
    case PictureFormat::Png: return ".png";
  }
  return "";
}

std::string_view picture_mime(PictureFormat format) {
  switch (format) {
    case PictureFormat::Webp: return "image/webp";
    case PictureFormat::Jpeg: return "image/jpeg";
    case PictureFormat::Png: return "image/png";
  }
  return "";
}

std::string variant_file_name(std::string_view stem, const PictureVariant& variant) {
  std::string out(stem);
  out += '-';
  out += std::to_string(variant.width);
  out += picture_extension(variant.format);
  return out;
}

std::string_view picture_sizes(PictureRole role) {
  switch (role) {
    // .wrap is 62rem at most with 1rem padding each side; below that the screen less 2rem.
    case PictureRole::Illustration: return "(min-width: 62rem) 60rem, calc(100vw - 2rem)";
    // .prose is 46rem at most.
    case PictureRole::Prose: return "(min-width: 48rem) 46rem, calc(100vw - 2rem)";
    // .photos img: min(100%, 18rem).
    case PictureRole::Gallery: return "(min-width: 20rem) 18rem, calc(100vw - 2rem)";
    case PictureRole::Portrait: return "96px";
  }
  return "100vw";
}

}  // namespace nastavnik
