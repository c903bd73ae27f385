// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/module.h"
#include "modules/orders/orders_module.h"

#include "modules/orders/catalog_part.h"
#include "modules/orders/order_part.h"

namespace crm::orders {

// After-sales: returns, exchanges and refund-only requests with their workflow, restocking and refunds (ORD-5).
class AfterSalePart {
 public:
  AfterSalePart(modules::ModuleContext& context, OrdersDependencies& deps, CatalogPart& catalog, OrderPart& orders);

  void add_routes(http::Router& router);
  void subscribe(storage::EventBus& events, storage::Worker& worker);

 private:
  modules::ModuleContext& context_;
  OrdersDependencies& deps_;
  CatalogPart& catalog_;
  OrderPart& orders_;
};

}  // namespace crm::orders
