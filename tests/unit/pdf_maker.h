#pragma once
// PDFs made in memory for the unit tests of documents: their text and their thumbnails.
#include <string>
#include <vector>

namespace test {

// A PDF with one page per entry of `pages`, each showing its lines in Helvetica (Latin
// only: the standard fonts have no Cyrillic; Russian PDFs are tested end to end, printed by
// Chromium). An empty list of lines is a page without text, as a scan's. Every page is
// `media_box` (US Letter unless told).
inline std::string pdf(const std::vector<std::vector<std::string>>& pages, const std::string& media_box = "0 0 612 792") {
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  const size_t first_page = 4;
  for (size_t i = 0; i < pages.size(); ++i) kids += std::to_string(first_page + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (size_t i = 0; i < pages.size(); ++i) {
    std::string content = "BT /F1 12 Tf 72 720 Td 14 TL\n";
    for (const auto& line : pages[i]) content += "(" + line + ") Tj T*\n";
    content += "ET";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [" + media_box + "] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(first_page + 2 * i + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  }
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    std::string n = std::to_string(o);
    out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace test
