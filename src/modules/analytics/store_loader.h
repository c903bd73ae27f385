// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/result.h"
#include "modules/analytics/engine/column_store.h"
#include "storage/database.h"

// Reads the analytics column store from the database (docs/analytics.md, "Loading and keeping
// current"). The store is a read-only projection of the customers and orders tables: the loader
// only ever SELECTs, in keyset batches, and never writes another module's tables.
namespace crm::analytics {

// The store keeps product and customer categories as their ids in text ("12"; "" = none); the
// API shows and accepts their names through these maps.
struct CategoryNames {
  std::map<int64_t, std::string> product;   // product_categories.id -> name
  std::map<int64_t, std::string> customer;  // customer_categories.id -> name
};

struct LoadedStore {
  ColumnStore store;
  CategoryNames names;
  FreezeStats stats;
  int64_t loaded_at_ms = 0;  // wall clock when the load finished
  int64_t load_ms = 0;       // how long it took
};

class StoreLoader {
 public:
  // `batch` rows per query (customers, orders); the store freezes every `freeze_every` orders
  // (staged rows cost 56 bytes an order and 32 an item: 250k orders stage ~30 MB).
  explicit StoreLoader(storage::Database& db, int batch = 20000, int freeze_every = 250'000)
      : db_(db), batch_(batch), freeze_every_(freeze_every) {}

  // Everything: customers (all, including those in the recycle bin: their orders stay history),
  // their categories, orders by id with their items, category names. Logs progress. `cancel`
  // is checked between batches (analytics.cancelled).
  Result<std::unique_ptr<LoadedStore>> load_all(const std::atomic<bool>& cancel) const;

  // One order as it is now in the database: unknown to the store -> added with its items (and
  // its customer with categories, if new), then frozen; known -> status and refund updated in
  // place. An order that no longer exists is ignored. Idempotent.
  Result<void> apply_order(LoadedStore& loaded, int64_t order_id) const;
  // One customer as it is now (customers.* domain events): unknown to the store -> added with
  // its categories; known -> acquisition day, region, channel and categories replaced in place.
  // A customer that no longer exists is ignored (an erase is followed by a rebuild). Idempotent.
  Result<void> apply_customer(LoadedStore& loaded, int64_t customer_id) const;

  Result<CategoryNames> load_names(storage::Connection& db) const;

 private:
  storage::Database& db_;
  int batch_;
  int freeze_every_;
};

}  // namespace crm::analytics
