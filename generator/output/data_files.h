#pragma once
// Files other than pages and feeds: open data of the indicators, calendars of roadmaps.
#include <functional>
#include <string>
#include <vector>

#include "model/site.h"

namespace nastavnik {

struct DataFile {
  std::string path;  ///< relative to the output root
  std::function<std::string()> render;
};

std::vector<DataFile> plan_data_files(const Site& site);

}  // namespace nastavnik
