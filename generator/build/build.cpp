#include "build/build.h"

#include <cstdlib>
#include <ctime>

#include "build/load.h"
#include "core/thread_pool.h"
#include "plan/output_plan.h"
#include "render/monitoring_report.h"
#include "render/render.h"
#include "text/russian.h"
#include "write/disk_sink.h"

namespace nastavnik {
namespace {

class StageClock {
 public:
  explicit StageClock(BuildReport& report) : report_(report), last_(std::chrono::steady_clock::now()) {}
  void mark(const char* name) {
    auto now = std::chrono::steady_clock::now();
    report_.stages.push_back({name, std::chrono::duration<double>(now - last_).count()});
    last_ = now;
  }

 private:
  BuildReport& report_;
  std::chrono::steady_clock::time_point last_;
};

std::optional<MonitoringReport> monitoring_of(const Site& site, const Theme& theme, Diagnostics& diagnostics) {
  auto checklist = parse_checklist(theme.data_file("monitoring.yaml"), theme.label() + "/monitoring.yaml", diagnostics);
  if (!checklist) return std::nullopt;
  return monitor(site, *checklist);
}

PlanOptions plan_options(const Site& site, const Theme& theme, const MonitoringReport* monitoring) {
  PlanOptions options;
  options.monitoring = monitoring && site.department_org() && !monitoring->rows.empty();
  for (const auto& [path, bytes] : theme.assets()) options.assets.push_back(path);
  return options;
}

}  // namespace

std::optional<int64_t> build_epoch(Diagnostics& diagnostics) {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (!env || !*env) return static_cast<int64_t>(std::time(nullptr));
  char* end = nullptr;
  long long v = std::strtoll(env, &end, 10);
  if (*end != '\0' || v < 0) {
    diagnostics.error("SOURCE_DATE_EPOCH", {}, "переменная окружения SOURCE_DATE_EPOCH должна быть числом секунд с 1970-01-01, а указано «" +
                                                   std::string(env) + "»; исправьте или удалите её");
    return std::nullopt;
  }
  return static_cast<int64_t>(v);
}

void write_site(const Site& site, const Theme& theme, const MonitoringReport* monitoring, const ContentSource& source, OutputSink& sink,
                unsigned workers, BuildReport& report, BuildProgress* progress) {
  StageClock clock(report);
  const OutputPlan plan = OutputPlan::make(site, plan_options(site, theme, monitoring));
  const RenderContext ctx{site, plan, theme, monitoring};
  clock.mark("plan");
  const auto& records = plan.records();
  if (progress) progress->start(BuildProgress::Writing, records.size());
  std::vector<std::optional<Theme::Renderer>> renderers(workers);
  size_t pages = 0, feeds = 0;
  for (const auto& r : records) {
    pages += r.is_page();
    feeds += r.kind == OutputKind::Feed;
  }
  parallel_for(records.size(), workers, [&](size_t i, unsigned worker) {
    const OutputRecord& r = records[i];
    if (r.kind == OutputKind::Attachment) {
      sink.copy(source, r.source, r.path);
    } else if (r.kind == OutputKind::Asset) {
      sink.write(r.path, theme.assets().at(r.source));
    } else {
      if (!renderers[worker]) renderers[worker] = theme.renderer();
      sink.write(r.path, render_output(ctx, *renderers[worker], r));
    }
    if (progress) progress->advance();
  });
  clock.mark("render");
  sink.commit();
  clock.mark("publish");
  report.pages = pages;
  report.feeds = feeds;
  report.files = sink.files_written();
  report.bytes = sink.bytes_written();
}

BuildReport build_site(const ContentSource& source, const Theme& theme, OutputSink& sink, int64_t epoch, unsigned workers,
                       Diagnostics& diagnostics) {
  BuildReport report;
  std::optional<Site> site = load_site(source, epoch, {workers, nullptr}, diagnostics, report);
  if (!site) return report;
  auto monitoring = monitoring_of(*site, theme, diagnostics);
  if (!monitoring) return report;
  write_site(*site, theme, &*monitoring, source, sink, workers, report);
  report.ok = true;
  return report;
}

BuildReport run_build(const BuildOptions& options, Diagnostics& diagnostics) {
  BuildReport report;
  const auto start = std::chrono::steady_clock::now();
  auto finish = [&] {
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  };
  auto epoch = build_epoch(diagnostics);
  std::optional<Theme> theme = Theme::load(options.theme, diagnostics);
  if (!epoch) return finish();
  auto source = DiskSource::open(options.content);
  if (!source) {
    diagnostics.error(options.content.string(), {}, "папка с содержимым не найдена, укажите её в --content или создайте папку content с файлом site.yaml");
    return finish();
  }
  const unsigned workers = worker_count(options.jobs);
  std::optional<Site> site = load_site(*source, *epoch, {workers, options.progress}, diagnostics, report);
  if (!site || !theme || diagnostics.has_errors()) return finish();
  auto monitoring = monitoring_of(*site, *theme, diagnostics);
  if (!monitoring) return finish();
  if (!options.report_format.empty()) {
    const OutputPlan plan = OutputPlan::make(*site, plan_options(*site, *theme, &*monitoring));
    report.monitoring = options.report_format == "json" ? monitoring_json(*site, plan, *monitoring) : monitoring_text(*site, plan, *monitoring);
  }
  if (!options.write) {
    report.ok = true;
    return finish();
  }
  try {
    DiskSink sink(options.out);
    write_site(*site, *theme, &*monitoring, *source, sink, workers, report, options.progress);
    report.ok = true;
  } catch (const std::exception& e) {
    report.failure = e.what();
    report.ok = false;
  }
  return finish();
}

}  // namespace nastavnik
