// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_stream.h"

#include <algorithm>
#include <utility>

namespace crm::customers {

namespace {

Error aborted() {
  return conflict("import.aborted", "The import's check failed; nothing was written.");
}

}  // namespace

void PlanStream::expect(int64_t new_rows) {
  {
    std::lock_guard lock(mutex_);
    expected_ = new_rows;
  }
  changed_.notify_all();
}

bool PlanStream::push(std::vector<PlannedRow> rows) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stopped_ || chunks_.size() < capacity_; });
  if (stopped_) return false;
  chunks_.push_back(std::move(rows));
  lock.unlock();
  changed_.notify_all();
  return true;
}

void PlanStream::finish(int64_t processed) {
  {
    std::lock_guard lock(mutex_);
    processed_ = processed;
    finished_ = true;
    if (!expected_) expected_ = 0;
  }
  changed_.notify_all();
}

void PlanStream::abort() {
  {
    std::lock_guard lock(mutex_);
    aborted_ = true;
  }
  changed_.notify_all();
}

Result<int64_t> PlanStream::expected_new() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return aborted_ || stopped_ || expected_.has_value(); });
  if (aborted_ || stopped_) return aborted();
  return *expected_;
}

Result<std::optional<std::vector<PlannedRow>>> PlanStream::next() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return aborted_ || stopped_ || !chunks_.empty() || finished_; });
  if (aborted_ || stopped_) return aborted();
  if (chunks_.empty()) return std::optional<std::vector<PlannedRow>>();
  std::vector<PlannedRow> rows = std::move(chunks_.front());
  chunks_.pop_front();
  lock.unlock();
  changed_.notify_all();
  return std::optional<std::vector<PlannedRow>>(std::move(rows));
}

int64_t PlanStream::processed() const {
  std::lock_guard lock(mutex_);
  return processed_;
}

void PlanStream::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    chunks_.clear();
  }
  changed_.notify_all();
}

void fill_stream(PlanStream& stream, ImportPlan& plan) {
  stream.expect(std::count_if(plan.rows.begin(), plan.rows.end(),
                              [](const PlannedRow& row) { return !row.existing; }));
  stream.push(std::move(plan.rows));
  plan.rows.clear();
  stream.finish(plan.processed);
}

}  // namespace crm::customers
