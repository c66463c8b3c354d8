#include "build/build.h"

#include <cstdlib>
#include <ctime>
#include <unordered_map>
#include <unordered_set>

#include "build/cache.h"
#include "build/load.h"
#include "build/stage_clock.h"
#include "core/pipeline.h"
#include "core/thread_pool.h"
#include "document/thumbnail.h"
#include "plan/output_plan.h"
#include "render/monitoring_report.h"
#include "render/render.h"
#include "search/index.h"
#include "text/russian.h"
#include "validate/attachments.h"
#include "write/disk_sink.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

std::optional<MonitoringReport> monitoring_of(const Site& site, const Theme& theme, Diagnostics& diagnostics) {
  auto checklist = parse_checklist(theme.data_file("monitoring.yaml"), theme.label() + "/monitoring.yaml", diagnostics);
  if (!checklist) return std::nullopt;
  return monitor(site, *checklist);
}

PlanOptions plan_options(const Site& site, const Theme& theme, const MonitoringReport* monitoring) {
  PlanOptions options;
  options.monitoring = monitoring && site.department_org() && !monitoring->rows.empty();
  for (const auto& [path, bytes] : theme.assets()) options.assets.push_back(path);
  if (theme.editor_files()) options.editor_assets = theme.editor_files()->files;
  options.search_index = !site.search_stemmer.empty();
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

namespace {

uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>()(s); }

// An attachment's file, and the signature beside it, as uploads a page links.
void link(std::unordered_set<std::string>& linked, const Attachment& a) {
  linked.insert(a.source);
  if (!a.signature_source.empty()) linked.insert(a.signature_source);
}

// The files an organisation's tab and mentors page link, and its emblem. A mentor's photo
// without consent is not published, but it is linked: not an unused upload.
std::unordered_set<std::string> linked_files(const Organisation& org, const ContentSource& source) {
  std::unordered_set<std::string> out;
  for (const auto* list : {&org.intro.files, &org.mentor_files, &org.emblem}) {
    for (const auto& a : *list) link(out, a);
  }
  for (const auto& m : org.mentors) {
    if (m.photo >= 0 || !m.record.photo.present) continue;
    Resolved r = source.resolve(org.id + "/" + std::filesystem::path(m.record.photo.value).lexically_normal().generic_string());
    if (r.status == Resolved::Status::File) out.insert(r.canonical);
  }
  return out;
}

// What each output is made from, as one number per part of the content: an output whose
// signature is the one it had when it was last written need not be written again.
struct Signatures {
  uint64_t site = 0;      ///< site.yaml, today, the theme, the organisations and what the portal links
  uint64_t org_data = 0;  ///< every organisation's data files (the portal's lists show them)
  uint64_t all = 0;       ///< everything
  std::vector<uint64_t> org;    ///< by organisation: its files, its tab's text, every entry
  /// By organisation: its files, its tab's text and how many entries each section has (its
  /// navigation), but not the entries: what an entry's page shows of its organisation.
  std::vector<uint64_t> org_own;
  std::vector<uint64_t> entry;  ///< by entry: its file, its attachments, its organisation's people

  Signatures(const Site& site, const OutputPlan& plan, const ContentCache& cache, const std::vector<uint64_t>& text_stamps) {
    entry = text_stamps;
    this->site = mix(mix(cache.site.stamp, static_cast<uint64_t>(site.today.days_since_epoch())), cache.theme);
    this->site = mix(this->site, plan.portal_news().has_value() * 2 + plan.portal_practices().has_value());
    this->site = mix(this->site, plan.monitoring().has_value());
    org.resize(site.orgs.size());
    org_own.resize(site.orgs.size());
    for (size_t o = 0; o < site.orgs.size(); ++o) {
      const Organisation& g = site.orgs[o];
      this->site = mix(this->site, hash_of(g.id));
      uint64_t data = mix(cache.orgs.at(g.id).stamp, cache.intros.count(g.id) ? cache.intros.at(g.id).stamp : 0);
      org_data = mix(org_data, data);
      for (Section s : kAllSections) data = mix(data, g.in(s).size());
      org_own[o] = data;
      uint64_t sig = data;
      for (Section s : kAllSections) {
        for (size_t i : g.in(s)) sig = mix(sig, entry[i]);
      }
      org[o] = sig;
      all = mix(all, sig);
    }
  }

  uint64_t of(const OutputRecord& r, const Site& site, const OutputPlan& plan, const ContentSource& source) const {
    uint64_t x = mix(mix(this->site, hash_of(r.path)), static_cast<uint64_t>(r.kind));
    auto org_index = [&](const Organisation* g) { return static_cast<size_t>(g - site.orgs.data()); };
    auto entries = [&](const std::vector<size_t>& items, size_t from, size_t count) {
      for (size_t i = from; i < items.size() && i < from + count; ++i) x = mix(x, entry[items[i]]);
    };
    const bool department = r.org && site.is_department(*r.org);
    switch (r.kind) {
      case OutputKind::Home:
        x = mix(x, org_data);
        if (const Organisation* dept = site.department_org()) x = mix(mix(x, org[org_index(dept)]), plan.calendar(*dept).has_value());
        entries(site.all_news, 0, 10);
        entries(site.featured_practices, 0, 6);
        return x;
      case OutputKind::Orgs:
        return mix(x, org_data);
      // A list page shows its own items (and how many there are in all), a feed its own:
      // an edit of one entry rewrites only the lists and feeds that show it.
      case OutputKind::List:
        x = mix(mix(mix(mix(x, r.org ? org_own[org_index(r.org)] : org_data), r.page), r.pages), r.items->size());
        entries(*r.items, (r.page - 1) * kPageSize, kPageSize);
        return x;
      case OutputKind::Feed:
        x = mix(x, r.org ? org_own[org_index(r.org)] : org_data);
        entries(r.feed_items, 0, r.feed_items.size());
        return x;
      case OutputKind::Entry:
        return mix(mix(x, org_own[org_index(r.org)]), entry[r.entry]);
      case OutputKind::Sitemap:
        for (const auto& other : plan.records()) {
          if (other.in_sitemap) x = mix(mix(x, hash_of(other.route)), other.lastmod ? other.lastmod->days_since_epoch() + 1 : 0);
        }
        return x;
      case OutputKind::Monitoring:
        return mix(x, all);
      case OutputKind::Calendar:
      case OutputKind::TotalsCsv:
      case OutputKind::TotalsJson:
        return department ? mix(x, org_data) : mix(x, org[org_index(r.org)]);
      case OutputKind::Indicators:
        return mix(mix(x, org[org_index(r.org)]), department ? org_data : 0);
      case OutputKind::Search:  // the organisations in its filter
        return mix(x, org_data);
      case OutputKind::Accessibility:
      case OutputKind::NotFound:
      case OutputKind::Robots:
      case OutputKind::Asset:
      case OutputKind::EditorAsset:
        return x;
      // The forms show the organisations' names and their indicators' years.
      case OutputKind::Editor:
      case OutputKind::EditorConfig:
        return mix(x, r.org ? org_own[org_index(r.org)] : org_data);
      case OutputKind::Attachment:
      case OutputKind::Image: {
        // A scan is published recognised once the site asks (site.yaml's ocr).
        const bool recognised = r.attachment && r.attachment->document && r.attachment->document->recognised;
        return mix(mix(x, source.stamp(r.source)), recognised ? 1 : 0);
      }
      default:  // the organisation's own pages and files
        return r.org ? mix(x, org[org_index(r.org)]) : x;
    }
  }
};

}  // namespace

void write_site(const LoadedSite& loaded, const Theme& theme, const MonitoringReport* monitoring, const ContentSource& source,
                OutputSink* sink, unsigned workers, Diagnostics& diagnostics, BuildReport& report, BuildProgress* progress,
                ContentCache* cache) {
  const Site& site = loaded.site;
  StageClock clock(report);
  const OutputPlan plan = OutputPlan::make(site, plan_options(site, theme, monitoring));
  // Texts live here for one build, or in the cache for `serve`.
  std::vector<EntryText> owned(cache ? 0 : site.entries.size());
  std::vector<const EntryText*> texts(site.entries.size());
  for (size_t i = 0; i < owned.size(); ++i) texts[i] = &owned[i];
  const RenderContext ctx{site, plan, theme, monitoring, &texts};
  clock.mark("plan");

  // The outputs of each organisation, and the portal's own.
  const auto& records = plan.records();
  std::vector<std::vector<size_t>> by_org(site.orgs.size());
  std::vector<size_t> portal;
  std::vector<char> portal_feed_item(site.entries.size(), 0);
  size_t pages = 0, feeds = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const OutputRecord& r = records[i];
    if (!r.written()) continue;  // on the portal, not in this organisation's section
    pages += r.is_page() && r.kind != OutputKind::Editor;  // the editor's pages are not the site's
    feeds += r.kind == OutputKind::Feed;
    if (r.org) by_org[static_cast<size_t>(r.org - site.orgs.data())].push_back(i);
    else portal.push_back(i);
    if (r.kind == OutputKind::Feed && !r.org) {
      for (size_t e : r.feed_items) portal_feed_item[e] = 1;
    }
  }
  // Each organisation's entries, published ones first; unpublished ones are checked only.
  std::vector<std::vector<const Entry*>> entries(site.orgs.size());
  std::vector<size_t> published(site.orgs.size());
  for (size_t o = 0; o < site.orgs.size(); ++o) {
    for (Section s : kAllSections) {
      for (size_t i : site.orgs[o].in(s)) entries[o].push_back(&site.entries[i]);
    }
    published[o] = entries[o].size();
  }
  for (const auto& e : loaded.unpublished) {
    if (const Organisation* org = site.find_org(e.org)) entries[static_cast<size_t>(org - site.orgs.data())].push_back(&e);
  }
  // With a cache: each text's stamp (its file, the files it may link, the names it may not
  // hold) and a slot for it, made before the parallel passes, which only fill them.
  std::vector<uint64_t> text_stamps(site.entries.size());
  std::unordered_map<const Entry*, Cached<EntryText>*> slots;
  if (cache) {
    std::unordered_set<std::string> seen;
    for (size_t o = 0; o < site.orgs.size(); ++o) {
      const std::string& id = site.orgs[o].id;
      const uint64_t org_stamp = mix(cache->files[id], people_signature(loaded.people.hidden(id)));
      for (const Entry* e : entries[o]) {
        Cached<EntryText>* slot = &cache->texts[e->source_path];
        slots[e] = slot;
        seen.insert(e->source_path);
        if (e >= site.entries.data() && e < site.entries.data() + site.entries.size()) {
          size_t i = static_cast<size_t>(e - site.entries.data());
          text_stamps[i] = mix(source.stamp(e->source_path), org_stamp);
          texts[i] = &slot->value;
        }
      }
    }
    for (auto it = cache->texts.begin(); it != cache->texts.end();) it = seen.count(it->first) ? std::next(it) : cache->texts.erase(it);
  }
  std::optional<Signatures> signatures;
  // With a cache: every file this build makes, in plan order (records[i]'s from first[i]),
  // where each was in the last build's list (SIZE_MAX: new), and what each is made from.
  std::vector<std::pair<std::string, uint64_t>> outputs;
  std::vector<size_t> first, previous;

  ImageStore& images = *loaded.images;
  // One file of a photo, from the image store (false: the photo cannot be encoded, an
  // error where its page names it).
  auto write_picture_file = [&](const Attachment& a, const PictureVariant& v, const std::string& path) {
    std::string bytes;
    const PictureProblem problem = images.file(source, *a.picture, v, bytes);
    if (problem != PictureProblem::None) {
      PictureHeader header;
      header.kind = a.picture->heif ? "HEIF" : "";
      diagnostics.error(a.linked_in, a.linked_at, picture_problem_message(problem, header, "«" + a.source.substr(a.source.find('/') + 1) + "»"));
      return false;
    }
    sink->write(path, bytes);
    return true;
  };
  // A file an entry's page publishes beside it: copied, or a photo's every file.
  // A document is copied as uploaded, or published recognised (document/ocr.h).
  // Its signature beside it: a recognised scan is not what was signed, so it keeps the
  // signed bytes.
  auto write_document = [&](const Attachment& a, const std::string& path, bool with_signature) {
    if (a.document && a.document->recognised && a.signature_source.empty()) sink->write(path, *a.document->recognised);
    else sink->copy(source, a.source, path);
    if (with_signature && !a.signature_source.empty()) sink->copy(source, a.signature_source, path + a.signature_extension);
  };
  auto write_beside = [&](const Attachment& a, const std::string& folder) {
    if (!a.picture) {
      write_document(a, folder + a.file_name, true);
      if (a.document && a.document->first_page) sink->write(folder + thumbnail_file_name(a.file_name), a.document->first_page->webp);
      return;
    }
    for (const PictureVariant& v : picture_variants(*a.picture)) {
      if (!write_picture_file(a, v, folder + variant_file_name(a.stem, v))) return;
    }
  };

  // The search index, made as the pages are rendered (not by `serve`: it rewrites single
  // pages; nor for a section: its pages search the portal).
  std::optional<search::IndexWriter> search_index;
  if (sink && !cache && plan.search_index()) {
    std::vector<std::string> routes;
    routes.reserve(records.size());
    for (const auto& r : records) routes.push_back(r.route);
    search_index.emplace(std::move(routes), *plan.search_index(), site.search_stemmer);
  }

  if (progress) progress->start(BuildProgress::Writing, records.size());
  auto write_record = [&](size_t index) {
    const OutputRecord& r = records[index];
    if (progress) progress->advance();
    if (signatures) {
      const uint64_t sig = signatures->of(r, site, plan, source);
      const size_t end = index + 1 < first.size() ? first[index + 1] : outputs.size();
      bool same = true;
      for (size_t k = first[index]; k < end; ++k) {
        outputs[k].second = sig;
        same = same && previous[k] != SIZE_MAX && cache->outputs[previous[k]].second == sig;
      }
      if (same) return;
    }
    if (r.kind == OutputKind::Attachment) {
      if (r.attachment) write_document(*r.attachment, r.path, false);  // the plan has its signature's record
      else sink->copy(source, r.source, r.path);
    } else if (r.kind == OutputKind::Image) {
      write_picture_file(*r.attachment, r.variant, r.path);
    } else if (r.kind == OutputKind::Asset) {
      sink->write(r.path, theme.assets().at(r.source));
    } else if (r.kind == OutputKind::EditorAsset) {
      sink->copy(*theme.editor_files()->source, r.source, r.path);
    } else {
      const std::string page = render_output(ctx, r);
      if (search_index && r.is_page()) search_index->add(index, page, *sink);
      sink->write(r.path, page);
      if (r.kind == OutputKind::Entry) {
        for (const auto& a : texts[r.entry]->attachments) write_beside(a, r.folder());
      }
    }
  };

  // The files the bodies of unpublished entries link (without a cache: their texts go).
  std::vector<std::vector<Attachment>> unpublished_files(cache ? 0 : loaded.unpublished.size());
  // The body stage of entry k of organisation o.
  auto body_of = [&](size_t o, size_t k) {
    const Entry& e = *entries[o][k];
    const bool is_published = k < published[o];
    const size_t i = is_published ? static_cast<size_t>(&e - site.entries.data()) : 0;
    if (!cache) {
      EntryText text = load_text(source, e, loaded.people, diagnostics, &images, loaded.documents);
      if (is_published) owned[i] = std::move(text);
      else unpublished_files[static_cast<size_t>(&e - loaded.unpublished.data())] = std::move(text.attachments);
      return;
    }
    const uint64_t stamp = is_published ? text_stamps[i] : mix(source.stamp(e.source_path), 0x75);
    through(slots.at(&e), stamp, diagnostics, [&](Diagnostics& d) { return load_text(source, e, loaded.people, d, &images, loaded.documents); });
  };
  if (cache) {
    // Every text first: the signatures of the outputs need all of them. The cache holds
    // them anyway, so nothing is released; one pass over everything, not one per
    // organisation, as nearly all of it comes from the cache.
    std::vector<std::pair<size_t, size_t>> all;
    for (size_t o = 0; o < site.orgs.size(); ++o) {
      for (size_t k = 0; k < entries[o].size(); ++k) all.emplace_back(o, k);
    }
    parallel_for(all.size(), workers, [&](size_t j) { body_of(all[j].first, all[j].second); });
    if (sink && !diagnostics.has_errors()) {
      signatures.emplace(site, plan, *cache, text_stamps);
      first.resize(records.size());
      for (size_t i = 0; i < records.size(); ++i) {
        first[i] = outputs.size();
        if (!records[i].written()) continue;
        outputs.emplace_back(records[i].path, 0);
        if (records[i].kind == OutputKind::Entry) {
          for (const auto& a : texts[records[i].entry]->attachments) {
            if (!a.picture) outputs.emplace_back(records[i].folder() + a.file_name, 0);
            if (!a.signature_source.empty()) outputs.emplace_back(records[i].folder() + a.file_name + a.signature_extension, 0);
            if (a.document && a.document->first_page) outputs.emplace_back(records[i].folder() + thumbnail_file_name(a.file_name), 0);
            for (const PictureVariant& v : a.picture ? picture_variants(*a.picture) : std::vector<PictureVariant>()) {
              outputs.emplace_back(records[i].folder() + variant_file_name(a.stem, v), 0);
            }
          }
        }
      }
      previous.resize(outputs.size());
      const auto& old = cache->outputs;
      bool aligned = old.size() == outputs.size();
      for (size_t k = 0; k < outputs.size() && aligned; ++k) aligned = old[k].first == outputs[k].first;
      if (aligned) {
        for (size_t k = 0; k < outputs.size(); ++k) previous[k] = k;
      } else {
        std::unordered_map<std::string_view, size_t> where;
        for (size_t k = 0; k < old.size(); ++k) where.emplace(old[k].first, k);
        for (size_t k = 0; k < outputs.size(); ++k) {
          auto it = where.find(outputs[k].first);
          previous[k] = it == where.end() ? SIZE_MAX : it->second;
        }
      }
      std::vector<size_t> org_records;
      for (const auto& list : by_org) org_records.insert(org_records.end(), list.begin(), list.end());
      parallel_for(org_records.size(), workers, [&](size_t k) { write_record(org_records[k]); });
    }
  } else {
    // Organisation by organisation, without a barrier between them: its entries' bodies,
    // then (if nothing so far had errors: content with errors is never published, but the
    // body stage still runs, to report every error at once) its outputs, then its bodies
    // are released, but those the portal's feed shows.
    TwoPhaseGroups work;
    work.groups = site.orgs.size();
    work.first_count = [&](size_t o) { return entries[o].size(); };
    work.first = [&](size_t o, size_t k, unsigned) { body_of(o, k); };
    work.proceed = [&](size_t) { return sink && !diagnostics.has_errors(); };
    // The organisation's photos are encoded first, each a task of its own, so that the ten
    // photos of one story use every core; its pages then find them made.
    std::vector<std::vector<const Picture*>> pictures(site.orgs.size());
    work.second_count = [&](size_t o) {
      std::unordered_set<std::string> seen;
      auto add = [&](const Attachment& a) {
        if (a.picture && seen.insert(a.picture->key).second) pictures[o].push_back(a.picture.get());
      };
      for (size_t i : by_org[o]) {
        const OutputRecord& r = records[i];
        if (r.kind == OutputKind::Image) add(*r.attachment);
        if (r.kind == OutputKind::Entry) {
          for (const auto& a : texts[r.entry]->attachments) add(a);
        }
      }
      return pictures[o].size() + by_org[o].size();
    };
    work.second = [&](size_t o, size_t k, unsigned) {
      if (k < pictures[o].size()) (void)images.prepare(source, *pictures[o][k]);  // its problem is reported by the page
      else write_record(by_org[o][k - pictures[o].size()]);
    };
    work.done = [&](size_t o) {
      for (size_t k = 0; k < published[o]; ++k) {
        size_t i = static_cast<size_t>(entries[o][k] - site.entries.data());
        if (!portal_feed_item[i]) Body().html.swap(owned[i].body.html);
      }
    };
    run_groups(work, workers);
  }
  // Uploads that nothing links, named once every body's links are known. Not while there
  // are errors: a file that failed to load links nothing, and its files would be named.
  if (!diagnostics.has_errors()) {
    for (size_t o = 0; o < site.orgs.size(); ++o) {
      std::unordered_set<std::string> linked = linked_files(site.orgs[o], source);
      for (size_t k = 0; k < entries[o].size(); ++k) {
        const Entry& e = *entries[o][k];
        const std::vector<Attachment>* body = nullptr;
        if (cache) body = &slots.at(&e)->value.attachments;
        else if (k < published[o]) body = &owned[static_cast<size_t>(&e - site.entries.data())].attachments;
        else body = &unpublished_files[static_cast<size_t>(&e - loaded.unpublished.data())];
        for (const auto* list : {&e.attachments, body}) {
          for (const auto& a : *list) link(linked, a);
        }
      }
      report_unused_files(source, site.orgs[o].id, linked, diagnostics);
    }
  }
  if (sink && !diagnostics.has_errors()) {
    parallel_for(portal.size(), workers, [&](size_t k) { write_record(portal[k]); });
  }
  clock.mark("render");
  if (!sink || diagnostics.has_errors()) return;
  if (cache) {
    std::vector<char> kept(cache->outputs.size(), 0);
    for (size_t k : previous) {
      if (k != SIZE_MAX) kept[k] = 1;
    }
    for (size_t k = 0; k < kept.size(); ++k) {
      if (!kept[k]) sink->remove(cache->outputs[k].first);
    }
    cache->outputs = std::move(outputs);
  }
  if (search_index) {
    search_index->finish(*sink, workers);
    clock.mark("search index");
  }
  sink->commit();
  clock.mark("publish");
  report.pages = pages;
  report.feeds = feeds;
  report.files = sink->files_written();
  report.bytes = sink->bytes_written();
  report.pictures = images.stats();
}

BuildReport build_site(const ContentSource& source, const Theme& theme, OutputSink& sink, int64_t epoch, unsigned workers,
                       Diagnostics& diagnostics) {
  BuildReport report;
  std::optional<LoadedSite> loaded = load_site(source, epoch, {workers, nullptr}, diagnostics, report);
  if (!loaded) return report;
  auto monitoring = monitoring_of(loaded->site, theme, diagnostics);
  if (!monitoring) return report;
  write_site(*loaded, theme, &*monitoring, source, diagnostics.has_errors() ? nullptr : &sink, workers, diagnostics, report);
  report.ok = !diagnostics.has_errors();
  return report;
}

std::optional<std::string> base_url_problem(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos || (url.substr(0, scheme) != "https" && url.substr(0, scheme) != "http")) {
    return "нужен полный адрес, начинающийся с https://, например https://school1.example.ru/nastavnichestvo/";
  }
  if (url.size() <= scheme + 3 || url[scheme + 3] == '/') return "после https:// нужно имя сайта, например school1.example.ru";
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '?' || c == '#' || c == '"' || c == '<' || c == '>' || c == '\\') {
      return "в адресе не должно быть пробелов и знаков ? # \" < > \\";
    }
  }
  return std::nullopt;
}

namespace {

// `build --org` and `--base-url`: where this build is published.
bool apply_publication(Site& site, const BuildOptions& options, Diagnostics& diagnostics, BuildReport& report) {
  if (options.org.empty()) {
    if (!options.base_url.empty()) site.base_url = options.base_url;
    return true;
  }
  if (!site.find_org(options.org)) {
    std::string known;
    for (const auto& org : site.orgs) known += (known.empty() ? "" : ", ") + org.id;
    diagnostics.error(options.content.string(), {},
                      "организации «" + options.org + "» нет: в папке с материалами нет папки " + options.org +
                          " с файлом org.yaml; укажите в --org одну из папок организаций: " + known);
    return false;
  }
  site.section_org = options.org;
  site.section_url = options.base_url;
  report.organisations = 1;
  return true;
}

}  // namespace

bool use_editor_files(Theme& theme, const std::filesystem::path& folder, Diagnostics& diagnostics) {
  if (folder.empty()) return true;
  theme.set_editor_files(find_editor_files(folder));
  if (theme.editor_files()) return true;
  diagnostics.error(folder.string(), {}, "в папке нет decap-cms/dist/decap-cms.js и js-yaml/dist/browser/js-yaml.umd.min.js — "
                                         "файлов редактора в браузере; укажите в --editor-assets папку node_modules "
                                         "(её заполняет npm ci в папке nastavnik)");
  return false;
}

BuildReport run_build(const BuildOptions& options, Diagnostics& diagnostics) {
  BuildReport report;
  StageClock clock(report);
  auto finish = [&] { return clock.finish(); };
  auto epoch = build_epoch(diagnostics);
  std::optional<Theme> theme = Theme::load(options.theme, diagnostics);
  if (theme && !use_editor_files(*theme, options.editor_assets, diagnostics)) return finish();
  // A portal that is published gets the search index; a section's pages search the portal.
  std::optional<fs::path> stemmer;
  if (!options.search_index.empty() && options.write && options.org.empty()) {
    stemmer = search::find_stemmer_script(options.search_index);
    if (!stemmer) {
      diagnostics.error(options.search_index.string(), {},
                        "здесь нет файла snowball-stemmer.jsx/dest/russian-stemmer.global.min.js — русского стеммера, которым страница "
                        "поиска разбирает слова запроса; укажите в --search-index папку node_modules (её заполняет npm ci в папке "
                        "nastavnik) или путь к этому файлу");
      return finish();
    }
  }
  if (!epoch) return finish();
  auto source = DiskSource::open(options.content);
  if (!source) {
    diagnostics.error(options.content.string(), {}, "папка с содержимым не найдена, укажите её в --content или создайте папку content с файлом site.yaml");
    return finish();
  }
  const unsigned workers = worker_count(options.jobs);
  // Photos processed by an earlier build are taken from the cache; `check` only reads it.
  ImageStore images(options.cache.empty() ? default_cache_folder() : options.cache, options.write,
                    fs::weakly_canonical(options.content).string());
  struct Finish {
    ImageStore& images;
    const BuildOptions& options;
    const BuildReport& report;
    // The index of stamps is saved whatever happened; a full build that published drops
    // from the cache the photos no site shows any more (image/store.h).
    ~Finish() { images.finish(options.write && report.ok && options.org.empty(), options.write && report.failure.empty()); }
  } finish_images{images, options, report};
  std::optional<LoadedSite> loaded = load_site(*source, *epoch, {workers, options.progress, &images}, diagnostics, report);
  if (!loaded || !theme) return finish();
  if (!apply_publication(loaded->site, options, diagnostics, report)) return finish();
  if (stemmer) loaded->site.search_stemmer = stemmer->string();
  const Site& site = loaded->site;
  auto monitoring = monitoring_of(site, *theme, diagnostics);
  if (!monitoring) return finish();
  if (!options.write || diagnostics.has_errors()) {
    write_site(*loaded, *theme, &*monitoring, *source, nullptr, workers, diagnostics, report, options.progress);
    if (diagnostics.has_errors()) return finish();
    if (!options.report_format.empty()) {
      const OutputPlan plan = OutputPlan::make(site, plan_options(site, *theme, &*monitoring));
      report.monitoring = options.report_format == "json" ? monitoring_json(site, plan, *monitoring) : monitoring_text(site, plan, *monitoring);
    }
    report.ok = true;
    return finish();
  }
  try {
    DiskSink sink(options.out);
    write_site(*loaded, *theme, &*monitoring, *source, &sink, workers, diagnostics, report, options.progress);
    report.ok = !diagnostics.has_errors();
  } catch (const std::exception& e) {
    report.failure = e.what();
    report.ok = false;
  }
  return finish();
}

}  // namespace nastavnik
