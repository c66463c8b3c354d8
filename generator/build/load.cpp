#include "build/load.h"

#include "build/cache.h"

#include <algorithm>
#include <unordered_set>

#include "core/strings.h"
#include "core/thread_pool.h"
#include "markdown/body.h"
#include "model/site_builder.h"
#include "plan/routes.h"
#include "read/front_matter.h"
#include "read/scan.h"
#include "read/text_file.h"
#include "text/russian.h"
#include "text/slug.h"
#include "text/typography.h"
#include "validate/attachments.h"
#include "build/stage_clock.h"
#include "validate/files.h"
#include "validate/privacy.h"
#include "validate/site_rules.h"

namespace nastavnik {
namespace {

void note_person(OrgData& data, const Field<PersonRecord>& p, const char* role, const std::string& file) {
  if (p.present && p.value.name.present) {
    data.people.emplace_back(HiddenPerson{p.value.name.value, role, file, p.value.name.pos.line}, p.value.consent.value);
  }
}

OrgData load_org_data(const ContentSource& source, const OrgFolder& folder, ImageStore* images, Diagnostics& diagnostics) {
  OrgData data;
  if (!check_org_folder(folder.id, diagnostics)) return data;
  const std::string org_yaml = folder.id + "/org.yaml";
  Organisation org;
  org.id = folder.id;
  if (!folder.has_org_yaml) {
    diagnostics.error(org_yaml, {}, "нет карточки организации org.yaml, создайте её с полями name, short_name и kind");
  } else if (auto text = read_text_file(source, org_yaml, diagnostics)) {
    if (auto card = load_org_file(*text, diagnostics)) org.card = std::move(*card);
  }
  note_person(data, org.card.curator, "куратора из", org_yaml);
  // The emblem: the icon of the organisation's pages and the picture of their links.
  if (org.card.emblem.present) {
    AttachmentList(source, org.id, org.emblem, images).add(org.card.emblem.value, org_yaml, org.card.emblem.pos, diagnostics, true);
  }
  // Where a data file gives people's names, and what it says names other people.
  auto data_file = [&](const std::string& path) -> OrgData::DataFile& {
    data.data_files.push_back({path, {}, {}});
    return data.data_files.back();
  };
  auto namesakes = [](OrgData::DataFile& f, const TextList& list) {
    for (const auto& n : list.value) {
      f.namesakes.push_back(n.value);
      f.skip.line(n.pos.line);
    }
    if (list.present) f.skip.line(list.pos.line);
  };
  if (folder.has_org_yaml) {
    OrgData::DataFile& f = data_file(org_yaml);
    if (org.card.curator.present && org.card.curator.value.name.present) f.skip.value(org.card.curator.value.name.pos, org.card.curator.value.name.value);
    namesakes(f, org.card.namesakes);
  }
  if (folder.has_mentors) {
    const std::string path = folder.id + "/mentors.yaml";
    org.has_mentors_file = true;
    auto text = read_text_file(source, path, diagnostics);
    auto mentors = text ? load_mentors_file(*text, diagnostics) : std::nullopt;
    OrgData::DataFile& names = data_file(path);
    if (mentors) {
      AttachmentList photos(source, org.id, org.mentor_files, images);
      for (auto& m : *mentors) {
        if (m.value.name.present) names.skip.value(m.value.name.pos, m.value.name.value);
        namesakes(names, m.value.namesakes);
        Mentor mentor{std::move(m.value), -1};
        if (mentor.record.name.present) {
          data.people.emplace_back(HiddenPerson{mentor.record.name.value, "наставника из", path, mentor.record.name.pos.line},
                                   mentor.record.consent.value);
        }
        // Without consent a photo identifies the person as surely as a name: it stays unpublished.
        if (mentor.record.photo.present && mentor.record.consent.value) {
          mentor.photo = photos.add(mentor.record.photo.value, path, mentor.record.photo.pos, diagnostics, true);
        }
        org.mentors.push_back(std::move(mentor));
      }
    }
  }
  if (folder.has_indicators) {
    auto text = read_text_file(source, folder.id + "/indicators.yaml", diagnostics);
    auto file = text ? load_indicators_file(*text, diagnostics) : std::nullopt;
    OrgData::DataFile& names = data_file(folder.id + "/indicators.yaml");
    if (file) {
      namesakes(names, file->namesakes);
      org.indicators = indicator_table(*file);
    }
  }
  if (folder.has_roadmap) {
    auto text = read_text_file(source, folder.id + "/roadmap.yaml", diagnostics);
    auto file = text ? load_roadmap_file(*text, diagnostics) : std::nullopt;
    OrgData::DataFile& names = data_file(folder.id + "/roadmap.yaml");
    if (file) {
      namesakes(names, file->namesakes);
      org.roadmap = roadmap_of(*file);
    }
  }
  // The people of stories, for the check of every other text: their files are read in
  // full later, with their errors reported then.
  Diagnostics scratch;
  for (const auto& path : folder.markdown[index_of(Section::Stories)]) {
    auto text = read_text_file(source, path, scratch);
    if (!text) continue;
    if (auto file = load_markdown_file(Section::Stories, *text, scratch)) {
      const auto& story = std::get<StoryFront>(file->front);
      note_person(data, story.mentor, "наставника из истории", path);
      note_person(data, story.mentee, "наставляемого из истории", path);
    }
  }
  data.org = std::move(org);
  return data;
}

// The attachments of one page, resolved through its AttachmentList.
struct PageFiles {
  const ContentSource& source;
  const std::string& path;
  Diagnostics& diagnostics;
  AttachmentList list;

  int one(const Text& field, bool image) {
    if (!field.present) return -1;
    return list.add(field.value, path, field.pos, diagnostics, image);
  }
  std::vector<int> many(const TextList& fields, bool image) {
    std::vector<int> out;
    for (const auto& f : fields.value) {
      int i = list.add(f.value, path, f.pos, diagnostics, image);
      if (i >= 0) out.push_back(i);
    }
    return out;
  }
};

// What a file says names other people (namesakes): those lines are not read for names, and
// what they list is let through.
void add_namesakes(NameCheck& check, const TextList& namesakes) {
  for (const auto& n : namesakes.value) {
    check.namesakes.push_back(n.value);
    check.skip.line(n.pos.line);
  }
  if (namesakes.present) check.skip.line(namesakes.pos.line);
}

// An attachment's names, as written and as published, at the line that gives it.
void add_file_name(NameCheck& check, const Attachment& a) {
  const std::string name = a.source.substr(a.source.rfind('/') + 1);
  const size_t at = check.text->text().find(name);
  const Position pos = at == std::string::npos ? Position{1, 1} : check.text->position_of(at);
  check.file_names.emplace_back(name, pos);
  if (a.file_name != name) check.file_names.emplace_back(a.file_name, pos);
  if (a.document && !a.document->text.empty()) {
    const size_t files = a.source.find("/files/");
    check.documents.push_back({files == std::string::npos ? name : a.source.substr(files + 1), std::shared_ptr<const std::string>(a.document, &a.document->text), pos});
  }
}

// A body rendered with its attachment links resolved; its problems reported.
RenderedBody load_body(std::string_view body, int first_line, const std::string& path, PageFiles& files,
                       const std::vector<Attachment>& list, bool image_above, Diagnostics& diagnostics) {
  if (auto problem = check_markdown_limits(body, first_line)) {
    diagnostics.error(path, problem->pos, problem->message);
    return {};
  }
  RenderedBody rendered = render_body(body, first_line, [&](const std::string& url, Position pos) -> std::optional<std::string> {
    if (!is_attachment_link(url)) return std::nullopt;
    int index = files.list.add(url.substr(0, url.find_first_of("?#")), path, pos, diagnostics);
    if (index < 0) return std::nullopt;
    return list[static_cast<size_t>(index)].file_name;
  }, [&, shown = 0](const std::string& file_name) mutable -> std::optional<ImageMarkup> {
    // A photo is shown in the sizes of its files; all but the page's first load when
    // scrolled to.
    for (const Attachment& a : list) {
      if (!a.picture || a.file_name != file_name) continue;
      const bool lazy = image_above || shown++ > 0;
      PictureMarkup m = picture_markup(*a.picture, a.stem, PictureRole::Prose, lazy,
                                       [](const std::string& name) { return std::string(1, Body::kLinkBase) + name; });
      return ImageMarkup{std::move(m.before), std::move(m.attributes), std::move(m.after)};
    }
    return std::nullopt;
  });
  for (const auto& problem : rendered.problems) diagnostics.error(path, problem.pos, problem.message);
  return rendered;
}

// An entry's front matter, checked, with the files it names; the body waits for load_text.
// `diagnostics` holds this file's reports only: other threads' don't decide its fate.
std::optional<Entry> load_entry(const ContentSource& source, const std::string& org, Section section, const std::string& path,
                                ImageStore* images, const DocumentOptions& documents, Diagnostics& diagnostics) {
  auto text = read_text_file(source, path, diagnostics);
  if (!text) return std::nullopt;
  auto file = load_markdown_file(section, *text, diagnostics);
  if (!file) return std::nullopt;

  Entry entry;
  entry.section = section;
  entry.org = org;
  entry.source_path = path;
  entry.source_size = text->text().size();
  entry.front = std::move(file->front);
  const FrontBase& base = entry.base();
  if (base.slug.present) {
    entry.slug = base.slug.value;
    entry.slug_pos = base.slug.pos;
  } else {
    entry.slug = slug_from_file_name(path);
    entry.slug_pos = {1, 1};
    if (entry.slug.empty()) {
      diagnostics.error(path, {1, 1}, "из имени файла не получается адрес страницы, переименуйте файл (буквы и цифры) или добавьте поле slug: latinskoe-imya");
      return std::nullopt;
    }
  }
  entry.url = routes::entry(org, section, entry.slug);

  PageFiles files{source, path, diagnostics, AttachmentList(source, org, entry.attachments, images, &documents)};
  entry.image = files.one(base.image, true);
  switch (section) {
    case Section::Documents: entry.file = files.one(entry.as<DocumentFront>().file, false); break;
    case Section::Orders: entry.file = files.one(entry.as<OrderFront>().file, false); break;
    case Section::Stories: {
      const auto& s = entry.as<StoryFront>();
      auto hidden_person = [](const Field<PersonRecord>& p) { return p.present && p.value.minor.value && !p.value.consent.value; };
      if (!hidden_person(s.mentor) && !hidden_person(s.mentee)) entry.photos = files.many(s.photos, true);
      break;
    }
    case Section::Practices: entry.files = files.many(entry.as<PracticeFront>().files, false); break;
    case Section::News:
    case Section::Pages:
      break;
  }
  if (diagnostics.has_errors()) return std::nullopt;
  entry.sort_key = entry_sort_key(entry);
  return entry;
}

void load_intro(const ContentSource& source, const std::string& org, const PeopleRegistry& people, ImageStore* images,
                const DocumentOptions& documents, Intro& intro, Diagnostics& diagnostics) {
  const std::string path = org + "/_index.md";
  auto text = read_text_file(source, path, diagnostics);
  if (!text) return;
  auto file = load_index_file(*text, diagnostics);
  if (!file) return;
  intro.title = file->front.title.value;
  PageFiles files{source, path, diagnostics, AttachmentList(source, org, intro.files, images, &documents)};
  intro.image = files.one(file->front.image, true);
  RenderedBody rendered = load_body(file->body, file->body_first_line, path, files, intro.files, intro.image >= 0, diagnostics);
  intro.body = std::move(rendered.body);
  if (const NameFinder* finder = people.finder(org)) {
    NameCheck check;
    check.text = &*text;
    add_namesakes(check, file->front.namesakes);
    for (const auto& a : intro.files) add_file_name(check, a);
    check_names(*finder, check, diagnostics);
  }
}

// A stamp of everything under a folder: attachments are resolved against it. A link to a
// folder counts by where it leads, not by what is inside (links may form cycles).
uint64_t folder_stamp(const ContentSource& source, const std::string& dir) {
  uint64_t s = 0x66696c6573;
  auto entries = source.list(dir);
  if (!entries) return s;
  for (const auto& e : *entries) {
    const std::string path = dir + "/" + e.name;
    s = mix(s, std::hash<std::string>()(e.name));
    if (e.symlink) s = mix(mix(s, std::hash<std::string>()(source.resolve(path).canonical)), source.stamp(path));
    else if (e.type == DirEntry::Type::Dir) s = mix(s, folder_stamp(source, path));
    else s = mix(s, source.stamp(path));
  }
  return s;
}

}  // namespace

namespace {

template <class Map>
auto* slot_of(ContentCache* cache, Map ContentCache::*member, const std::string& key) {
  return cache ? &((cache->*member)[key]) : nullptr;
}

// Drops what the cache holds for files that are gone.
template <class Map>
void keep_only(Map& map, const std::unordered_set<std::string>& seen) {
  for (auto it = map.begin(); it != map.end();) {
    if (seen.count(it->first)) ++it;
    else it = map.erase(it);
  }
}

struct MarkdownJob {
  size_t org;  ///< index into the organisations
  Section section;
  const std::string* path;  ///< nullptr: the organisation's _index.md
};

}  // namespace

std::optional<LoadedSite> load_site(const ContentSource& source, int64_t epoch, const LoadOptions& options, Diagnostics& diagnostics,
                                    BuildReport& report, ContentCache* cache) {
  StageClock clock(report);
  // Photos go through a store: the caller's (with its cache folder), or one of this build's.
  std::shared_ptr<ImageStore> image_store =
      options.images ? std::shared_ptr<ImageStore>(options.images, [](ImageStore*) {}) : std::make_shared<ImageStore>();
  ImageStore* images = image_store.get();
  ContentTree tree = scan_content(source, diagnostics);
  clock.mark("scan");
  if (!tree.found) return std::nullopt;

  std::optional<SiteFile> config;
  if (tree.has_site_yaml) {
    config = through(cache ? &cache->site : nullptr, source.stamp("site.yaml"), diagnostics, [&](Diagnostics& d) {
      auto text = read_text_file(source, "site.yaml", d);
      return text ? load_site_file(*text, d) : std::nullopt;
    });
  }
  // Scans are recognised when the site asks; the recognised files are kept with the photos.
  const DocumentOptions documents{config && config->ocr.value, images->folder(), images->writable(), epoch};
  // The stamps and cache slots are made before the parallel passes, which only fill them.
  const size_t n = tree.orgs.size();
  std::vector<uint64_t> files(n), org_stamps(n);
  std::vector<Cached<OrgData>*> org_slots(n, nullptr);
  for (size_t o = 0; o < n && cache; ++o) {
    const OrgFolder& f = tree.orgs[o];
    files[o] = folder_stamp(source, f.id + "/files");
    uint64_t st = files[o];
    for (const char* name : {"/org.yaml", "/mentors.yaml", "/indicators.yaml", "/roadmap.yaml"}) st = mix(st, source.stamp(f.id + name));
    for (const auto& path : f.markdown[index_of(Section::Stories)]) st = mix(mix(st, std::hash<std::string>()(path)), source.stamp(path));
    org_stamps[o] = st;
    org_slots[o] = slot_of(cache, &ContentCache::orgs, f.id);
    cache->files[f.id] = files[o];
  }
  std::vector<OrgData> data(n);
  parallel_for(n, options.workers, [&](size_t i) {
    data[i] = through(org_slots[i], org_stamps[i], diagnostics, [&](Diagnostics& d) { return load_org_data(source, tree.orgs[i], images, d); });
  });

  PeopleRegistry people;
  for (const auto& d : data) {
    if (!d.org) continue;
    for (const auto& [person, consent] : d.people) people.add(d.org->id, person, consent);
  }
  people.finish(config && config->department.present ? config->department.value : std::string());
  // The data files read for names, now that everyone's people are known.
  parallel_for(n, options.workers, [&](size_t i) {
    if (!data[i].org) return;
    const std::string& org = data[i].org->id;
    const NameFinder* finder = people.finder(org);
    if (!finder) return;
    Cached<bool>* slot = slot_of(cache, &ContentCache::data_names, org);
    through(slot, mix(org_stamps[i], people_signature(people.hidden(org))), diagnostics, [&](Diagnostics& d) {
      for (const auto& f : data[i].data_files) {
        auto text = read_text_file(source, f.path, d);
        if (!text) continue;
        NameCheck check;
        check.text = &*text;
        check.skip = f.skip;
        check.namesakes = f.namesakes;
        check_names(*finder, check, d);
      }
      return true;
    });
  });

  std::vector<MarkdownJob> jobs;
  for (size_t o = 0; o < n; ++o) {
    if (!data[o].org) continue;
    if (tree.orgs[o].has_index) jobs.push_back({o, Section::News, nullptr});
    for (Section s : kAllSections) {
      for (const auto& path : tree.orgs[o].markdown[index_of(s)]) jobs.push_back({o, s, &path});
    }
  }
  std::vector<uint64_t> job_stamps(jobs.size());
  std::vector<Cached<std::optional<Entry>>*> entry_slots(jobs.size(), nullptr);
  std::vector<Cached<Intro>*> intro_slots(jobs.size(), nullptr);
  std::unordered_set<std::string> seen;
  // Stamps only matter to a cache: a single build reads every file once anyway.
  for (size_t i = 0; i < jobs.size() && cache; ++i) {
    const std::string& org = tree.orgs[jobs[i].org].id;
    if (jobs[i].path) {
      job_stamps[i] = mix(source.stamp(*jobs[i].path), files[jobs[i].org]);
      entry_slots[i] = slot_of(cache, &ContentCache::entries, *jobs[i].path);
      seen.insert(*jobs[i].path);
    } else {
      job_stamps[i] = mix(mix(source.stamp(org + "/_index.md"), files[jobs[i].org]), people_signature(people.hidden(org)));
      intro_slots[i] = slot_of(cache, &ContentCache::intros, org);
    }
  }
  report.sources = jobs.size();
  if (options.progress) options.progress->start(BuildProgress::Loading, jobs.size());
  std::vector<std::optional<Entry>> loaded(jobs.size());
  parallel_for(jobs.size(), options.workers, [&](size_t i) {
    const MarkdownJob& job = jobs[i];
    Organisation& org = *data[job.org].org;
    if (job.path) {
      loaded[i] = take(entry_slots[i], job_stamps[i], diagnostics,
                       [&](Diagnostics& d) { return load_entry(source, org.id, job.section, *job.path, images, documents, d); });
    } else {
      org.intro = through(intro_slots[i], job_stamps[i], diagnostics, [&](Diagnostics& d) {
        Intro intro;
        load_intro(source, org.id, people, images, documents, intro, d);
        return intro;
      });
    }
    if (options.progress) options.progress->advance();
  });
  if (cache) {
    keep_only(cache->entries, seen);
    std::unordered_set<std::string> orgs;
    for (const auto& f : tree.orgs) orgs.insert(f.id);
    keep_only(cache->orgs, orgs);
    keep_only(cache->data_names, orgs);
    keep_only(cache->intros, orgs);
    keep_only(cache->files, orgs);
  }
  clock.mark("load");

  std::vector<Entry> entries;
  entries.reserve(loaded.size());
  for (auto& e : loaded) {
    if (e) entries.push_back(std::move(*e));
  }
  give_recurring_addresses(entries);
  check_addresses(entries, diagnostics);
  std::vector<Organisation> orgs;
  for (auto& d : data) {
    if (d.org) orgs.push_back(std::move(*d.org));
  }
  if (config && config->department.present &&
      std::none_of(orgs.begin(), orgs.end(), [&](const Organisation& o) { return o.id == config->department.value; }) &&
      std::none_of(tree.orgs.begin(), tree.orgs.end(), [&](const OrgFolder& f) { return f.id == config->department.value; })) {
    diagnostics.error("site.yaml", config->department.pos,
                      "в поле department указана папка «" + config->department.value + "», которой нет; укажите имя папки органа управления образованием");
  }
  // With errors the site is still assembled from what could be read, so that the body
  // stage can report the errors of the bodies too: all of a build's errors at once.
  if (!config) config = SiteFile{};
  Date today = date_in_zone(epoch, config->timezone.present ? config->timezone.value : "Europe/Moscow");
  std::vector<Entry> unpublished;
  Site site = assemble_site(*config, std::move(orgs), std::move(entries), today, &unpublished);
  // An item dated in the future waits for its day (the daily build publishes it); one more
  // than a year ahead is most likely a typo (2062 for 2026) and would wait unseen.
  const Date year_ahead{today.year + 1, today.month, today.day};
  for (const Entry& e : unpublished) {
    const auto date = e.date();
    if (e.draft() || !date || *date <= today) continue;
    report.scheduled.push_back(e.source_path + " (" + date->iso() + ")");
    if (*date > year_ahead) {
      diagnostics.warning(e.source_path, e.base().date.pos,
                          "дата " + date->iso() + " больше чем на год впереди: материал не появится на сайте до этого дня; если в дате опечатка, исправьте её");
    }
  }
  std::sort(report.scheduled.begin(), report.scheduled.end());
  check_indicator_units(site.orgs, diagnostics);
  clock.mark("assemble");
  report.organisations = site.orgs.size();
  return LoadedSite{std::move(site), std::move(people), std::move(unpublished), std::move(image_store), documents};
}

void give_back_entries(LoadedSite&& loaded, ContentCache& cache) {
  for (auto* list : {&loaded.site.entries, &loaded.unpublished}) {
    for (Entry& e : *list) {
      auto it = cache.entries.find(e.source_path);
      if (it == cache.entries.end()) continue;
      give_back(it->second, std::move(e));
    }
  }
}

EntryText load_text(const ContentSource& source, const Entry& entry, const PeopleRegistry& people, Diagnostics& diagnostics,
                    ImageStore* images, const DocumentOptions& documents) {
  EntryText out;
  out.attachments = entry.attachments;
  const std::string& path = entry.source_path;
  // The file was checked whole when its front matter was read; one that changed since then
  // is checked again.
  std::optional<SourceFile> text;
  std::string bytes;
  if (source.read(path, kMaxTextFileBytes, bytes) == ReadStatus::Ok) {
    bytes = normalise_text(std::move(bytes));
    if (bytes.size() == entry.source_size) text.emplace(path, std::move(bytes));
  }
  if (!text) text = read_text_file(source, path, diagnostics);
  if (!text) return out;
  FrontMatter split;
  FrontMatterError split_error;
  if (!split_front_matter(text->text(), split, split_error)) {
    diagnostics.error(path, split_error.pos, split_error.message);
    return out;
  }
  const FrontBase& base = entry.base();
  PageFiles files{source, path, diagnostics, AttachmentList(source, entry.org, out.attachments, images, &documents)};
  RenderedBody rendered = load_body(split.body, split.body_first_line, path, files, out.attachments, entry.image >= 0, diagnostics);
  // The whole file is read for names: every field a reader sees, the body with its alt
  // texts and link texts, the page's address and its files' names. A draft is published
  // nowhere; an entry dated in the future will be, and is checked now.
  NameCheck check;
  check.text = &*text;
  add_namesakes(check, base.namesakes);
  check.file_names.emplace_back(entry.slug, entry.slug_pos);
  for (const auto& a : out.attachments) add_file_name(check, a);
  if (entry.section == Section::Stories) {
    const auto& s = entry.as<StoryFront>();
    auto hidden_person = [](const Field<PersonRecord>& p) { return p.present && p.value.minor.value && !p.value.consent.value; };
    if ((hidden_person(s.mentor) || hidden_person(s.mentee)) && !rendered.images.empty()) {
      diagnostics.error(path, rendered.images.front(),
                        "в истории участвует несовершеннолетний без согласия на публикацию, поэтому изображения в тексте публиковать нельзя; уберите изображение или получите согласие законного представителя (consent: true)");
    }
    // The lines that give the story's people their names are what the check goes by.
    std::vector<std::string> allowed;
    bool unnamed_minor = false;
    for (const Field<PersonRecord>* p : {&s.mentor, &s.mentee}) {
      if (!p->present) continue;
      if (p->value.name.present) check.skip.value(p->value.name.pos, p->value.name.value);
      if (p->value.name.present && p->value.consent.value) allowed.push_back(p->value.name.value);
      if (hidden_person(*p) && !p->value.name.present) unnamed_minor = true;
    }
    if (unnamed_minor && !entry.draft()) check_unnamed_people(check, allowed, diagnostics);
  }
  if (!entry.draft()) {
    if (const NameFinder* finder = people.finder(entry.org)) check_names(*finder, check, diagnostics);
  }
  out.body = std::move(rendered.body);
  out.summary = typograph(truncate_words(base.summary.present ? base.summary.value : rendered.first_paragraph, 300));
  return out;
}

}  // namespace nastavnik
