// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/after_sale_repository.h"

#include <fmt/format.h>

#include "modules/customers/customer_service.h"

namespace crm::orders {

namespace {

constexpr std::string_view kColumns =
    "a.id, a.number, a.order_id, o.number, a.customer_id, a.customer_owner_id, a.kind, a.status, "
    "a.reason, a.note, a.photos, a.requested_fen, a.refund_fen, a.restocked, a.reship_carrier, "
    "a.reship_tracking_number, a.version, a.created_at_ms, a.created_by, a.updated_at_ms, "
    "a.closed_at_ms";

AfterSale from_row(const storage::Row& r) {
  AfterSale a;
  a.id = r.get_int(0);
  a.number = r.get_string(1);
  a.order_id = r.get_int(2);
  a.order_number = r.get_string(3);
  a.customer_id = r.get_int(4);
  a.customer_owner_id = r.get_int(5);
  a.kind = r.get_string(6);
  a.status = r.get_string(7);
  a.reason = r.get_string(8);
  a.note = r.get_string(9);
  auto photos = parse_json(r.get_string(10));
  a.photos = photos && photos->is_array() ? *photos : Json::array();
  a.requested_fen = r.get_int(11);
  a.refund_fen = r.get_int(12);
  a.restocked = r.get_bool(13);
  a.reship_carrier = r.get_string(14);
  a.reship_tracking_number = r.get_string(15);
  a.version = r.get_int(16);
  a.created_at_ms = r.get_int(17);
  a.created_by = r.get_optional_int(18);
  a.updated_at_ms = r.get_int(19);
  a.closed_at_ms = r.get_optional_int(20);
  return a;
}

std::string escape_like(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<std::optional<AfterSaleOrder>> AfterSaleRepository::find_order(storage::Connection& db,
                                                                      int64_t order_id,
                                                                      bool lock) const {
  const bool for_update = lock && db.dialect() == storage::Dialect::kPostgres;
  CRM_TRY_ASSIGN(auto row,
                 db.query_optional(for_update
                                       ? "SELECT id, number, status, customer_id, "
                                         "customer_owner_id, total_fen, paid_fen, refunded_fen "
                                         "FROM orders WHERE id = ? FOR UPDATE"
                                       : "SELECT id, number, status, customer_id, "
                                         "customer_owner_id, total_fen, paid_fen, refunded_fen "
                                         "FROM orders WHERE id = ?",
                                   order_id));
  if (!row) return std::optional<AfterSaleOrder>();
  const storage::Row& r = *row;
  return std::optional<AfterSaleOrder>(AfterSaleOrder{r.get_int(0), r.get_string(1),
                                                      r.get_string(2), r.get_int(3), r.get_int(4),
                                                      r.get_int(5), r.get_int(6), r.get_int(7)});
}

Result<std::vector<ReturnableLine>> AfterSaleRepository::returnable_lines(storage::Connection& db,
                                                                         int64_t order_id) const {
  CRM_TRY_ASSIGN(
      auto rows,
      db.query("SELECT i.id, i.product_id, i.quantity, i.returned_quantity, "
               "(SELECT COALESCE(SUM(ai.quantity), 0) FROM after_sale_items ai "
               "JOIN after_sales a ON a.id = ai.after_sale_id "
               "WHERE ai.order_item_id = i.id AND a.kind IN ('return', 'exchange') "
               "AND a.status IN ('requested', 'approved')) "
               "FROM order_items i WHERE i.order_id = ? ORDER BY i.line_no, i.id",
               order_id));
  std::vector<ReturnableLine> lines;
  for (const auto& r : rows) {
    lines.push_back({r.get_int(0), r.get_int(1), r.get_int(2), r.get_int(3), r.get_int(4)});
  }
  return lines;
}

Result<std::string> AfterSaleRepository::next_number(storage::Connection& tx,
                                                     int64_t now_ms) const {
  std::string day = customers::merchant_date(now_ms);
  std::erase(day, '-');
  CRM_TRY_ASSIGN(auto row,
                 tx.query_one("INSERT INTO after_sale_number_counters (day, last_value) "
                              "VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last_value = "
                              "after_sale_number_counters.last_value + 1 RETURNING last_value",
                              day));
  return fmt::format("R{}{:06d}", day, row.get_int(0));
}

Result<int64_t> AfterSaleRepository::insert(storage::Connection& tx, const AfterSale& a) const {
  CRM_TRY_ASSIGN(auto row,
                 tx.query_one("INSERT INTO after_sales (number, order_id, customer_id, "
                              "customer_owner_id, kind, status, reason, note, photos, "
                              "requested_fen, created_at_ms, created_by, updated_at_ms) VALUES "
                              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              a.number, a.order_id, a.customer_id, a.customer_owner_id, a.kind,
                              a.status, a.reason, a.note, a.photos.dump(), a.requested_fen,
                              a.created_at_ms, a.created_by, a.updated_at_ms));
  return row.get_int(0);
}

Result<void> AfterSaleRepository::insert_item(storage::Connection& tx, int64_t after_sale_id,
                                              int64_t order_item_id, int64_t quantity) const {
  CRM_TRY(tx.execute("INSERT INTO after_sale_items (after_sale_id, order_item_id, quantity) "
                     "VALUES (?, ?, ?)",
                     after_sale_id, order_item_id, quantity));
  return {};
}

Result<void> AfterSaleRepository::insert_event(storage::Connection& tx, int64_t after_sale_id,
                                               const AfterSaleEvent& e) const {
  CRM_TRY(tx.execute("INSERT INTO after_sale_events (after_sale_id, at_ms, from_status, "
                     "to_status, actor_id, actor_name, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     after_sale_id, e.at_ms, e.from_status, e.to_status, e.actor_id,
                     e.actor_name, e.note));
  return {};
}

Result<std::optional<AfterSale>> AfterSaleRepository::find(storage::Connection& db,
                                                           int64_t id) const {
  const std::string sql = fmt::format(
      "SELECT {} FROM after_sales a JOIN orders o ON o.id = a.order_id WHERE a.id = ?", kColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  if (!row) return std::optional<AfterSale>();
  return std::optional<AfterSale>(from_row(*row));
}

Result<std::vector<AfterSaleItem>> AfterSaleRepository::items(storage::Connection& db,
                                                              int64_t id) const {
  CRM_TRY_ASSIGN(auto rows,
                 db.query("SELECT ai.order_item_id, ai.quantity, i.product_id, i.sku, i.name, "
                          "i.unit_price_fen FROM after_sale_items ai "
                          "JOIN order_items i ON i.id = ai.order_item_id "
                          "WHERE ai.after_sale_id = ? ORDER BY i.line_no, i.id",
                          id));
  std::vector<AfterSaleItem> items;
  for (const auto& r : rows) {
    items.push_back({r.get_int(0), r.get_int(1), r.get_int(2), r.get_string(3), r.get_string(4),
                     r.get_int(5)});
  }
  return items;
}

Result<std::vector<AfterSaleEvent>> AfterSaleRepository::events(storage::Connection& db,
                                                                int64_t id) const {
  CRM_TRY_ASSIGN(auto rows,
                 db.query("SELECT id, at_ms, from_status, to_status, actor_id, actor_name, note "
                          "FROM after_sale_events WHERE after_sale_id = ? ORDER BY id",
                          id));
  std::vector<AfterSaleEvent> events;
  for (const auto& r : rows) {
    events.push_back({r.get_int(0), r.get_int(1), r.get_optional_string(2), r.get_string(3),
                      r.get_optional_int(4), r.get_string(5), r.get_string(6)});
  }
  return events;
}

Result<AfterSalePage> AfterSaleRepository::list(storage::Connection& db,
                                                const AfterSaleQuery& query,
                                                std::optional<int64_t> owner) const {
  const AfterSaleFilter& f = query.filter;
  std::string where = "1 = 1";
  std::vector<storage::Value> params;
  auto add = [&](std::string_view condition, storage::Value value) {
    where += " AND ";
    where += condition;
    params.push_back(std::move(value));
  };
  if (owner) add("a.customer_owner_id = ?", *owner);
  if (f.status) add("a.status = ?", *f.status);
  if (f.kind) add("a.kind = ?", *f.kind);
  if (f.order_id) add("a.order_id = ?", *f.order_id);
  if (f.customer_id) add("a.customer_id = ?", *f.customer_id);
  if (f.q) add("a.number LIKE ? ESCAPE '\\'", escape_like(*f.q) + "%");

  AfterSalePage page;
  CRM_TRY_ASSIGN(auto count, db.query_values("SELECT COUNT(*) FROM after_sales a WHERE " + where,
                                             params));
  page.total = count.front().get_int(0);
  if (query.after) add("a.id < ?", *query.after);
  CRM_TRY_ASSIGN(auto rows,
                 db.query_values(fmt::format("SELECT {} FROM after_sales a JOIN orders o ON "
                                             "o.id = a.order_id WHERE {} ORDER BY a.id DESC "
                                             "LIMIT {}",
                                             kColumns, where, query.limit + 1),
                                 params));
  for (const auto& row : rows) page.items.push_back(from_row(row));
  if (page.items.size() > static_cast<size_t>(query.limit)) {
    page.items.pop_back();
    page.next_after = page.items.back().id;
  }
  return page;
}

Result<bool> AfterSaleRepository::move_status(storage::Connection& tx, int64_t id,
                                              std::string_view from, std::string_view to,
                                              int64_t now_ms) const {
  const std::optional<int64_t> closed_at =
      to == "closed" ? std::optional<int64_t>(now_ms) : std::nullopt;
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE after_sales SET status = ?, version = version + 1, "
                            "updated_at_ms = ?, closed_at_ms = COALESCE(?, closed_at_ms) "
                            "WHERE id = ? AND status = ?",
                            to, now_ms, closed_at, id, from));
  return changed == 1;
}

Result<bool> AfterSaleRepository::add_order_refund(storage::Connection& tx, int64_t order_id,
                                                   int64_t amount_fen, int64_t now_ms) const {
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE orders SET refunded_fen = refunded_fen + ?, "
                            "version = version + 1, updated_at_ms = ? "
                            "WHERE id = ? AND refunded_fen + ? <= paid_fen",
                            amount_fen, now_ms, order_id, amount_fen));
  return changed == 1;
}

Result<bool> AfterSaleRepository::add_returned(storage::Connection& tx, int64_t order_item_id,
                                               int64_t quantity) const {
  CRM_TRY_ASSIGN(const int64_t changed,
                 tx.execute("UPDATE order_items SET returned_quantity = returned_quantity + ? "
                            "WHERE id = ? AND returned_quantity + ? <= quantity",
                            quantity, order_item_id, quantity));
  return changed == 1;
}

}  // namespace crm::orders
