#include "document/thumbnail.h"

// Drawn by poppler-cpp's page_renderer (Splash), not by libvips' pdfload: poppler already
// reads every PDF for its text (document/text.cpp), so a hostile file meets no decoder it
// has not met already, while pdfload would unblock a libvips loader that image/codec.cpp
// keeps blocked for photos (and pull in poppler-glib and cairo besides). libvips only
// resizes the drawn pixels, and libwebp saves them bare, as for photos.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <webp/decode.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "image/codec.h"

namespace nastavnik {

namespace {

// Drawn at twice the width it is saved at, then reduced: lines of text thinner than a
// pixel come out as even grey, not as broken strokes.
constexpr int kOversample = 2;
// A page is mostly white paper and thin text: at 75 a 320 px page of text is 6 to 12 KB,
// its headings and stamps keep their edges. A page dense with small print takes up to
// 20 KB at 75: it is saved at lower qualities until it fits the budget, the same steps for
// the same page, so the file is still the same every time.
constexpr int kThumbnailQualities[] = {75, 60, 45, 30};
constexpr size_t kThumbnailBudget = 15 * 1024;

void quiet(const std::string&, void*) {}

}  // namespace

std::optional<PageThumbnail> draw_first_page(std::string_view pdf) {
  // Poppler prints what it finds wrong in a file on stderr: the text reader reports it.
  static std::once_flag silenced;
  std::call_once(silenced, [] { poppler::set_debug_error_function(quiet, nullptr); });
  if (pdf.empty() || pdf.size() > static_cast<size_t>(INT32_MAX)) return std::nullopt;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc || doc->is_locked() || doc->pages() < 1) return std::nullopt;
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  if (!page) return std::nullopt;
  // The page as shown: its crop box, turned by its /Rotate.
  const poppler::rectf box = page->page_rect(poppler::crop_box);
  const bool turned = page->orientation() == poppler::page::landscape || page->orientation() == poppler::page::seascape;
  const double width = turned ? box.height() : box.width(), height = turned ? box.width() : box.height();
  // Less than a point is no page (PDF's smallest is 3 points); such sizes would only ask
  // poppler for absurd resolutions.
  if (!(width >= 1 && height >= 1) || !std::isfinite(width) || !std::isfinite(height)) return std::nullopt;
  const int drawn_width = kThumbnailWidth * kOversample;
  const double dpi = 72.0 * drawn_width / width;
  // The height it is saved at, rounded, times the oversampling: the reduction is then exact,
  // and a page's shape gives one height (A4: 452), whatever poppler rounds.
  const int height_saved = static_cast<int>(std::lround(std::min(kThumbnailWidth * height / width, kThumbnailMaxAspect * kThumbnailWidth)));
  if (height_saved < 1) return std::nullopt;
  const int drawn_height = kOversample * height_saved;
  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_bgr24);  // on white paper: no alpha
  const poppler::image drawn = renderer.render_page(page.get(), dpi, dpi, 0, 0, drawn_width, drawn_height);
  if (!drawn.is_valid() || drawn.format() != poppler::image::format_bgr24 || drawn.width() < 1 || drawn.height() < 1) return std::nullopt;
  // Splash's rows (padded to 4 bytes, blue first) as tight RGB rows.
  const int w = drawn.width(), h = drawn.height();
  const int stride = drawn.bytes_per_row();
  const auto* data = reinterpret_cast<const uint8_t*>(drawn.const_data());
  std::vector<uint8_t> rgb(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
  for (int y = 0; y < h; ++y) {
    const uint8_t* from = data + static_cast<size_t>(y) * static_cast<size_t>(stride);
    uint8_t* to = rgb.data() + static_cast<size_t>(y) * static_cast<size_t>(w) * 3;
    for (int x = 0; x < w; ++x) {
      to[3 * x] = from[3 * x + 2];
      to[3 * x + 1] = from[3 * x + 1];
      to[3 * x + 2] = from[3 * x];
    }
  }
  PageThumbnail out;
  out.width = kThumbnailWidth;
  for (int quality : kThumbnailQualities) {
    if (!encode_pixels_webp(rgb, w, h, kThumbnailWidth, quality, out.webp, out.height)) return std::nullopt;
    if (out.webp.size() <= kThumbnailBudget) break;
  }
  return out;
}

std::optional<PageThumbnail> thumbnail_of_webp(std::string bytes) {
  int width = 0, height = 0;
  if (!WebPGetInfo(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &width, &height)) return std::nullopt;
  if (width != kThumbnailWidth || height < 1 || height > kThumbnailMaxAspect * kThumbnailWidth) return std::nullopt;
  PageThumbnail out;
  out.webp = std::move(bytes);
  out.width = width;
  out.height = height;
  return out;
}

}  // namespace nastavnik
