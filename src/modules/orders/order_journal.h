// SPDX-License-Identifier: Apache-2.0
// The three records every change of an order writes in its transaction: the order_events row,
// the audit row and the outbox domain event.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

// The payload of every order.* domain event.
Json event_payload(const Order& order);

struct JournalEntry {
  std::string action;                      // "create", "approve", "ship", "import", ...
  std::optional<std::string> from_status;  // none for a new order
  std::string note;
  std::string_view event_type;             // "order.shipped"; empty: no domain event
  Json changes = Json::object();           // extra audit fields
};

// Writes an order_events row (action, from -> order.status, actor), an audit row
// "order.<action>" (target order/<id>, changes {status:{from,to}} plus entry.changes) and, when
// entry.event_type is set, an outbox event with event_payload(order) — all in `tx`.
Result<void> journal(storage::Connection& tx, const OrderEnv& env,
                     const customers::Caller& caller, const Order& order,
                     const JournalEntry& entry);

}  // namespace crm::orders
