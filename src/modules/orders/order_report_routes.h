// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/orders/order_report_history.h"
#include "modules/orders/order_report_service.h"

namespace crm::orders {

// GET /api/v1/order-reports/sales and /summary (orders.reports) and
// GET /api/v1/customers/{id}/orders (orders.view and the customer's visibility).
// See docs/api/orders.md, "Order reports" and "Customer 360".
class OrderReportRoutes {
 public:
  OrderReportRoutes(OrderReportService& reports, OrderHistoryService& history, const Clock& clock)
      : reports_(reports), history_(history), clock_(clock) {}
  void add_to(http::Router& router);

 private:
  OrderReportService& reports_;
  OrderHistoryService& history_;
  const Clock& clock_;
};

}  // namespace crm::orders
