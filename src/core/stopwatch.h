// SPDX-License-Identifier: Apache-2.0
// Phase timings for logs: wall time and the calling thread's CPU time (on a shared machine the
// wall time mostly measures the neighbours; the thread's CPU time says what the phase cost).
#pragma once

#include <time.h>

#include <chrono>
#include <cstdint>

#include "core/json.h"

namespace crm {

class Stopwatch {
 public:
  Stopwatch() { restart(); }

  // {"wall_ms": …, "cpu_ms": …} since construction or the previous lap(); starts the next lap.
  // CPU time is the calling thread's: call it on the thread that did the work.
  Json lap() {
    const auto wall = std::chrono::steady_clock::now();
    const int64_t cpu = thread_cpu_ns();
    Json out = {
        {"wall_ms", std::chrono::duration_cast<std::chrono::milliseconds>(wall - wall_).count()},
        {"cpu_ms", (cpu - cpu_) / 1'000'000}};
    wall_ = wall;
    cpu_ = cpu;
    return out;
  }

  void restart() {
    wall_ = std::chrono::steady_clock::now();
    cpu_ = thread_cpu_ns();
  }

 private:
  static int64_t thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
  }

  std::chrono::steady_clock::time_point wall_;
  int64_t cpu_ = 0;
};

}  // namespace crm
