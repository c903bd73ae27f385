// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "modules/analytics/store_loader.h"

// The live analytics store of one process (docs/analytics.md, "Loading and keeping current").
// Loaded in a background thread at start; until then view() is 503 analytics.loading. Orders
// changed on this node arrive through apply_order (domain events). With a refresh interval (several
// nodes share PostgreSQL and see only their own events) the whole store is rebuilt in the
// background every interval and swapped in atomically; events that arrive during a rebuild are
// replayed onto the new store before the swap, so none is lost.
namespace crm::analytics {

// One loaded store and the lock that orders its readers and in-place writers.
struct StoreHolder {
  std::unique_ptr<LoadedStore> loaded;
  mutable std::shared_mutex mutex;
};

class AnalyticsState {
 public:
  // 0 = no periodic rebuild; read before every wait so a settings change applies.
  using IntervalFn = std::function<int64_t()>;

  explicit AnalyticsState(StoreLoader loader) : loader_(std::move(loader)) {}
  ~AnalyticsState() { stop(); }
  AnalyticsState(const AnalyticsState&) = delete;
  AnalyticsState& operator=(const AnalyticsState&) = delete;

  // Starts the background thread: the first load (retried every 10 s after a failure), then a
  // rebuild every refresh_interval_ms() when that is > 0. Idempotent.
  void start(IntervalFn refresh_interval_ms);
  // Cancels a load under way and joins the thread. Idempotent.
  void stop();

  // A consistent read of the current store: holds a shared lock, so in-place updates wait.
  class View {
   public:
    View(std::shared_ptr<const StoreHolder> holder)
        : holder_(std::move(holder)), lock_(holder_->mutex) {}
    const LoadedStore& operator*() const { return *holder_->loaded; }
    const LoadedStore* operator->() const { return holder_->loaded.get(); }

   private:
    std::shared_ptr<const StoreHolder> holder_;
    std::shared_lock<std::shared_mutex> lock_;
  };
  // analytics.loading (kUnavailable) until the first load finished.
  Result<View> view() const;
  bool ready() const;

  // Brings one order up to date (domain events). Errors only when the database is unavailable
  // (so the event is retried); bad rows are logged and skipped.
  Result<void> apply_order(int64_t order_id);
  // Brings one customer up to date (customers.* events), with the same error rule.
  Result<void> apply_customer(int64_t customer_id);
  // Asks the background thread for a rebuild as soon as it can (changes the store cannot follow
  // in place: merges move orders between customers, erases, imports). Requests made while a
  // rebuild runs lead to one more rebuild after it, so none is lost; several coalesce into one.
  void request_rebuild();

  // Builds a new store on the calling thread and swaps it in (the refresh, tests).
  Result<void> rebuild();

 private:
  std::shared_ptr<StoreHolder> current() const;
  void loop(IntervalFn interval);

  StoreLoader loader_;
  mutable std::mutex current_mutex_;  // guards current_
  std::shared_ptr<StoreHolder> current_;
  std::mutex apply_mutex_;            // one writer at a time: events and the final swap
  bool rebuilding_ = false;           // guarded by apply_mutex_
  std::vector<int64_t> touched_;      // orders applied during a rebuild (to replay)
  std::vector<int64_t> touched_customers_;  // likewise customers
  std::atomic<bool> cancel_{false};
  std::mutex loop_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool rebuild_requested_ = false;    // guarded by loop_mutex_
  std::thread thread_;
};

}  // namespace crm::analytics
