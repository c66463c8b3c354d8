#pragma once
// Attachments: files under an organisation's files/ folder that pages link. Each is
// checked (inside the folder, an allowed format, not too large) and given a safe name.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/diagnostics.h"
#include "document/library.h"
#include "image/store.h"
#include "model/site.h"
#include "validate/file_kind.h"
#include "read/content_source.h"

namespace nastavnik {

/// Attachments larger than this are refused, as Russian rules for school sites require.
constexpr std::uintmax_t kMaxAttachmentBytes = 15 * 1024 * 1024;

/// Collects the attachments of one page, so that a file linked twice is published once and
/// two files with the same name get distinct names.
class AttachmentList {
 public:
  /// With `pictures`, every image becomes a photo of that store (validate/pictures.h):
  /// probed now, published re-encoded. Without, images are only checked as files.
  /// `documents`: how documents' texts are read (document/library.h); none: the defaults.
  AttachmentList(const ContentSource& source, std::string org, std::vector<Attachment>& list, ImageStore* pictures = nullptr,
                 const DocumentOptions* documents = nullptr)
      : source_(source), org_(std::move(org)), list_(list), pictures_(pictures), documents_(documents) {}

  /// Index of the attachment for `path` (as written: "files/x.pdf"), or -1 after reporting
  /// what is wrong at `where` in `file`.
  int add(const std::string& path, const std::string& file, Position where, Diagnostics& diagnostics, bool images_only = false);

 private:
  // A document's text, read once (document/library.h); what stands in the way of reading
  // it is a warning at the page that links it.
  void read_text(Attachment& a, FileKind kind, std::string_view bytes, const std::string& shown, const std::string& file, Position where,
                 Diagnostics& diagnostics);
  // The signature beside a file: its name and .sig or .p7s.
  struct SignatureFile {
    Resolved file;
    const char* extension;
  };
  std::optional<SignatureFile> signature_beside(const std::string& relative) const;
  // The signature checked against the file's bytes `content`: one that does not match, or
  // made with a certificate not valid then, is an error here.
  void check_signature(Attachment& a, std::string_view content, const std::string& relative, const SignatureFile& signature,
                       const std::string& file, Position where, Diagnostics& diagnostics);

  const ContentSource& source_;
  std::string org_;
  std::vector<Attachment>& list_;
  ImageStore* pictures_ = nullptr;
  const DocumentOptions* documents_ = nullptr;
};

/// True for a relative link in Markdown that points at a file rather than a page: it goes
/// through the same checks as attachments in front matter (inside files/, no "..").
bool is_attachment_link(const std::string& url);

/// «PDF», «DOCX», «JPG» for an allowed extension, "" for one that is not allowed.
std::string attachment_format(const std::string& extension);

/// A warning for each file under `org`/files/ (its sub-folders too) that nothing links:
/// `linked` holds the canonical paths (Attachment::source) of every file a page, a data
/// file or the tab links, published or not. An upload nobody can reach is named, so that
/// it is linked or removed.
void report_unused_files(const ContentSource& source, const std::string& org, const std::unordered_set<std::string>& linked,
                         Diagnostics& diagnostics);

}  // namespace nastavnik
