// A whole build of a one-organisation tree assembled from the fuzz input, with the real
// scanner, loaders, renderers and output folder. The input is a list of files:
//
//   #### school/news/2025-01-10-x.md        a file: the lines up to the next header
//   @@@@ school/files/x.pdf -> ../../secret  a symbolic link
//
// site.yaml and school/org.yaml get a valid default when the input has none, and
// school/files/a.pdf and b.jpg always exist. Next to the content folder lies a secret file
// that no build may publish, whatever the links say.
//
// A build either fails, with diagnostics and nothing at all written, or succeeds with an
// output folder where every file is 0644 and every folder 0755, every page has only the
// theme's script and no javascript: link, every XML file parses, no symlink is copied and
// the secret appears nowhere.
#include <sys/stat.h>
#include <tinyxml2.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "build/build.h"
#include "fuzz_common.h"
#include "site_tree.h"

using namespace nastavnik;
namespace fs = std::filesystem;

namespace {

const std::string kSecret = "NASTAVNIK-FUZZ-SECRET-4b1d";

// Path components may hold any byte but '/' and NUL; "." and ".." are dropped so that the
// harness itself never writes outside its folder.
std::optional<fs::path> safe_relative(std::string_view path) {
  fs::path out;
  size_t parts = 0;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string part(path.substr(start, end - start));
    start = end + 1;
    if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string::npos) continue;
    if (++parts > 4 || part.size() > 100) return std::nullopt;
    out /= part;
  }
  if (parts == 0) return std::nullopt;
  return out;
}

void assemble(const fs::path& content, std::string_view input) {
  bool has_site = false, has_org = false;
  size_t pos = 0;
  std::optional<fs::path> current;
  std::string body;
  auto flush = [&] {
    if (!current) return;
    std::error_code ec;
    fs::path target = content / *current;
    if (fs::is_symlink(fs::symlink_status(target, ec)) || fs::is_directory(target, ec)) {
      current.reset();
      return;
    }
    fuzz::write_file(target, body);
    if (*current == "site.yaml") has_site = true;
    if (*current == fs::path("school/org.yaml")) has_org = true;
    current.reset();
  };
  while (pos < input.size()) {
    size_t end = input.find('\n', pos);
    if (end == std::string_view::npos) end = input.size();
    std::string_view line = input.substr(pos, end - pos);
    pos = end + 1;
    if (line.rfind("#### ", 0) == 0) {
      flush();
      current = safe_relative(line.substr(5));
      body.clear();
    } else if (line.rfind("@@@@ ", 0) == 0) {
      flush();
      size_t arrow = line.find(" -> ");
      if (arrow == std::string_view::npos) continue;
      auto link = safe_relative(line.substr(5, arrow - 5));
      std::string target(line.substr(arrow + 4));
      if (!link || target.empty() || target.find('\0') != std::string::npos) continue;
      std::error_code ec;
      fs::create_directories((content / *link).parent_path(), ec);
      fs::create_symlink(target, content / *link, ec);
    } else if (current) {
      body.append(line);
      if (end < input.size()) body += '\n';
    }
  }
  flush();
  std::error_code ec;
  if (!has_site && !fs::exists(content / "site.yaml", ec)) {
    fuzz::write_file(content / "site.yaml", "title: \"Наставничество\"\nbase_url: \"https://nastavnik.example.ru/\"\n");
  }
  if (!has_org && !fs::exists(content / "school/org.yaml", ec)) {
    fuzz::write_file(content / "school/org.yaml", "name: \"Школа № 1\"\nshort_name: \"Школа № 1\"\nkind: school\n");
  }
  // Every files/<name> the input mentions exists (a tiny file of its kind), so that
  // mutations get past "file not found" to the checks behind it.
  for (size_t at = input.find("files/"); at != std::string_view::npos; at = input.find("files/", at + 6)) {
    size_t end = at + 6;
    while (end < input.size() && end - at < 80 &&
           (std::isalnum(static_cast<unsigned char>(input[end])) || input[end] == '.' || input[end] == '-' || input[end] == '_')) {
      ++end;
    }
    std::string name(input.substr(at + 6, end - at - 6));
    if (name.empty() || name[0] == '.' || fs::exists(fs::symlink_status(content / "school/files" / name, ec))) continue;
    std::string lower = name;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    bool image = fuzz::ends_with(lower, ".jpg") || fuzz::ends_with(lower, ".jpeg") || fuzz::ends_with(lower, ".png");
    fuzz::write_file(content / "school/files" / name, image ? fuzz::tiny_jpg() : fuzz::tiny_pdf());
  }
  if (!fs::exists(content / "school/files/a.pdf", ec)) fuzz::write_file(content / "school/files/a.pdf", fuzz::tiny_pdf());
  if (!fs::exists(content / "school/files/b.jpg", ec)) fuzz::write_file(content / "school/files/b.jpg", fuzz::tiny_jpg());
}

void check_output(const fs::path& out) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(out, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string rel = it->path().lexically_relative(out).generic_string();
    struct stat st;
    FUZZ_CHECK(::lstat(it->path().c_str(), &st) == 0, rel);
    FUZZ_CHECK(!S_ISLNK(st.st_mode), rel + ": a symbolic link in the output");
    if (S_ISDIR(st.st_mode)) {
      FUZZ_CHECK((st.st_mode & 07777) == 0755, rel + ": folder mode is not 0755");
      continue;
    }
    FUZZ_CHECK(S_ISREG(st.st_mode), rel + ": not a regular file");
    FUZZ_CHECK((st.st_mode & 07777) == 0644, rel + ": file mode is not 0644");
    std::string bytes = fuzz::read_file(it->path());
    FUZZ_CHECK(bytes.find(kSecret) == std::string::npos, rel + ": the secret file leaked into the output");
    if (fuzz::ends_with(rel, ".html")) {
      FUZZ_CHECK(is_valid_utf8(bytes), rel + ": not UTF-8");
      fuzz::check_html_page(rel, bytes);
    } else if (fuzz::ends_with(rel, ".xml")) {
      tinyxml2::XMLDocument doc;
      FUZZ_CHECK(doc.Parse(bytes.data(), bytes.size()) == tinyxml2::XML_SUCCESS, rel + ": not well-formed XML");
    } else if (fuzz::ends_with(rel, ".json")) {
      FUZZ_CHECK(!nlohmann::json::parse(bytes, nullptr, false).is_discarded(), rel + ": not JSON");
    } else if (fuzz::ends_with(rel, ".ics") || fuzz::ends_with(rel, ".csv")) {
      FUZZ_CHECK(is_valid_utf8(bytes), rel + ": not UTF-8");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ::setenv("SOURCE_DATE_EPOCH", "1795608000", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::TempDir dir;
  const fs::path content = dir.path() / "content";
  const fs::path out_parent = dir.path() / "out";
  fs::create_directories(content);
  fs::create_directories(out_parent);
  fuzz::write_file(dir.path() / "secret", kSecret + "\n");
  fuzz::write_file(dir.path() / "secret.pdf", "%PDF-1.4\n" + kSecret + "\n");
  fuzz::write_file(dir.path() / "secret.jpg", "\xFF\xD8\xFF" + kSecret + "\n");
  assemble(content, std::string_view(reinterpret_cast<const char*>(data), size));

  BuildOptions options;
  options.content = content;
  options.out = out_parent / "public";
  options.jobs = 1;
  Diagnostics diagnostics;
  BuildReport report = run_build(options, diagnostics);

  if (std::getenv("NASTAVNIK_FUZZ_VERBOSE")) {
    for (const auto& d : diagnostics.sorted()) std::fprintf(stderr, "%s\n", d.format().c_str());
    std::fprintf(stderr, "build %s %s\n", report.ok ? "ok" : "failed", report.failure.c_str());
  }
  std::vector<std::string> siblings;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(out_parent, ec)) siblings.push_back(entry.path().filename().string());
  for (const auto& d : diagnostics.sorted()) {
    std::string line = d.format();
    FUZZ_CHECK(is_valid_utf8(line), "diagnostic is not UTF-8: " + line);
    FUZZ_CHECK(line.find('\n') == std::string::npos, "diagnostic spans lines");
    FUZZ_CHECK(line.find(kSecret) == std::string::npos, "the secret leaked into a message");
  }
  if (!report.ok) {
    FUZZ_CHECK(diagnostics.has_errors() || !report.failure.empty(), "a failed build without a reason");
    FUZZ_CHECK(siblings.empty(), "a failed build left " + (siblings.empty() ? std::string() : siblings[0]));
    return 0;
  }
  FUZZ_CHECK(!diagnostics.has_errors(), "a build with errors succeeded");
  FUZZ_CHECK(siblings.size() == 1 && siblings[0] == "public", "the build left something beside the output folder");
  check_output(out_parent / "public");
  // Nothing but content/, out/ and the secrets in the folder.
  size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(dir.path(), ec)) {
    (void)entry;
    ++entries;
  }
  FUZZ_CHECK(entries == 5, "the build wrote outside its output folder");
  return 0;
}
