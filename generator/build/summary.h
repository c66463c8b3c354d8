#pragma once
// What a build tells the person who ran it: one summary line, and on a terminal a progress
// line while a long build runs.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "build/build.h"
#include "core/diagnostics.h"

namespace nastavnik {

/// «0,8 с», «12 с», «2 мин 05 с».
std::string seconds_ru(double seconds);

/// «3 ошибки», «1 ошибка, 2 предупреждения», «2 предупреждения».
std::string problems_phrase(size_t errors, size_t warnings);

/// «Собрано 1 234 страницы и 57 лент для 12 организаций за 0,8 с» (thousands grouped,
/// Russian plurals).
std::string build_summary(const BuildReport& report, double seconds);

/// Details for --verbose: files, bytes, photos, the stages with their times.
std::string build_details(const BuildReport& report);

/// «  фотографии: 10; файлов из кеша: 80, закодировано: 0; прочитано для сверки: 0» (for
/// --stats and --verbose), or "" for a build without photos.
std::string pictures_line(const BuildReport& report);

/// Draws «Загрузка материалов: 1 234 из 10 000» on one terminal line, redrawn a few times
/// a second, once the build has run longer than `delay`; erases it when stopped. Does
/// nothing unless `enabled` (the caller checks isatty and --quiet).
class ProgressLine {
 public:
  ProgressLine(const BuildProgress& progress, bool enabled, FILE* stream = stderr,
               std::chrono::milliseconds delay = std::chrono::milliseconds(700));
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  /// Stops drawing and erases the line; idempotent.
  void stop();

  /// The text for the current state, without control characters; empty when idle.
  static std::string text(const BuildProgress& progress);

 private:
  const BuildProgress& progress_;
  FILE* stream_;
  std::atomic<bool> stopping_{false};
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace nastavnik
