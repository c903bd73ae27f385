// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>

#include "core/result.h"
#include "modules/orders/catalog_types.h"
#include "storage/connection.h"

namespace crm::orders {

// Reads of stock rows and the stock ledger (writes go through StockLedger / StockService).
// Stateless.
class StockRepository {
 public:
  // By product then warehouse. Errors: stock.invalid_cursor (kInvalidInput, field after).
  Result<CatalogPage<StockRow>> list(storage::Connection& db, const StockFilter& filter) const;
  Result<std::optional<StockRow>> find(storage::Connection& db, int64_t product_id,
                                       int64_t warehouse_id) const;
  // Newest first.
  Result<CatalogPage<StockMovement>> movements(storage::Connection& db,
                                               const MovementFilter& filter) const;
};

}  // namespace crm::orders
