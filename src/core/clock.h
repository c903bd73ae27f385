// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>

namespace crm {

// Wall-clock time as UTC milliseconds since the epoch, injected everywhere time matters so that
// tests control it. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override;
};

// A clock that moves only when told to; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'767'225'600'000) : now_ms_(start_ms) {}  // 2026-01-01
  int64_t now_ms() const override { return now_ms_.load(); }
  void advance_ms(int64_t delta_ms) { now_ms_ += delta_ms; }
  void set_ms(int64_t value_ms) { now_ms_ = value_ms; }

 private:
  std::atomic<int64_t> now_ms_;
};

// Monotonic milliseconds for measuring durations (not wall time).
int64_t steady_now_ms();

}  // namespace crm
