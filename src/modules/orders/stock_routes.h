// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/orders/stock_service.h"
#include "modules/orders/warehouse_service.h"

namespace crm::orders {

// /api/v1/warehouses/… and /api/v1/stock/…: parse -> service -> render.
class StockRoutes {
 public:
  StockRoutes(WarehouseService& warehouses, StockService& stock)
      : warehouses_(warehouses), stock_(stock) {}
  void add_to(http::Router& router);

 private:
  WarehouseService& warehouses_;
  StockService& stock_;
};

}  // namespace crm::orders
