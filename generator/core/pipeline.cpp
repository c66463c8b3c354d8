#include "core/pipeline.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nastavnik {

void run_groups(const TwoPhaseGroups& work, unsigned workers) {
  const size_t n = work.groups;
  if (n == 0) return;
  std::vector<size_t> first_total(n), first_left(n), second_total(n, 0), second_left(n, 0);
  for (size_t g = 0; g < n; ++g) first_total[g] = first_left[g] = work.first_count(g);

  std::mutex mutex;
  std::condition_variable changed;
  size_t group = 0, task = 0;                   // the next first-phase task to hand out
  std::deque<std::pair<size_t, size_t>> ready;  // second phases that may run: (group, next task)
  size_t finished = 0;
  std::exception_ptr failure;

  // Under the lock: a group whose first phase is done moves on to its second, or is done.
  auto first_done = [&](size_t g) {
    if (work.proceed(g) && (second_total[g] = work.second_count(g)) > 0) {
      second_left[g] = second_total[g];
      ready.emplace_back(g, 0);
    } else {
      work.done(g);
      ++finished;
    }
  };

  auto run = [&](unsigned worker) {
    std::unique_lock lock(mutex);
    while (!failure && finished < n) {
      // Groups with no first-phase work are done with it at once.
      while (group < n && first_total[group] == 0) first_done(group++);
      if (finished == n) break;
      bool second = false;
      size_t g = 0, t = 0;
      if (!ready.empty()) {  // a group's outputs before the next group's bodies
        second = true;
        g = ready.front().first;
        t = ready.front().second++;
        if (ready.front().second == second_total[g]) ready.pop_front();
      } else if (group < n) {
        g = group;
        t = task++;
        if (task == first_total[g]) {
          ++group;
          task = 0;
        }
      } else {
        changed.wait(lock);
        continue;
      }
      lock.unlock();
      try {
        if (second) work.second(g, t, worker);
        else work.first(g, t, worker);
      } catch (...) {
        lock.lock();
        if (!failure) failure = std::current_exception();
        break;
      }
      lock.lock();
      if (second ? --second_left[g] == 0 : false) {
        work.done(g);
        ++finished;
      } else if (!second && --first_left[g] == 0) {
        first_done(g);
      }
      changed.notify_all();
    }
    changed.notify_all();
  };
  workers = workers == 0 ? 1 : workers;
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(run, w);
  run(0);
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace nastavnik
