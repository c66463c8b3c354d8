// `nastavnik build` and `nastavnik check`: run the pipeline, print what it found.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "build/summary.h"
#include "cli/commands.h"
#include "cli/diagnostics_formats.h"
#include "text/russian.h"

namespace nastavnik {
namespace {

constexpr size_t kMaxPrinted = 500;

void print_text(const std::vector<Diagnostic>& all, bool colour) {
  size_t printed = 0;
  for (const auto& d : all) {
    if (printed++ == kMaxPrinted) {
      std::cerr << "… и ещё " << format_integer(static_cast<int64_t>(all.size() - kMaxPrinted))
                << " сообщений; исправьте перечисленные и запустите снова\n";
      break;
    }
    std::cerr << diagnostic_text(d, colour) << "\n";
  }
}

}  // namespace

int run_build_command(BuildOptions options, const OutputFlags& flags, const std::string& format) {
  const bool terminal = isatty(STDERR_FILENO);
  const bool colour = terminal && !std::getenv("NO_COLOR");
  const bool machine = !options.write && options.report_format.empty() && (format == "json" || format == "codeclimate");

  BuildProgress progress;
  options.progress = &progress;
  auto started = std::chrono::steady_clock::now();
  Diagnostics diagnostics;
  BuildReport report;
  {
    // The line appears once a build has run 0.7 s; NASTAVNIK_PROGRESS_DELAY_MS changes that
    // (the tests set 0 to see it on a small site).
    auto delay = std::chrono::milliseconds(700);
    if (const char* env = std::getenv("NASTAVNIK_PROGRESS_DELAY_MS"); env && *env) delay = std::chrono::milliseconds(std::atoi(env));
    ProgressLine line(progress, terminal && !flags.quiet, stderr, delay);
    report = run_build(options, diagnostics);
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::vector<Diagnostic> all = diagnostics.sorted();
  size_t errors = 0, warnings = 0;
  for (const auto& d : all) (d.severity == Severity::Error ? errors : warnings)++;

  if (machine) {
    std::cout << (format == "json" ? diagnostics_json(all) : diagnostics_codeclimate(all, options.content.string()));
    std::cout.flush();
  } else {
    print_text(all, colour);
  }

  if (flags.verbose) std::cerr << build_details(report);
  if (flags.stats || flags.verbose) {
    if (!flags.verbose) {
      std::cerr << pictures_line(report);
      for (const auto& s : report.stages) std::fprintf(stderr, "  %-14s %8.3f с\n", s.name.c_str(), s.seconds);
    }
    std::fprintf(stderr, "  %-14s %8.3f с\n", "всего", total);
  }

  if (!report.ok) {
    if (!report.failure.empty()) {
      std::cerr << "nastavnik: ошибка записи: " << report.failure << "\n";
      return kExitContentErrors;
    }
    if (options.write) {
      std::cerr << "Сборка остановлена: " << problems_phrase(errors, warnings) << ". Папка " << options.out.string() << " не изменена.\n";
    } else {
      std::cerr << "Проверка не пройдена: " << problems_phrase(errors, warnings) << ".\n";
    }
    return kExitContentErrors;
  }
  if (!report.monitoring.empty()) std::cout << report.monitoring;
  if (!flags.quiet && report.monitoring.empty()) {
    if (options.write) {
      std::cout << build_summary(report, total) << " → " << options.out.string() << "\n";
    } else {
      std::string line = "Ошибок нет. Проверено: " +
                         count_phrase(static_cast<int64_t>(report.organisations), "организация", "организации", "организаций") + " и " +
                         count_phrase(static_cast<int64_t>(report.sources), "материал", "материала", "материалов");
      if (warnings) line += ", " + problems_phrase(0, warnings);
      (machine ? std::cerr : std::cout) << line << "\n";
    }
  }
  return kExitOk;
}

}  // namespace nastavnik
