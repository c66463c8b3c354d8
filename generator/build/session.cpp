#include "build/session.h"

#include <algorithm>

#include "build/load.h"
#include "build/stage_clock.h"
#include "core/thread_pool.h"
#include "write/disk_sink.h"

namespace fs = std::filesystem;

namespace nastavnik {

BuildSession::BuildSession(BuildOptions options) : options_(std::move(options)) {}

BuildSession::BuildSession(BuildOptions options, const ContentSource& source, OutputSink& sink)
    : options_(std::move(options)), source_(&source), sink_(&sink) {}

BuildReport BuildSession::build(Diagnostics& diagnostics, bool theme_changed, const std::vector<std::string>* changed) {
  BuildReport report;
  StageClock clock(report);
  auto finish = [&] { return clock.finish(); };
  auto epoch = build_epoch(diagnostics);
  if (!theme_ || theme_changed) {
    theme_ = Theme::load(options_.theme, diagnostics);
    if (theme_ && !use_editor_files(*theme_, options_.editor_assets, diagnostics)) theme_.reset();
    ++cache_.theme;
  }
  if (!epoch || !theme_) return finish();
  // The folder itself changed (removed, replaced) or nobody said what changed: everything
  // is looked at again.
  const bool fresh = !changed || std::find(changed->begin(), changed->end(), "") != changed->end();
  if (!source_ && (fresh || !disk_)) {
    memo_.reset();
    disk_ = DiskSource::open(options_.content);
    if (!disk_) {
      diagnostics.error(options_.content.string(), {}, "папка с содержимым не найдена, укажите её в --content или создайте папку content с файлом site.yaml");
      return finish();
    }
  }
  if (!memo_ || fresh) memo_ = std::make_unique<MemoSource>(source_ ? *source_ : *disk_);
  else memo_->forget(*changed);
  const ContentSource& source = *memo_;
  const unsigned workers = worker_count(options_.jobs);
  if (!images_) {
    // Content in memory (tests) keeps its photos in memory too.
    images_ = std::make_unique<ImageStore>(source_ ? std::filesystem::path()
                                                   : options_.cache.empty() ? default_cache_folder() : options_.cache,
                                           true, fs::weakly_canonical(options_.content).string());
  }
  struct FinishImages {
    ImageStore& images;
    ~FinishImages() { images.finish(false); }
  } finish_images{*images_};
  std::optional<LoadedSite> loaded = load_site(source, *epoch, {workers, options_.progress, images_.get()}, diagnostics, report, &cache_);
  if (!loaded) return finish();
  struct GiveBack {
    std::optional<LoadedSite>& loaded;
    ContentCache& cache;
    ~GiveBack() { give_back_entries(std::move(*loaded), cache); }
  } give_back{loaded, cache_};
  auto checklist = parse_checklist(theme_->data_file("monitoring.yaml"), theme_->label() + "/monitoring.yaml", diagnostics);
  if (!checklist) return finish();
  MonitoringReport monitoring = monitor(loaded->site, *checklist);
  try {
    if (!sink_ && !diagnostics.has_errors()) {
      // The first build replaces whatever the folder held.
      refuse_dangerous_output(options_.out);
      std::error_code ec;
      fs::remove_all(options_.out, ec);
      folder_ = std::make_unique<FolderSink>(options_.out);
      sink_ = folder_.get();
    }
    write_site(*loaded, *theme_, &monitoring, source, diagnostics.has_errors() ? nullptr : sink_, workers, diagnostics, report,
               options_.progress, &cache_);
    report.ok = !diagnostics.has_errors();
  } catch (const std::exception& e) {
    report.failure = e.what();
    report.ok = false;
    // What was written is unknown now: the next build writes everything.
    cache_.outputs.clear();
  }
  return finish();
}

}  // namespace nastavnik
