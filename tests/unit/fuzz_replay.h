#pragma once
// Replays the files of a folder through one fuzz target's checks inside the unit tests.
// The checks live in fuzz/targets/<target>.h (the rest of fuzz/ is how libFuzzer runs them;
// these tests only call fuzz::run_<target>): a failed check throws fuzz::CheckFailed.
//
// Each input runs in a child process of its own: what fuzzing finds is often a crash, and
// a crash must fail the test case that replays it, not end the whole run of the unit tests
// with every later test unrun. A failing input is reported with its file and message.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace fuzz_regression {

namespace fs = std::filesystem;

using Run = void (*)(const uint8_t*, size_t);

/// The inputs of `folder` (relative to the repository): its regular files but hidden ones,
/// sorted. A folder that is missing or empty fails the test: a replay of nothing proves
/// nothing.
inline std::vector<fs::path> inputs_of(const std::string& folder) {
  const fs::path dir = fs::path(NASTAVNIK_SOURCE_DIR) / folder;
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().filename().string()[0] != '.') out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  CHECK_MESSAGE(fs::is_directory(dir), folder << " does not exist");
  CHECK_MESSAGE(!out.empty(), folder << " holds no inputs");
  return out;
}

/// Runs `bytes` through `run` in a child process; "" when every check passed, else what
/// went wrong: the failed check's message, another exception, or the signal that killed it.
inline std::string run_isolated(Run run, const std::string& bytes) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  // Nothing buffered may be written twice, by the child too.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The test framework's handlers would report the crash as the child's own test run.
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGALRM}) ::signal(sig, SIG_DFL);
    // A hang is a finding too: a single input gets a minute (a sanitized build is slow).
    ::alarm(60);
    ::close(pipe_fds[0]);
    std::string message;
    try {
      run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& e) {
      message = e.what();
      if (message.empty()) message = "an exception without a message";
    } catch (...) {
      message = "an exception that is not a std::exception";
    }
    for (size_t done = 0; done < message.size();) {
      const ssize_t n = ::write(pipe_fds[1], message.data() + done, message.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ::_exit(message.empty() ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  std::string message;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    message.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" + ::strsignal(WTERMSIG(status)) + ")";
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0 && message.empty()) return "exit status " + std::to_string(WEXITSTATUS(status));
  return message;
}

/// Runs every input of `folder` through `run`; each input that fails a check, throws or
/// crashes is a failure of the test case. Returns how many inputs there were.
inline size_t replay(const std::string& folder, Run run) {
  const auto inputs = inputs_of(folder);
  for (const auto& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string problem = run_isolated(run, bytes);
    if (!problem.empty()) {
      const std::string failure = path.lexically_relative(NASTAVNIK_SOURCE_DIR).generic_string() + ": " + problem;
      FAIL_CHECK(doctest::String(failure.c_str()));
    }
  }
  return inputs.size();
}

}  // namespace fuzz_regression
