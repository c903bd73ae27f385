// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/orders/product_category_service.h"
#include "modules/orders/product_service.h"

namespace crm::orders {

// /api/v1/product-categories/… and /api/v1/products/…: parse -> service -> render.
class ProductRoutes {
 public:
  ProductRoutes(ProductCategoryService& categories, ProductService& products)
      : categories_(categories), products_(products) {}
  void add_to(http::Router& router);

 private:
  ProductCategoryService& categories_;
  ProductService& products_;
};

}  // namespace crm::orders
