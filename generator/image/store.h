#pragma once
// Photos processed once. Every photo is known by the hash of its bytes and of the
// processing settings (image/codec.h picture_settings); its size and its encoded files are
// kept under that name in a cache folder between builds, so an unchanged photo is never
// decoded again. An index of stamps (path, size, time, inode) finds the hash of an
// unchanged file without reading it, so a warm build does not even read the photos; a
// fresh checkout (new stamps, as in CI) reads and hashes them, and decodes nothing.
// Within a build each photo is probed once and encoded once, however many pages show it.
// Thread-safe.
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "image/codec.h"
#include "image/picture.h"
#include "read/content_source.h"

namespace nastavnik {

/// What the store did in one build, for `--stats` and `-v` (and the tests: a warm build
/// encodes nothing).
struct PictureStats {
  size_t pictures = 0;  ///< distinct photos looked at
  size_t read = 0;      ///< photos read and hashed: their stamps were not in the index
  size_t probed = 0;    ///< headers decoded: not in the cache
  size_t encoded = 0;   ///< files encoded
  size_t cached = 0;    ///< files taken from the cache
};

class ImageStore {
 public:
  /// `folder`: the cache, made when first written; empty: nothing outlives this object
  /// (tests, fuzzing). Not `writable` (`nastavnik check`, which writes nothing): the cache
  /// is only read. `owner` names the content folder, whose index of stamps it keeps: sites
  /// sharing a cache folder keep each other's photos.
  explicit ImageStore(std::filesystem::path folder = {}, bool writable = true, const std::string& owner = {});
  ~ImageStore();
  ImageStore(const ImageStore&) = delete;
  ImageStore& operator=(const ImageStore&) = delete;

  /// The photo at `path` (canonical, in `source`), or nothing with `failure` saying why.
  std::shared_ptr<const Picture> picture(const ContentSource& source, const std::string& path, PictureHeader& failure);
  /// Every file of `picture` made: found in the cache, or encoded from the source once.
  PictureProblem prepare(const ContentSource& source, const Picture& picture);
  /// One file of `picture` (one of picture_variants), prepared when needed.
  PictureProblem file(const ContentSource& source, const Picture& picture, const PictureVariant& variant, std::string& out);

  /// At the end of a build: with `persist` (a build that wrote its output), the sizes it
  /// probed and the index of stamps are saved for the next one; with `prune` too (a full
  /// build that published), the cached files of photos neither it nor another site's index
  /// of the last 30 days names are removed, so that the cache does not grow. A build that
  /// was refused writes nothing.
  void finish(bool prune, bool persist = true);

  /// Counts since the last finish().
  PictureStats stats() const;
  /// The cache folder, empty when there is none.
  const std::filesystem::path& folder() const;
  /// False for a build that writes nothing (`check`): the cache is only read.
  bool writable() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The cache folder when none is given: $NASTAVNIK_CACHE, else $XDG_CACHE_HOME/nastavnik,
/// else ~/.cache/nastavnik (the user's, like ccache's: a build writes nothing beside its
/// content or its output); empty (photos kept in memory) without a home. CI sets
/// NASTAVNIK_CACHE to a folder of the project, which its cache keeps between pipelines.
std::filesystem::path default_cache_folder();

/// The message for a photo that cannot be published (Russian, with what to do); `shown`
/// is the path as the page wrote it.
std::string picture_problem_message(PictureProblem problem, const PictureHeader& header, const std::string& shown);

}  // namespace nastavnik
