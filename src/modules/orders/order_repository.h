// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/orders/order_types.h"
#include "storage/connection.h"

namespace crm::orders {

// A product as the intake needs it (looked up by SKU).
struct ProductRef {
  int64_t id = 0;
  std::string sku, name;
  std::optional<int64_t> category_id;
  int64_t price_fen = 0, cost_fen = 0;
  bool active = true;
};

// SQL for orders, their lines, events, tracking, audit rules, customer credit, number counters
// and the idempotency keys of order intake. Sees only sealed receiver data. Stateless; every call
// runs on the caller's connection (transaction).
class OrderRepository {
 public:
  // "D" + day ("20261122") + the day's sequence, 6 digits or more.
  Result<std::string> next_number(storage::Connection& tx, std::string_view day) const;
  // Inserts the order and its items (line_no 1..n); returns the id. A (platform, external_id)
  // that exists is storage.unique_violation (the caller retries and finds it).
  Result<int64_t> insert(storage::Connection& tx, const Order& order) const;
  Result<std::optional<Order>> find(storage::Connection& db, int64_t id) const;
  Result<std::optional<Order>> find_by_external(storage::Connection& db, std::string_view platform,
                                                std::string_view external_id) const;
  // The shipped order with this tracking number (the newest when several).
  Result<std::optional<Order>> find_by_tracking(storage::Connection& db,
                                                std::string_view tracking_number) const;
  Result<std::vector<OrderItem>> items(storage::Connection& db, int64_t order_id) const;
  Result<std::vector<OrderEvent>> events(storage::Connection& db, int64_t order_id) const;
  Result<std::vector<TrackingEvent>> tracking(storage::Connection& db, int64_t order_id) const;
  // Writes the lifecycle columns (status, money paid, warehouse, audit, carrier, timestamps)
  // iff the stored version is order.version - 1; false when no row matched.
  Result<bool> update_state(storage::Connection& tx, const Order& order) const;
  Result<void> add_event(storage::Connection& tx, int64_t order_id, const OrderEvent& event) const;
  Result<int64_t> add_tracking(storage::Connection& tx, int64_t order_id,
                               const TrackingEvent& event) const;
  Result<OrderPage> list(storage::Connection& db, const OrderQuery& query) const;

  Result<std::optional<ProductRef>> product_by_sku(storage::Connection& db,
                                                   std::string_view sku) const;

  Result<std::vector<AuditRule>> audit_rules(storage::Connection& db) const;
  Result<void> save_audit_rule(storage::Connection& tx, const AuditRule& rule) const;
  // The customer's credit, or the default (level 3, not blacklisted) when none is stored.
  Result<Credit> credit(storage::Connection& db, int64_t customer_id) const;
  Result<void> save_credit(storage::Connection& tx, const Credit& credit) const;

  // Pick list: lines of the orders in `status` (or with ids `order_ids`) summed per product.
  Result<std::vector<PickLine>> pick_list(storage::Connection& db, const std::string& status,
                                          const std::vector<int64_t>& order_ids,
                                          std::optional<int64_t> scope_owner_id) const;
  // Orders shipped or delivered at or before `shipped_before_ms` not yet reminded (at most limit).
  Result<std::vector<Order>> due_for_receipt_reminder(storage::Connection& db,
                                                      int64_t shipped_before_ms, int limit) const;
  // The earliest shipped_at_ms of the shipped or delivered orders not yet reminded.
  Result<std::optional<int64_t>> earliest_unreminded_shipment(storage::Connection& db) const;
  Result<void> mark_reminded(storage::Connection& tx, int64_t order_id, int64_t at_ms) const;
  // An idempotency key of `scope`: {request_hash, status_code, response_body}.
  struct IdempotencyRecord {
    std::string request_hash;
    int64_t status_code = 0;
    std::string response_body;
  };
  Result<std::optional<IdempotencyRecord>> find_idempotency(storage::Connection& db,
                                                            std::string_view scope,
                                                            std::string_view key) const;
  // A key that exists is storage.unique_violation (a concurrent request with the same key).
  Result<void> save_idempotency(storage::Connection& tx, std::string_view scope,
                                std::string_view key, const IdempotencyRecord& record,
                                int64_t now_ms) const;
  // True when the customer had a paid order before (paid_at_ms set) other than `except_id`.
  Result<bool> has_other_paid_order(storage::Connection& db, int64_t customer_id,
                                    int64_t except_id) const;
};

}  // namespace crm::orders
