// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include "http/router.h"
#include "modules/module.h"
#include "modules/orders/orders_module.h"

#include "modules/orders/catalog_part.h"
#include "modules/orders/order_actions.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_import.h"
#include "modules/orders/order_intake.h"
#include "modules/orders/order_reads.h"
#include "modules/orders/order_routes.h"
#include "modules/orders/order_rules.h"

namespace crm::orders {

// Order intake (API and import, idempotent), audit rules and queue, the order state machine,
// payment, fulfilment and logistics, notifications and receipt reminders (ORD-1..4).
class OrderPart {
 public:
  OrderPart(modules::ModuleContext& context, OrdersDependencies& deps, CatalogPart& catalog);

  void add_routes(http::Router& router);
  void subscribe(storage::EventBus& events, storage::Worker& worker);

  // For the after-sales part and tests: the order services.
  OrderEnv& env() { return env_; }
  OrderIntake& intake() { return intake_; }
  OrderActions& actions() { return actions_; }
  OrderReads& reads() { return reads_; }

 private:
  modules::ModuleContext& context_;
  OrdersDependencies& deps_;
  CatalogPart& catalog_;
  OrderEnv env_;
  OrderIntake intake_;
  OrderActions actions_;
  OrderReads reads_;
  OrderRules rules_;
  OrderImport imports_;
  OrderRoutes routes_;
};

}  // namespace crm::orders
