#include "image/store.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/whole_file.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

/// The cache's own folder, named with the version of its layout.
constexpr const char* kSubfolder = "pictures-1";
constexpr const char* kIndexHeader = "nastavnik pictures index 1";
/// Sources are attachments (15 MB at most, validate/attachments.h); this only bounds what
/// a bad call could read.
constexpr std::uintmax_t kMaxSourceBytes = 64u << 20;
/// Files shown by several pages are kept in memory up to these sizes.
constexpr size_t kSharedFileBytes = 64u << 10;
constexpr size_t kSharedBytes = 16u << 20;
/// How long the index of another content folder keeps its photos in a shared cache.
constexpr int kIndexDays = 30;

const std::string& settings() {
  static const std::string s = picture_settings();
  return s;
}

// SHA-256 (OpenSSL, with the CPU's SHA instructions: about 2 GB/s) of the settings and the
// bytes; 128 bits of it in hex name the photo in the cache.
std::string key_of(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, settings().data(), settings().size() + 1);  // with its '\0': settings end here
  EVP_DigestUpdate(ctx, bytes.data(), bytes.size());
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < 16 && i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

struct Known {
  uint64_t stamp = 0;
  std::string key;
  int width = 0, height = 0;
  bool alpha = false, heif = false;
};

}  // namespace

struct ImageStore::Impl {
  fs::path root;    ///< the cache folder as given
  fs::path folder;  ///< root/kSubfolder; empty: memory only
  bool writable = true;
  bool folder_made = false;

  struct ProbeSlot {
    std::mutex mutex;
    bool done = false;
    uint64_t stamp = 0;
    std::shared_ptr<const Picture> picture;
    PictureHeader failure;
  };
  struct EncodeSlot {
    std::mutex mutex;
    bool done = false;
    PictureProblem problem = PictureProblem::None;
    std::vector<std::string> files;  ///< kept here without a cache folder (or when it refused a write)
    std::vector<std::string> shared;  ///< small files read again: a photo many pages show is read once
    std::vector<uint8_t> reads;       ///< how often each file was read from the cache
  };

  mutable std::mutex mutex;  ///< the maps below; each slot has its own
  std::unordered_map<std::string, Known> index;  ///< by path: from the last build
  std::unordered_map<std::string, Known> seen;   ///< by path: this build's
  std::unordered_set<std::string> used;          ///< keys this build prepared
  std::map<std::string, std::string> infos;  ///< sizes this build probed, by key, for finish()
  std::unordered_map<std::string, std::unique_ptr<ProbeSlot>> probes;    ///< by path
  std::unordered_map<std::string, std::unique_ptr<EncodeSlot>> encodes;  ///< by key

  std::atomic<size_t> read{0}, probed{0}, encoded{0}, cached{0};
  std::atomic<size_t> shared_bytes{0};  ///< held in EncodeSlot::shared

  fs::path file_of(const std::string& key, const PictureVariant& v) const {
    return folder / (key + "-" + std::to_string(v.width) + "x" + std::to_string(v.height) + std::string(picture_extension(v.format)));
  }
  fs::path info_of(const std::string& key) const { return folder / (key + ".info"); }

  bool ensure_folder() {
    if (!writable) return false;
    std::lock_guard lock(mutex);
    if (folder_made) return true;
    std::error_code ec;
    fs::create_directories(folder, ec);
    folder_made = !ec;
    return folder_made;
  }

  fs::path index_file;  ///< this content folder's index in the cache folder

  void load_index() {
    std::string text;
    if (folder.empty() || !read_whole(index_file, text)) return;
    size_t at = text.find('\n');
    if (at == std::string::npos || text.compare(0, at, std::string(kIndexHeader) + "\t" + settings()) != 0) return;
    while (++at < text.size()) {
      size_t end = text.find('\n', at);
      if (end == std::string::npos) break;
      // stamp, key, width, height, alpha, heif, path
      std::vector<std::string> cells;
      size_t from = at;
      for (int i = 0; i < 6; ++i) {
        size_t tab = text.find('\t', from);
        if (tab == std::string::npos || tab > end) break;
        cells.push_back(text.substr(from, tab - from));
        from = tab + 1;
      }
      if (cells.size() == 6) {
        Known k;
        k.stamp = std::strtoull(cells[0].c_str(), nullptr, 10);
        k.key = cells[1];
        k.width = std::atoi(cells[2].c_str());
        k.height = std::atoi(cells[3].c_str());
        k.alpha = cells[4] == "1";
        k.heif = cells[5] == "1";
        if (k.key.size() == 32 && k.width > 0 && k.height > 0) index[text.substr(from, end - from)] = std::move(k);
      }
      at = end;
    }
  }

  ProbeSlot& probe_slot(const std::string& path) {
    std::lock_guard lock(mutex);
    auto& slot = probes[path];
    if (!slot) slot = std::make_unique<ProbeSlot>();
    return *slot;
  }
  EncodeSlot& encode_slot(const std::string& key) {
    std::lock_guard lock(mutex);
    auto& slot = encodes[key];
    if (!slot) slot = std::make_unique<EncodeSlot>();
    return *slot;
  }
};

ImageStore::ImageStore(fs::path folder, bool writable, const std::string& owner) : impl_(std::make_unique<Impl>()) {
  impl_->root = folder;
  impl_->writable = writable;
  // One index per content folder: two sites sharing a cache (siblings under one parent,
  // or $NASTAVNIK_CACHE) keep each other's photos.
  if (!folder.empty()) impl_->index_file = folder / kSubfolder / ("index-" + key_of(owner).substr(0, 16) + ".tsv");
  if (!folder.empty()) impl_->folder = folder / kSubfolder;
  impl_->load_index();
}

ImageStore::~ImageStore() = default;

const fs::path& ImageStore::folder() const { return impl_->root; }

bool ImageStore::writable() const { return impl_->writable; }

std::shared_ptr<const Picture> ImageStore::picture(const ContentSource& source, const std::string& path, PictureHeader& failure) {
  Impl& s = *impl_;
  const uint64_t stamp = source.stamp(path);
  Impl::ProbeSlot& slot = s.probe_slot(path);
  std::lock_guard lock(slot.mutex);
  if (slot.done && slot.stamp == stamp) {
    failure = slot.failure;
    return slot.picture;
  }
  slot.done = true;
  slot.stamp = stamp;
  slot.picture.reset();
  slot.failure = {};
  std::string bytes;
  bool read = false;
  auto read_bytes = [&] {
    if (!read && source.read(path, kMaxSourceBytes, bytes) == ReadStatus::Ok) {
      read = true;
      ++s.read;
    }
    return read;
  };
  auto refuse = [&](PictureHeader header) {
    failure = std::move(header);
    slot.failure = failure;
    return nullptr;
  };
  // Known: its size from the cache; `check` (which encodes nothing) decodes it whole
  // unless a build has encoded it, to find the damage a build would.
  auto known = [&](Known k) -> std::shared_ptr<const Picture> {
    auto made = std::make_shared<Picture>();
    made->source = path;
    made->key = k.key;
    made->width = k.width;
    made->height = k.height;
    made->alpha = k.alpha;
    made->heif = k.heif;
    if (!s.writable && !s.folder.empty()) {
      struct stat st {};
      if (::stat(s.file_of(k.key, largest_fallback(*made)).c_str(), &st) != 0) {
        PictureHeader verified;
        verified.kind = k.heif ? "HEIF" : "";
        verified.problem = read_bytes() ? verify_picture(bytes) : PictureProblem::NotPicture;
        if (verified.problem != PictureProblem::None) return refuse(verified);
      }
    }
    {
      std::lock_guard map_lock(s.mutex);
      s.seen[path] = k;
    }
    slot.picture = made;
    return made;
  };
  // The stamp says the file is the one hashed before: not even read.
  {
    std::unique_lock map_lock(s.mutex);
    auto it = s.index.find(path);
    if (!s.folder.empty() && it != s.index.end() && it->second.stamp == stamp && stamp != 0) {
      const Known k = it->second;
      map_lock.unlock();
      return known(k);
    }
  }
  if (!read_bytes()) {
    PictureHeader unread;
    unread.problem = PictureProblem::NotPicture;
    return refuse(unread);
  }
  Known k;
  k.stamp = stamp;
  k.key = key_of(bytes);
  // Hashed before (the same photo elsewhere, or a fresh checkout): its size is in the cache.
  std::string info;
  {
    std::lock_guard map_lock(s.mutex);
    if (auto it = s.infos.find(k.key); it != s.infos.end()) info = it->second;  // probed by this build, under another name
  }
  if (((!info.empty()) || (!s.folder.empty() && read_whole(s.info_of(k.key), info))) &&
      std::sscanf(info.c_str(), "%d %d", &k.width, &k.height) == 2 && k.width > 0 && k.height > 0) {
    k.alpha = info.find(" alpha") != std::string::npos;
    k.heif = info.find(" heif") != std::string::npos;
    return known(k);
  }
  ++s.probed;
  PictureHeader header = read_picture_header(bytes);
  if (header.problem != PictureProblem::None) return refuse(header);
  k.width = header.width;
  k.height = header.height;
  k.alpha = header.alpha;
  k.heif = header.kind == "HEIF";
  // Its size is kept with its files, written at the end of a build that wrote its site.
  {
    std::lock_guard map_lock(s.mutex);
    s.infos.emplace(k.key, std::to_string(k.width) + " " + std::to_string(k.height) + (k.alpha ? " alpha" : "") +
                                    (k.heif ? " heif" : "") + "\n");
  }
  return known(k);
}

PictureProblem ImageStore::prepare(const ContentSource& source, const Picture& picture) {
  Impl& s = *impl_;
  Impl::EncodeSlot& slot = s.encode_slot(picture.key);
  std::lock_guard lock(slot.mutex);
  if (slot.done) return slot.problem;
  slot.done = true;
  {
    std::lock_guard map_lock(s.mutex);
    s.used.insert(picture.key);
  }
  const std::vector<PictureVariant> variants = picture_variants(picture);
  if (!s.folder.empty()) {
    bool all = true;
    struct stat st {};
    for (const auto& v : variants) all = all && ::stat(s.file_of(picture.key, v).c_str(), &st) == 0;
    if (all) {
      s.cached += variants.size();
      return PictureProblem::None;
    }
  }
  std::string bytes;
  if (source.read(picture.source, kMaxSourceBytes, bytes) != ReadStatus::Ok) return slot.problem = PictureProblem::NotPicture;
  std::vector<std::string> files;
  slot.problem = encode_picture(bytes, variants, files);
  if (slot.problem != PictureProblem::None) return slot.problem;
  s.encoded += files.size();
  bool kept = !s.folder.empty() && s.ensure_folder();
  for (size_t i = 0; i < variants.size() && kept; ++i) kept = write_atomically(s.file_of(picture.key, variants[i]), files[i]);
  // Without a cache folder (or one that refuses writes) the files stay in memory for this build.
  if (!kept) slot.files = std::move(files);
  return PictureProblem::None;
}

PictureProblem ImageStore::file(const ContentSource& source, const Picture& picture, const PictureVariant& variant, std::string& out) {
  Impl& s = *impl_;
  const std::vector<PictureVariant> variants = picture_variants(picture);
  size_t index = 0;
  while (index < variants.size() && !(variants[index].width == variant.width && variants[index].format == variant.format)) ++index;
  if (index == variants.size()) return PictureProblem::NotPicture;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (PictureProblem p = prepare(source, picture); p != PictureProblem::None) return p;
    Impl::EncodeSlot& slot = s.encode_slot(picture.key);
    std::lock_guard lock(slot.mutex);
    if (!slot.files.empty()) {
      out = slot.files[index];
      return PictureProblem::None;
    }
    if (slot.shared.size() == variants.size() && !slot.shared[index].empty()) {
      out = slot.shared[index];
      return PictureProblem::None;
    }
    if (read_whole(s.file_of(picture.key, variants[index]), out)) {
      // Read a second time: kept for the rest of the build, if small (a few MB in all).
      slot.reads.resize(variants.size());
      slot.shared.resize(variants.size());
      if (slot.reads[index]++ > 0 && out.size() <= kSharedFileBytes && s.shared_bytes.fetch_add(out.size()) + out.size() <= kSharedBytes) {
        slot.shared[index] = out;
      }
      return PictureProblem::None;
    }
    // Removed since (another build pruning the shared cache): made again.
    slot.done = false;
  }
  return PictureProblem::Damaged;
}

void ImageStore::finish(bool prune, bool persist) {
  Impl& s = *impl_;
  std::unordered_map<std::string, Known> next;
  std::map<std::string, std::string> infos;
  {
    std::lock_guard lock(s.mutex);
    if (prune) {
      next = std::move(s.seen);
    } else {
      next = std::move(s.index);
      for (auto& [path, k] : s.seen) next[path] = std::move(k);
    }
    s.index = next;
    infos.swap(s.infos);
    s.seen.clear();
    s.used.clear();
    s.probes.clear();
    s.encodes.clear();
  }
  s.read = s.probed = s.encoded = s.cached = s.shared_bytes = 0;
  if (s.folder.empty() || !s.writable || !persist) return;
  std::error_code ec;
  // A site without photos leaves no cache behind.
  if (next.empty() && !fs::exists(s.folder, ec)) return;
  if (!s.ensure_folder()) return;
  for (const auto& [key, info] : infos) write_atomically(s.info_of(key), info);
  // Sorted, so that the same build writes the same index.
  std::vector<const std::pair<const std::string, Known>*> lines;
  for (const auto& line : next) {
    if (line.first.find('\n') == std::string::npos) lines.push_back(&line);
  }
  std::sort(lines.begin(), lines.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string text = std::string(kIndexHeader) + "\t" + settings() + "\n";
  for (const auto* line : lines) {
    const Known& k = line->second;
    text += std::to_string(k.stamp) + "\t" + k.key + "\t" + std::to_string(k.width) + "\t" + std::to_string(k.height) + "\t" +
            (k.alpha ? "1" : "0") + "\t" + (k.heif ? "1" : "0") + "\t" + line->first + "\n";
  }
  write_atomically(s.index_file, text);
  if (!prune) return;
  // Kept: this build's photos, and those of the other content folders' indexes written in
  // the last kIndexDays days (an index older than that belongs to a site gone: removed).
  std::unordered_set<std::string> keep;
  for (const auto& [path, k] : next) keep.insert(k.key);
  const auto now = fs::file_time_type::clock::now();
  std::vector<fs::path> files;
  for (fs::directory_iterator it(s.folder, ec), end; !ec && it != end; it.increment(ec)) files.push_back(it->path());
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    if (name.rfind("index-", 0) != 0 || path == s.index_file || name.find(".tmp-") != std::string::npos) continue;
    std::error_code time_ec;
    const auto written = fs::last_write_time(path, time_ec);
    std::string other;
    if (time_ec || now - written > std::chrono::hours(24 * kIndexDays) || !read_whole(path, other)) {
      fs::remove(path, ec);
      continue;
    }
    for (size_t at = other.find('\n'); at != std::string::npos && at + 1 < other.size(); at = other.find('\n', at + 1)) {
      const size_t tab = other.find('\t', at + 1);
      if (tab != std::string::npos && tab + 33 <= other.size()) keep.insert(other.substr(tab + 1, 32));
    }
  }
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    if (name.rfind("index-", 0) == 0 && name.find(".tmp-") == std::string::npos) continue;
    // Files of photos no site shows any more, and what builds that were killed left.
    if (name.find(".tmp-") != std::string::npos || !keep.count(name.substr(0, 32))) fs::remove(path, ec);
  }
}

PictureStats ImageStore::stats() const {
  const Impl& s = *impl_;
  PictureStats out;
  {
    std::lock_guard lock(s.mutex);
    out.pictures = s.seen.size();
  }
  out.read = s.read;
  out.probed = s.probed;
  out.encoded = s.encoded;
  out.cached = s.cached;
  return out;
}

fs::path default_cache_folder() {
  if (const char* env = std::getenv("NASTAVNIK_CACHE"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "nastavnik";
  if (const char* home = std::getenv("HOME"); home && *home == '/') return fs::path(home) / ".cache" / "nastavnik";
  return {};
}

std::string picture_problem_message(PictureProblem problem, const PictureHeader& header, const std::string& shown) {
  const bool heif = header.kind == "HEIF";
  const std::string resave = "откройте его на компьютере, сохраните заново как JPEG и загрузите";
  switch (problem) {
    case PictureProblem::None: return {};
    case PictureProblem::NotPicture:
      return "файл " + shown + " повреждён или это не фотография: его не удалось прочитать ни как JPEG, ни как PNG, WebP или HEIC; " + resave;
    case PictureProblem::Damaged:
      if (heif) {
        return "фотографию HEIC " + shown + " не удалось прочитать: файл повреждён или загружен не полностью (или в этой установке нет "
               "декодера HEVC); отправьте снимок с iPhone себе по почте или выберите на iPhone Настройки → Камера → Форматы → "
               "«Наиболее совместимые», сохраните его как JPEG и загрузите заново";
      }
      return "файл " + shown + " повреждён или это не фотография: изображение в нём обрывается или испорчено (возможно, файл загружен не "
             "полностью); " + resave;
    case PictureProblem::TooManyPixels: {
      const int64_t mpx = (static_cast<int64_t>(header.width) * header.height + 500'000) / 1'000'000;
      return "фотография " + shown + " слишком большая: " + std::to_string(header.width) + " × " + std::to_string(header.height) +
             " точек (" + std::to_string(mpx) + " Мп), допустимо не более " + std::to_string(kMaxPicturePixels / 1'000'000) +
             " Мп; уменьшите её (например, до 4000 точек по длинной стороне) и загрузите заново";
    }
    case PictureProblem::TooSlow:
      return "фотографию " + shown + " не удалось обработать за " + std::to_string(static_cast<int>(kMaxPictureSeconds)) +
             " с; уменьшите её (например, до 4000 точек по длинной стороне), сохраните как JPEG и загрузите заново";
  }
  return {};
}

}  // namespace nastavnik
