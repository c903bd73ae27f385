// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/orders/catalog_common.h"
#include "modules/orders/catalog_types.h"
#include "modules/orders/stock_ledger.h"
#include "modules/orders/stock_repository.h"
#include "storage/database.h"

namespace crm::orders {

// Stock per product x warehouse: the lists, purchase receipts, stocktake adjustments and
// low-stock thresholds. Writes go through one transaction with their ledger rows and one audit
// row (stock.received / stock.adjusted / stock.threshold_set). Thread-safe.
// Errors: validation.* (field named, lines[i].<field> for receipt lines);
// stock.unknown_warehouse / stock.unknown_product (kInvalidInput, field named);
// stock.insufficient (kConflict) when an adjustment would leave on hand below reserved or zero.
class StockService {
 public:
  StockService(storage::Database& db, const Clock& clock, audit::AuditService& audit,
               const StockLedger& ledger)
      : db_(db), clock_(clock), audit_(audit), ledger_(ledger) {}

  Result<CatalogPage<StockRow>> list(const StockFilter& filter);
  Result<CatalogPage<StockMovement>> movements(const MovementFilter& filter);

  // {warehouse_id, lines:[{product_id|sku, quantity}], reason?}: the stock rows after.
  Result<std::vector<StockRow>> receive(const Caller& caller, const Json& body);
  // {warehouse_id, product_id, quantity (signed delta) | counted (absolute), reason}.
  Result<StockRow> adjust(const Caller& caller, const Json& body);
  // {warehouse_id, product_id, low_stock_threshold}.
  Result<StockRow> set_threshold(const Caller& caller, const Json& body);

 private:
  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  const StockLedger& ledger_;
  StockRepository repository_;
};

}  // namespace crm::orders
