// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/orders/catalog_common.h"
#include "modules/orders/catalog_types.h"
#include "storage/database.h"

namespace crm::orders {

// Product categories: list (sort_order, name), create, update, delete while unused. Every write
// is one transaction with its audit row (product_category.created/updated/deleted). Thread-safe.
// Errors: product_category.not_found (kNotFound); validation.* for name (1..32 characters),
// description (up to 200), sort_order; product_category.name_taken (kConflict, field name).
class ProductCategoryService {
 public:
  ProductCategoryService(storage::Database& db, const Clock& clock, audit::AuditService& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  Result<std::vector<ProductCategory>> list();
  Result<ProductCategory> create(const Caller& caller, const Json& body);
  Result<ProductCategory> update(const Caller& caller, int64_t id, const Json& body);
  // nullopt when deleted; the number of products using it when refused (nothing is changed).
  Result<std::optional<int64_t>> remove(const Caller& caller, int64_t id);

  // For products: whether category `id` exists, on `db`.
  static Result<bool> exists(storage::Connection& db, int64_t id);

 private:
  Result<ProductCategory> load(storage::Connection& db, int64_t id) const;

  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
};

}  // namespace crm::orders
