#pragma once
// Attachments: files under an organisation's files/ folder that pages link. Each is
// checked (inside the folder, an allowed format, not too large) and given a safe name.
#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "model/site.h"

namespace nastavnik {

/// Attachments larger than this are refused, as Russian rules for school sites require.
constexpr std::uintmax_t kMaxAttachmentBytes = 15 * 1024 * 1024;

/// Collects the attachments of one page, so that a file linked twice is copied once and
/// two files with the same name get distinct names.
class AttachmentList {
 public:
  AttachmentList(const std::filesystem::path& content_root, const std::filesystem::path& org_dir,
                 std::vector<Attachment>& list)
      : root_(content_root), org_dir_(org_dir), list_(list) {}

  /// Index of the attachment for `path` (as written: "files/x.pdf"), or -1 after reporting
  /// what is wrong at `where`.
  int add(const std::string& path, const std::string& source, Position where, Diagnostics& diagnostics,
          bool images_only = false);

 private:
  std::filesystem::path root_;
  std::filesystem::path org_dir_;
  std::vector<Attachment>& list_;
};

/// True for a relative link in Markdown that points at a file rather than a page: it goes
/// through the same checks as attachments in front matter (inside files/, no "..").
bool is_attachment_link(const std::string& url);

/// «PDF», «DOCX», «JPG» for an allowed extension, "" for one that is not allowed.
std::string attachment_format(const std::string& extension);

}  // namespace nastavnik
