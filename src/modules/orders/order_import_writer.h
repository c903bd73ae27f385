// SPDX-License-Identifier: Apache-2.0
// The bulk side of an order import: orders priced with a product cache, existing orders found in
// batches, and the write path — customers matched once per person (phone, else email), the
// batch's unknown persons looked up and created in one call to the customers module (same rules
// as the intake's find_or_create_for_order), first purchases marked in one call, order numbers
// reserved one block per batch, orders,
// lines and events written with multi-row INSERTs (storage/batch_insert.h). Historical orders
// keep their status (completed or cancelled) and placed_at, move no stock (their goods left long
// ago; stock is counted now, not replayed) and send no messages.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/customers/customer_service.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_import_repository.h"
#include "modules/orders/order_import_rows.h"

namespace crm::orders {

// Products by SKU, looked up once per import.
class ImportProducts {
 public:
  explicit ImportProducts(const OrderRepository& repository) : repository_(repository) {}
  // nullptr: no product has this SKU.
  Result<const ProductRef*> find(storage::Connection& db, const std::string& sku);

 private:
  const OrderRepository& repository_;
  std::map<std::string, std::optional<ProductRef>, std::less<>> products_;
};

// The order's lines and amounts (customer, number and receiver not yet set). An unknown or
// inactive SKU or a discount larger than the amount is a row error in `stream` and nullopt.
Result<std::optional<Order>> price_order(storage::Connection& db, ImportProducts& products,
                                         const ParsedOrder& parsed, OrderStream& stream);

// For each order of the batch, whether its (platform, external_id) already has an order.
Result<std::vector<bool>> find_existing(storage::Connection& db,
                                        const OrderImportRepository& repository,
                                        const std::vector<ParsedOrder>& batch);

// Writes batches of one import inside one transaction `tx`. Not thread-safe.
class OrderImportWriter {
 public:
  OrderImportWriter(storage::Connection& tx, OrderEnv& env, const customers::Caller& caller,
                    int64_t now_ms);

  // The batch's orders that do not exist yet; the others count as skipped. A customer or product
  // refused for an order is a row error in `stream` (the caller then rolls everything back).
  Result<void> write(const std::vector<ParsedOrder>& batch, OrderStream& stream);

  int64_t created() const { return created_; }
  int64_t skipped() const { return skipped_; }

  static constexpr size_t kOrderRowsPerStatement = 100;  // orders have 34 columns
  static constexpr size_t kRowsPerStatement = 500;       // lines 11, events 8

 private:
  // The customer of each order `wanted` (indexes into `batch`) into `out`: from the cache, else
  // matched or created by the customers module in one call for the batch. A refused person is a
  // row error in `stream` and leaves its orders' entries empty.
  Result<void> match_customers(const std::vector<ParsedOrder>& batch,
                               const std::vector<size_t>& wanted,
                               std::vector<std::optional<customers::CustomerRef>>& out,
                               OrderStream& stream);

  storage::Connection& tx_;
  OrderEnv& env_;
  const customers::Caller& caller_;
  int64_t now_ms_;
  std::string day_;
  OrderImportRepository repository_;
  ImportProducts products_;
  std::map<std::string, customers::CustomerRef, std::less<>> customers_;  // "p:phone" / "e:email"
  std::set<int64_t> transacted_;
  int64_t created_ = 0, skipped_ = 0;
};

}  // namespace crm::orders
