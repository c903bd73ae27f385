// SPDX-License-Identifier: Apache-2.0
// SQL of the after-sales part: after_sales, after_sale_items, after_sale_events, the number
// counters, and the few order columns after-sales reads and guards (orders.refunded_fen,
// order_items.returned_quantity). No rules here: those are in after_sale_service.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/orders/after_sale.h"
#include "storage/connection.h"

namespace crm::orders {

// An order line as a return sees it: how much was bought, returned (received back) and is
// claimed by open return/exchange requests not yet received (requested or approved).
struct ReturnableLine {
  int64_t id = 0;
  int64_t product_id = 0;
  int64_t quantity = 0;
  int64_t returned_quantity = 0;
  int64_t pending_quantity = 0;
};

class AfterSaleRepository {
 public:
  // With `lock`, the order row is locked for the rest of the transaction on PostgreSQL (SQLite
  // has a single writer already), so concurrent requests on one order are checked one at a time.
  Result<std::optional<AfterSaleOrder>> find_order(storage::Connection& db, int64_t order_id,
                                                   bool lock) const;
  Result<std::vector<ReturnableLine>> returnable_lines(storage::Connection& db,
                                                       int64_t order_id) const;

  // "R20261118000001": R + the merchant day of `now_ms` + the day's next sequence (6+ digits).
  Result<std::string> next_number(storage::Connection& tx, int64_t now_ms) const;
  Result<int64_t> insert(storage::Connection& tx, const AfterSale& a) const;
  Result<void> insert_item(storage::Connection& tx, int64_t after_sale_id, int64_t order_item_id,
                           int64_t quantity) const;
  Result<void> insert_event(storage::Connection& tx, int64_t after_sale_id,
                            const AfterSaleEvent& event) const;

  Result<std::optional<AfterSale>> find(storage::Connection& db, int64_t id) const;
  Result<std::vector<AfterSaleItem>> items(storage::Connection& db, int64_t id) const;
  Result<std::vector<AfterSaleEvent>> events(storage::Connection& db, int64_t id) const;
  // Newest first (id desc). `owner`: the data-scope filter on customer_owner_id.
  Result<AfterSalePage> list(storage::Connection& db, const AfterSaleQuery& query,
                             std::optional<int64_t> owner) const;

  // Moves the request from `from` to `to` only if it still is in `from`; false when another
  // call moved it first. Sets closed_at_ms when `to` is "closed".
  Result<bool> move_status(storage::Connection& tx, int64_t id, std::string_view from,
                           std::string_view to, int64_t now_ms) const;
  // orders.refunded_fen += amount only while it stays <= paid_fen (one guarded UPDATE, so two
  // concurrent refunds cannot pass the cap together); false when it would exceed it.
  Result<bool> add_order_refund(storage::Connection& tx, int64_t order_id, int64_t amount_fen,
                                int64_t now_ms) const;
  // order_items.returned_quantity += quantity only while it stays <= quantity.
  Result<bool> add_returned(storage::Connection& tx, int64_t order_item_id,
                            int64_t quantity) const;
};

}  // namespace crm::orders
