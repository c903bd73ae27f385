// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/catalog_part.h"

#include "modules/orders/product_category_service.h"
#include "modules/orders/product_routes.h"
#include "modules/orders/product_service.h"
#include "modules/orders/stock_routes.h"
#include "modules/orders/stock_service.h"
#include "modules/orders/warehouse_service.h"

namespace crm::orders {

CatalogPart::CatalogPart(modules::ModuleContext& context, OrdersDependencies& deps)
    : context_(context),
      deps_(deps),
      ledger_(context.clock),
      categories_(std::make_unique<ProductCategoryService>(context.db, context.clock, deps.audit)),
      products_(std::make_unique<ProductService>(context.db, context.clock, deps.audit)),
      warehouses_(std::make_unique<WarehouseService>(context.db, context.clock, deps.audit)),
      stock_(std::make_unique<StockService>(context.db, context.clock, deps.audit, ledger_)),
      product_routes_(std::make_unique<ProductRoutes>(*categories_, *products_)),
      stock_routes_(std::make_unique<StockRoutes>(*warehouses_, *stock_)) {}

CatalogPart::~CatalogPart() = default;

void CatalogPart::add_routes(http::Router& router) {
  product_routes_->add_to(router);
  stock_routes_->add_to(router);
}

void CatalogPart::subscribe(storage::EventBus& /*events*/, storage::Worker& /*worker*/) {}

}  // namespace crm::orders
