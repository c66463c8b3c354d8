#include "validate/files.h"

#include <algorithm>
#include <map>
#include <set>

#include "contract/declarations.h"
#include "core/strings.h"
#include "read/front_matter.h"
#include "text/russian.h"
#include "text/slug.h"

namespace nastavnik {
namespace {

// The rules of one file beyond its contract's types.

bool check_site(const SiteFile& s, FileContext& ctx) {
  bool ok = true;
  if (s.base_url.present && s.base_url.value.back() != '/') {
    ctx.error(s.base_url.pos, "адрес base_url должен оканчиваться на /, напишите «" + s.base_url.value + "/»");
    ok = false;
  }
  if (s.timezone.present && !is_known_time_zone(s.timezone.value)) {
    ctx.error(s.timezone.pos, "неизвестный часовой пояс «" + s.timezone.value + "», укажите его как Europe/Moscow или Asia/Krasnoyarsk");
    ok = false;
  }
  return ok;
}

bool check_story(const StoryFront& s, FileContext& ctx) {
  bool ok = true;
  const PeriodRecord& p = s.period.value;
  if (p.from.present && p.to.present && p.to.value < p.from.value) {
    ctx.error(p.to.pos, "окончание периода раньше его начала, проверьте даты from и to");
    ok = false;
  }
  auto hidden_minor = [](const Field<PersonRecord>& f) { return f.present && f.value.minor.value && !f.value.consent.value; };
  if (hidden_minor(s.mentor) || hidden_minor(s.mentee)) {
    if (s.image.present) {
      ctx.error(s.image.pos, "в истории участвует несовершеннолетний без согласия на публикацию, поэтому иллюстрацию публиковать нельзя; удалите поле image или получите согласие законного представителя (consent: true)");
      ok = false;
    }
    if (!s.photos.value.empty()) {
      ctx.error(s.photos.pos, "в истории участвует несовершеннолетний без согласия на публикацию, поэтому фотографии публиковать нельзя; удалите поле photos или получите согласие законного представителя (consent: true)");
      ok = false;
    }
  }
  return ok;
}

bool check_indicators(const IndicatorsFile& file, FileContext& ctx) {
  bool ok = true;
  std::set<int64_t> years;
  for (const auto& y : file.years) {
    if (y.value < 2000 || y.value > 2100) {
      ctx.error(y.pos, "год " + std::to_string(y.value) + " вне допустимого диапазона, укажите год от 2000 до 2100");
      ok = false;
    } else if (!years.insert(y.value).second) {
      ctx.error(y.pos, "год " + std::to_string(y.value) + " указан в years дважды, оставьте один");
      ok = false;
    }
  }
  std::map<std::string, int> ids;  // id → line of its first use
  for (const auto& item : file.indicators) {
    const IndicatorRecord& ind = item.value;
    auto [it, inserted] = ids.emplace(ind.id.value, ind.id.pos.line);
    if (!inserted) {
      ctx.error(ind.id.pos, "показатель с кодом «" + ind.id.value + "» уже есть в строке " + std::to_string(it->second) +
                                ", у каждого показателя должен быть свой id");
      ok = false;
    }
    const bool percent = ind.unit.value == "percent";
    std::set<int> seen;
    for (const auto& [year, v] : ind.values) {
      const std::string y = std::to_string(year.value);
      if (!years.count(year.value)) {
        ctx.error(year.pos, "год " + y + " не указан в списке years, добавьте его в years или исправьте год");
        ok = false;
        continue;
      }
      if (!seen.insert(year.value).second) {
        ctx.error(year.pos, "значение за " + y + " год указано дважды, оставьте одно");
        ok = false;
        continue;
      }
      const IndicatorValueRecord& r = v.value;
      auto negative = [&](const Field<int64_t>& f, const char* name) {
        if (!f.present || f.value >= 0) return false;
        ctx.error(f.pos, std::string("отрицательное значение в поле «") + name + "», укажите число 0 или больше");
        return true;
      };
      if (percent) {
        if (!r.denominator.present) {
          ctx.error(year.pos, "у доли (unit: percent) нет знаменателя за " + y + " год, добавьте denominator — число, от которого считается доля");
          ok = false;
          continue;
        }
        if (!r.numerator.present) {
          ctx.error(year.pos, "у доли (unit: percent) нет числителя за " + y + " год, добавьте numerator");
          ok = false;
          continue;
        }
        bool bad = negative(r.numerator, "numerator");
        bad = negative(r.denominator, "denominator") || bad;
        if (!bad && r.numerator.value > r.denominator.value) {
          ctx.error(r.numerator.pos, "числитель " + std::to_string(r.numerator.value) + " больше знаменателя " +
                                         std::to_string(r.denominator.value) + ", проверьте значения: доля не может превышать 100 %");
          bad = true;
        }
        ok = !bad && ok;
      } else {
        if (!r.value.present) {
          ctx.error(year.pos, "нет значения value за " + y + " год, добавьте value: число");
          ok = false;
          continue;
        }
        ok = !negative(r.value, "value") && ok;
      }
      if (r.target.present) {
        if (r.target.value < 0) {
          ctx.error(r.target.pos, "целевое значение target не может быть отрицательным");
          ok = false;
        } else if (percent && r.target.value > 100) {
          ctx.error(r.target.pos, "целевое значение доли больше 100 %, укажите процент от 0 до 100");
          ok = false;
        }
      }
    }
  }
  return ok;
}

bool check_roadmap(const RoadmapFile& file, FileContext& ctx) {
  bool ok = true;
  std::map<std::string, int> ids;  // item id → line of its first use
  for (const auto& section : file.sections) {
    for (const auto& item_field : section.value.items) {
      const RoadmapItemRecord& item = item_field.value;
      if (item.start.present && item.end.present && item.end.value < item.start.value) {
        ctx.error(item.end.pos, "дата окончания end " + item.end.value.iso() + " раньше даты начала start " + item.start.value.iso() +
                                    ", исправьте одну из дат или поменяйте их местами");
        ok = false;
      }
      if (item.id.present) {
        auto [it, inserted] = ids.emplace(item.id.value, item.id.pos.line);
        if (!inserted) {
          ctx.warning(item.id.pos, "номер мероприятия " + guillemets(item.id.value) + " уже есть в строке " + std::to_string(it->second) +
                                       ", дайте мероприятиям разные номера: по номеру мероприятие узнаётся в календаре");
        }
      }
    }
  }
  return ok;
}

template <class R, class Check>
std::optional<R> load_data_file(const SourceFile& source, const Contract<R>& contract, Diagnostics& diagnostics, Check check) {
  auto doc = parse_yaml_at(source, source.text(), 1, diagnostics);
  if (!doc) return std::nullopt;
  FileContext ctx(source.path(), 1, diagnostics);
  R record;
  if (!read_record(*doc, contract, ctx, record) || !check(record, ctx)) return std::nullopt;
  return record;
}

template <class R>
std::optional<Front> read_front(const YamlNode& doc, const Contract<R>& contract, FileContext& ctx) {
  R record;
  if (!read_record(doc, contract, ctx, record)) return std::nullopt;
  return Front(std::move(record));
}

}  // namespace

std::optional<YamlNode> parse_yaml_at(const SourceFile& source, std::string_view yaml, int first_line, Diagnostics& diagnostics) {
  YamlError error;
  auto doc = parse_yaml(yaml, error);
  if (!doc) diagnostics.error(source.path(), {error.line + first_line - 1, error.column}, std::move(error.message));
  return doc;
}

std::optional<SiteFile> load_site_file(const SourceFile& source, Diagnostics& diagnostics) {
  return load_data_file(source, site_contract(), diagnostics, check_site);
}

std::optional<OrgFile> load_org_file(const SourceFile& source, Diagnostics& diagnostics) {
  return load_data_file(source, org_contract(), diagnostics, [](const OrgFile&, FileContext&) { return true; });
}

std::optional<std::vector<Field<MentorRecord>>> load_mentors_file(const SourceFile& source, Diagnostics& diagnostics) {
  auto doc = parse_yaml_at(source, source.text(), 1, diagnostics);
  if (!doc) return std::nullopt;
  FileContext ctx(source.path(), 1, diagnostics);
  std::vector<Field<MentorRecord>> out;
  if (doc->is_null()) return out;
  if (!doc->is_sequence()) {
    ctx.error(*doc, "mentors.yaml должен быть списком наставников: каждый начинается со строки «- name: …»");
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& item : doc->items) {
    Field<MentorRecord> m;
    m.pos = ctx.at(item);
    m.present = true;
    if (!read_record(item, mentor_contract(), ctx, m.value)) ok = false;
    else out.push_back(std::move(m));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<IndicatorsFile> load_indicators_file(const SourceFile& source, Diagnostics& diagnostics) {
  return load_data_file(source, indicators_contract(), diagnostics, check_indicators);
}

std::optional<RoadmapFile> load_roadmap_file(const SourceFile& source, Diagnostics& diagnostics) {
  return load_data_file(source, roadmap_contract(), diagnostics, check_roadmap);
}

namespace {

// A Markdown file's front matter, parsed (its YAML starts on line 2), and where its body is.
std::optional<YamlNode> parse_front_matter(const SourceFile& source, FrontMatter& split, Diagnostics& diagnostics) {
  FrontMatterError split_error;
  if (!split_front_matter(source.text(), split, split_error)) {
    diagnostics.error(source.path(), split_error.pos, split_error.message);
    return std::nullopt;
  }
  return parse_yaml_at(source, split.yaml, 2, diagnostics);
}

}  // namespace

std::optional<MarkdownFile> load_markdown_file(Section section, const SourceFile& source, Diagnostics& diagnostics) {
  FrontMatter split;
  auto doc = parse_front_matter(source, split, diagnostics);
  if (!doc) return std::nullopt;
  FileContext ctx(source.path(), 2, diagnostics);
  std::optional<Front> front;
  switch (section) {
    case Section::News: front = read_front(*doc, news_contract(), ctx); break;
    case Section::Documents: front = read_front(*doc, document_contract(), ctx); break;
    case Section::Orders: front = read_front(*doc, order_contract(), ctx); break;
    case Section::Stories:
      front = read_front(*doc, story_contract(), ctx);
      if (front && !check_story(std::get<StoryFront>(*front), ctx)) front.reset();
      break;
    case Section::Practices: front = read_front(*doc, practice_contract(), ctx); break;
    case Section::Pages: front = read_front(*doc, page_contract(), ctx); break;
  }
  if (!front) return std::nullopt;
  return MarkdownFile{std::move(*front), split.body, split.body_first_line};
}

std::optional<IndexFile> load_index_file(const SourceFile& source, Diagnostics& diagnostics) {
  IndexFile out;
  out.body = source.text();
  // The landing text may come without front matter: it is plain Markdown then. One meant to
  // have it (a blank line or Word's dash before `---`) is reported, not published as text.
  if (!starts_with_front_matter(source.text())) return out;
  FrontMatter split;
  auto doc = parse_front_matter(source, split, diagnostics);
  if (!doc) return std::nullopt;
  FileContext ctx(source.path(), 2, diagnostics);
  if (!read_record(*doc, index_contract(), ctx, out.front)) return std::nullopt;
  out.body = split.body;
  out.body_first_line = split.body_first_line;
  return out;
}

std::string slug_from_file_name(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  std::string_view stem = name.substr(0, name.rfind('.'));
  if (stem.size() > 11 && Date::parse_iso(stem.substr(0, 10)) && stem[10] == '-') stem = stem.substr(11);
  return slugify(stem);
}

}  // namespace nastavnik
