// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/module.h"
#include "modules/orders/orders_module.h"

namespace crm::orders {

// Products, product categories, warehouses, stock per warehouse and the stock ledger (ORD-6).
class CatalogPart {
 public:
  CatalogPart(modules::ModuleContext& context, OrdersDependencies& deps);

  void add_routes(http::Router& router);
  void subscribe(storage::EventBus& events, storage::Worker& worker);

 private:
  modules::ModuleContext& context_;
  OrdersDependencies& deps_;
};

}  // namespace crm::orders
