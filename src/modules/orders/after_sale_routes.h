// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/json.h"
#include "http/router.h"
#include "modules/orders/after_sale_service.h"

namespace crm::orders {

// /api/v1/after-sales: list, create, show and one POST per workflow action
// (approve, reject, receive, refund, reship, close). Reads need orders.view, writes
// orders.after_sales. See docs/api/orders.md, "After-sales".
class AfterSaleRoutes {
 public:
  explicit AfterSaleRoutes(AfterSaleService& service) : service_(service) {}
  void add_to(http::Router& router);

 private:
  AfterSaleService& service_;
};

// The wire form; `full` adds items, events and the order's money (GET /{id} and writes).
Json to_json(const AfterSale& a, bool full);

}  // namespace crm::orders
