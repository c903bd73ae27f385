// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/analytics_state.h"

#include <chrono>

#include "core/log.h"

namespace crm::analytics {

namespace {
constexpr int64_t kRetryAfterFailureMs = 10'000;
}  // namespace

std::shared_ptr<StoreHolder> AnalyticsState::current() const {
  std::lock_guard lock(current_mutex_);
  return current_;
}

bool AnalyticsState::ready() const { return current() != nullptr; }

Result<AnalyticsState::View> AnalyticsState::view() const {
  auto holder = current();
  if (!holder) {
    return unavailable("analytics.loading",
                       "The analytics data is still loading; try again in a few seconds.");
  }
  return View(std::move(holder));
}

Result<void> AnalyticsState::apply_order(int64_t order_id) {
  std::lock_guard lock(apply_mutex_);
  if (rebuilding_) touched_.push_back(order_id);
  auto holder = current();
  if (!holder) return {};  // the load under way reads it, or replays it
  std::unique_lock write(holder->mutex);
  auto applied = loader_.apply_order(*holder->loaded, order_id);
  if (!applied) {
    if (applied.error().kind == ErrorKind::kUnavailable) return applied;
    log::error("analytics.apply_failed", {{"order_id", order_id},
                                          {"code", applied.error().code},
                                          {"detail", applied.error().detail}});
  }
  return {};
}

Result<void> AnalyticsState::apply_customer(int64_t customer_id) {
  std::lock_guard lock(apply_mutex_);
  if (rebuilding_) touched_customers_.push_back(customer_id);
  auto holder = current();
  if (!holder) return {};
  std::unique_lock write(holder->mutex);
  auto applied = loader_.apply_customer(*holder->loaded, customer_id);
  if (!applied) {
    if (applied.error().kind == ErrorKind::kUnavailable) return applied;
    log::error("analytics.apply_failed", {{"customer_id", customer_id},
                                          {"code", applied.error().code},
                                          {"detail", applied.error().detail}});
  }
  return {};
}

void AnalyticsState::request_rebuild() {
  {
    std::lock_guard lock(loop_mutex_);
    rebuild_requested_ = true;
  }
  wake_.notify_all();
}

Result<void> AnalyticsState::rebuild() {
  {
    std::lock_guard lock(loop_mutex_);
    rebuild_requested_ = false;  // this rebuild reads every change committed so far
  }
  {
    std::lock_guard lock(apply_mutex_);
    rebuilding_ = true;
    touched_.clear();
    touched_customers_.clear();
  }
  auto built = loader_.load_all(cancel_);
  std::lock_guard lock(apply_mutex_);
  rebuilding_ = false;
  if (!built) {
    touched_.clear();
    touched_customers_.clear();
    return std::move(built).error();
  }
  auto holder = std::make_shared<StoreHolder>();
  holder->loaded = std::move(*built);
  for (int64_t id : touched_customers_) {
    auto applied = loader_.apply_customer(*holder->loaded, id);
    if (!applied) {
      log::error("analytics.apply_failed", {{"customer_id", id}, {"code", applied.error().code}});
    }
  }
  for (int64_t id : touched_) {
    auto applied = loader_.apply_order(*holder->loaded, id);
    if (!applied) {
      log::error("analytics.apply_failed", {{"order_id", id}, {"code", applied.error().code}});
    }
  }
  touched_.clear();
  touched_customers_.clear();
  std::lock_guard swap(current_mutex_);
  current_ = std::move(holder);
  return {};
}

void AnalyticsState::start(IntervalFn refresh_interval_ms) {
  std::lock_guard lock(loop_mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  cancel_ = false;
  thread_ = std::thread([this, interval = std::move(refresh_interval_ms)] { loop(interval); });
}

void AnalyticsState::stop() {
  {
    std::lock_guard lock(loop_mutex_);
    stopping_ = true;
    cancel_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AnalyticsState::loop(IntervalFn interval) {
  for (;;) {
    int64_t wait_ms = 0;
    auto built = rebuild();
    if (!built) {
      if (built.error().code == "analytics.cancelled") return;
      log::error("analytics.load_failed",
                 {{"code", built.error().code}, {"detail", built.error().detail}});
      wait_ms = ready() && interval ? interval() : kRetryAfterFailureMs;
      if (wait_ms <= 0) wait_ms = kRetryAfterFailureMs;
    } else {
      wait_ms = interval ? interval() : 0;
    }
    std::unique_lock lock(loop_mutex_);
    const auto woken = [this] { return stopping_ || rebuild_requested_; };
    if (wait_ms <= 0) {
      wake_.wait(lock, woken);
    } else {
      wake_.wait_for(lock, std::chrono::milliseconds(wait_ms), woken);
    }
    if (stopping_) return;
  }
}

}  // namespace crm::analytics
