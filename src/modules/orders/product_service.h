// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/orders/catalog_common.h"
#include "modules/orders/catalog_types.h"
#include "modules/orders/product_repository.h"
#include "storage/database.h"

namespace crm::orders {

// Products (SKUs): validation, unique SKU, versions, no hard delete (status inactive). Every write
// is one transaction with its audit row (product.created / product.updated). Thread-safe.
// Errors: product.not_found (kNotFound); validation.* (field named) for sku (1..64 characters, no
// spaces), name (1..100), price_fen / cost_fen (integer fen >= 0), barcode (up to 64), status
// (active|inactive); product.unknown_category (kInvalidInput, field category_id);
// product.duplicate_sku (kConflict, field sku).
class ProductService {
 public:
  ProductService(storage::Database& db, const Clock& clock, audit::AuditService& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  Result<CatalogPage<Product>> list(const ProductFilter& filter);
  Result<Product> get(int64_t id);
  Result<Product> create(const Caller& caller, const Json& body);
  // Applies the fields present in `patch` when the stored version is `if_match_version`
  // (product.version_mismatch, kPreconditionFailed, otherwise).
  Result<Product> update(const Caller& caller, int64_t id, const Json& patch,
                         int64_t if_match_version);

 private:
  Result<Product> load(storage::Connection& db, int64_t id) const;

  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  ProductRepository repository_;
};

}  // namespace crm::orders
