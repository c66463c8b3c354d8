#pragma once
// The time a build spends in each stage, for `build --stats` and `serve --verbose`.
#include <chrono>

#include "build/build.h"

namespace nastavnik {

class StageClock {
 public:
  explicit StageClock(BuildReport& report) : report_(report), start_(std::chrono::steady_clock::now()), last_(start_) {}
  /// The stage `name` ends now.
  void mark(const char* name) {
    auto now = std::chrono::steady_clock::now();
    report_.stages.push_back({name, std::chrono::duration<double>(now - last_).count()});
    last_ = now;
  }
  /// The report, with the seconds since the clock started.
  BuildReport finish() {
    report_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    return report_;
  }

 private:
  BuildReport& report_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace nastavnik
