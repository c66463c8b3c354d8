#pragma once
// A small two-organisation content tree (a department and a school) that uses every text
// field of every contract, with each value taken from a list of strings, as the files of a
// MemorySource. The render fuzzer fills it with hostile strings; the theme fuzzer with plain
// ones.
#include <map>
#include <string>
#include <vector>

#include "fuzz_common.h"

namespace fuzz {

/// A YAML double-quoted scalar holding `s` exactly (s has no control characters).
inline std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

inline const std::string& tiny_pdf() {
  static const std::string pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
  return pdf;
}

inline const std::string& tiny_jpg() {
  // A whole 1 × 1 JPEG: photos are decoded (image/codec.h), a header alone is refused.
  static const std::string jpg(
      "\xFF\xD8\xFF\xDB\x00\x43\x00\x10\x0B\x0C\x0E\x0C\x0A\x10\x0E\x0D\x0E\x12\x11\x10\x13\x18\x28\x1A"
      "\x18\x16\x16\x18\x31\x23\x25\x1D\x28\x3A\x33\x3D\x3C\x39\x33\x38\x37\x40\x48\x5C\x4E\x40\x44\x57"
      "\x45\x37\x38\x50\x6D\x51\x57\x5F\x62\x67\x68\x67\x3E\x4D\x71\x79\x70\x64\x78\x5C\x65\x67\x63\xFF"
      "\xC0\x00\x0B\x08\x00\x01\x00\x01\x01\x01\x11\x00\xFF\xC4\x00\x14\x00\x01\x00\x00\x00\x00\x00\x00"
      "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x07\xFF\xC4\x00\x14\x10\x01\x00\x00\x00\x00\x00\x00\x00\x00"
      "\x00\x00\x00\x00\x00\x00\x00\x00\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\x3F\x7F\xFF\xD9",
      142);
  return jpg;
}

/// The tree, path → bytes; @N@ in the templates below is replaced by the quoted string
/// number N (modulo the number of strings).
inline std::map<std::string, std::string> site_tree(const std::vector<std::string>& strings) {
  std::map<std::string, std::string> files;
  auto fill = [&](std::string text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '@') {
        size_t end = text.find('@', i + 1);
        if (end != std::string::npos && end > i + 1 && end - i < 5) {
          size_t n = std::stoul(text.substr(i + 1, end - i - 1));
          out += yaml_quote(strings.empty() ? std::string("x") : strings[n % strings.size()]);
          i = end;
          continue;
        }
      }
      out += text[i];
    }
    return out;
  };
  auto put = [&](const std::string& rel, const std::string& text) { files[rel] = fill(text); };

  put("site.yaml", "title: @0@\nbase_url: \"https://nastavnik.example.ru/sub/\"\ndepartment: dept\ndescription: @1@\n");
  for (const char* org : {"dept", "school"}) {
    const std::string o = org;
    const bool dept = o == "dept";
    put(o + "/org.yaml", std::string("name: @2@\nshort_name: @3@\nkind: ") + (dept ? "department" : "school") +
                             "\ncity: @4@\nsite: \"https://school.example.ru/\"\n"
                             "curator: {name: @5@, position: @6@, email: \"curator@example.ru\", phone: @7@, consent: true}\n"
                             "forms: [teacher-teacher, student-student]\n");
    put(o + "/_index.md", "---\ntitle: @8@\n---\nВкладка организации. [Положение](files/a.pdf)\n");
    put(o + "/news/2025-01-10-novost.md",
        "---\ntitle: @9@\ndate: 2025-01-10\nsummary: @10@\ntags: [@11@, @12@]\nimage: files/b.jpg\n---\nТекст новости.\n");
    put(o + "/news/2025-02-10-vtoraya.md", "---\ntitle: @13@\ndate: 2025-02-10\n---\nВторая новость без описания.\n");
    put(o + "/documents/polozhenie.md",
        "---\ntitle: @14@\ntype: regulation\ndate: 2024-04-26\nnumber: @15@\napproved_by: @16@\nfile: files/a.pdf\n"
        "valid_until: 2025-12-31\n---\nАннотация документа.\n");
    put(o + "/documents/programma.md", "---\ntitle: @17@\ntype: programme\ndate: 2024-05-01\nvalid_until: 2024-06-01\n---\nТекст.\n");
    put(o + "/orders/prikaz.md",
        "---\ntitle: @18@\nnumber: @19@\ndate: 2024-04-26\nissuer: @20@\ntopic: implementation\nfile: files/a.pdf\n---\n");
    put(o + "/stories/istoriya.md",
        "---\ntitle: @21@\ndate: 2025-03-01\nform: teacher-teacher\nmodel: @22@\n"
        "mentor: {name: @23@, position: @24@, consent: true}\nmentee: {name: @25@, position: @26@, consent: true}\n"
        "period: {from: 2024-09-01, to: 2025-05-31}\nresults: [@27@, @28@]\nphotos: [files/b.jpg]\n---\nИстория пары.\n");
    put(o + "/practices/praktika.md",
        "---\ntitle: @29@\ndate: 2025-02-01\nform: teacher-teacher\nauthors: [@30@]\nresults: [@31@]\nfiles: [files/a.pdf]\n"
        "featured: true\ntags: [@32@]\n---\nОписание практики.\n");
    put(o + "/pages/kontakty.md", "---\ntitle: @33@\nweight: 1\n---\nКонтакты.\n");
    put(o + "/mentors.yaml",
        "- name: @34@\n  position: @35@\n  forms: [teacher-teacher]\n  role: subject\n  photo: files/b.jpg\n  consent: true\n"
        "- name: \"Скрытова Анонима Безымянная\"\n  position: @37@\n  consent: false\n");
    put(o + "/indicators.yaml",
        "title: @38@\nyears: [2023, 2024]\nindicators:\n"
        "  - id: young-teachers\n    title: @39@\n    unit: percent\n    values:\n"
        "      2023: {numerator: 12, denominator: 15, target: 70}\n      2024: {numerator: 14, denominator: 15, target: 80}\n"
        "  - id: mentors-trained\n    title: @40@\n    unit: count\n    values:\n      2024: {value: 8, target: 10}\n");
    put(o + "/roadmap.yaml",
        "title: @41@\napproved_by: @42@\nsections:\n  - title: @43@\n    items:\n"
        "      - id: @44@\n        title: @45@\n        when: @46@\n        start: 2024-09-01\n        end: 2024-10-31\n"
        "        responsible: [@47@, @48@]\n        result: @49@\n        status: in-progress\n"
        "      - title: @50@\n        end: 2027-01-15\n        status: cancelled\n");
    files[o + "/files/a.pdf"] = tiny_pdf();
    files[o + "/files/b.jpg"] = tiny_jpg();
  }
  return files;
}

constexpr size_t kSiteTreeStrings = 51;

}  // namespace fuzz
