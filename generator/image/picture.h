#pragma once
// A photo as pages show it: its size upright and the files it is published as. Which
// widths and formats exist is decided here, once, from the photo's own size: the plan,
// the writer and the views all ask these functions, so no page names a file that is not
// written. No libvips here (image/codec.h decodes and encodes).
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik {

/// Widths a photo is published in: those well below its own width, and its own width up
/// to the largest. 1440 covers the content column (at most 60rem) on a 1.5× screen and a
/// phone's full width at 3×; 240 a mentor's 96 px portrait at 2×.
constexpr std::array<int, 4> kPictureWidths{240, 480, 960, 1440};
constexpr int kLargestPictureWidth = kPictureWidths.back();

enum class PictureFormat { Webp, Jpeg, Png };

/// One published file of a photo.
struct PictureVariant {
  int width = 0, height = 0;
  PictureFormat format = PictureFormat::Webp;
};

/// What the image store (image/store.h) learned of a source photo; shared by every page
/// that shows it.
struct Picture {
  std::string key;            ///< content hash of the source bytes and of the processing settings: its name in the cache
  std::string source;         ///< the photo in the content folder (canonical path)
  int width = 0, height = 0;  ///< upright (EXIF orientation applied), before resizing
  bool alpha = false;         ///< transparent: the fallback is PNG, JPEG has no transparency
  bool heif = false;          ///< HEIC/HEIF (iPhones): its messages say what to do with such photos
};

/// The widths `picture` is published in, ascending.
std::vector<int> picture_widths(const Picture& picture);
/// Its files: WebP in every width, then the fallback (JPEG, or PNG when transparent) in
/// every width. The last one, the largest fallback, is what a plain link to it opens.
std::vector<PictureVariant> picture_variants(const Picture& picture);
/// The largest fallback: the `src` of its <img> and the target of links to it.
PictureVariant largest_fallback(const Picture& picture);

/// "pair-960.webp": `stem` is the photo's name on its page (image/store.h gives it).
std::string variant_file_name(std::string_view stem, const PictureVariant& variant);
std::string_view picture_extension(PictureFormat format);  ///< ".webp", ".jpg", ".png"
std::string_view picture_mime(PictureFormat format);       ///< "image/webp", …

/// How wide a photo is shown, for `sizes`: the browser picks the file from it before the
/// layout is known. The widths follow the theme's style.css.
enum class PictureRole {
  Illustration,  ///< the `image` of an entry or a tab: the page's width
  Prose,         ///< a photo in a body: the text column
  Gallery,       ///< a story's photos: at most 18rem wide, side by side
  Portrait,      ///< a mentor's photo: 96 px
};
std::string_view picture_sizes(PictureRole role);

/// A srcset of one format: "<href of file> 480w, …"; `href` makes each file name a link.
template <class Href>
std::string picture_srcset(const Picture& picture, std::string_view stem, PictureFormat format, Href href) {
  std::string out;
  for (const PictureVariant& v : picture_variants(picture)) {
    if (v.format != format) continue;
    if (!out.empty()) out += ", ";
    out += href(variant_file_name(stem, v));
    out += ' ';
    out += std::to_string(v.width);
    out += 'w';
  }
  return out;
}

/// A photo's HTML for text written by code (bodies): `before` opens a <picture> with the
/// WebP source, `attributes` go into the <img> whose src is its largest fallback (srcset of
/// the fallbacks, sizes, width and height of the largest file, loading), `after` closes it.
/// The templates write the same from the views' fields (render/view.h picture_view).
struct PictureMarkup {
  std::string before, attributes, after;
};

template <class Href>
PictureMarkup picture_markup(const Picture& picture, std::string_view stem, PictureRole role, bool lazy, Href href) {
  const PictureVariant largest = largest_fallback(picture);
  const std::string sizes(picture_sizes(role));
  PictureMarkup m;
  m.before = "<picture><source type=\"image/webp\" srcset=\"" + picture_srcset(picture, stem, PictureFormat::Webp, href) +
             "\" sizes=\"" + sizes + "\">";
  m.attributes = " srcset=\"" + picture_srcset(picture, stem, largest.format, href) + "\" sizes=\"" + sizes + "\" width=\"" +
                 std::to_string(largest.width) + "\" height=\"" + std::to_string(largest.height) + "\"" +
                 (lazy ? " loading=\"lazy\"" : "") + " decoding=\"async\"";
  m.after = "</picture>";
  return m;
}

}  // namespace nastavnik
