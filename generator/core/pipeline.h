#pragma once
// Groups of work in two phases, on a fixed number of threads, without a barrier between
// groups: a group's second phase may start once its own first phase is done, and goes
// ahead of later groups' first phases. The build runs each organisation this way: its
// entries' bodies first, then its outputs, then the bodies are released — while the next
// organisation's bodies are already being read.
#include <cstddef>
#include <functional>

namespace nastavnik {

struct TwoPhaseGroups {
  size_t groups = 0;
  std::function<size_t(size_t group)> first_count;
  std::function<void(size_t group, size_t task, unsigned worker)> first;
  /// Asked once a group's first phase is done: whether its second phase runs.
  std::function<bool(size_t group)> proceed;
  std::function<size_t(size_t group)> second_count;
  std::function<void(size_t group, size_t task, unsigned worker)> second;
  /// Once a group is finished (both phases, or the first when the second does not run).
  std::function<void(size_t group)> done;
};

/// Runs everything; rethrows the first exception a task threw (no new task starts after it).
void run_groups(const TwoPhaseGroups& work, unsigned workers);

}  // namespace nastavnik
