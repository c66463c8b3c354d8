#include "validate/attachments.h"

#include <algorithm>
#include <filesystem>

#include "core/strings.h"
#include "document/library.h"
#include "validate/file_kind.h"
#include "validate/pictures.h"
#include "text/russian.h"
#include "text/slug.h"

namespace fs = std::filesystem;

namespace nastavnik {

std::string attachment_format(const std::string& extension) {
  std::string e = extension;
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (e == ".pdf") return "PDF";
  if (e == ".doc") return "DOC";
  if (e == ".docx") return "DOCX";
  if (e == ".odt") return "ODT";
  if (e == ".xls") return "XLS";
  if (e == ".xlsx") return "XLSX";
  if (e == ".ods") return "ODS";
  if (e == ".rtf") return "RTF";
  if (e == ".jpg" || e == ".jpeg") return "JPG";
  if (e == ".png") return "PNG";
  if (e == ".webp") return "WEBP";
  if (e == ".heic" || e == ".heif") return "HEIC";  // iPhones' photos: published converted (image/codec.h)
  return "";
}

namespace {

// The extension a file of this kind is published with, when the site takes such files.
std::string extension_of(FileKind kind) {
  switch (kind) {
    case FileKind::Pdf: return ".pdf";
    case FileKind::Doc: return ".doc";
    case FileKind::Xls: return ".xls";
    case FileKind::Docx: return ".docx";
    case FileKind::Xlsx: return ".xlsx";
    case FileKind::Odt: return ".odt";
    case FileKind::Ods: return ".ods";
    case FileKind::Rtf: return ".rtf";
    case FileKind::Jpeg: return ".jpg";
    case FileKind::Png: return ".png";
    case FileKind::Webp: return ".webp";
    case FileKind::Heic: return ".heic";
    default: return "";
  }
}

// Why a file whose content is `kind` cannot be published under its extension, and what
// to do: `shown` is the path as written, in «».
std::string mismatch_message(const std::string& shown, const fs::path& relative, const std::string& format, FileKind kind) {
  const std::string head = "файл " + shown + " — на самом деле " + describe_file_kind(kind);
  switch (kind) {
    case FileKind::Unknown:
      return "файл " + shown + " не похож на " + format + ": его содержимое не удалось распознать — вероятно, файл повреждён или загружен не полностью; "
             "откройте его на компьютере, сохраните заново как " + format + " и загрузите";
    case FileKind::Encrypted:
      return "файл " + shown + " защищён паролем, и читатели сайта не смогут его открыть; снимите пароль (в Word или Excel: Файл → Сведения → "
             "Защита → Зашифровать с использованием пароля, сотрите пароль), сохраните и загрузите файл заново";
    case FileKind::LfsPointer:
      return head + ": сам файл хранится в Git LFS и при сборке не скачан; передайте сообщение ответственному за сайт — в конвейере нужно получать файлы LFS";
    case FileKind::Video:
      return head + ": видео на сайт не загружается; опубликуйте его на видеохостинге (VK Видео, RUTUBE) и дайте на него ссылку";
    case FileKind::Html:
      return head + " — вероятно, вместо файла сохранилась страница сайта; скачайте сам файл и загрузите его заново";
    default: break;
  }
  const std::string right = extension_of(kind);
  if (!right.empty()) {
    return head + ", а не " + format + "; переименуйте его в " + relative.stem().string() + right + " и исправьте ссылку на него или сохраните его как " + format;
  }
  const bool picture = kind == FileKind::Gif || kind == FileKind::Tiff || kind == FileKind::Avif;
  return head + ", такие файлы сайт не публикует; " + (picture ? std::string("сохраните его как JPEG или PNG") : "сохраните его как " + format) + " и загрузите заново";
}

}  // namespace

void AttachmentList::read_text(Attachment& a, FileKind kind, std::string_view bytes, const std::string& shown, const std::string& file,
                               Position where, Diagnostics& diagnostics) {
  static const DocumentOptions defaults;
  a.document = document_text(kind, bytes, documents_ ? *documents_ : defaults);
  if (!a.document->readable) {
    diagnostics.warning(file, where, "текст файла " + shown + " не удалось прочитать — вероятно, файл повреждён или защищён паролем; "
                                         "откройте его на компьютере и сохраните заново (без пароля), иначе его текст не найдёт поиск и не прочтёт программа экранного доступа");
  } else if (a.document->scan && !a.document->ocr_deferred) {
    const std::string why = "файл " + shown + " — скан без текстового слоя: его текст нельзя найти поиском, выделить и скопировать, "
                            "его не прочтёт программа экранного доступа, а приказ Рособрнадзора от 14.08.2020 № 1493 требует, чтобы текст "
                            "документов на сайте можно было искать и копировать";
    if (!a.document->ocr_failure.empty()) {
      diagnostics.warning(file, where, why + "; включённое в site.yaml распознавание (ocr: true) не сработало: " + a.document->ocr_failure);
    } else {
      diagnostics.warning(file, where, why + "; сохраните документ в PDF из Word или другой программы, где его набирали "
                                             "(Файл → Сохранить как → PDF), а не сканируйте бумагу, или включите распознавание сканов: ocr: true в site.yaml");
    }
  }
}

namespace {

// Certificates and signing times are in UTC; so are the days said of them.
std::string day_of(int64_t seconds) { return format_date_ru(date_in_zone(seconds, "UTC")); }

}  // namespace

std::optional<AttachmentList::SignatureFile> AttachmentList::signature_beside(const std::string& relative) const {
  for (const char* extension : {".sig", ".p7s"}) {
    Resolved r = source_.resolve(org_ + "/" + relative + extension);
    if (r.status == Resolved::Status::File) return SignatureFile{std::move(r), extension};
  }
  return std::nullopt;
}

void AttachmentList::check_signature(Attachment& a, std::string_view content, const std::string& relative, const SignatureFile& sig,
                                     const std::string& file, Position where, Diagnostics& diagnostics) {
  {
    const Resolved& r = sig.file;
    const char* extension = sig.extension;
    const std::string shown = "«" + relative + extension + "»";
    std::string signature;
    if (r.size > 1024 * 1024) {
      diagnostics.error(file, where, "файл " + shown + " слишком большой для электронной подписи (" + human_size(r.size) +
                                         "); положите рядом с документом отсоединённую подпись (CMS, .sig) или удалите этот файл");
      return;
    }
    if (source_.read(r.canonical, 1024 * 1024, signature) != ReadStatus::Ok) return;
    const int64_t now = documents_ ? documents_->now : 0;
    auto check = std::make_shared<const SignatureCheck>(check_detached_signature(content, signature, now));
    const std::string owner = check->owner.empty() ? std::string() : " (владелец сертификата — " + check->owner + ")";
    switch (check->status) {
      case SignatureCheck::Status::Valid:
        a.signature = check;
        a.signature_source = r.canonical;
        a.signature_extension = extension;
        break;
      case SignatureCheck::Status::Mismatch:
        diagnostics.error(file, where, "электронная подпись " + shown + owner + " не подходит к файлу «" + relative +
                                           "»: файл изменён после подписания или подпись сделана для другого файла; подпишите опубликованный файл заново "
                                           "(отсоединённой подписью) и загрузите подпись или удалите " + shown);
        break;
      case SignatureCheck::Status::Expired: {
        const std::string when = check->signing_time ? "подписано " + day_of(*check->signing_time) : "подпись без даты проверена на день сборки";
        diagnostics.error(file, where, "сертификат электронной подписи " + shown + owner + " не действовал в момент подписания: " + when +
                                           ", а сертификат действителен с " + day_of(check->valid_from) + " по " + day_of(check->valid_to) +
                                           "; подпишите файл действующим сертификатом и загрузите новую подпись");
        break;
      }
      case SignatureCheck::Status::Unreadable:
        diagnostics.error(file, where, "файл " + shown + " не похож на электронную подпись (CMS/PKCS#7 в DER, PEM или Base64 с сертификатом подписавшего); "
                                           "сохраните отсоединённую подпись заново (КриптоПро CSP, КриптоАРМ: «Подписать», отсоединённая подпись) или удалите этот файл");
        break;
      case SignatureCheck::Status::UnsupportedAlgorithm:
        diagnostics.warning(file, where, "электронную подпись " + shown + " не удалось проверить: на машине сборки нет алгоритма «" + check->algorithm +
                                             "» (для ГОСТ нужен пакет libengine-gost-openssl; передайте сообщение ответственному за сайт); отметка о подписи не показывается");
        a.signature_source = r.canonical;
        a.signature_extension = extension;
        break;
    }
  }
}

bool is_attachment_link(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  if (path.rfind("files/", 0) == 0 || path.find("/files/") != std::string::npos) return true;
  return !attachment_format(fs::path(path).extension().string()).empty();
}

int AttachmentList::add(const std::string& path, const std::string& file, Position where, Diagnostics& diagnostics, bool images_only) {
  auto fail = [&](const std::string& message) {
    diagnostics.error(file, where, message);
    return -1;
  };
  const std::string shown = "«" + path + "»";
  if (path.empty()) return fail("пустой путь к файлу, укажите файл из папки files/, например files/prikaz.pdf");
  if (path[0] == '/' || path[0] == '~' || (path.size() > 1 && path[1] == ':')) {
    return fail("путь " + shown + " абсолютный, укажите путь от папки организации: files/имя-файла");
  }
  if (path.find('\\') != std::string::npos) return fail("в пути " + shown + " обратная косая черта, пишите пути через /: files/имя-файла");
  for (const auto& part : fs::path(path)) {
    if (part == "..") return fail("путь " + shown + " выходит за пределы папки организации, файлы берутся только из её папки files/");
  }
  fs::path relative = fs::path(path).lexically_normal();
  if (relative.empty() || *relative.begin() != "files") {
    return fail("файл " + shown + " должен лежать в папке files/ организации, перенесите его туда и укажите путь files/" +
                relative.filename().string());
  }
  Resolved r = source_.resolve(org_ + "/" + relative.generic_string());
  if (r.status == Resolved::Status::Missing || r.status == Resolved::Status::Dir || r.status == Resolved::Status::Other) {
    return fail("файл " + shown + " не найден в папке " + org_ + "/files, загрузите его или исправьте имя (регистр букв важен)");
  }
  Resolved org_dir = source_.resolve(org_);
  if (r.status == Resolved::Status::Outside || r.canonical.rfind(org_dir.canonical + "/", 0) != 0) {
    return fail("файл " + shown + " — ссылка за пределы папки организации, положите в files/ сам файл");
  }
  for (size_t i = 0; i < list_.size(); ++i) {
    if (list_[i].source == r.canonical) return static_cast<int>(i);
  }
  std::string extension = relative.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string format = attachment_format(extension);
  if (format.empty()) {
    return fail("формат файла " + shown + " не допускается, сохраните его как PDF, DOC(X), ODT, XLS(X), ODS, RTF, JPG, PNG, WebP или HEIC");
  }
  bool image = format == "JPG" || format == "PNG" || format == "WEBP" || format == "HEIC";
  if (images_only && !image) return fail("файл " + shown + " должен быть изображением JPG, PNG, WebP или HEIC");
  if (r.size > kMaxAttachmentBytes) {
    return fail("файл " + shown + " слишком большой (" + human_size(r.size) + "), допустимо не более 15 МБ; сожмите его или разделите на части");
  }
  // The content must be what the name says: an empty upload or a photo renamed to .jpg
  // would be published broken. Only the first bytes are read.
  if (r.size == 0) return fail("файл " + shown + " пустой (0 байт) — загрузите его заново");
  const FileKind kind = sniff_file(source_, r.canonical, r.size);
  switch (fit_of(kind, extension)) {
    case KindFit::Fits: break;
    case KindFit::Mismatch: return fail(mismatch_message(shown, relative, format == "JPG" ? "JPEG" : format, kind));
    case KindFit::ImageMismatch:
      diagnostics.warning(file, where, "файл " + shown + " — на самом деле " + describe_file_kind(kind) + "; на сайте он покажется как надо, но лучше переименуйте его в " +
                                           relative.stem().string() + extension_of(kind) + " и исправьте ссылку на него");
      break;
  }
  std::string stem = slugify(relative.stem().string());
  if (stem.empty()) stem = "file";
  std::string name = stem + extension;
  for (int n = 2; std::any_of(list_.begin(), list_.end(), [&](const Attachment& a) { return a.file_name == name; }); ++n) {
    name = stem + "-" + std::to_string(n) + extension;
  }
  list_.push_back({r.canonical, name, format, r.size, image});
  // A document's bytes are read once, for its text and for its signature.
  const std::optional<SignatureFile> signature = image ? std::nullopt : signature_beside(relative.generic_string());
  if (has_readable_text(kind) || signature) {
    std::string bytes;
    if (source_.read(r.canonical, kMaxAttachmentBytes, bytes) == ReadStatus::Ok) {
      if (has_readable_text(kind)) read_text(list_.back(), kind, bytes, shown, file, where, diagnostics);
      if (signature) check_signature(list_.back(), bytes, relative.generic_string(), *signature, file, where, diagnostics);
    }
  }
  if (image && pictures_ && !attach_picture(*pictures_, source_, list_, list_.size() - 1, shown, file, where, diagnostics)) {
    list_.pop_back();
    return -1;
  }
  return static_cast<int>(list_.size() - 1);
}

namespace {

void unused_in(const ContentSource& source, const std::string& org, const std::string& dir, const std::unordered_set<std::string>& linked,
               Diagnostics& diagnostics) {
  auto entries = source.list(dir);
  if (!entries) return;
  for (const auto& e : *entries) {
    if (e.name.empty() || e.name[0] == '.' || e.outside) continue;  // .gitkeep and the like; links out are reported by the scan
    const std::string path = dir + "/" + e.name;
    // Folders reached through a link may loop back: only real ones are walked.
    if (e.type == DirEntry::Type::Dir) {
      if (!e.symlink) unused_in(source, org, path, linked, diagnostics);
      continue;
    }
    if (e.type != DirEntry::Type::File || linked.count(path)) continue;
    // Reached through a link (the file, or files/ itself): linked by where it leads.
    if (linked.count(source.resolve(path).canonical)) continue;
    const std::string shown = path.substr(org.size() + 1);
    diagnostics.warning(path, {}, "файл " + shown + " не используется: на него нет ссылки ни в одном материале; добавьте ссылку или удалите файл");
  }
}

}  // namespace

void report_unused_files(const ContentSource& source, const std::string& org, const std::unordered_set<std::string>& linked,
                         Diagnostics& diagnostics) {
  unused_in(source, org, org + "/files", linked, diagnostics);
}

}  // namespace nastavnik
