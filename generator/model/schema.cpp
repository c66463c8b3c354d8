#include "model/schema.h"

#include "model/forms.h"

namespace nastavnik {
namespace {

using T = FieldType;

FieldSpec text(std::string key, bool required, std::string doc) { return {std::move(key), T::Text, required, std::move(doc), {}, {}}; }
FieldSpec date(std::string key, bool required, std::string doc) { return {std::move(key), T::Date, required, std::move(doc), {}, {}}; }
FieldSpec flag(std::string key, std::string doc) { return {std::move(key), T::Bool, false, std::move(doc), {}, {}}; }
FieldSpec choice(std::string key, bool required, const std::vector<Term>& terms, std::string doc) {
  return {std::move(key), T::Choice, required, std::move(doc), ids_of(terms), {}};
}

FieldSpec person(std::string key, std::string doc, bool with_contacts) {
  FieldSpec p{std::move(key), T::Map, false, std::move(doc), {}, {}};
  p.fields = {
      text("name", false, "Фамилия, имя, отчество или фамилия и инициалы. Публикуется только при consent: true."),
      text("position", false, "Должность или роль: «учитель информатики», «ученик 7 «Б» класса»."),
      flag("consent", "true — есть письменное согласие на публикацию имени (152-ФЗ). Без него имя не публикуется."),
  };
  if (with_contacts) {
    p.fields.push_back({"email", T::Email, false, "Адрес электронной почты для связи.", {}, {}});
    p.fields.push_back(text("phone", false, "Телефон для связи."));
  } else {
    p.fields.push_back(flag("minor", "true — несовершеннолетний. Без согласия его имя и фотографии не публикуются нигде."));
  }
  return p;
}

// Keys every Markdown file may carry.
void add_common(std::vector<FieldSpec>& fields) {
  fields.push_back(flag("draft", "true — черновик: не публикуется."));
  fields.push_back(text("summary", false, "Краткое описание для списков и RSS (простой текст). Без него берётся первый абзац."));
  fields.push_back({"tags", T::TextList, false, "Метки: [конкурс, молодые педагоги].", {}, {}});
  fields.push_back({"image", T::FilePath, false, "Иллюстрация: путь к файлу в папке files/.", {}, {}});
  fields.push_back({"slug", T::Slug, false,
                    "Адрес страницы латиницей (a-z, 0-9, -). Без него — имя файла без даты, в транслитерации.", {}, {}});
}

Schema markdown_schema(std::string id, std::string title, std::string location, std::vector<FieldSpec> fields) {
  add_common(fields);
  return {std::move(id), std::move(title), std::move(location), std::move(fields)};
}

}  // namespace

const Schema& site_schema() {
  static const Schema s{"site", "Настройки портала", "site.yaml", {
      text("title", true, "Название раздела или портала: «Наставничество»."),
      {"base_url", T::Url, true, "Адрес опубликованного сайта, с / в конце: https://nastavnik.example.ru/ или https://group.gitlab.io/project/.", {}, {}},
      {"department", T::Slug, false, "Папка организации — органа управления образованием; её вкладка становится главной страницей.", {}, {}},
      text("description", false, "Описание портала для поисковых систем и RSS."),
      text("timezone", false, "Часовой пояс (IANA), по которому наступает дата публикации: Europe/Moscow (по умолчанию), Asia/Krasnoyarsk."),
  }};
  return s;
}

const Schema& org_schema() {
  static const Schema s{"org", "Карточка организации", "<организация>/org.yaml", {
      text("name", true, "Полное наименование организации."),
      text("short_name", true, "Краткое наименование: «МБОУ СОШ № 1»."),
      choice("kind", true, organisation_kinds(), "Вид организации."),
      text("city", false, "Населённый пункт."),
      {"site", T::Url, false, "Собственный сайт организации.", {}, {}},
      person("curator", "Куратор внедрения целевой модели наставничества: name, position, email, phone, consent.", true),
      {"forms", T::ChoiceList, false, "Формы наставничества, которые реализует организация.", ids_of(mentoring_forms()), {}},
  }};
  return s;
}

const Schema& index_schema() {
  static const Schema s = markdown_schema("index", "Главная страница вкладки организации", "<организация>/_index.md", {
      text("title", false, "Заголовок вкладки. По умолчанию — краткое наименование организации."),
  });
  return s;
}

const Schema& news_schema() {
  static const Schema s = markdown_schema("news", "Новость", "<организация>/news/*.md", {
      text("title", true, "Заголовок новости."),
      date("date", true, "Дата новости, ГГГГ-ММ-ДД. Новость с датой в будущем появится на сайте в этот день."),
  });
  return s;
}

const Schema& document_schema() {
  static const Schema s = markdown_schema("documents", "Документ", "<организация>/documents/*.md", {
      text("title", true, "Название документа: «Положение о наставничестве»."),
      choice("type", true, document_types(), "Вид документа."),
      date("date", true, "Дата утверждения, ГГГГ-ММ-ДД."),
      text("number", false, "Номер документа или приказа об утверждении."),
      text("approved_by", false, "Чем утверждён: «Приказ ГУО от 26.04.2022 № 725»."),
      {"file", T::FilePath, false, "Файл документа в папке files/ (PDF, DOCX, ODT…). Можно не указывать, если полный текст — в теле файла.", {}, {}},
      date("valid_until", false, "Срок действия, ГГГГ-ММ-ДД: после него документ показывается как утративший силу."),
  });
  return s;
}

const Schema& order_schema() {
  static const Schema s = markdown_schema("orders", "Приказ", "<организация>/orders/*.md", {
      text("title", true, "Название приказа: «О внедрении целевой модели наставничества»."),
      text("number", true, "Номер приказа: «125-о»."),
      date("date", true, "Дата приказа, ГГГГ-ММ-ДД."),
      text("issuer", false, "Кто издал приказ. По умолчанию — краткое наименование организации."),
      choice("topic", true, order_topics(), "Тема приказа."),
      {"file", T::FilePath, true, "Скан или файл приказа в папке files/.", {}, {}},
  });
  return s;
}

const Schema& story_schema() {
  static const Schema s = markdown_schema("stories", "История наставничества", "<организация>/stories/*.md", {
      text("title", true, "Заголовок истории."),
      date("date", true, "Дата публикации, ГГГГ-ММ-ДД."),
      choice("form", true, mentoring_forms(), "Форма наставничества."),
      text("model", false, "Ролевая модель: «опытный учитель – молодой специалист»."),
      person("mentor", "Наставник: name, position, consent, minor.", false),
      person("mentee", "Наставляемый: name, position, consent, minor.", false),
      {"period", T::Map, false, "Срок работы пары: from и to, ГГГГ-ММ-ДД.", {}, {
          date("from", false, "Начало работы пары."),
          date("to", false, "Окончание работы пары."),
      }},
      {"results", T::TextList, false, "Результаты: [\"Посещено 6 уроков\", \"Подготовлен открытый урок\"].", {}, {}},
      {"photos", T::FilePathList, false, "Фотографии в папке files/. Нельзя, если в истории несовершеннолетний без согласия.", {}, {}},
  });
  return s;
}

const Schema& practice_schema() {
  static const Schema s = markdown_schema("practices", "Лучшая практика", "<организация>/practices/*.md", {
      text("title", true, "Название практики."),
      date("date", true, "Дата публикации, ГГГГ-ММ-ДД."),
      choice("form", true, mentoring_forms(), "Форма наставничества."),
      {"authors", T::TextList, false, "Авторы: [\"Зубакина О.Г.\"].", {}, {}},
      {"results", T::TextList, false, "Результаты практики.", {}, {}},
      {"files", T::FilePathList, false, "Материалы практики в папке files/.", {}, {}},
      flag("featured", "true — показать в банке лучших практик на главной странице портала."),
  });
  return s;
}

const Schema& page_schema() {
  static const Schema s = markdown_schema("pages", "Страница", "<организация>/pages/*.md", {
      text("title", true, "Заголовок страницы."),
      date("date", false, "Дата обновления, ГГГГ-ММ-ДД."),
      {"weight", T::Integer, false, "Порядок в меню: меньшее число — выше.", {}, {}},
  });
  return s;
}

const Schema& mentor_schema() {
  static const Schema s{"mentors", "Наставник (элемент списка)", "<организация>/mentors.yaml", {
      text("name", false, "ФИО наставника. Публикуется только при consent: true."),
      text("position", true, "Должность: «учитель информатики»."),
      {"forms", T::ChoiceList, false, "Формы наставничества.", ids_of(mentoring_forms()), {}},
      choice("role", false, mentor_roles(), "Роль наставника."),
      {"photo", T::FilePath, false, "Фотография в папке files/. Публикуется только при consent: true.", {}, {}},
      flag("consent", "true — есть согласие на публикацию имени и фотографии."),
  }};
  return s;
}

const Schema& indicators_schema() {
  static const Schema s{"indicators", "Показатели", "<организация>/indicators.yaml", {
      text("title", false, "Заголовок таблицы показателей."),
      {"years", T::IntegerList, true, "Годы, за которые публикуются показатели: [2022, 2023, 2024].", {}, {}},
      {"indicators", T::MapList, true, "Список показателей; у каждого id, title, unit и values.", {}, {
          {"id", T::Slug, true, "Код показателя латиницей: young-teachers-covered. Одинаковый код у разных организаций суммируется на странице управления образованием.", {}, {}},
          text("title", true, "Название показателя."),
          {"unit", T::Choice, true, "percent — доля (числитель и знаменатель по годам), count — количество.", {"percent", "count"}, {}},
          {"values", T::YearMap, true, "Значения по годам: 2022: {numerator: 12, denominator: 15, target: 70} или 2022: {value: 8, target: 10}.", {}, {
              {"numerator", T::Integer, false, "Числитель доли (для percent).", {}, {}},
              {"denominator", T::Integer, false, "Знаменатель доли (для percent).", {}, {}},
              {"value", T::Integer, false, "Значение (для count).", {}, {}},
              {"target", T::Text, false, "Целевое значение: процент для percent, количество для count.", {}, {}},
          }},
      }},
  }};
  return s;
}

const Schema& roadmap_schema() {
  static const Schema s{"roadmap", "Дорожная карта", "<организация>/roadmap.yaml", {
      text("title", true, "Название дорожной карты."),
      text("approved_by", false, "Чем утверждена: «Приказ от 26.04.2022 № 725»."),
      {"sections", T::MapList, true, "Разделы дорожной карты; у каждого title и items.", {}, {
          text("title", true, "Название раздела."),
          {"items", T::MapList, true, "Мероприятия раздела.", {}, {
              text("id", false, "Номер мероприятия: «1.1»."),
              text("title", true, "Мероприятие."),
              text("when", false, "Срок, как в документе: «Март – апрель 2022»."),
              date("start", false, "Дата начала, ГГГГ-ММ-ДД: мероприятие попадёт в календарь."),
              date("end", false, "Дата окончания, ГГГГ-ММ-ДД."),
              {"responsible", T::TextList, false, "Ответственные: [\"ГУО администрации г. Черногорска\"].", {}, {}},
              text("result", false, "Ожидаемый результат."),
              {"status", T::Choice, false, "planned — запланировано, in-progress — выполняется, done — выполнено, cancelled — отменено.",
               {"planned", "in-progress", "done", "cancelled"}, {}},
          }},
      }},
  }};
  return s;
}

std::vector<const Schema*> all_schemas() {
  return {&site_schema(), &org_schema(), &index_schema(), &news_schema(), &document_schema(), &order_schema(),
          &story_schema(), &practice_schema(), &page_schema(), &mentor_schema(), &indicators_schema(), &roadmap_schema()};
}

std::string describe_type(const FieldSpec& spec) {
  switch (spec.type) {
    case T::Text: return "текст";
    case T::Date: return "дата в формате ГГГГ-ММ-ДД";
    case T::Bool: return "true или false";
    case T::Integer: return "целое число";
    case T::Choice: return "одно из значений списка";
    case T::TextList: return "список строк в квадратных скобках";
    case T::ChoiceList: return "список значений в квадратных скобках";
    case T::FilePath: return "путь к файлу в папке files/";
    case T::FilePathList: return "список путей к файлам в папке files/";
    case T::Url: return "адрес, начинающийся с https://";
    case T::Email: return "адрес электронной почты";
    case T::Slug: return "латинские строчные буквы, цифры и дефис, до 100 символов";
    case T::Map: return "вложенные поля";
    case T::MapList: return "список элементов с полями";
    case T::YearMap: return "значения по годам";
    case T::IntegerList: return "список целых чисел в квадратных скобках";
  }
  return "значение";
}

}  // namespace nastavnik
