#include "validate/attachments.h"

#include <algorithm>
#include <filesystem>

#include "core/strings.h"
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
  return "";
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
  std::string format = attachment_format(relative.extension().string());
  if (format.empty()) {
    return fail("формат файла " + shown + " не допускается, сохраните его как PDF, DOC(X), ODT, XLS(X), ODS, RTF, JPG или PNG");
  }
  bool image = format == "JPG" || format == "PNG";
  if (images_only && !image) return fail("файл " + shown + " должен быть изображением JPG или PNG");
  if (r.size > kMaxAttachmentBytes) {
    return fail("файл " + shown + " слишком большой (" + human_size(r.size) + "), допустимо не более 15 МБ; сожмите его или разделите на части");
  }
  std::string stem = slugify(relative.stem().string());
  if (stem.empty()) stem = "file";
  std::string extension = relative.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string name = stem + extension;
  for (int n = 2; std::any_of(list_.begin(), list_.end(), [&](const Attachment& a) { return a.file_name == name; }); ++n) {
    name = stem + "-" + std::to_string(n) + extension;
  }
  list_.push_back({r.canonical, name, format, r.size, image});
  return static_cast<int>(list_.size() - 1);
}

}  // namespace nastavnik
