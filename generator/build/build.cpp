#include "build/build.h"

#include <cstdlib>
#include <ctime>

#include "core/thread_pool.h"
#include "load/content_tree.h"
#include "model/entry_loader.h"
#include "model/org_loader.h"
#include "model/site_builder.h"
#include "output/data_files.h"
#include "output/feeds.h"
#include "output/monitoring_report.h"
#include "model/monitoring.h"
#include "output/output_dir.h"
#include "output/sitemap.h"
#include "render/html_pages.h"
#include "render/theme.h"
#include "text/russian.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

class StageClock {
 public:
  explicit StageClock(BuildReport& report) : report_(report), start_(std::chrono::steady_clock::now()), last_(start_) {}
  void mark(const char* name) {
    auto now = std::chrono::steady_clock::now();
    report_.stages.push_back({name, std::chrono::duration<double>(now - last_).count()});
    report_.seconds = std::chrono::duration<double>(now - start_).count();
    last_ = now;
  }

 private:
  BuildReport& report_;
  std::chrono::steady_clock::time_point start_, last_;
};

struct MarkdownFile {
  std::string org;
  Section section;
  std::string path;
};

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

std::optional<Site> load_site(const BuildOptions& options, int64_t epoch, Diagnostics& diagnostics, BuildReport& report) {
  StageClock clock(report);
  const unsigned workers = worker_count(options.jobs);
  ContentTree tree = scan_content(options.content, diagnostics);
  clock.mark("scan");
  if (tree.root.empty()) return std::nullopt;

  std::optional<SiteConfig> config;
  if (tree.has_site_yaml) config = load_site_config(tree.root, diagnostics);

  std::vector<std::optional<Organisation>> orgs(tree.orgs.size());
  parallel_for(tree.orgs.size(), workers, [&](size_t i) {
    if (tree.orgs[i].has_org_yaml) orgs[i] = load_organisation(tree.root, tree.orgs[i], diagnostics);
  });
  std::vector<MarkdownFile> files;
  for (const auto& org : tree.orgs) {
    for (Section s : kAllSections) {
      for (const auto& path : org.markdown[static_cast<size_t>(s)]) files.push_back({org.id, s, path});
    }
  }
  std::vector<std::optional<Entry>> loaded(files.size());
  report.sources = files.size();
  if (options.progress) options.progress->start(BuildProgress::Loading, files.size());
  parallel_for(files.size(), workers, [&](size_t i) {
    loaded[i] = load_entry(tree.root, files[i].org, files[i].section, files[i].path, diagnostics);
    if (options.progress) options.progress->advance();
  });
  clock.mark("load");
  if (!config || diagnostics.has_errors()) return std::nullopt;

  std::vector<Organisation> org_list;
  for (auto& o : orgs) {
    if (o) org_list.push_back(std::move(*o));
  }
  std::vector<Entry> entries;
  entries.reserve(loaded.size());
  for (auto& e : loaded) {
    if (e) entries.push_back(std::move(*e));
  }
  Date today = date_in_zone(epoch, config->timezone);
  Site site = assemble_site(*config, std::move(org_list), std::move(entries), today, diagnostics);
  clock.mark("assemble");
  report.organisations = site.orgs.size();
  if (diagnostics.has_errors()) return std::nullopt;
  return site;
}

BuildReport run_build(const BuildOptions& options, Diagnostics& diagnostics) {
  BuildReport report;
  auto epoch = build_epoch(diagnostics);
  std::optional<Theme> theme = Theme::load(options.theme, diagnostics);
  if (!epoch) return report;
  std::optional<Site> site = load_site(options, *epoch, diagnostics, report);
  if (!site || !theme || diagnostics.has_errors()) return report;
  const std::string checklist_label = theme->label() + "/monitoring.yaml";
  auto checklist = parse_checklist(theme->data_file("monitoring.yaml"), checklist_label, diagnostics);
  if (!checklist) return report;
  MonitoringReport monitoring = monitor(*site, *checklist);
  if (options.report_format == "json") report.monitoring = monitoring_json(*site, monitoring);
  else if (!options.report_format.empty()) report.monitoring = monitoring_text(*site, monitoring);
  if (!options.write) {
    report.ok = true;
    return report;
  }

  StageClock clock(report);
  const unsigned workers = worker_count(options.jobs);
  try {
    OutputDir out(options.out);
    std::vector<PageJob> pages = plan_pages(*site, *theme, site->department.empty() ? nullptr : &monitoring);
    std::vector<FeedSpec> feeds = plan_feeds(*site);
    std::vector<FileCopy> copies = plan_copies(*site);
    std::vector<DataFile> data_files = plan_data_files(*site);
    clock.mark("plan");
    BuildProgress* progress = options.progress;
    if (progress) progress->start(BuildProgress::Writing, pages.size() + feeds.size() + data_files.size() + copies.size());

    parallel_for(pages.size(), workers, [&](size_t i) {
      out.write(page_file(pages[i].url), theme->render(pages[i].kind, pages[i].view()));
      if (progress) progress->advance();
    });
    clock.mark("render pages");
    parallel_for(feeds.size(), workers, [&](size_t i) {
      out.write(feeds[i].path, render_rss(*site, feeds[i]));
      if (progress) progress->advance();
    });
    clock.mark("render feeds");
    parallel_for(data_files.size(), workers, [&](size_t i) {
      out.write(data_files[i].path, data_files[i].render());
      if (progress) progress->advance();
    });
    clock.mark("data files");

    std::vector<SitemapUrl> urls;
    for (const auto& p : pages) {
      if (p.in_sitemap) urls.push_back({p.url, p.lastmod});
    }
    out.write("sitemap.xml", render_sitemap(*site, urls));
    out.write("robots.txt", render_robots(*site));
    for (const auto& [path, bytes] : theme->assets()) out.write("assets/" + path, bytes);
    parallel_for(copies.size(), workers, [&](size_t i) {
      out.copy(copies[i].from, copies[i].to);
      if (progress) progress->advance();
    });
    clock.mark("copy files");

    out.commit();
    clock.mark("publish");
    report.pages = pages.size();
    report.feeds = feeds.size();
    report.files = out.files_written();
    report.bytes = out.bytes_written();
    report.ok = true;
  } catch (const std::exception& e) {
    report.failure = e.what();
    report.ok = false;
  }
  return report;
}

}  // namespace nastavnik
