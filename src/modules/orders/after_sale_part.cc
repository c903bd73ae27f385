// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/after_sale_part.h"

namespace crm::orders {

AfterSalePart::AfterSalePart(modules::ModuleContext& context, OrdersDependencies& deps,
                             CatalogPart& catalog, OrderPart& orders)
    : context_(context),
      deps_(deps),
      catalog_(catalog),
      orders_(orders),
      service_(context.db, context.clock, deps.audit, catalog.ledger()),
      reports_(context.db),
      history_(context.db, deps.customers),
      routes_(service_),
      report_routes_(reports_, history_, context.clock) {}

void AfterSalePart::add_routes(http::Router& router) {
  routes_.add_to(router);
  report_routes_.add_to(router);
}

void AfterSalePart::subscribe(storage::EventBus& /*events*/, storage::Worker& /*worker*/) {}

}  // namespace crm::orders
