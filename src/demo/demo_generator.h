// SPDX-License-Identifier: Apache-2.0
// `shopcrm demo`: fills an EMPTY, migrated database with a realistic Chinese e-commerce store —
// customers (through the customers module's write path), products, warehouses and stock, three
// years of orders with their events and after-sales, and communications — deterministic from
// the seed (see docs/demo.md for what is generated and how fast).
#pragma once

#include <cstdint>
#include <string>

#include "core/keyring.h"
#include "core/result.h"
#include "demo/demo_options.h"
#include "demo/order_writer.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "storage/database.h"

namespace crm::demo {

struct DemoSummary {
  int64_t customers = 0, products = 0, interactions = 0;
  OrderCounts orders;
  int64_t customers_ms = 0, orders_ms = 0, total_ms = 0;  // wall time of each phase
};

// Errors: demo.invalid_options (kInvalidInput, field names the option) for sizes out of range
// (customers 1..2,000,000; orders 0..20,000,000; products 12..100,000; years 1..10; at least one
// owner); demo.not_empty (kConflict) when the database already has customers, orders or
// products; storage errors (the batch that failed is rolled back; earlier batches stay, so a
// failed run leaves a partial store: start again from an empty database).
Result<DemoSummary> generate_demo(storage::Database& db,
                                  const customers::CustomerService& customers,
                                  const audit::AuditService& audit, const Keyring& keyring,
                                  const DemoOptions& options, const Progress& progress = {});

// demo.not_empty (kConflict) when the database has customers, orders or products.
Result<void> check_empty(storage::Database& db);

// Checks the option ranges above (demo.invalid_options).
Result<void> validate(const DemoOptions& options);

}  // namespace crm::demo
