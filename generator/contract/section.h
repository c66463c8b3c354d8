#pragma once
// The collections of an organisation: one folder of Markdown files each.
#include <array>
#include <cstddef>

namespace nastavnik {

enum class Section { News, Documents, Orders, Stories, Practices, Pages };
constexpr size_t kSectionCount = 6;
constexpr std::array<Section, kSectionCount> kAllSections = {Section::News,    Section::Documents, Section::Orders,
                                                              Section::Stories, Section::Practices, Section::Pages};

/// The folder name, also the URL segment: "news", "documents", ...
const char* section_id(Section s);
/// «Новости», «Документы», ...
const char* section_title(Section s);
inline size_t index_of(Section s) { return static_cast<size_t>(s); }

}  // namespace nastavnik
