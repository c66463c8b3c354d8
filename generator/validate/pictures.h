#pragma once
// The photos pages show: every image attachment becomes a photo of the image store
// (image/store.h), probed when the page names it, so that a file that is no photo, too
// large or unreadable is an error at the line that names it.
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "image/store.h"
#include "model/site.h"

namespace nastavnik {

/// Makes list[index], an image attachment, a photo: probed through `store`, given a stem
/// no other photo of the page has, and named after its largest fallback (what links to it
/// open). False after reporting at `where` in `file` why it cannot be published; `shown` is
/// the path as written, in «».
bool attach_picture(ImageStore& store, const ContentSource& source, std::vector<Attachment>& list, size_t index, const std::string& shown,
                    const std::string& file, Position where, Diagnostics& diagnostics);

}  // namespace nastavnik
