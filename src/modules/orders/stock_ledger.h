// SPDX-License-Identifier: Apache-2.0
// The stock operations the order and after-sales parts call inside their own transactions. Every
// call changes `stock` with one guarded UPDATE (never below zero, reserved never above on hand)
// and appends one `stock_movements` row per line, in `tx`. A line that cannot be served fails the
// whole call with stock.insufficient (kConflict, details name the SKU and what is available);
// the caller's transaction then rolls back, so concurrent reservations of the last unit let
// exactly one succeed. Implemented by the catalog part (stock_ledger.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "storage/connection.h"

namespace crm::orders {

struct StockLine {
  int64_t product_id = 0;
  int64_t quantity = 0;  // > 0
};

// Who and why, copied onto every movement row.
struct StockContext {
  std::optional<int64_t> order_id;
  std::optional<int64_t> after_sale_id;
  std::optional<int64_t> actor_id;
  std::string reason;
};

class StockLedger {
 public:
  explicit StockLedger(const Clock& clock) : clock_(clock) {}

  // The warehouse an order is served from: the default enabled warehouse (is_default = 1), else
  // the enabled one with the lowest id. Error stock.no_warehouse (kConflict) when none exists.
  Result<int64_t> default_warehouse(storage::Connection& tx) const;

  // Available (on_hand - reserved) per product in `warehouse_id`; missing rows count as 0.
  Result<int64_t> available(storage::Connection& db, int64_t product_id,
                            int64_t warehouse_id) const;

  // reserve: reserved += q (needs available >= q). release: reserved -= q (an order cancelled or
  // closed before shipping). ship: on_hand -= q and reserved -= q (movement kind "out").
  // receive: on_hand += q (kind "in": purchase receipts and restocked returns).
  Result<void> reserve(storage::Connection& tx, int64_t warehouse_id,
                       const std::vector<StockLine>& lines, const StockContext& why) const;
  Result<void> release(storage::Connection& tx, int64_t warehouse_id,
                       const std::vector<StockLine>& lines, const StockContext& why) const;
  Result<void> ship(storage::Connection& tx, int64_t warehouse_id,
                    const std::vector<StockLine>& lines, const StockContext& why) const;
  Result<void> receive(storage::Connection& tx, int64_t warehouse_id,
                       const std::vector<StockLine>& lines, const StockContext& why) const;

 private:
  const Clock& clock_;
};

}  // namespace crm::orders
