// THE content contract. Each key of each kind of file is declared here once, bound to the
// member of its record (contract/records.h). Adding a key is one line here (and one member).
#include "contract/declarations.h"

namespace nastavnik {
namespace {

template <class R>
void person_fields(Contract<R>& c, bool contacts) {
  c.text("name", &R::name).prose().example("\"Петрова Анна Сергеевна\"")
      .doc("Фамилия, имя, отчество или фамилия и инициалы; без consent: true на сайт не попадает. "
           "По нему проверка находит это имя в текстах организации в любом падеже, с инициалами и в уменьшительной форме.");
  c.text("position", &R::position).prose().example("\"учитель математики\"")
      .doc("Должность или роль: «учитель информатики», «ученик 7 «Б» класса».");
  c.flag("consent", &R::consent).example("false")
      .doc("true — есть письменное согласие на публикацию имени (152-ФЗ). Без него имя не публикуется.");
  if (contacts) {
    c.email("email", &R::email).example("curator@school.ru").doc("Адрес электронной почты для связи.");
    c.text("phone", &R::phone).example("\"+7 (390) 000-00-00\"").doc("Телефон для связи.");
  } else {
    c.flag("minor", &R::minor).example("false")
        .doc("true — несовершеннолетний. Без согласия его имя и фотографии не публикуются нигде.");
  }
}

const Contract<PersonRecord>& curator_contract() {
  static const Contract<PersonRecord> c = [] {
    Contract<PersonRecord> c("curator", "Куратор", "curator");
    person_fields(c, true);
    return c;
  }();
  return c;
}

const Contract<PersonRecord>& participant_contract() {
  static const Contract<PersonRecord> c = [] {
    Contract<PersonRecord> c("person", "Участник", "mentor, mentee");
    person_fields(c, false);
    return c;
  }();
  return c;
}

const Contract<PeriodRecord>& period_contract() {
  static const Contract<PeriodRecord> c = [] {
    Contract<PeriodRecord> c("period", "Срок", "period");
    c.date("from", &PeriodRecord::from).example("2024-09-01").doc("Начало работы пары.");
    c.date("to", &PeriodRecord::to).example("2025-05-31").doc("Окончание работы пары.");
    return c;
  }();
  return c;
}

// Names that are another person's than a hidden one's (152-ФЗ): every file a name can stand
// in may say so.
template <class R>
void namesakes_field(Contract<R>& c) {
  c.texts("namesakes", &R::namesakes).example("[\"Семёнова В. П.\"]")
      .doc("Тёзки: имена в этом файле, которые принадлежат другим людям, а не тому, чьё имя без согласия публиковать нельзя; "
           "«Семёнова В. П.» (учитель, подписывает приказы) — не наставляемый «Семёнов В. П.». Проверка имён их пропускает; "
           "в запросе на слияние это заявление видно проверяющему.");
}

// Keys every Markdown file may carry, after the kind's own.
template <class R>
void common_fields(Contract<R>& c) {
  c.flag("draft", &R::draft).example("true").doc("true — черновик: не публикуется.");
  c.text("summary", &R::summary).prose().example("\"…\"")
      .doc("Краткое описание для списков и RSS (простой текст). Без него берётся первый абзац.");
  c.texts("tags", &R::tags).prose().example("[конкурс, молодые педагоги]").doc("Метки: [конкурс, молодые педагоги].");
  c.file("image", &R::image).image().example("files/{slug}.jpg").doc("Иллюстрация: путь к файлу в папке files/.");
  c.slug("slug", &R::slug).example("latinskoe-imya")
      .doc("Адрес страницы латиницей (a-z, 0-9, -). Без него — имя файла без даты, в транслитерации.");
  namesakes_field(c);
}

template <class R>
Contract<R> markdown_contract(const char* id, const char* title, const char* location,
                              void (*declare)(Contract<R>&)) {
  Contract<R> c(id, title, location);
  declare(c);
  common_fields(c);
  return c;
}

const Contract<EditorRecord>& editor_contract() {
  static const Contract<EditorRecord> c = [] {
    Contract<EditorRecord> c("editor", "Редактор в браузере", "editor");
    c.text("repo", &EditorRecord::repo).required().example("uo-gorod/nastavnichestvo")
        .doc("Проект в GitLab, куда редактор сохраняет материалы: группа/проект, как в адресе проекта.");
    c.url("gitlab", &EditorRecord::gitlab).example("\"https://gitlab.com/\"")
        .doc("Адрес GitLab: https://gitlab.com/ (по умолчанию) или собственного сервера GitLab.");
    c.text("app_id", &EditorRecord::app_id).example("\"…\"")
        .doc("Идентификатор приложения (Application ID) из настроек GitLab, через которое кураторы входят в редактор.");
    c.text("branch", &EditorRecord::branch).example("main").doc("Ветка, в которую попадают принятые изменения: main по умолчанию.");
    c.text("content", &EditorRecord::content).example("content")
        .doc("Папка материалов в проекте: content по умолчанию.");
    return c;
  }();
  return c;
}

}  // namespace

const Contract<SiteFile>& site_contract() {
  static const Contract<SiteFile> c = [] {
    Contract<SiteFile> c("site", "Настройки портала", "site.yaml");
    c.text("title", &SiteFile::title).required().prose().example("\"Наставничество\"")
        .doc("Название раздела или портала: «Наставничество».");
    c.url("base_url", &SiteFile::base_url).required().example("\"https://nastavnik.example.ru/\"")
        .doc("Адрес опубликованного сайта, с / в конце: https://nastavnik.example.ru/ или https://group.gitlab.io/project/.");
    c.slug("department", &SiteFile::department).example("uo-gorod")
        .doc("Папка организации — органа управления образованием; её вкладка становится главной страницей.");
    c.text("description", &SiteFile::description).prose().example("\"…\"").doc("Описание портала для поисковых систем и RSS.");
    c.text("timezone", &SiteFile::timezone).example("Europe/Moscow")
        .doc("Часовой пояс (IANA), по которому наступает дата публикации: Europe/Moscow (по умолчанию), Asia/Krasnoyarsk.");
    c.map("editor", &SiteFile::editor, editor_contract())
        .doc("Редактор в браузере (страница admin/ каждой организации): repo, gitlab, app_id, branch, content.");
    c.flag("ocr", &SiteFile::ocr).example("true")
        .doc("true — распознавать сканы: PDF без текстового слоя получает русский текст (OCRmyPDF), и на сайте публикуется файл, "
             "в котором текст можно найти и скопировать. Каждый скан распознаётся один раз, результат хранится в кеше сборки.");
    return c;
  }();
  return c;
}

const Contract<OrgFile>& org_contract() {
  static const Contract<OrgFile> c = [] {
    Contract<OrgFile> c("org", "Карточка организации", "<организация>/org.yaml");
    c.text("name", &OrgFile::name).required().prose().example("\"Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»\"")
        .doc("Полное наименование организации.");
    c.text("short_name", &OrgFile::short_name).required().prose().example("\"МБОУ СОШ № 1\"").doc("Краткое наименование: «МБОУ СОШ № 1».");
    c.choice("kind", &OrgFile::kind, organisation_kinds()).required().example("school").doc("Вид организации.");
    c.text("city", &OrgFile::city).prose().example("\"Черногорск\"").doc("Населённый пункт.");
    c.url("site", &OrgFile::site).example("\"https://school1.example.ru/\"").doc("Собственный сайт организации.");
    c.file("emblem", &OrgFile::emblem).image().example("files/gerb.png")
        .doc("Герб или эмблема организации в папке files/ (лучше PNG, квадратная, не меньше 180 × 180 пикселей): значок страниц "
             "организации во вкладке браузера и на экране телефона, картинка ссылки на них в ВКонтакте и Telegram.");
    c.map("curator", &OrgFile::curator, curator_contract())
        .doc("Куратор внедрения целевой модели наставничества: name, position, email, phone, consent.");
    c.choices("forms", &OrgFile::forms, mentoring_forms()).example("[teacher-teacher, student-student]")
        .doc("Формы наставничества, которые реализует организация.");
    namesakes_field(c);
    return c;
  }();
  return c;
}

const Contract<IndexFront>& index_contract() {
  static const Contract<IndexFront> c = markdown_contract<IndexFront>(
      "index", "Главная страница вкладки организации", "<организация>/_index.md", [](Contract<IndexFront>& c) {
        c.text("title", &IndexFront::title).prose().example("\"Наставничество\"")
            .doc("Заголовок вкладки. По умолчанию — краткое наименование организации.");
      });
  return c;
}

const Contract<NewsFront>& news_contract() {
  static const Contract<NewsFront> c = markdown_contract<NewsFront>(
      "news", "Новость", "<организация>/news/*.md", [](Contract<NewsFront>& c) {
        c.text("title", &NewsFront::title).required().prose().doc("Заголовок новости.");
        c.date("date", &NewsFront::date).required()
            .doc("Дата новости, ГГГГ-ММ-ДД. Новость с датой в будущем появится на сайте в этот день.");
      });
  return c;
}

const Contract<DocumentFront>& document_contract() {
  static const Contract<DocumentFront> c = markdown_contract<DocumentFront>(
      "documents", "Документ", "<организация>/documents/*.md", [](Contract<DocumentFront>& c) {
        c.text("title", &DocumentFront::title).required().prose().doc("Название документа: «Положение о наставничестве».");
        c.choice("type", &DocumentFront::type, document_types()).required().doc("Вид документа.");
        c.date("date", &DocumentFront::date).required().doc("Дата утверждения, ГГГГ-ММ-ДД.");
        c.text("number", &DocumentFront::number).prose().example("\"725\"").doc("Номер документа или приказа об утверждении.");
        c.text("approved_by", &DocumentFront::approved_by).prose().example("\"Приказ от 26.04.2022 № 725\"")
            .doc("Чем утверждён: «Приказ ГУО от 26.04.2022 № 725».");
        c.file("file", &DocumentFront::file).example("files/{slug}.pdf")
            .doc("Файл документа в папке files/ (PDF, DOCX, ODT…). Можно не указывать, если полный текст — в теле файла.");
        c.date("valid_until", &DocumentFront::valid_until).example("2026-12-31")
            .doc("Срок действия, ГГГГ-ММ-ДД: после него документ показывается как утративший силу.");
      });
  return c;
}

const Contract<OrderFront>& order_contract() {
  static const Contract<OrderFront> c = markdown_contract<OrderFront>(
      "orders", "Приказ", "<организация>/orders/*.md", [](Contract<OrderFront>& c) {
        c.text("title", &OrderFront::title).required().prose().doc("Название приказа: «О внедрении целевой модели наставничества».");
        c.text("number", &OrderFront::number).required().prose().example("\"125-о\"").doc("Номер приказа: «125-о».");
        c.date("date", &OrderFront::date).required().doc("Дата приказа, ГГГГ-ММ-ДД.");
        c.text("issuer", &OrderFront::issuer).prose().example("\"МБОУ СОШ № 1\"")
            .doc("Кто издал приказ. По умолчанию — краткое наименование организации.");
        c.choice("topic", &OrderFront::topic, order_topics()).required().doc("Тема приказа.");
        c.file("file", &OrderFront::file).required().example("files/{slug}.pdf").doc("Скан или файл приказа в папке files/.");
      });
  return c;
}

const Contract<StoryFront>& story_contract() {
  static const Contract<StoryFront> c = markdown_contract<StoryFront>(
      "stories", "История наставничества", "<организация>/stories/*.md", [](Contract<StoryFront>& c) {
        c.text("title", &StoryFront::title).required().prose().doc("Заголовок истории.");
        c.date("date", &StoryFront::date).required().doc("Дата публикации, ГГГГ-ММ-ДД.");
        c.choice("form", &StoryFront::form, mentoring_forms()).required().doc("Форма наставничества.");
        c.text("model", &StoryFront::model).prose().example("\"опытный учитель – молодой специалист\"")
            .doc("Ролевая модель: «опытный учитель – молодой специалист».");
        c.map("mentor", &StoryFront::mentor, participant_contract()).prompt().doc(
            "Наставник: name, position, consent, minor. Зачем имя, если его нельзя публиковать: по нему проверка находит это имя "
            "в любом тексте организации — в любом падеже, с инициалами, в уменьшительной форме — и не даёт его опубликовать. "
            "Без consent: true имя не появится на сайте нигде, а несовершеннолетнего (minor: true) не будет и на фотографиях. "
            "Репозиторий, где лежат имена, держите закрытым (docs/gitlab-editor.md).");
        c.map("mentee", &StoryFront::mentee, participant_contract()).prompt().doc("Наставляемый: name, position, consent, minor.");
        c.map("period", &StoryFront::period, period_contract()).example("{from: 2024-09-01, to: 2025-05-31}")
            .doc("Срок работы пары: from и to, ГГГГ-ММ-ДД.");
        c.texts("results", &StoryFront::results).prose().example("[\"Посещено 6 уроков\", \"Подготовлен открытый урок\"]")
            .doc("Результаты: [\"Посещено 6 уроков\", \"Подготовлен открытый урок\"].");
        c.files("photos", &StoryFront::photos).image().example("[files/{slug}.jpg]")
            .doc("Фотографии в папке files/. Нельзя, если в истории несовершеннолетний без согласия.");
      });
  return c;
}

const Contract<PracticeFront>& practice_contract() {
  static const Contract<PracticeFront> c = markdown_contract<PracticeFront>(
      "practices", "Лучшая практика", "<организация>/practices/*.md", [](Contract<PracticeFront>& c) {
        c.text("title", &PracticeFront::title).required().prose().doc("Название практики.");
        c.date("date", &PracticeFront::date).required().doc("Дата публикации, ГГГГ-ММ-ДД.");
        c.choice("form", &PracticeFront::form, mentoring_forms()).required().doc("Форма наставничества.");
        c.texts("authors", &PracticeFront::authors).prose().example("[\"Фамилия И.О.\"]").doc("Авторы: [\"Зубакина О.Г.\"].");
        c.texts("results", &PracticeFront::results).prose().example("[\"…\"]").doc("Результаты практики.");
        c.files("files", &PracticeFront::files).example("[files/{slug}.pdf]").doc("Материалы практики в папке files/.");
        c.flag("featured", &PracticeFront::featured).example("false").prompt()
            .doc("true — показать в банке лучших практик на главной странице портала.");
      });
  return c;
}

const Contract<PageFront>& page_contract() {
  static const Contract<PageFront> c = markdown_contract<PageFront>(
      "pages", "Страница", "<организация>/pages/*.md", [](Contract<PageFront>& c) {
        c.text("title", &PageFront::title).required().prose().doc("Заголовок страницы.");
        c.date("date", &PageFront::date).prompt().doc("Дата обновления, ГГГГ-ММ-ДД.");
        c.integer("weight", &PageFront::weight).example("10").doc("Порядок в меню: меньшее число — выше.");
      });
  return c;
}

const Contract<MentorRecord>& mentor_contract() {
  static const Contract<MentorRecord> c = [] {
    Contract<MentorRecord> c("mentors", "Наставник (элемент списка)", "<организация>/mentors.yaml");
    c.text("name", &MentorRecord::name).prose().example("\"Зубакин С.А.\"").doc("ФИО наставника. Публикуется только при consent: true.");
    c.text("position", &MentorRecord::position).required().prose().example("\"учитель информатики\"").doc("Должность: «учитель информатики».");
    c.choices("forms", &MentorRecord::forms, mentoring_forms()).example("[teacher-teacher]").doc("Формы наставничества.");
    c.choice("role", &MentorRecord::role, mentor_roles()).example("subject").doc("Роль наставника.");
    c.file("photo", &MentorRecord::photo).image().example("files/foto.jpg")
        .doc("Фотография в папке files/. Публикуется только при consent: true.");
    c.flag("consent", &MentorRecord::consent).example("false").doc("true — есть согласие на публикацию имени и фотографии.");
    namesakes_field(c);
    return c;
  }();
  return c;
}

namespace {

const Contract<IndicatorValueRecord>& indicator_value_contract() {
  static const Contract<IndicatorValueRecord> c = [] {
    Contract<IndicatorValueRecord> c("indicator-value", "Значение за год", "values");
    c.integer("numerator", &IndicatorValueRecord::numerator).example("12").doc("Числитель доли (для percent).");
    c.integer("denominator", &IndicatorValueRecord::denominator).example("15").doc("Знаменатель доли (для percent).");
    c.integer("value", &IndicatorValueRecord::value).example("8").doc("Значение (для count).");
    c.number("target", &IndicatorValueRecord::target).example("70").doc("Целевое значение: процент для percent, количество для count.");
    return c;
  }();
  return c;
}

const Contract<IndicatorRecord>& indicator_contract() {
  static const Contract<IndicatorRecord> c = [] {
    Contract<IndicatorRecord> c("indicator", "Показатель", "indicators");
    c.slug("id", &IndicatorRecord::id).required().example("young-teachers-covered")
        .doc("Код показателя латиницей: young-teachers-covered. Одинаковый код у разных организаций суммируется на странице управления образованием.");
    c.text("title", &IndicatorRecord::title).required().prose().example("\"Доля молодых педагогов, охваченных наставничеством\"")
        .doc("Название показателя.");
    c.choice("unit", &IndicatorRecord::unit, indicator_units()).required().example("percent")
        .doc("percent — доля (числитель и знаменатель по годам), count — количество.");
    c.years("values", &IndicatorRecord::values, indicator_value_contract()).required()
        .doc("Значения по годам: 2022: {numerator: 12, denominator: 15, target: 70} или 2022: {value: 8, target: 10}.");
    return c;
  }();
  return c;
}

const Contract<RoadmapItemRecord>& roadmap_item_contract() {
  static const Contract<RoadmapItemRecord> c = [] {
    Contract<RoadmapItemRecord> c("roadmap-item", "Мероприятие", "items");
    c.text("id", &RoadmapItemRecord::id).example("\"1.1\"").doc("Номер мероприятия: «1.1».");
    c.text("title", &RoadmapItemRecord::title).required().prose().example("\"Разработка программы\"").doc("Мероприятие.");
    c.text("when", &RoadmapItemRecord::when).prose().example("\"Март – апрель 2025\"").doc("Срок, как в документе: «Март – апрель 2022».");
    c.date("start", &RoadmapItemRecord::start).example("2025-03-01").doc("Дата начала, ГГГГ-ММ-ДД: мероприятие попадёт в календарь.");
    c.date("end", &RoadmapItemRecord::end).example("2025-04-30").doc("Дата окончания, ГГГГ-ММ-ДД.");
    c.texts("responsible", &RoadmapItemRecord::responsible).prose().example("[\"Заместитель директора по УВР\"]")
        .doc("Ответственные: [\"ГУО администрации г. Черногорска\"].");
    c.text("result", &RoadmapItemRecord::result).prose().example("\"…\"").doc("Ожидаемый результат.");
    c.choice("status", &RoadmapItemRecord::status, roadmap_statuses()).example("planned")
        .doc("planned — запланировано, in-progress — выполняется, done — выполнено, cancelled — отменено.");
    return c;
  }();
  return c;
}

const Contract<RoadmapSectionRecord>& roadmap_section_contract() {
  static const Contract<RoadmapSectionRecord> c = [] {
    Contract<RoadmapSectionRecord> c("roadmap-section", "Раздел", "sections");
    c.text("title", &RoadmapSectionRecord::title).required().prose().example("\"Организационные мероприятия\"").doc("Название раздела.");
    c.maps("items", &RoadmapSectionRecord::items, roadmap_item_contract()).required().doc("Мероприятия раздела.");
    return c;
  }();
  return c;
}

}  // namespace

const Contract<IndicatorsFile>& indicators_contract() {
  static const Contract<IndicatorsFile> c = [] {
    Contract<IndicatorsFile> c("indicators", "Показатели", "<организация>/indicators.yaml");
    c.text("title", &IndicatorsFile::title).prose().example("\"Показатели реализации целевой модели наставничества\"")
        .doc("Заголовок таблицы показателей.");
    c.integers("years", &IndicatorsFile::years).required().example("[2024, 2025]")
        .doc("Годы, за которые публикуются показатели: [2022, 2023, 2024].");
    c.maps("indicators", &IndicatorsFile::indicators, indicator_contract()).required()
        .doc("Список показателей; у каждого id, title, unit и values.");
    namesakes_field(c);
    return c;
  }();
  return c;
}

const Contract<RoadmapFile>& roadmap_contract() {
  static const Contract<RoadmapFile> c = [] {
    Contract<RoadmapFile> c("roadmap", "Дорожная карта", "<организация>/roadmap.yaml");
    c.text("title", &RoadmapFile::title).required().prose().example("\"Дорожная карта внедрения целевой модели наставничества\"")
        .doc("Название дорожной карты.");
    c.text("approved_by", &RoadmapFile::approved_by).prose().example("\"Приказ от 26.04.2022 № 725\"")
        .doc("Чем утверждена: «Приказ от 26.04.2022 № 725».");
    c.maps("sections", &RoadmapFile::sections, roadmap_section_contract()).required()
        .doc("Разделы дорожной карты; у каждого title и items.");
    namesakes_field(c);
    return c;
  }();
  return c;
}

const ContractInfo& section_contract(Section s) {
  switch (s) {
    case Section::News: return news_contract();
    case Section::Documents: return document_contract();
    case Section::Orders: return order_contract();
    case Section::Stories: return story_contract();
    case Section::Practices: return practice_contract();
    case Section::Pages: return page_contract();
  }
  return news_contract();
}

std::vector<const ContractInfo*> all_contracts() {
  return {&site_contract(),     &org_contract(),      &index_contract(),    &news_contract(),
          &document_contract(), &order_contract(),    &story_contract(),    &practice_contract(),
          &page_contract(),     &mentor_contract(),   &indicators_contract(), &roadmap_contract()};
}

}  // namespace nastavnik
