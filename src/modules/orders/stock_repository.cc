// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/stock_repository.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"

namespace crm::orders {

namespace {

constexpr std::string_view kStockColumns =
    "s.product_id, p.sku, p.name, s.warehouse_id, w.code, s.on_hand, s.reserved, "
    "s.low_stock_threshold, s.updated_at_ms FROM stock s "
    "JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id";

StockRow stock_from_row(const storage::Row& r) {
  return StockRow{r.get_int(0), r.get_string(1), r.get_string(2), r.get_int(3), r.get_string(4),
                  r.get_int(5), r.get_int(6),    r.get_int(7),    r.get_int(8)};
}

constexpr std::string_view kMovementColumns =
    "m.id, m.product_id, p.sku, m.warehouse_id, m.kind, m.quantity, m.on_hand_after, "
    "m.reserved_after, m.reason, m.order_id, m.after_sale_id, m.actor_id, m.at_ms "
    "FROM stock_movements m JOIN products p ON p.id = m.product_id";

StockMovement movement_from_row(const storage::Row& r) {
  StockMovement m;
  m.id = r.get_int(0);
  m.product_id = r.get_int(1);
  m.sku = r.get_string(2);
  m.warehouse_id = r.get_int(3);
  m.kind = r.get_string(4);
  m.quantity = r.get_int(5);
  m.on_hand_after = r.get_int(6);
  m.reserved_after = r.get_int(7);
  m.reason = r.get_string(8);
  m.order_id = r.get_optional_int(9);
  m.after_sale_id = r.get_optional_int(10);
  m.actor_id = r.get_optional_int(11);
  m.at_ms = r.get_int(12);
  return m;
}

}  // namespace

Result<CatalogPage<StockRow>> StockRepository::list(storage::Connection& db,
                                                    const StockFilter& f) const {
  std::string where = "1 = 1";
  std::vector<storage::Value> params;
  if (f.product_id) {
    where += " AND s.product_id = ?";
    params.push_back(*f.product_id);
  }
  if (f.warehouse_id) {
    where += " AND s.warehouse_id = ?";
    params.push_back(*f.warehouse_id);
  }
  if (f.low) where += " AND s.on_hand - s.reserved <= s.low_stock_threshold";
  CatalogPage<StockRow> page;
  CRM_TRY_ASSIGN(auto count, db.query_values(fmt::format("SELECT COUNT(*) FROM stock s "
                                                         "WHERE {}", where),
                                             params));
  page.total = count.front().get_int(0);
  if (f.after) {
    const auto dot = f.after->find('.');
    const auto product = dot == std::string::npos ? std::nullopt
                                                  : parse_int64(f.after->substr(0, dot));
    const auto warehouse = dot == std::string::npos ? std::nullopt
                                                    : parse_int64(f.after->substr(dot + 1));
    if (!product || !warehouse) {
      return invalid_input("stock.invalid_cursor", "after is not a valid cursor.", "after");
    }
    where += " AND (s.product_id > ? OR (s.product_id = ? AND s.warehouse_id > ?))";
    params.insert(params.end(), {*product, *product, *warehouse});
  }
  CRM_TRY_ASSIGN(auto rows, db.query_values(fmt::format("SELECT {} WHERE {} ORDER BY "
                                                        "s.product_id, s.warehouse_id LIMIT {}",
                                                        kStockColumns, where, f.limit + 1),
                                            params));
  for (const auto& row : rows) page.items.push_back(stock_from_row(row));
  if (page.items.size() > static_cast<size_t>(f.limit)) {
    page.items.pop_back();
    page.next_after =
        fmt::format("{}.{}", page.items.back().product_id, page.items.back().warehouse_id);
  }
  return page;
}

Result<std::optional<StockRow>> StockRepository::find(storage::Connection& db, int64_t product_id,
                                                      int64_t warehouse_id) const {
  static const std::string sql =
      fmt::format("SELECT {} WHERE s.product_id = ? AND s.warehouse_id = ?", kStockColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, product_id, warehouse_id));
  if (!row) return std::optional<StockRow>();
  return std::optional<StockRow>(stock_from_row(*row));
}

Result<CatalogPage<StockMovement>> StockRepository::movements(storage::Connection& db,
                                                              const MovementFilter& f) const {
  std::string where = "1 = 1";
  std::vector<storage::Value> params;
  auto add = [&](std::string_view condition, storage::Value value) {
    where += " AND ";
    where += condition;
    params.push_back(std::move(value));
  };
  if (f.product_id) add("m.product_id = ?", *f.product_id);
  if (f.warehouse_id) add("m.warehouse_id = ?", *f.warehouse_id);
  if (f.order_id) add("m.order_id = ?", *f.order_id);
  if (f.kind) add("m.kind = ?", *f.kind);
  if (f.from_ms) add("m.at_ms >= ?", *f.from_ms);
  if (f.to_ms) add("m.at_ms < ?", *f.to_ms);
  CatalogPage<StockMovement> page;
  CRM_TRY_ASSIGN(auto count, db.query_values("SELECT COUNT(*) FROM stock_movements m WHERE " +
                                                 where,
                                             params));
  page.total = count.front().get_int(0);
  if (f.after) add("m.id < ?", *f.after);
  CRM_TRY_ASSIGN(auto rows, db.query_values(fmt::format("SELECT {} WHERE {} ORDER BY m.id DESC "
                                                        "LIMIT {}",
                                                        kMovementColumns, where, f.limit + 1),
                                            params));
  for (const auto& row : rows) page.items.push_back(movement_from_row(row));
  if (page.items.size() > static_cast<size_t>(f.limit)) {
    page.items.pop_back();
    page.next_after = std::to_string(page.items.back().id);
  }
  return page;
}

}  // namespace crm::orders
