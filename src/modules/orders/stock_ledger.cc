// SPDX-License-Identifier: Apache-2.0
// Every change is one guarded UPDATE whose WHERE clause holds the invariant (available never below
// zero, reserved never above on hand); zero rows affected means the line cannot be served. On
// PostgreSQL the UPDATE locks the row and re-checks the guard after a concurrent writer commits;
// on SQLite there is a single writer. The stock CHECK constraints are a second line of defence.
#include "modules/orders/stock_ledger.h"

#include <string>
#include <string_view>

namespace crm::orders {

namespace {

enum class Op { kReserve, kRelease, kShip, kReceive };

std::string_view kind_of(Op op) {
  switch (op) {
    case Op::kReserve: return "reserve";
    case Op::kRelease: return "release";
    case Op::kShip: return "out";
    case Op::kReceive: return "in";
  }
  return "adjust";
}

// The guarded UPDATE for `op`; parameters: quantity, now, product, warehouse, quantity.
std::string_view update_sql(Op op) {
  switch (op) {
    case Op::kReserve:
      return "UPDATE stock SET reserved = reserved + ?, updated_at_ms = ? "
             "WHERE product_id = ? AND warehouse_id = ? AND on_hand - reserved >= ?";
    case Op::kRelease:
      return "UPDATE stock SET reserved = reserved - ?, updated_at_ms = ? "
             "WHERE product_id = ? AND warehouse_id = ? AND reserved >= ?";
    case Op::kShip:
      return "UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ?, updated_at_ms = ? "
             "WHERE product_id = ? AND warehouse_id = ? AND reserved >= ?";
    case Op::kReceive:
      break;
  }
  return "";
}

Result<std::string> sku_of(storage::Connection& tx, int64_t product_id) {
  CRM_TRY_ASSIGN(auto row, tx.query_optional("SELECT sku FROM products WHERE id = ?", product_id));
  if (!row) return not_found("product.not_found", "The product was not found.");
  return row->get_string(0);
}

Error insufficient(storage::Connection& tx, Op op, int64_t product_id, int64_t warehouse_id,
                   int64_t quantity) {
  auto sku = sku_of(tx, product_id);
  if (!sku) return std::move(sku).error();
  auto row = tx.query_optional(
      "SELECT on_hand, reserved FROM stock WHERE product_id = ? AND warehouse_id = ?", product_id,
      warehouse_id);
  if (!row) return std::move(row).error();
  const int64_t on_hand = *row ? (*row)->get_int(0) : 0;
  const int64_t reserved = *row ? (*row)->get_int(1) : 0;
  std::string message;
  if (op == Op::kReserve) {
    message = "Not enough stock for SKU " + *sku + ": " + std::to_string(on_hand - reserved) +
              " available, " + std::to_string(quantity) + " requested.";
  } else {
    message = "Not enough reserved stock for SKU " + *sku + ": " + std::to_string(reserved) +
              " reserved, " + std::to_string(quantity) + " requested.";
  }
  Error error = conflict("stock.insufficient", message, "items");
  error.detail = "product_id=" + std::to_string(product_id) +
                 " warehouse_id=" + std::to_string(warehouse_id);
  return error;
}

Result<void> apply_line(storage::Connection& tx, const Clock& clock, Op op, int64_t warehouse_id,
                        const StockLine& line, const StockContext& why) {
  if (line.quantity <= 0) {
    return invalid_input("stock.invalid_quantity", "Quantity must be a positive integer.",
                         "quantity");
  }
  const int64_t now = clock.now_ms();
  int64_t affected = 0;
  switch (op) {
    case Op::kReceive: {
      CRM_TRY(sku_of(tx, line.product_id));
      CRM_TRY_ASSIGN(affected,
                     tx.execute("INSERT INTO stock (product_id, warehouse_id, on_hand, reserved, "
                                "updated_at_ms) VALUES (?, ?, ?, 0, ?) "
                                "ON CONFLICT (product_id, warehouse_id) DO UPDATE SET "
                                "on_hand = stock.on_hand + excluded.on_hand, "
                                "updated_at_ms = excluded.updated_at_ms",
                                line.product_id, warehouse_id, line.quantity, now));
      break;
    }
    case Op::kShip: {
      CRM_TRY_ASSIGN(affected, tx.execute(update_sql(op), line.quantity, line.quantity, now,
                                          line.product_id, warehouse_id, line.quantity));
      break;
    }
    case Op::kReserve:
    case Op::kRelease: {
      CRM_TRY_ASSIGN(affected, tx.execute(update_sql(op), line.quantity, now, line.product_id,
                                          warehouse_id, line.quantity));
      break;
    }
  }
  if (affected == 0) return insufficient(tx, op, line.product_id, warehouse_id, line.quantity);

  CRM_TRY_ASSIGN(auto after, tx.query_one("SELECT on_hand, reserved FROM stock "
                                          "WHERE product_id = ? AND warehouse_id = ?",
                                          line.product_id, warehouse_id));
  CRM_TRY(tx.execute(
      "INSERT INTO stock_movements (product_id, warehouse_id, kind, quantity, on_hand_after, "
      "reserved_after, reason, order_id, after_sale_id, actor_id, at_ms) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      line.product_id, warehouse_id, kind_of(op), line.quantity, after.get_int(0),
      after.get_int(1), why.reason, why.order_id, why.after_sale_id, why.actor_id, now));
  return {};
}

Result<void> apply(storage::Connection& tx, const Clock& clock, Op op, int64_t warehouse_id,
                   const std::vector<StockLine>& lines, const StockContext& why) {
  for (const StockLine& line : lines) CRM_TRY(apply_line(tx, clock, op, warehouse_id, line, why));
  return {};
}

}  // namespace

Result<int64_t> StockLedger::default_warehouse(storage::Connection& tx) const {
  CRM_TRY_ASSIGN(auto row, tx.query_optional("SELECT id FROM warehouses WHERE enabled = 1 "
                                             "ORDER BY is_default DESC, id LIMIT 1"));
  if (!row) {
    return conflict("stock.no_warehouse", "No enabled warehouse exists; create one first.");
  }
  return row->get_int(0);
}

Result<int64_t> StockLedger::available(storage::Connection& db, int64_t product_id,
                                       int64_t warehouse_id) const {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT on_hand - reserved FROM stock "
                                             "WHERE product_id = ? AND warehouse_id = ?",
                                             product_id, warehouse_id));
  return row ? row->get_int(0) : int64_t{0};
}

Result<void> StockLedger::reserve(storage::Connection& tx, int64_t warehouse_id,
                                  const std::vector<StockLine>& lines,
                                  const StockContext& why) const {
  return apply(tx, clock_, Op::kReserve, warehouse_id, lines, why);
}

Result<void> StockLedger::release(storage::Connection& tx, int64_t warehouse_id,
                                  const std::vector<StockLine>& lines,
                                  const StockContext& why) const {
  return apply(tx, clock_, Op::kRelease, warehouse_id, lines, why);
}

Result<void> StockLedger::ship(storage::Connection& tx, int64_t warehouse_id,
                               const std::vector<StockLine>& lines,
                               const StockContext& why) const {
  return apply(tx, clock_, Op::kShip, warehouse_id, lines, why);
}

Result<void> StockLedger::receive(storage::Connection& tx, int64_t warehouse_id,
                                  const std::vector<StockLine>& lines,
                                  const StockContext& why) const {
  return apply(tx, clock_, Op::kReceive, warehouse_id, lines, why);
}

}  // namespace crm::orders
