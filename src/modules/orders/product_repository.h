// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "modules/orders/catalog_types.h"
#include "storage/connection.h"

namespace crm::orders {

// SQL for products; every product read carries its stock totals across warehouses. Stateless.
class ProductRepository {
 public:
  Result<CatalogPage<Product>> list(storage::Connection& db, const ProductFilter& filter) const;
  Result<std::optional<Product>> find(storage::Connection& db, int64_t id) const;
  Result<std::optional<Product>> find_by_sku(storage::Connection& db, std::string_view sku) const;
  // Errors: product.duplicate_sku (kConflict, field sku).
  Result<int64_t> insert(storage::Connection& tx, const Product& product) const;
  // Writes every column and version + 1 when the stored version is `expected_version`; returns
  // false (nothing written) when it is not. Errors: product.duplicate_sku.
  Result<bool> update(storage::Connection& tx, const Product& product,
                      int64_t expected_version) const;
};

}  // namespace crm::orders
