#include "image/codec.h"

#include <jpeglib.h>
#include <png.h>
#include <vips/vips.h>
#include <webp/encode.h>

#include <csetjmp>
#include <cstdlib>
#include <cstring>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <stdexcept>

namespace nastavnik {
namespace {

// libvips starts on the first photo: a site without photos never pays for it.
void start_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("nastavnik") != 0) throw std::runtime_error("не удалось запустить libvips: " + std::string(vips_error_buffer()));
    // Only these decoders are reachable: the others (dozens, through ImageMagick, PDF,
    // SVG…) were never meant for files from strangers.
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    // GIF: a GIF named .jpg passes as an image (validate/file_kind.h); its first frame is shown.
    for (const char* name : {"VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadHeif", "VipsForeignLoadNsgif"}) {
      vips_operation_block_set(name, FALSE);
    }
    // The build processes photos in parallel, one per worker: a second level of threads
    // inside each would only compete with the first.
    vips_concurrency_set(1);
    // Results are kept by the image store; libvips' cache of operations would only hold
    // memory (decoded photos) nobody asks for again.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    // Its warnings ("premature end of JPEG file") are for us to turn into messages, not to
    // reach the curator's terminal in English.
    g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO),
                      [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
  });
}

// One reference to a libvips object, dropped at the end of the scope.
class Ref {
 public:
  Ref() = default;
  explicit Ref(VipsImage* image) : image_(image) {}
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref() {
    if (image_) g_object_unref(image_);
  }
  VipsImage** out() { return &image_; }
  VipsImage* get() const { return image_; }
  explicit operator bool() const { return image_ != nullptr; }

 private:
  VipsImage* image_ = nullptr;
};

// The error buffer of libvips is one for the process: its text is not ours to show, and is
// cleared so that it does not grow.
PictureProblem failed(PictureProblem problem) {
  vips_error_clear();
  return problem;
}

std::string kind_of(const char* loader) {
  const std::string_view name(loader);
  if (name.find("Jpeg") != std::string_view::npos) return "JPEG";
  if (name.find("Png") != std::string_view::npos) return "PNG";
  if (name.find("Webp") != std::string_view::npos) return "WebP";
  if (name.find("Heif") != std::string_view::npos) return "HEIF";
  if (name.find("gif") != std::string_view::npos) return "GIF";
  return "";
}

PictureHeader header_of(std::string_view bytes, Ref& image) {
  PictureHeader h;
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (!loader) {
    h.problem = failed(PictureProblem::NotPicture);
    return h;
  }
  h.kind = kind_of(loader);
  if (h.kind.empty()) {
    h.problem = failed(PictureProblem::NotPicture);
    return h;
  }
  *image.out() = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
  if (!image) {
    h.problem = failed(PictureProblem::Damaged);
    return h;
  }
  // HEIF holds HEVC (iPhones' HEIC) or AV1 (AVIF, which no upload may be: its decoder,
  // dav1d, leaks on broken files). Only HEVC is decoded.
  if (h.kind == "HEIF") {
    const char* compression = nullptr;
    if (vips_image_get_string(image.get(), "heif-compression", &compression) != 0 || !compression || std::string_view(compression) != "hevc") {
      h.problem = failed(PictureProblem::NotPicture);
      return h;
    }
  }
  const int width = vips_image_get_width(image.get()), height = vips_image_get_height(image.get());
  h.width = width;
  h.height = height;
  if (width <= 0 || height <= 0) h.problem = PictureProblem::Damaged;
  else if (static_cast<int64_t>(width) * height > kMaxPicturePixels) h.problem = PictureProblem::TooManyPixels;
  if (vips_image_get_orientation_swap(image.get())) std::swap(h.width, h.height);
  h.alpha = vips_image_hasalpha(image.get());
  return h;
}

// How long a photo may still take: checked between strips of rows.
struct Deadline {
  std::chrono::steady_clock::time_point at;
  bool hit = false;
  bool passed() {
    hit = hit || std::chrono::steady_clock::now() > at;
    return hit;
  }
};

// Pixels of an image, 8-bit, computed on this thread strip by strip, top to bottom (what a
// sequential loader needs). libvips' own evaluation (vips_image_write, its savers) would
// run on its pool of threads, which outlive every call and make a process that forks after
// a photo hang in the child: the build's workers are our threads, libvips gets none.
bool render(VipsImage* image, std::vector<uint8_t>& out, Deadline& deadline) {
  const int width = vips_image_get_width(image), height = vips_image_get_height(image);
  const size_t row = static_cast<size_t>(VIPS_IMAGE_SIZEOF_LINE(image));
  out.resize(row * static_cast<size_t>(height));
  VipsRegion* region = vips_region_new(image);
  if (!region) return false;
  const int strip = std::max(1, static_cast<int>((1u << 20) / std::max<size_t>(1, row)));  // about a megabyte
  bool ok = true;
  for (int y = 0; y < height && ok; y += strip) {
    if (deadline.passed()) {
      ok = false;
      break;
    }
    VipsRect rect{0, y, width, std::min(strip, height - y)};
    ok = vips_region_prepare(region, &rect) == 0;
    for (int r = 0; ok && r < rect.height; ++r) {
      std::memcpy(out.data() + row * static_cast<size_t>(y + r), VIPS_REGION_ADDR(region, 0, y + r), row);
    }
  }
  g_object_unref(region);
  return ok;
}

// Pixels held in `pixels` as a libvips image, without a copy (they must outlive it).
VipsImage* wrap(const std::vector<uint8_t>& pixels, int width, int height, int bands) {
  return vips_image_new_from_memory(pixels.data(), pixels.size(), width, height, bands, VIPS_FORMAT_UCHAR);
}

constexpr int kWebpQuality = 75;          // photos: the usual web setting, about half a JPEG's size
constexpr int kWebpGraphicsQuality = 85;  // PNG sources: often screenshots and text, which blur sooner
constexpr int kJpegQuality = 80;
constexpr int kPngCompression = 6;

// The encoders get bare pixels and write nothing else: no EXIF (GPS, the camera's serial
// number, maker notes), no XMP, no IPTC, no ICC (the pixels are sRGB by then), whatever
// the source carried. (libvips 8.14.1's webpsave writes an EXIF chunk even with `strip`.)
bool encode_webp(const std::vector<uint8_t>& pixels, int width, int height, int bands, float quality, std::string& out) {
  uint8_t* webp = nullptr;
  const size_t n = bands == 4 ? WebPEncodeRGBA(pixels.data(), width, height, width * 4, quality, &webp)
                              : WebPEncodeRGB(pixels.data(), width, height, width * 3, quality, &webp);
  if (n > 0) out.assign(reinterpret_cast<const char*>(webp), n);
  WebPFree(webp);
  return n > 0;
}

struct JpegFailure {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
};

bool encode_jpeg(const std::vector<uint8_t>& pixels, int width, int height, std::string& out) {
  jpeg_compress_struct c{};
  JpegFailure failure{};
  c.err = jpeg_std_error(&failure.manager);
  failure.manager.error_exit = [](j_common_ptr info) { std::longjmp(reinterpret_cast<JpegFailure*>(info->err)->jump, 1); };
  unsigned char* buffer = nullptr;
  unsigned long length = 0;
  if (setjmp(failure.jump)) {
    jpeg_destroy_compress(&c);
    std::free(buffer);
    return false;
  }
  jpeg_create_compress(&c);
  jpeg_mem_dest(&c, &buffer, &length);
  c.image_width = static_cast<JDIMENSION>(width);
  c.image_height = static_cast<JDIMENSION>(height);
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults(&c);  // a JFIF header (density only), 4:2:0, the exact integer DCT
  jpeg_set_quality(&c, kJpegQuality, TRUE);
  c.optimize_coding = TRUE;
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < c.image_height) {
    JSAMPROW row = const_cast<uint8_t*>(pixels.data()) + static_cast<size_t>(c.next_scanline) * static_cast<size_t>(width) * 3;
    jpeg_write_scanlines(&c, &row, 1);
  }
  jpeg_finish_compress(&c);
  out.assign(reinterpret_cast<const char*>(buffer), length);
  std::free(buffer);
  jpeg_destroy_compress(&c);
  return true;
}

bool encode_png(const std::vector<uint8_t>& pixels, int width, int height, int bands, std::string& out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t n) { static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(data), n); },
      nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               bands == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, kPngCompression);
  png_write_info(png, info);
  for (int y = 0; y < height; ++y) png_write_row(png, pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(width) * static_cast<size_t>(bands));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

std::string picture_settings() {
  // Every library that decides a published byte, with its version.
  std::string s = "nastavnik-pictures 1; vips " + std::string(vips_version_string()) + "; webp " + std::to_string(kWebpQuality) + "/" +
                  std::to_string(kWebpGraphicsQuality) + " libwebp " + std::to_string(WebPGetEncoderVersion()) + "; jpeg " +
                  std::to_string(kJpegQuality) + " libjpeg-turbo " + std::to_string(LIBJPEG_TURBO_VERSION_NUMBER) + "; png " +
                  std::to_string(kPngCompression) + " libpng " + png_get_libpng_ver(nullptr) + "; widths";
  for (int w : kPictureWidths) s += " " + std::to_string(w);
  return s;
}

bool encode_pixels_webp(const std::vector<uint8_t>& rgb, int width, int height, int target_width, int quality, std::string& out,
                        int& target_height) {
  out.clear();
  if (width <= 0 || height <= 0 || target_width <= 0 || rgb.size() < static_cast<size_t>(width) * static_cast<size_t>(height) * 3) return false;
  start_vips();
  target_height = std::max(1, static_cast<int>((static_cast<int64_t>(height) * target_width * 2 + width) / (2 * static_cast<int64_t>(width))));
  Deadline deadline{std::chrono::steady_clock::now() + std::chrono::seconds(static_cast<int>(kMaxPictureSeconds)), false};
  Ref from(wrap(rgb, width, height, 3));
  Ref sized;
  std::vector<uint8_t> pixels;
  if (!from || vips_thumbnail_image(from.get(), sized.out(), target_width, "height", target_height, "size", VIPS_SIZE_FORCE, "no_rotate", TRUE,
                                    nullptr) != 0 ||
      !render(sized.get(), pixels, deadline)) {
    failed(PictureProblem::Damaged);
    return false;
  }
  return encode_webp(pixels, target_width, target_height, 3, static_cast<float>(quality), out);
}

PictureHeader read_picture_header(std::string_view bytes) {
  start_vips();
  Ref image;
  return header_of(bytes, image);
}

PictureProblem verify_picture(std::string_view bytes, double max_seconds) {
  start_vips();
  Ref probe;
  const PictureHeader header = header_of(bytes, probe);
  if (header.problem != PictureProblem::None) return header.problem;
  Deadline deadline{std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(max_seconds)),
                    false};
  Ref loaded;
  if (header.kind == "JPEG") {
    // At most an eighth, but never below 2 pixels a side: libvips 8.14.1 aborts the process
    // (a failed assertion) when shrink-on-load rounds a side to 0, as 6 / 8 does.
    int shrink = 8;
    while (shrink > 1 && std::min(vips_image_get_width(probe.get()), vips_image_get_height(probe.get())) < 2 * shrink) shrink /= 2;
    *loaded.out() = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                               VIPS_FAIL_ON_ERROR, "shrink", shrink, nullptr);
  } else {
    *loaded.out() = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                               VIPS_FAIL_ON_ERROR, nullptr);
  }
  std::vector<uint8_t> pixels;
  if (!loaded || !render(loaded.get(), pixels, deadline)) return failed(deadline.hit ? PictureProblem::TooSlow : PictureProblem::Damaged);
  return PictureProblem::None;
}

PictureProblem encode_picture(std::string_view bytes, const std::vector<PictureVariant>& variants, std::vector<std::string>& out,
                              double max_seconds) {
  start_vips();
  out.clear();
  Ref probe;
  const PictureHeader header = header_of(bytes, probe);
  if (header.problem != PictureProblem::None) return header.problem;
  if (variants.empty()) return PictureProblem::None;
  int width = 0, height = 0;
  for (const auto& v : variants) {
    if (v.width > width) {
      width = v.width;
      height = v.height;
    }
  }
  Deadline deadline{std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(max_seconds)),
                    false};
  auto fail = [&](PictureProblem problem) {
    out.clear();
    return failed(deadline.hit ? PictureProblem::TooSlow : problem);
  };
  // Decoded once, at the largest size, as stored (turned below). libvips 8.14's
  // thumbnail_buffer does not pass fail_on to its loader (a photo cut short came out grey),
  // so the photo is loaded here with it, and shrunk on load as thumbnail would: a JPEG by
  // 2, 4 or 8 while it decodes, leaving at least a factor of two to the resize, which
  // keeps it sharp without aliasing.
  const int orientation = vips_image_get_orientation(probe.get());
  const bool swap = vips_image_get_orientation_swap(probe.get());
  const int stored_width = swap ? height : width, stored_height = swap ? width : height;
  Ref loaded;
  if (header.kind == "JPEG") {
    const double factor = std::min(static_cast<double>(vips_image_get_width(probe.get())) / stored_width,
                                   static_cast<double>(vips_image_get_height(probe.get())) / stored_height);
    // Each side keeps at least twice the target (≥ 2 pixels): libvips 8.14.1 aborts the
    // process when shrink-on-load rounds a side to 0.
    const int shrink = factor >= 16 ? 8 : factor >= 8 ? 4 : factor >= 4 ? 2 : 1;
    *loaded.out() = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                               VIPS_FAIL_ON_ERROR, "shrink", shrink, nullptr);
  } else {
    *loaded.out() = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                               VIPS_FAIL_ON_ERROR, nullptr);
  }
  if (!loaded) return fail(PictureProblem::Damaged);
  // An embedded colour profile (iPhones: Display P3) converted to sRGB, as profiles are not
  // published; then 8-bit sRGB, with alpha when transparent. Turning waits for the pixels:
  // libvips turns a sequential image only through a copy in memory, made on its threads.
  // (Without a profile, no transform: an sRGB → sRGB one would cost a tenth of the time.)
  Ref resized, srgb, bytes8;
  const bool profiled = vips_image_get_typeof(loaded.get(), VIPS_META_ICC_NAME) != 0;
  const int resize_failed =
      profiled ? vips_thumbnail_image(loaded.get(), resized.out(), stored_width, "height", stored_height, "size", VIPS_SIZE_FORCE,
                                      "no_rotate", TRUE, "export_profile", "srgb", nullptr)
               : vips_thumbnail_image(loaded.get(), resized.out(), stored_width, "height", stored_height, "size", VIPS_SIZE_FORCE,
                                      "no_rotate", TRUE, nullptr);
  if (resize_failed != 0 ||
      vips_colourspace(resized.get(), srgb.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0 ||
      vips_cast_uchar(srgb.get(), bytes8.out(), nullptr) != 0) {
    return fail(PictureProblem::Damaged);
  }
  const int bands = vips_image_get_bands(bytes8.get());
  if (bands != 3 && bands != 4) return fail(PictureProblem::Damaged);
  std::vector<uint8_t> stored;
  if (!render(bytes8.get(), stored, deadline)) return fail(PictureProblem::Damaged);
  // Upright, by the EXIF orientation, from the pixels in memory.
  std::vector<uint8_t> base;
  {
    Ref wrapped(wrap(stored, stored_width, stored_height, bands));
    Ref upright;
    vips_image_set_int(wrapped.get(), VIPS_META_ORIENTATION, orientation);
    if (!wrapped || vips_autorot(wrapped.get(), upright.out(), nullptr) != 0) return fail(PictureProblem::Damaged);
    if (vips_image_get_width(upright.get()) != width || vips_image_get_height(upright.get()) != height) return fail(PictureProblem::Damaged);
    if (!render(upright.get(), base, deadline)) return fail(PictureProblem::Damaged);
  }
  // Each width once, from the next larger one (a factor of 1.5 to 2 each time: as sharp as
  // from the largest, for a fraction of the work); every format of a width from its pixels.
  const bool graphics = header.kind == "PNG";
  out.assign(variants.size(), std::string());
  std::vector<uint8_t> larger = std::move(base), pixels;
  int larger_width = width, larger_height = height;
  std::vector<size_t> order(variants.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return variants[a].width > variants[b].width; });
  for (size_t k = 0; k < order.size(); ++k) {
    const PictureVariant& v = variants[order[k]];
    if (v.width != larger_width || v.height != larger_height) {
      Ref from(wrap(larger, larger_width, larger_height, bands));
      Ref sized;
      if (!from || vips_thumbnail_image(from.get(), sized.out(), v.width, "height", v.height, "size", VIPS_SIZE_FORCE, "no_rotate", TRUE,
                                        nullptr) != 0 ||
          !render(sized.get(), pixels, deadline)) {
        return fail(PictureProblem::Damaged);
      }
      larger.swap(pixels);
      larger_width = v.width;
      larger_height = v.height;
    }
    std::string& file = out[order[k]];
    bool ok = false;
    switch (v.format) {
      case PictureFormat::Webp: ok = encode_webp(larger, v.width, v.height, bands, graphics ? kWebpGraphicsQuality : kWebpQuality, file); break;
      case PictureFormat::Jpeg: ok = bands == 3 && encode_jpeg(larger, v.width, v.height, file); break;
      case PictureFormat::Png: ok = encode_png(larger, v.width, v.height, bands, file); break;
    }
    if (!ok) return fail(PictureProblem::Damaged);
  }
  return PictureProblem::None;
}

}  // namespace nastavnik
