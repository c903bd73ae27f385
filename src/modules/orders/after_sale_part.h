// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/module.h"
#include "modules/orders/orders_module.h"

#include "modules/orders/after_sale_routes.h"
#include "modules/orders/after_sale_service.h"
#include "modules/orders/catalog_part.h"
#include "modules/orders/order_part.h"
#include "modules/orders/order_report_history.h"
#include "modules/orders/order_report_routes.h"
#include "modules/orders/order_report_service.h"

namespace crm::orders {

// After-sales: returns, exchanges and refund-only requests with their workflow, restocking and
// refunds (ORD-5); order reports (ORD-7); a customer's purchase history for the 360 page.
class AfterSalePart {
 public:
  AfterSalePart(modules::ModuleContext& context, OrdersDependencies& deps, CatalogPart& catalog,
                OrderPart& orders);

  void add_routes(http::Router& router);
  void subscribe(storage::EventBus& events, storage::Worker& worker);

  AfterSaleService& service() { return service_; }
  OrderReportService& reports() { return reports_; }

 private:
  modules::ModuleContext& context_;
  OrdersDependencies& deps_;
  CatalogPart& catalog_;
  OrderPart& orders_;
  AfterSaleService service_;
  OrderReportService reports_;
  OrderHistoryService history_;
  AfterSaleRoutes routes_;
  OrderReportRoutes report_routes_;
};

}  // namespace crm::orders
