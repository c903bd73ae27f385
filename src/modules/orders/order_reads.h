// SPDX-License-Identifier: Apache-2.0
// Reading orders: one order with its lines, events and tracking; lists; the pick list.
#pragma once

#include <vector>

#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

struct OrderDetail {
  Order order;
  std::vector<OrderEvent> events;
  std::vector<TrackingEvent> tracking;
};

class OrderReads {
 public:
  explicit OrderReads(OrderEnv& env) : env_(env) {}

  // With `reveal` the caller must hold customers.view_pii (order.pii_forbidden, kForbidden) and
  // an audit row order.pii_viewed is written. Errors: order.not_found (missing or out of scope).
  Result<OrderDetail> get(const customers::Caller& caller, int64_t id, bool reveal,
                          bool can_view_pii);
  // Newest placed first; data scope applied. Errors: order.invalid_cursor.
  Result<OrderPage> list(const customers::Caller& caller, OrderQuery query);
  // Lines summed per SKU over the given orders (visible ones only) or, without ids, every order
  // in `status`.
  Result<std::vector<PickLine>> pick_list(const customers::Caller& caller,
                                          const std::string& status,
                                          const std::vector<int64_t>& order_ids);
  Result<std::vector<TrackingEvent>> tracking(const customers::Caller& caller, int64_t id);

 private:
  OrderEnv& env_;
};

}  // namespace crm::orders
