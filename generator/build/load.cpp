#include "build/load.h"

#include <algorithm>

#include "core/strings.h"
#include "core/thread_pool.h"
#include "markdown/body.h"
#include "model/site_builder.h"
#include "plan/routes.h"
#include "read/scan.h"
#include "read/text_file.h"
#include "text/russian.h"
#include "text/slug.h"
#include "text/typography.h"
#include "validate/attachments.h"
#include "validate/files.h"
#include "validate/privacy.h"
#include "validate/site_rules.h"

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

/// One organisation's data files, read in the first pass. `org` is there whenever the
/// folder can be an organisation, so that its Markdown files are checked too even when a
/// data file has errors: every problem is reported in one build.
struct OrgData {
  std::optional<Organisation> org;
  std::optional<IndexFront> index_front;
  /// (name, consent, file) of every person the organisation names.
  std::vector<std::tuple<std::string, bool, std::string>> people;
};

void note_person(OrgData& data, const Field<PersonRecord>& p, const std::string& file) {
  if (p.present && p.value.name.present) data.people.emplace_back(p.value.name.value, p.value.consent.value, file);
}

OrgData load_org_data(const ContentSource& source, const OrgFolder& folder, Diagnostics& diagnostics) {
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
  note_person(data, org.card.curator, org_yaml);
  if (folder.has_mentors) {
    const std::string path = folder.id + "/mentors.yaml";
    org.has_mentors_file = true;
    auto text = read_text_file(source, path, diagnostics);
    auto mentors = text ? load_mentors_file(*text, diagnostics) : std::nullopt;
    if (mentors) {
      AttachmentList photos(source, org.id, org.mentor_files);
      for (auto& m : *mentors) {
        Mentor mentor{std::move(m.value), -1};
        if (mentor.record.name.present) data.people.emplace_back(mentor.record.name.value, mentor.record.consent.value, path);
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
    if (file) org.indicators = indicator_table(*file);
  }
  if (folder.has_roadmap) {
    auto text = read_text_file(source, folder.id + "/roadmap.yaml", diagnostics);
    auto file = text ? load_roadmap_file(*text, diagnostics) : std::nullopt;
    if (file) org.roadmap = roadmap_of(*file);
  }
  // The people of stories, for the check of every other text: their files are read in
  // full later, with their errors reported then.
  Diagnostics scratch;
  for (const auto& path : folder.markdown[index_of(Section::Stories)]) {
    auto text = read_text_file(source, path, scratch);
    if (!text) continue;
    if (auto file = load_markdown_file(Section::Stories, *text, scratch)) {
      const auto& story = std::get<StoryFront>(file->front);
      note_person(data, story.mentor, path);
      note_person(data, story.mentee, path);
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

// A body rendered with its attachment links resolved; its problems reported.
RenderedBody load_body(std::string_view body, int first_line, const std::string& path, PageFiles& files,
                       const std::vector<Attachment>& list, Diagnostics& diagnostics) {
  if (auto problem = check_markdown_limits(body, first_line)) {
    diagnostics.error(path, problem->pos, problem->message);
    return {};
  }
  RenderedBody rendered = render_body(body, first_line, [&](const std::string& url, Position pos) -> std::optional<std::string> {
    if (!is_attachment_link(url)) return std::nullopt;
    int index = files.list.add(url.substr(0, url.find_first_of("?#")), path, pos, diagnostics);
    if (index < 0) return std::nullopt;
    return list[static_cast<size_t>(index)].file_name;
  });
  for (const auto& problem : rendered.problems) diagnostics.error(path, problem.pos, problem.message);
  return rendered;
}

std::optional<Entry> load_entry(const ContentSource& source, const std::string& org, Section section, const std::string& path,
                                const PeopleRegistry& people, Diagnostics& shared) {
  // Collected per file, so that other threads' reports don't decide this file's fate.
  Diagnostics diagnostics;
  struct Merge {
    Diagnostics& from;
    Diagnostics& to;
    ~Merge() { to.merge(from); }
  } merge{diagnostics, shared};
  auto text = read_text_file(source, path, diagnostics);
  if (!text) return std::nullopt;
  auto file = load_markdown_file(section, *text, diagnostics);
  if (!file) return std::nullopt;

  Entry entry;
  entry.section = section;
  entry.org = org;
  entry.source_path = path;
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

  PageFiles files{source, path, diagnostics, AttachmentList(source, org, entry.attachments)};
  entry.image = files.one(base.image, true);
  bool hidden_minor = false;
  std::vector<std::string> header = {base.title.value, base.summary.value};
  for (const auto& t : base.tags.value) header.push_back(t.value);
  switch (section) {
    case Section::Documents: entry.file = files.one(entry.as<DocumentFront>().file, false); break;
    case Section::Orders: entry.file = files.one(entry.as<OrderFront>().file, false); break;
    case Section::Stories: {
      const auto& s = entry.as<StoryFront>();
      auto hidden_person = [](const Field<PersonRecord>& p) { return p.present && p.value.minor.value && !p.value.consent.value; };
      hidden_minor = hidden_person(s.mentor) || hidden_person(s.mentee);
      if (!hidden_minor) entry.photos = files.many(s.photos, true);
      header.push_back(s.model.value);
      for (const auto& r : s.results.value) header.push_back(r.value);
      break;
    }
    case Section::Practices: {
      const auto& p = entry.as<PracticeFront>();
      entry.files = files.many(p.files, false);
      for (const auto& r : p.results.value) header.push_back(r.value);
      break;
    }
    case Section::News:
    case Section::Pages:
      break;
  }

  RenderedBody rendered = load_body(file->body, file->body_first_line, path, files, entry.attachments, diagnostics);
  if (hidden_minor && !rendered.images.empty()) {
    diagnostics.error(path, rendered.images.front(),
                      "в истории участвует несовершеннолетний без согласия на публикацию, поэтому изображения в тексте публиковать нельзя; уберите изображение или получите согласие законного представителя (consent: true)");
  }
  if (section == Section::Stories) {
    FileContext ctx(path, 2, diagnostics);
    check_story_people(entry.as<StoryFront>(), file->body, file->body_first_line, ctx);
  }
  if (!entry.draft()) check_hidden_names(people, org, path, header, file->body, file->body_first_line, diagnostics);
  entry.body = std::move(rendered.body);
  entry.summary = typograph(truncate_words(base.summary.present ? base.summary.value : rendered.first_paragraph, 300));
  if (diagnostics.has_errors()) return std::nullopt;
  return entry;
}

bool load_intro(const ContentSource& source, Organisation& org, const PeopleRegistry& people, Diagnostics& shared) {
  Diagnostics diagnostics;
  struct Merge {
    Diagnostics& from;
    Diagnostics& to;
    ~Merge() { to.merge(from); }
  } merge{diagnostics, shared};
  const std::string path = org.id + "/_index.md";
  auto text = read_text_file(source, path, diagnostics);
  if (!text) return false;
  auto file = load_index_file(*text, diagnostics);
  if (!file) return false;
  org.intro.title = file->front.title.value;
  PageFiles files{source, path, diagnostics, AttachmentList(source, org.id, org.intro.files)};
  org.intro.image = files.one(file->front.image, true);
  RenderedBody rendered = load_body(file->body, file->body_first_line, path, files, org.intro.files, diagnostics);
  org.intro.body = std::move(rendered.body);
  check_hidden_names(people, org.id, path, {}, file->body, file->body_first_line, diagnostics);
  return !diagnostics.has_errors();
}

struct MarkdownJob {
  size_t org;  ///< index into the organisations
  Section section;
  const std::string* path;  ///< nullptr: the organisation's _index.md
};

}  // namespace

std::optional<Site> load_site(const ContentSource& source, int64_t epoch, const LoadOptions& options, Diagnostics& diagnostics,
                              BuildReport& report) {
  StageClock clock(report);
  ContentTree tree = scan_content(source, diagnostics);
  clock.mark("scan");
  if (!tree.found) return std::nullopt;

  std::optional<SiteFile> config;
  if (tree.has_site_yaml) {
    if (auto text = read_text_file(source, "site.yaml", diagnostics)) config = load_site_file(*text, diagnostics);
  }
  std::vector<OrgData> data(tree.orgs.size());
  parallel_for(tree.orgs.size(), options.workers, [&](size_t i) { data[i] = load_org_data(source, tree.orgs[i], diagnostics); });

  PeopleRegistry people;
  for (const auto& d : data) {
    if (!d.org) continue;
    for (const auto& [name, consent, file] : d.people) people.add(d.org->id, name, consent, file);
  }
  people.finish();

  std::vector<MarkdownJob> jobs;
  for (size_t o = 0; o < tree.orgs.size(); ++o) {
    if (!data[o].org) continue;
    if (tree.orgs[o].has_index) jobs.push_back({o, Section::News, nullptr});
    for (Section s : kAllSections) {
      for (const auto& path : tree.orgs[o].markdown[index_of(s)]) jobs.push_back({o, s, &path});
    }
  }
  report.sources = jobs.size();
  if (options.progress) options.progress->start(BuildProgress::Loading, jobs.size());
  std::vector<std::optional<Entry>> loaded(jobs.size());
  parallel_for(jobs.size(), options.workers, [&](size_t i) {
    const MarkdownJob& job = jobs[i];
    Organisation& org = *data[job.org].org;
    if (job.path) loaded[i] = load_entry(source, org.id, job.section, *job.path, people, diagnostics);
    else load_intro(source, org, people, diagnostics);
    if (options.progress) options.progress->advance();
  });
  clock.mark("load");

  std::vector<Entry> entries;
  entries.reserve(loaded.size());
  for (auto& e : loaded) {
    if (e) entries.push_back(std::move(*e));
  }
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
  if (!config || diagnostics.has_errors()) return std::nullopt;
  Date today = date_in_zone(epoch, config->timezone.present ? config->timezone.value : "Europe/Moscow");
  Site site = assemble_site(*config, std::move(orgs), std::move(entries), today);
  check_indicator_units(site.orgs, diagnostics);
  clock.mark("assemble");
  report.organisations = site.orgs.size();
  if (diagnostics.has_errors()) return std::nullopt;
  return site;
}

}  // namespace nastavnik
