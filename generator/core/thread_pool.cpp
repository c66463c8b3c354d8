#include "core/thread_pool.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nastavnik {

unsigned worker_count(unsigned requested) {
  if (requested > 0) return requested;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

void parallel_for(size_t n, unsigned workers, const std::function<void(size_t)>& fn) {
  parallel_for(n, workers, [&fn](size_t i, unsigned) { fn(i); });
}

void parallel_for(size_t n, unsigned workers, const std::function<void(size_t, unsigned)>& fn) {
  if (n == 0) return;
  workers = std::max(1u, std::min<unsigned>(workers, static_cast<unsigned>(n)));
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&](unsigned worker) {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        fn(i, worker);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = n;  // stop handing out work
      }
    }
  };
  if (workers == 1) {
    run(0);
  } else {
    std::vector<std::thread> threads;
    threads.reserve(workers - 1);
    for (unsigned w = 1; w < workers; ++w) threads.emplace_back(run, w);
    run(0);
    for (auto& t : threads) t.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace nastavnik
