// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "storage/database.h"

namespace crm::storage {

// A domain event as stored in `outbox_events`.
struct Event {
  int64_t id = 0;
  std::string type;     // e.g. "customer.created"
  std::string payload;  // JSON text
  int64_t created_at_ms = 0;
};

// The transactional outbox: services append events inside the transaction that made the change,
// and the EventBus (storage/event_bus.h) delivers them afterwards.
class Outbox {
 public:
  // Appends an event in the caller's transaction; returns its id.
  static Result<int64_t> append(Connection& tx, const Clock& clock, std::string_view type,
                                std::string_view payload_json);
  // Up to `limit` unpublished events in id order. On PostgreSQL the rows are locked with
  // FOR UPDATE SKIP LOCKED for the rest of the caller's transaction.
  static Result<std::vector<Event>> claim_unpublished(Connection& tx, int limit);
  // Marks one event published at `published_at_ms` (no-op if it already is).
  static Result<void> mark_published(Connection& tx, int64_t id, int64_t published_at_ms);
  // How many events wait to be published (for /metrics).
  static Result<int64_t> pending_count(Connection& connection);
};

}  // namespace crm::storage
