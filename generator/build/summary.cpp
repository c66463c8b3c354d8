#include "build/summary.h"

#include <cmath>
#include <condition_variable>
#include <mutex>

#include "text/russian.h"

namespace nastavnik {

std::string seconds_ru(double s) {
  if (s < 0) s = 0;
  char buf[48];
  if (s < 10) {
    std::snprintf(buf, sizeof buf, "%.1f", s);
  } else if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.0f", s);
  } else {
    long total = std::lround(s);
    std::snprintf(buf, sizeof buf, "%ld\u00A0мин %02ld", total / 60, total % 60);
  }
  std::string out = buf;
  for (auto& c : out) if (c == '.') c = ',';
  return out + "\u00A0с";
}

std::string problems_phrase(size_t errors, size_t warnings) {
  std::string out;
  if (errors || !warnings) out = count_phrase(static_cast<int64_t>(errors), "ошибка", "ошибки", "ошибок");
  if (warnings) {
    if (!out.empty()) out += ", ";
    out += count_phrase(static_cast<int64_t>(warnings), "предупреждение", "предупреждения", "предупреждений");
  }
  return out;
}

std::string build_summary(const BuildReport& report, double seconds) {
  return "Собрано " + count_phrase(static_cast<int64_t>(report.pages), "страница", "страницы", "страниц") + " и " +
         count_phrase(static_cast<int64_t>(report.feeds), "лента", "ленты", "лент") + " для " +
         // the genitive after «для»: «1 организации», «12 организаций»
         count_phrase(static_cast<int64_t>(report.organisations), "организации", "организаций", "организаций") + " за " +
         seconds_ru(seconds);
}

std::string build_details(const BuildReport& report) {
  std::string out = "  материалов (.md): " + format_integer(static_cast<int64_t>(report.sources)) + "\n";
  if (!report.scheduled.empty()) {
    out += "  ждут даты публикации: " + format_integer(static_cast<int64_t>(report.scheduled.size())) + "\n";
    for (const auto& item : report.scheduled) out += "    " + item + "\n";
  }
  if (report.files) {
    out += "  файлов записано: " + format_integer(static_cast<int64_t>(report.files)) + ", " +
           format_integer(static_cast<int64_t>((report.bytes + 1023) / 1024)) + "\u00A0КБ\n";
  }
  out += pictures_line(report);
  for (const auto& s : report.stages) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "  %-14s %8.3f с\n", s.name.c_str(), s.seconds);
    out += buf;
  }
  return out;
}

std::string pictures_line(const BuildReport& report) {
  const PictureStats& p = report.pictures;
  if (!p.pictures && !p.encoded && !p.cached) return {};
  auto n = [](size_t v) { return format_integer(static_cast<int64_t>(v)); };
  // What an unchanged photo costs: taken from the cache, not encoded, not even read.
  return "  фотографии: " + n(p.pictures) + "; файлов из кеша: " + n(p.cached) + ", закодировано: " + n(p.encoded) +
         "; прочитано для сверки: " + n(p.read) + ", разобрано заголовков: " + n(p.probed) + "\n";
}

std::string ProgressLine::text(const BuildProgress& progress) {
  const char* what = nullptr;
  switch (progress.stage.load(std::memory_order_acquire)) {
    case BuildProgress::Loading: what = "Чтение материалов"; break;
    case BuildProgress::Writing: what = "Запись сайта"; break;
    default: return {};
  }
  size_t total = progress.total.load(std::memory_order_relaxed);
  size_t done = std::min(progress.done.load(std::memory_order_relaxed), total);
  int percent = total ? static_cast<int>(done * 100 / total) : 100;
  return std::string(what) + ": " + format_integer(static_cast<int64_t>(done)) + " из " + format_integer(static_cast<int64_t>(total)) +
         " (" + std::to_string(percent) + "\u00A0%)";
}

ProgressLine::ProgressLine(const BuildProgress& progress, bool enabled, FILE* stream, std::chrono::milliseconds delay)
    : progress_(progress), stream_(stream) {
  if (!enabled) return;
  thread_ = std::thread([this, delay] {
    auto started = std::chrono::steady_clock::now();
    // Bounded by stop(): checked every 100 ms.
    while (!stopping_.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (stopping_.load()) break;
      if (std::chrono::steady_clock::now() - started < delay) continue;
      std::string line = text(progress_);
      if (line.empty()) continue;
      std::fprintf(stream_, "\r\x1b[2K%s", line.c_str());
      std::fflush(stream_);
      drawn_ = true;
    }
  });
}

void ProgressLine::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  thread_.join();
  if (drawn_) {
    std::fputs("\r\x1b[2K", stream_);
    std::fflush(stream_);
  }
}

ProgressLine::~ProgressLine() { stop(); }

}  // namespace nastavnik
