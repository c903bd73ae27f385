// SPDX-License-Identifier: Apache-2.0
// A customer's purchase history for the customer 360 page (GET /api/v1/customers/{id}/orders):
// the orders newest first, a page at a time, with totals over all of them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "storage/database.h"

namespace crm::orders {

struct CustomerOrderRow {
  int64_t id = 0;
  std::string number;
  std::string platform;
  std::string channel;
  std::string status;
  int64_t total_fen = 0;
  int64_t paid_fen = 0;
  int64_t refunded_fen = 0;
  int64_t items = 0;  // sum of line quantities
  int64_t placed_at_ms = 0;
};

// Totals count orders that are not pending_audit, cancelled or closed (as the reports do).
struct CustomerOrderTotals {
  int64_t orders = 0;
  int64_t sales_fen = 0;
  int64_t refunds_fen = 0;
  std::optional<int64_t> first_order_at_ms;
  std::optional<int64_t> last_order_at_ms;
};

struct CustomerOrders {
  CustomerOrderTotals totals;
  std::vector<CustomerOrderRow> items;  // every status
  int64_t total = 0;
  std::optional<std::string> next_after;  // "<placed_at_ms>.<id>"
};

class OrderHistoryService {
 public:
  OrderHistoryService(storage::Database& db, customers::CustomerService& customers)
      : db_(db), customers_(customers) {}

  // Errors: customer.not_found for a customer the actor may not see; order.invalid_cursor (400,
  // field after).
  Result<CustomerOrders> customer_orders(const http::Actor& actor, int64_t customer_id, int limit,
                                         const std::optional<std::string>& after);

 private:
  storage::Database& db_;
  customers::CustomerService& customers_;
};

}  // namespace crm::orders
