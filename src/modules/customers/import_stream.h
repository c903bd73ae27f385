// SPDX-License-Identifier: Apache-2.0
// The checked rows of an import on their way from the check (import_checker.h, the job's
// thread) to the write (import_writer.h, a thread of its own), so that the write of the first
// rows overlaps the check of the later ones.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "core/result.h"
#include "modules/customers/import_plan.h"

namespace crm::customers {

// A bounded queue of row chunks in row order, with one producer (the check) and one consumer
// (the write). The check first says how many rows will create customers (expect()), then pushes
// chunks, then either finish()es or abort()s (a row error: nothing may be committed). The write
// stop()s it when it ends for any reason, which wakes and refuses the producer. Thread-safe.
class PlanStream {
 public:
  explicit PlanStream(size_t capacity = kCapacity) : capacity_(capacity) {}

  // Producer. expect() once, before the first push.
  void expect(int64_t new_rows);
  // Waits while `capacity` chunks are queued. False: the consumer stopped (nothing more is read).
  bool push(std::vector<PlannedRow> rows);
  // Every chunk is pushed; `processed` = data rows read from the file.
  void finish(int64_t processed);
  // The rows have an error, or the check failed: the consumer must not commit.
  void abort();

  // Consumer. Errors: import.aborted (kConflict) after abort() or stop().
  Result<int64_t> expected_new();
  // The next chunk; nullopt once every chunk was read after finish().
  Result<std::optional<std::vector<PlannedRow>>> next();
  // The `processed` of finish(); call after next() returned nullopt.
  int64_t processed() const;
  // The consumer is done: wakes and refuses the producer from now on. Idempotent.
  void stop();

  // Chunks queued at most (each of ImportChecker::kProgressEvery rows).
  static constexpr size_t kCapacity = 4;

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<PlannedRow>> chunks_;
  std::optional<int64_t> expected_;
  int64_t processed_ = 0;
  bool finished_ = false, aborted_ = false, stopped_ = false;
};

// A PlanStream that already holds the whole plan (expected, one chunk, finished): writes a plan
// checked beforehand (tests; the rows are moved out of `plan`).
void fill_stream(PlanStream& stream, ImportPlan& plan);

}  // namespace crm::customers
