// SPDX-License-Identifier: Apache-2.0
// Runs the order state machine (order_transitions.h) with its side effects (ORD-2..4): stock
// reservation, shipping and release through the stock ledger; payment; messages; the receipt
// reminder schedule; the customer's first purchase; and carrier tracking.
#pragma once

#include <optional>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_transitions.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

// The order `id` as `actor` may see it (data scope via customer_owner_id), or order.not_found.
Result<Order> load_visible(storage::Connection& db, const OrderEnv& env, const http::Actor& actor,
                           int64_t id);

class OrderActions {
 public:
  explicit OrderActions(OrderEnv& env) : env_(env) {}

  // Moves order `id` by `action`, when `if_match_version` (If-Match) is absent or current. Each
  // transition writes the order, an order_events row, an audit row and a domain event in one
  // transaction. Bodies: approve/reject {note} (note required to reject); pay {amount_fen
  // (default and only allowed value: the total), method, reference}; ship {carrier,
  // tracking_number} (both required); cancel {reason}.
  // Errors: order.not_found; order.version_mismatch (kPreconditionFailed);
  // order.illegal_transition (kConflict, message names from and to); stock.insufficient
  // (kConflict, approve); order.amount_mismatch (pay), order.unpaid (kConflict, complete);
  // validation errors with field.
  Result<Order> apply(const customers::Caller& caller, int64_t id, OrderAction action,
                      const Json& body, std::optional<int64_t> if_match_version);

  // Adds carrier tracking events to a shipped (or later) order; a "delivered" event delivers a
  // shipped order. Staff: POST /api/v1/orders/{id}/tracking {at, status, location, description};
  // integrations: POST /api/v1/logistics/tracking {tracking_number, events: [...]}.
  // Errors: order.not_found, order.not_shipped (kConflict), validation errors (events[i].*).
  Result<Order> add_tracking(const customers::Caller& caller, int64_t id, const Json& body);
  Result<Order> push_tracking(const customers::Caller& caller, const Json& body);

 private:
  // The transition on an order already loaded in `tx`; returns it updated.
  Result<Order> transition(storage::Connection& tx, const customers::Caller& caller, Order order,
                           OrderAction action, const Json& body);
  Result<Order> record_tracking(storage::Connection& tx, const customers::Caller& caller,
                                Order order, const Json& events, std::string_view source);

  OrderEnv& env_;
};

}  // namespace crm::orders
