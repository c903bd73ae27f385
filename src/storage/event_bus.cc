// SPDX-License-Identifier: Apache-2.0
#include "storage/event_bus.h"

#include <exception>

#include "core/log.h"

namespace crm::storage {

void EventBus::subscribe(std::string type, Handler handler) {
  handlers_[std::move(type)].push_back(std::move(handler));
}

Result<int> EventBus::dispatch_pending(int limit) {
  std::lock_guard guard(dispatch_mutex_);
  // Read the batch without holding a write transaction: subscribers write in their own.
  CRM_TRY_ASSIGN(std::vector<Event> events,
                 database_.read([&](Connection& connection) {
                   return Outbox::claim_unpublished(connection, limit);
                 }));
  int published = 0;
  for (const Event& event : events) {
    auto found = handlers_.find(event.type);
    if (found != handlers_.end()) {
      for (const Handler& handler : found->second) {
        Result<void> delivered = Error{};
        try {
          delivered = handler(event);
        } catch (const std::exception& e) {
          delivered = internal_error(e.what());
        }
        if (!delivered) {
          log::warn("outbox.subscriber_failed",
                    {{"event_id", event.id}, {"type", event.type},
                     {"code", delivered.error().code},
                     {"detail", delivered.error().detail.empty() ? delivered.error().message
                                                                 : delivered.error().detail}});
          return published;
        }
      }
    }
    CRM_TRY(database_.transaction([&](Connection& tx) {
      return Outbox::mark_published(tx, event.id, clock_.now_ms());
    }));
    ++published;
  }
  return published;
}

}  // namespace crm::storage
