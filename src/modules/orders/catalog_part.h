// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include "http/router.h"
#include "modules/module.h"
#include "modules/orders/orders_module.h"
#include "modules/orders/stock_ledger.h"

namespace crm::orders {

class ProductCategoryService;
class ProductService;
class WarehouseService;
class StockService;
class ProductRoutes;
class StockRoutes;

// Products, product categories, warehouses, stock per warehouse and the stock ledger (ORD-6).
class CatalogPart {
 public:
  CatalogPart(modules::ModuleContext& context, OrdersDependencies& deps);
  ~CatalogPart();

  void add_routes(http::Router& router);
  void subscribe(storage::EventBus& events, storage::Worker& worker);

  // The stock operations the order and after-sales parts call inside their transactions.
  StockLedger& ledger() { return ledger_; }

 private:
  modules::ModuleContext& context_;
  OrdersDependencies& deps_;
  StockLedger ledger_;
  std::unique_ptr<ProductCategoryService> categories_;
  std::unique_ptr<ProductService> products_;
  std::unique_ptr<WarehouseService> warehouses_;
  std::unique_ptr<StockService> stock_;
  // The routes' handlers capture these; they live as long as the part.
  std::unique_ptr<ProductRoutes> product_routes_;
  std::unique_ptr<StockRoutes> stock_routes_;
};

}  // namespace crm::orders
