#pragma once
#include <cstddef>
#include <functional>

namespace nastavnik {

/// Number of workers to use: `requested` when positive, otherwise every core.
unsigned worker_count(unsigned requested);

/// Runs fn(i) for i in [0, n) on `workers` threads. Work is handed out one index at a time,
/// so output that depends only on i is the same whatever the number of threads.
void parallel_for(size_t n, unsigned workers, const std::function<void(size_t)>& fn);
/// The same, telling `fn` which worker runs it (0 … workers-1), for per-worker state.
void parallel_for(size_t n, unsigned workers, const std::function<void(size_t, unsigned)>& fn);

}  // namespace nastavnik
