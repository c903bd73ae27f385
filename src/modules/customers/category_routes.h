// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/customers/category_service.h"
#include "modules/customers/customer_routes.h"
#include "modules/customers/customer_service.h"

namespace crm::customers {

// /api/v1/customer-categories/…: parse -> CategoryService / CustomerService -> render.
class CategoryRoutes {
 public:
  CategoryRoutes(CategoryService& categories, CustomerService& customers,
                 const OwnerNames& owner_names)
      : categories_(categories), customers_(customers), owner_names_(owner_names) {}
  void add_to(http::Router& router);

 private:
  CategoryService& categories_;
  CustomerService& customers_;
  const OwnerNames& owner_names_;
};

}  // namespace crm::customers
