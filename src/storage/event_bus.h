// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "storage/database.h"
#include "storage/outbox.h"

namespace crm::storage {

// Delivers outbox events to in-process subscribers, at least once and in id order.
// Subscribe everything before the Worker starts; dispatch_pending is thread-safe.
class EventBus {
 public:
  using Handler = std::function<Result<void>(const Event&)>;

  EventBus(Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  void subscribe(std::string type, Handler handler);

  // Delivers up to `limit` unpublished events, in id order, to every subscriber of their type and
  // marks each published once all its subscribers succeeded (events nobody subscribes to are just
  // marked). A subscriber error is logged and stops this round, leaving that event (and later
  // ones, to keep the order) for the next call; subscribers that already succeeded see it again,
  // so subscribers must be idempotent. Subscribers run outside any transaction and may open
  // their own. Returns the number of events marked published.
  Result<int> dispatch_pending(int limit);

 private:
  Database& database_;
  const Clock& clock_;
  std::mutex dispatch_mutex_;  // one dispatch at a time per process
  std::map<std::string, std::vector<Handler>, std::less<>> handlers_;
};

}  // namespace crm::storage
