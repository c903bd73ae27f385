// SPDX-License-Identifier: Apache-2.0
// The order routes (ORD-1..4): parse, call the order services, render. See docs/api/orders.md.
#pragma once

#include "http/router.h"
#include "modules/orders/order_actions.h"
#include "modules/orders/order_import.h"
#include "modules/orders/order_intake.h"
#include "modules/orders/order_reads.h"
#include "modules/orders/order_rules.h"

namespace crm::orders {

class OrderRoutes {
 public:
  OrderRoutes(OrderEnv& env, OrderIntake& intake, OrderActions& actions, OrderReads& reads,
              OrderRules& rules, OrderImport& imports)
      : env_(env), intake_(intake), actions_(actions), reads_(reads), rules_(rules),
        imports_(imports) {}

  void add_to(http::Router& router);

 private:
  void add_import_routes(http::Router& router);
  Result<http::Response> list(http::Request& request, bool audit_queue);
  Result<http::Response> create(http::Request& request);
  Result<http::Response> show(http::Request& request);
  Result<http::Response> act(http::Request& request, OrderAction action);
  Result<http::Response> pick_list(http::Request& request);
  Result<http::Response> render(const http::Request& request, http::Status status,
                                const Order& order);

  OrderEnv& env_;
  OrderIntake& intake_;
  OrderActions& actions_;
  OrderReads& reads_;
  OrderRules& rules_;
  OrderImport& imports_;
};

}  // namespace crm::orders
