// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/module.h"
#include "modules/orders/orders_module.h"

#include "modules/orders/catalog_part.h"

namespace crm::orders {

// Order intake (API, idempotent), audit rules and queue, the order state machine, payment, fulfilment and logistics, receipt reminders, order reports (ORD-1..4, ORD-7).
class OrderPart {
 public:
  OrderPart(modules::ModuleContext& context, OrdersDependencies& deps, CatalogPart& catalog);

  void add_routes(http::Router& router);
  void subscribe(storage::EventBus& events, storage::Worker& worker);

 private:
  modules::ModuleContext& context_;
  OrdersDependencies& deps_;
  CatalogPart& catalog_;
};

}  // namespace crm::orders
