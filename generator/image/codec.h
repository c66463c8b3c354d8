#pragma once
// Photos through libvips (Debian's libvips 8.14): what a file holds (its kind, its size
// upright) and its variants, re-encoded without any metadata. Only the JPEG, PNG, WebP, GIF
// and HEIC (HEVC in HEIF, through libheif and libde265; not AVIF) decoders are reachable:
// every other libvips loader is blocked, so that a hostile file meets only the decoders we
// chose. Safe to call from several threads; libvips runs on the caller's thread only.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "image/picture.h"

namespace nastavnik {

/// Photos of more pixels are refused: decoding takes memory and time in proportion (a
/// 50 Mpx photo is 150 MB decoded). Phones take at most 48 Mpx.
constexpr int64_t kMaxPicturePixels = 50'000'000;
/// How long decoding and encoding one photo may take (a few tenths of a second is usual):
/// a file made to decode slowly is stopped.
constexpr double kMaxPictureSeconds = 30;

enum class PictureProblem {
  None,
  NotPicture,     ///< no decoder we allow recognises it: damaged, or not a photo
  TooManyPixels,
  Damaged,        ///< recognised, but its data is broken or cut short
  TooSlow,        ///< stopped after kMaxPictureSeconds
};

struct PictureHeader {
  PictureProblem problem = PictureProblem::None;
  int width = 0, height = 0;  ///< upright: after the EXIF orientation (swapped for 90° turns)
  bool alpha = false;
  std::string kind;           ///< "JPEG", "PNG", "WebP", "HEIF"; empty when not recognised
};

/// The header only: nothing is decoded.
PictureHeader read_picture_header(std::string_view bytes);

/// Every variant (image/picture.h; the sizes must keep the upright aspect) from one decode:
/// the photo is decoded once at the largest size (JPEG shrinks while it decodes), turned
/// upright, converted to sRGB when it carries a colour profile, and each variant resized
/// from that and saved without EXIF, GPS, XMP, ICC or maker notes. `out` gets one file per
/// variant, in order. The same bytes give the same files.
PictureProblem encode_picture(std::string_view bytes, const std::vector<PictureVariant>& variants, std::vector<std::string>& out,
                              double max_seconds = kMaxPictureSeconds);

/// The whole photo decoded (a JPEG at an eighth of its size: every byte of it is still
/// read) and thrown away: what `nastavnik check` does for a photo no build has encoded, so
/// that it finds a photo cut short as the build would.
PictureProblem verify_picture(std::string_view bytes, double max_seconds = kMaxPictureSeconds);

/// Bare pixels drawn by us, not read from a file (a document's first page, document/
/// thumbnail.h): `rgb` holds `height` rows of `width` × 3 bytes (sRGB). Resized to
/// `target_width` (the height keeping the aspect, at least 1) and saved as WebP at
/// `quality`, without metadata; `target_height` gets the height. The same pixels give the
/// same file. False when libvips or libwebp fail.
bool encode_pixels_webp(const std::vector<uint8_t>& rgb, int width, int height, int target_width, int quality, std::string& out,
                        int& target_height);

/// The processing settings, in the cache key: a change of any (or of libvips) encodes again.
std::string picture_settings();

}  // namespace nastavnik
