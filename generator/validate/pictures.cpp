#include "validate/pictures.h"

#include <algorithm>

namespace nastavnik {

bool attach_picture(ImageStore& store, const ContentSource& source, std::vector<Attachment>& list, size_t index, const std::string& shown,
                    const std::string& file, Position where, Diagnostics& diagnostics) {
  PictureHeader failure;
  std::shared_ptr<const Picture> picture = store.picture(source, list[index].source, failure);
  if (!picture) {
    diagnostics.error(file, where, picture_problem_message(failure.problem, failure, shown));
    return false;
  }
  // Two photos of a page may share a stem ("pair.jpg" and "pair.heic"): their files may not.
  const std::string& name = list[index].file_name;
  const std::string stem = name.substr(0, name.rfind('.'));
  std::string unique = stem;
  auto taken = [&](const std::string& s) {
    return std::any_of(list.begin(), list.end(), [&](const Attachment& other) { return other.picture && other.stem == s; });
  };
  for (int n = 2; taken(unique); ++n) unique = stem + "-" + std::to_string(n);
  Attachment& a = list[index];
  a.picture = std::move(picture);
  a.stem = unique;
  a.linked_in = file;
  a.linked_at = where;
  a.file_name = variant_file_name(unique, largest_fallback(*a.picture));
  a.format = a.picture->alpha ? "PNG" : "JPG";
  a.size = 0;  // known once encoded; pages do not state it
  return true;
}

}  // namespace nastavnik
