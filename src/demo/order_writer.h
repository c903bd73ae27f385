// SPDX-License-Identifier: Apache-2.0
// Writes demo orders straight into the orders module's tables with multi-row INSERTs in large
// transactions (ids assigned here, in placed order, so lines, events and after-sales can refer to
// them without a round trip): orders, order_items, order_events (one row per step of the order's
// shape), after_sales with their items and events, the number counters, and at the end the stock
// of every product in both warehouses with a ledger that adds up (opening receipt, shipped total,
// one reserve row per open order line).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "demo/demo_options.h"
#include "demo/demo_plan.h"
#include "demo/demo_store.h"
#include "storage/database.h"

namespace crm::demo {

// Orders per transaction.
inline constexpr size_t kOrderBatch = 10'000;

struct OrderCounts {
  int64_t orders = 0, items = 0, events = 0, after_sales = 0, movements = 0;
};

Result<OrderCounts> write_orders(storage::Database& db, const DemoOptions& options,
                                 const DemoPlan& plan, DemoStore& store, const Progress& progress);

}  // namespace crm::demo
