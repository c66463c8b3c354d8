#include "serve/server.h"

#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "build/session.h"
#include "build/summary.h"
#include "cli/diagnostics_formats.h"
#include "serve/live_reload.h"
#include "serve/watcher.h"

namespace fs = std::filesystem;

namespace nastavnik {
namespace {

using Clock = std::chrono::steady_clock;

/// What the server shows: shared between the rebuilding thread and the request threads.
struct ServeState {
  std::mutex mutex;
  std::condition_variable changed;
  uint64_t generation = 0;  ///< +1 after every build, good or bad
  bool have_site = false;   ///< a build has succeeded: out/ holds a site
  bool ok = false;          ///< the latest build succeeded
  std::vector<Diagnostic> diagnostics;  ///< of the latest build
  bool stopping = false;
};

std::string clock_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

std::string content_type_of(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".xml" || ext == ".rss") return "application/xml; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".csv") return "text/csv; charset=utf-8";
  if (ext == ".ics") return "text/calendar; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".doc") return "application/msword";
  if (ext == ".docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (ext == ".odt") return "application/vnd.oasis.opendocument.text";
  if (ext == ".xls") return "application/vnd.ms-excel";
  if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == ".ods") return "application/vnd.oasis.opendocument.spreadsheet";
  if (ext == ".rtf") return "application/rtf";
  return "application/octet-stream";
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

/// The file under `root` that serves the URL path, or empty for a path that tries to leave
/// the root. Folders map to their index.html.
fs::path file_for(const fs::path& root, const std::string& url_path) {
  fs::path out = root;
  size_t start = 0;
  while (start <= url_path.size()) {
    size_t end = url_path.find('/', start);
    if (end == std::string::npos) end = url_path.size();
    std::string part = url_path.substr(start, end - start);
    if (part == ".." || part.find('\0') != std::string::npos || part.find('\\') != std::string::npos) return {};
    if (!part.empty() && part != ".") out /= part;
    start = end + 1;
  }
  return out;
}

class Server {
 public:
  explicit Server(ServeOptions options) : options_(std::move(options)) {}

  int run();

 private:
  /// `changes`: the paths the watcher reported (none: the first build); `scratch`: editors'
  /// temporary files seen meanwhile, which change no page but do change folder listings.
  void rebuild(const std::vector<std::string>& changes, const std::vector<std::string>& scratch = {});
  /// The changed paths relative to the content folder, for the session; nothing when the
  /// watcher lost track (everything is looked at again).
  std::optional<std::vector<std::string>> content_changes(const std::vector<std::string>& changes,
                                                          const std::vector<std::string>& scratch) const;
  void handle_file(const httplib::Request& req, httplib::Response& res);
  void send_html(httplib::Response& res, std::string html, int status);
  void install_routes();

  ServeOptions options_;
  std::unique_ptr<BuildSession> session_;
  fs::path temp_root_;
  ServeState state_;
  httplib::Server http_;
};

std::optional<std::vector<std::string>> Server::content_changes(const std::vector<std::string>& changes,
                                                                const std::vector<std::string>& scratch) const {
  if (changes.empty()) return std::nullopt;  // the first build
  std::vector<std::string> out;
  const fs::path root = options_.build.content.lexically_normal();
  for (const auto* list : {&changes, &scratch}) {
    for (const auto& c : *list) {
      if (c == TreeWatcher::kOverflow) return std::nullopt;
      const fs::path relative = fs::path(c).lexically_normal().lexically_relative(root);
      if (relative.empty()) continue;  // not under the content folder: the theme's
      std::string r = relative.generic_string();
      if (r == ".") r.clear();
      else if (r == ".." || r.rfind("../", 0) == 0) continue;
      out.push_back(std::move(r));
    }
  }
  return out;
}

void Server::rebuild(const std::vector<std::string>& changes, const std::vector<std::string>& scratch) {
  if (options_.verbose && !changes.empty()) {
    std::cerr << "Изменения:";
    for (size_t i = 0; i < changes.size() && i < 10; ++i) std::cerr << " " << changes[i];
    if (changes.size() > 10) std::cerr << " … (" << changes.size() << ")";
    std::cerr << "\n";
  }
  Diagnostics diagnostics;
  auto started = Clock::now();
  // Only the theme's own files make it load again; content changes are found by the
  // session from the files' stamps.
  bool theme_changed = false;
  if (!options_.build.theme.empty()) {
    const std::string theme = fs::weakly_canonical(options_.build.theme).string();
    for (const auto& c : changes) theme_changed = theme_changed || c.rfind(theme, 0) == 0;
  }
  if (!session_) session_ = std::make_unique<BuildSession>(options_.build);
  const auto changed = content_changes(changes, scratch);
  BuildReport report = session_->build(diagnostics, theme_changed, changed ? &*changed : nullptr);
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (!report.ok && !report.failure.empty()) diagnostics.error("", {}, "ошибка записи: " + report.failure);
  std::vector<Diagnostic> sorted = diagnostics.sorted();
  size_t errors = 0, warnings = 0;
  for (const auto& d : sorted) (d.severity == Severity::Error ? errors : warnings)++;

  size_t printed = 0;
  for (const auto& d : sorted) {
    if (printed++ == 500) {
      std::cerr << "… и ещё " << sorted.size() - 500 << " сообщений\n";
      break;
    }
    std::cerr << diagnostic_text(d, options_.colour) << "\n";
  }
  if (report.ok) {
    if (!options_.quiet) {
      std::cout << "[" << clock_now() << "] " << build_summary(report, seconds);
      if (warnings) std::cout << "; " << problems_phrase(0, warnings);
      std::cout << std::endl;
    }
    if (options_.verbose) std::cerr << build_details(report);
  } else {
    std::cerr << "[" << clock_now() << "] Сайт не пересобран: " << problems_phrase(errors, warnings) << ". "
              << (state_.have_site ? "Показывается последняя удачная сборка; исправьте файлы и сохраните их."
                                   : "Исправьте файлы и сохраните их — сайт соберётся сам.")
              << std::endl;
  }
  {
    std::lock_guard lock(state_.mutex);
    ++state_.generation;
    state_.ok = report.ok;
    if (report.ok) state_.have_site = true;
    state_.diagnostics = std::move(sorted);
  }
  state_.changed.notify_all();
}

void Server::send_html(httplib::Response& res, std::string html, int status) {
  uint64_t generation;
  bool ok, have_site;
  std::vector<Diagnostic> diagnostics;
  {
    std::lock_guard lock(state_.mutex);
    generation = state_.generation;
    ok = state_.ok;
    have_site = state_.have_site;
    if (!ok) diagnostics = state_.diagnostics;
  }
  std::string snippet;
  if (!ok) snippet += error_overlay(diagnostics, have_site);
  snippet += reload_script(generation);
  res.status = status;
  res.set_content(inject_before_body_end(std::move(html), snippet), "text/html; charset=utf-8");
}

void Server::handle_file(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  bool have_site;
  std::vector<Diagnostic> diagnostics;
  uint64_t generation;
  {
    std::lock_guard lock(state_.mutex);
    have_site = state_.have_site;
    generation = state_.generation;
    if (!have_site) diagnostics = state_.diagnostics;
  }
  if (!have_site) {
    res.status = 503;
    res.set_content(error_page(diagnostics, generation), "text/html; charset=utf-8");
    return;
  }
  const fs::path& root = options_.out;
  fs::path file = file_for(root, req.path);
  if (file.empty()) {
    res.status = 400;
    res.set_content("Неверный адрес\n", "text/plain; charset=utf-8");
    return;
  }
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    if (req.path.empty() || req.path.back() != '/') {
      // Links between pages are relative: a folder must be seen with its trailing slash.
      std::string target = req.path + "/";
      if (auto q = req.target.find('?'); q != std::string::npos) target += req.target.substr(q);
      res.set_redirect(target, 301);
      return;
    }
    file /= "index.html";
  }
  std::string body;
  if (!fs::is_regular_file(file, ec) || !read_file(file, body)) {
    std::string not_found;
    if (read_file(root / "404.html", not_found)) {
      send_html(res, std::move(not_found), 404);
    } else {
      res.status = 404;
      res.set_content("Страница не найдена\n", "text/plain; charset=utf-8");
    }
    return;
  }
  std::string type = content_type_of(file);
  if (type.rfind("text/html", 0) == 0) {
    send_html(res, std::move(body), 200);
  } else {
    res.status = 200;
    res.set_content(std::move(body), type.c_str());
  }
}

void Server::install_routes() {
  http_.Get(std::string(kEventsPath), [this](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Accel-Buffering", "no");
    auto last = std::make_shared<uint64_t>(UINT64_MAX);
    auto first = std::make_shared<bool>(true);
    res.set_chunked_content_provider("text/event-stream", [this, last, first](size_t, httplib::DataSink& sink) {
      std::string message;
      if (*first) {
        *first = false;
        message = "retry: 1000\n\n";
      }
      {
        std::unique_lock lock(state_.mutex);
        // Bounded wait: a comment every 15 s finds closed connections.
        state_.changed.wait_for(lock, std::chrono::seconds(15),
                                [&] { return state_.stopping || state_.generation != *last; });
        if (state_.stopping) {
          sink.done();
          return false;
        }
        if (state_.generation != *last) {
          *last = state_.generation;
          size_t errors = 0, warnings = 0;
          for (const auto& d : state_.diagnostics) (d.severity == Severity::Error ? errors : warnings)++;
          message += "event: build\ndata: " + build_event_json(state_.generation, state_.ok, errors, warnings) + "\n\n";
        } else {
          message += ": ping\n\n";
        }
      }
      if (!sink.is_writable()) return false;
      return sink.write(message.data(), message.size());
    });
  });

  http_.Get(std::string(kStatusPath), [this](const httplib::Request&, httplib::Response& res) {
    std::string json;
    {
      std::lock_guard lock(state_.mutex);
      std::string list = diagnostics_json(state_.diagnostics);
      json = "{\"generation\":" + std::to_string(state_.generation) + ",\"ok\":" + (state_.ok ? "true" : "false") +
             ",\"have_site\":" + (state_.have_site ? "true" : "false") + ",\"report\":" + list + "}\n";
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(json, "application/json; charset=utf-8");
  });

  http_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { handle_file(req, res); });
}

int Server::run() {
  // SIGINT and SIGTERM arrive through a signalfd in the main loop; every thread started
  // from here on inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  int signal_fd = ::signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd < 0) {
    std::cerr << "nastavnik: не удалось перехватить Ctrl+C (signalfd)\n";
    return 1;
  }
  struct CloseFd {
    int fd;
    ~CloseFd() { ::close(fd); }
  } close_signal_fd{signal_fd};

  if (!options_.out.empty()) {
    // The server writes there after every change: inside a watched folder, each build
    // would start the next one.
    auto inside = [](const fs::path& dir, const fs::path& path) {
      std::error_code ec;
      fs::path d = fs::weakly_canonical(dir, ec), p = fs::weakly_canonical(path, ec);
      auto [a, b] = std::mismatch(d.begin(), d.end(), p.begin(), p.end());
      return a == d.end();
    };
    if (inside(options_.build.content, options_.out) || (!options_.build.theme.empty() && inside(options_.build.theme, options_.out))) {
      std::cerr << "nastavnik: папка --out " << options_.out.string()
                << " лежит внутри папки материалов или темы; укажите папку вне их (или не указывайте --out)\n";
      return 1;
    }
  } else {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string pattern = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/nastavnik-serve-XXXXXX";
    if (!::mkdtemp(pattern.data())) {
      std::cerr << "nastavnik: не удалось создать временную папку для сайта в " << (tmpdir ? tmpdir : "/tmp") << "\n";
      return 1;
    }
    temp_root_ = pattern;
    options_.out = temp_root_ / "public";
  }
  struct RemoveTemp {
    const fs::path& dir;
    ~RemoveTemp() {
      std::error_code ec;
      if (!dir.empty()) fs::remove_all(dir, ec);
    }
  } remove_temp{temp_root_};
  options_.build.out = options_.out;
  options_.build.write = true;
  options_.build.report_format.clear();

  std::unique_ptr<TreeWatcher> watcher;
  try {
    watcher = std::make_unique<TreeWatcher>();
  } catch (const std::exception& e) {
    std::cerr << "nastavnik: " << e.what() << "\n";
    return 1;
  }
  auto watch_all = [&] {
    watcher->watch_tree(options_.build.content);
    if (!options_.build.theme.empty()) watcher->watch_tree(options_.build.theme);
  };
  watch_all();

  rebuild({});

  http_.new_task_queue = [] { return new httplib::ThreadPool(32); };
  http_.set_keep_alive_timeout(1);
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, with which a second serve
  // would share the port of the first instead of reporting it taken.
  http_.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  install_routes();
  int port = options_.port;
  if (port == 0) {
    port = http_.bind_to_any_port(options_.host);
  } else if (!http_.bind_to_port(options_.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    std::cerr << "nastavnik: не удалось открыть порт " << options_.port << " на " << options_.host
              << ": он занят другой программой или недоступен; укажите другой, например --port 1414\n";
    return 1;
  }
  std::thread listener([this] { http_.listen_after_bind(); });

  std::cout << "Сайт: http://" << options_.host << ":" << port << "/" << std::endl;
  if (!options_.quiet) {
    std::cout << "Слежу за изменениями в " << options_.build.content.string()
              << (options_.build.theme.empty() ? std::string() : " и " + options_.build.theme.string())
              << "; остановить — Ctrl+C." << std::endl;
  }

  // The main loop: wait for file changes or a signal; one poll at a time, bounded waits.
  bool stop = false;
  std::vector<std::string> scratch;  // temporary files seen since the last build
  while (!stop) {
    pollfd fds[2] = {{watcher->fd(), POLLIN, 0}, {signal_fd, POLLIN, 0}};
    int ready = ::poll(fds, 2, 1000);
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents & POLLIN) break;
    if (!(fds[0].revents & POLLIN)) continue;
    std::vector<std::string> changes = watcher->read_changes(&scratch);
    // Let a burst of saves settle (an editor writes a temporary file, then renames it):
    // wait until 25 ms pass without events, at most 2 s. An edit is shown within a fifth
    // of a second of saving, so the wait must stay short.
    auto burst_end = Clock::now() + std::chrono::seconds(2);
    while (Clock::now() < burst_end) {
      pollfd more[2] = {{watcher->fd(), POLLIN, 0}, {signal_fd, POLLIN, 0}};
      int n = ::poll(more, 2, 25);
      if (n <= 0) break;
      if (more[1].revents & POLLIN) {
        stop = true;
        break;
      }
      auto next = watcher->read_changes(&scratch);
      changes.insert(changes.end(), next.begin(), next.end());
    }
    if (stop) break;
    if (changes.empty()) continue;
    rebuild(changes, scratch);
    scratch.clear();
    watch_all();  // folders created or replaced meanwhile
  }

  signalfd_siginfo info;
  while (::read(signal_fd, &info, sizeof info) == sizeof info) {
  }
  if (!options_.quiet) std::cout << "Остановлено." << std::endl;
  {
    std::lock_guard lock(state_.mutex);
    state_.stopping = true;
  }
  state_.changed.notify_all();
  http_.stop();
  listener.join();
  return 0;
}

}  // namespace

int run_serve(ServeOptions options) {
  Server server(std::move(options));
  return server.run();
}

}  // namespace nastavnik
