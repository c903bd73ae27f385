// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_repository.h"

#include <fmt/format.h>

#include "core/text.h"

namespace crm::orders {

namespace {

constexpr std::string_view kColumns =
    "id, number, platform, external_id, customer_id, customer_owner_id, channel, store, status, "
    "payment_method, items_fen, discount_fen, shipping_fee_fen, total_fen, paid_fen, "
    "refunded_fen, buyer_remarks, receiver_name, receiver_phone_cipher, receiver_province, "
    "receiver_city, receiver_district, receiver_address_cipher, warehouse_id, audit_reasons, "
    "audit_note, carrier, tracking_number, placed_at_ms, approved_at_ms, paid_at_ms, "
    "shipped_at_ms, delivered_at_ms, completed_at_ms, cancelled_at_ms, receipt_reminded_at_ms, "
    "version, created_at_ms, created_by, updated_at_ms";

Order from_row(const storage::Row& r) {
  Order o;
  o.id = r.get_int(0);
  o.number = r.get_string(1);
  o.platform = r.get_string(2);
  o.external_id = r.get_optional_string(3);
  o.customer_id = r.get_int(4);
  o.customer_owner_id = r.get_int(5);
  o.channel = r.get_string(6);
  o.store = r.get_string(7);
  o.status = r.get_string(8);
  o.payment_method = r.get_string(9);
  o.items_fen = r.get_int(10);
  o.discount_fen = r.get_int(11);
  o.shipping_fee_fen = r.get_int(12);
  o.total_fen = r.get_int(13);
  o.paid_fen = r.get_int(14);
  o.refunded_fen = r.get_int(15);
  o.buyer_remarks = r.get_string(16);
  o.receiver.name = r.get_string(17);
  o.receiver.phone_cipher = r.get_optional_string(18);
  o.receiver.province = r.get_string(19);
  o.receiver.city = r.get_string(20);
  o.receiver.district = r.get_string(21);
  o.receiver.address_cipher = r.get_optional_string(22);
  o.warehouse_id = r.get_optional_int(23);
  o.audit_reasons = r.get_string(24);
  o.audit_note = r.get_string(25);
  o.carrier = r.get_string(26);
  o.tracking_number = r.get_string(27);
  o.placed_at_ms = r.get_int(28);
  o.approved_at_ms = r.get_optional_int(29);
  o.paid_at_ms = r.get_optional_int(30);
  o.shipped_at_ms = r.get_optional_int(31);
  o.delivered_at_ms = r.get_optional_int(32);
  o.completed_at_ms = r.get_optional_int(33);
  o.cancelled_at_ms = r.get_optional_int(34);
  o.receipt_reminded_at_ms = r.get_optional_int(35);
  o.version = r.get_int(36);
  o.created_at_ms = r.get_int(37);
  o.created_by = r.get_optional_int(38);
  o.updated_at_ms = r.get_int(39);
  return o;
}

Result<std::vector<Order>> orders_of(storage::Connection& db, const std::string& sql,
                                     std::span<const storage::Value> params) {
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
  std::vector<Order> out;
  for (const auto& row : rows) out.push_back(from_row(row));
  return out;
}

Result<std::optional<Order>> one_order(storage::Connection& db, const std::string& sql,
                                       std::vector<storage::Value> params) {
  CRM_TRY_ASSIGN(auto orders, orders_of(db, sql, params));
  if (orders.empty()) return std::optional<Order>{};
  return std::optional<Order>(std::move(orders.front()));
}

}  // namespace

Result<std::string> OrderRepository::next_number(storage::Connection& tx,
                                                 std::string_view day) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO order_number_counters (day, last_value) VALUES (?, 1) "
                              "ON CONFLICT (day) DO UPDATE SET "
                              "last_value = order_number_counters.last_value + 1 "
                              "RETURNING last_value",
                              day));
  return fmt::format("D{}{:06d}", day, row.get_int(0));
}

Result<int64_t> OrderRepository::insert(storage::Connection& tx, const Order& o) const {
  const Receiver& r = o.receiver;
  CRM_TRY_ASSIGN(
      storage::Row row,
      tx.query_one(
          "INSERT INTO orders (number, platform, external_id, customer_id, customer_owner_id, "
          "channel, store, status, payment_method, items_fen, discount_fen, shipping_fee_fen, "
          "total_fen, paid_fen, buyer_remarks, receiver_name, receiver_phone_cipher, "
          "receiver_province, receiver_city, receiver_district, receiver_address_cipher, "
          "warehouse_id, audit_reasons, placed_at_ms, approved_at_ms, paid_at_ms, shipped_at_ms, "
          "delivered_at_ms, completed_at_ms, cancelled_at_ms, version, created_at_ms, created_by, "
          "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          o.number, o.platform, o.external_id, o.customer_id, o.customer_owner_id, o.channel,
          o.store, o.status, o.payment_method, o.items_fen, o.discount_fen, o.shipping_fee_fen,
          o.total_fen, o.paid_fen, o.buyer_remarks, r.name, r.phone_cipher, r.province, r.city,
          r.district, r.address_cipher, o.warehouse_id, o.audit_reasons, o.placed_at_ms,
          o.approved_at_ms, o.paid_at_ms, o.shipped_at_ms, o.delivered_at_ms, o.completed_at_ms,
          o.cancelled_at_ms, o.version, o.created_at_ms, o.created_by, o.updated_at_ms));
  const int64_t id = row.get_int(0);
  int64_t line_no = 0;
  for (const OrderItem& i : o.items) {
    CRM_TRY(tx.execute("INSERT INTO order_items (order_id, line_no, product_id, sku, name, "
                       "category_id, quantity, unit_price_fen, discount_fen, amount_fen, "
                       "unit_cost_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       id, ++line_no, i.product_id, i.sku, i.name, i.category_id, i.quantity,
                       i.unit_price_fen, i.discount_fen, i.amount_fen, i.unit_cost_fen));
  }
  return id;
}

Result<std::optional<Order>> OrderRepository::find(storage::Connection& db, int64_t id) const {
  return one_order(db, fmt::format("SELECT {} FROM orders WHERE id = ?", kColumns), {id});
}

Result<std::optional<Order>> OrderRepository::find_by_external(storage::Connection& db,
                                                               std::string_view platform,
                                                               std::string_view external_id) const {
  return one_order(db,
                   fmt::format("SELECT {} FROM orders WHERE platform = ? AND external_id = ?",
                               kColumns),
                   {std::string(platform), std::string(external_id)});
}

Result<std::optional<Order>> OrderRepository::find_by_tracking(
    storage::Connection& db, std::string_view tracking_number) const {
  return one_order(db,
                   fmt::format("SELECT {} FROM orders WHERE tracking_number = ? AND "
                               "tracking_number <> '' ORDER BY id DESC LIMIT 1",
                               kColumns),
                   {std::string(tracking_number)});
}

Result<std::vector<OrderItem>> OrderRepository::items(storage::Connection& db,
                                                      int64_t order_id) const {
  CRM_TRY_ASSIGN(auto rows,
                 db.query("SELECT id, line_no, product_id, sku, name, category_id, quantity, "
                          "unit_price_fen, discount_fen, amount_fen, unit_cost_fen, "
                          "returned_quantity FROM order_items WHERE order_id = ? ORDER BY line_no",
                          order_id));
  std::vector<OrderItem> out;
  for (const auto& r : rows) {
    out.push_back(OrderItem{r.get_int(0), r.get_int(1), r.get_int(2), r.get_string(3),
                            r.get_string(4), r.get_optional_int(5), r.get_int(6), r.get_int(7),
                            r.get_int(8), r.get_int(9), r.get_int(10), r.get_int(11)});
  }
  return out;
}

Result<std::vector<OrderEvent>> OrderRepository::events(storage::Connection& db,
                                                        int64_t order_id) const {
  CRM_TRY_ASSIGN(auto rows, db.query("SELECT id, at_ms, action, from_status, to_status, actor_id, "
                                     "actor_name, note FROM order_events WHERE order_id = ? "
                                     "ORDER BY id",
                                     order_id));
  std::vector<OrderEvent> out;
  for (const auto& r : rows) {
    out.push_back(OrderEvent{r.get_int(0), r.get_int(1), r.get_string(2),
                             r.get_optional_string(3), r.get_string(4), r.get_optional_int(5),
                             r.get_string(6), r.get_string(7)});
  }
  return out;
}

Result<std::vector<TrackingEvent>> OrderRepository::tracking(storage::Connection& db,
                                                             int64_t order_id) const {
  CRM_TRY_ASSIGN(auto rows, db.query("SELECT id, at_ms, status, location, description, source, "
                                     "created_at_ms FROM order_tracking_events WHERE order_id = ? "
                                     "ORDER BY at_ms, id",
                                     order_id));
  std::vector<TrackingEvent> out;
  for (const auto& r : rows) {
    out.push_back(TrackingEvent{r.get_int(0), r.get_int(1), r.get_string(2), r.get_string(3),
                                r.get_string(4), r.get_string(5), r.get_int(6)});
  }
  return out;
}

Result<bool> OrderRepository::update_state(storage::Connection& tx, const Order& o) const {
  CRM_TRY_ASSIGN(
      const int64_t changed,
      tx.execute("UPDATE orders SET status = ?, paid_fen = ?, warehouse_id = ?, audit_reasons = ?, "
                 "audit_note = ?, carrier = ?, tracking_number = ?, approved_at_ms = ?, "
                 "paid_at_ms = ?, shipped_at_ms = ?, delivered_at_ms = ?, completed_at_ms = ?, "
                 "cancelled_at_ms = ?, version = ?, updated_at_ms = ? WHERE id = ? AND version = ?",
                 o.status, o.paid_fen, o.warehouse_id, o.audit_reasons, o.audit_note, o.carrier,
                 o.tracking_number, o.approved_at_ms, o.paid_at_ms, o.shipped_at_ms,
                 o.delivered_at_ms, o.completed_at_ms, o.cancelled_at_ms, o.version,
                 o.updated_at_ms, o.id, o.version - 1));
  return changed == 1;
}

Result<void> OrderRepository::add_event(storage::Connection& tx, int64_t order_id,
                                        const OrderEvent& e) const {
  CRM_TRY(tx.execute("INSERT INTO order_events (order_id, at_ms, action, from_status, to_status, "
                     "actor_id, actor_name, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     order_id, e.at_ms, e.action, e.from_status, e.to_status, e.actor_id,
                     e.actor_name, e.note));
  return {};
}

Result<int64_t> OrderRepository::add_tracking(storage::Connection& tx, int64_t order_id,
                                              const TrackingEvent& e) const {
  CRM_TRY_ASSIGN(storage::Row row,
                 tx.query_one("INSERT INTO order_tracking_events (order_id, at_ms, status, "
                              "location, description, source, created_at_ms) VALUES "
                              "(?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              order_id, e.at_ms, e.status, e.location, e.description, e.source,
                              e.created_at_ms));
  return row.get_int(0);
}

Result<OrderPage> OrderRepository::list(storage::Connection& db, const OrderQuery& query) const {
  const OrderFilter& f = query.filter;
  std::string where = "1 = 1";
  std::vector<storage::Value> params;
  auto add = [&](std::string_view condition, auto... values) {
    where += " AND ";
    where += condition;
    (params.push_back(storage::to_value(values)), ...);
  };
  if (f.scope_owner_id) add("customer_owner_id = ?", *f.scope_owner_id);
  if (f.status) add("status = ?", *f.status);
  if (f.customer_id) add("customer_id = ?", *f.customer_id);
  if (f.platform) add("platform = ?", *f.platform);
  if (f.channel) add("channel = ?", *f.channel);
  if (f.payment_method) add("payment_method = ?", *f.payment_method);
  if (f.from_ms) add("placed_at_ms >= ?", *f.from_ms);
  if (f.to_ms) add("placed_at_ms < ?", *f.to_ms);
  if (f.q) {
    std::string pattern;
    for (const char c : *f.q) {
      if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
      pattern.push_back(c);
    }
    add("(number LIKE ? ESCAPE '\\' OR external_id = ?)", pattern + "%", *f.q);
  }
  OrderPage page;
  CRM_TRY_ASSIGN(auto count, db.query_values("SELECT COUNT(*) FROM orders WHERE " + where, params));
  page.total = count.front().get_int(0);
  if (query.after) {
    const auto dot = query.after->find('.');
    const auto at = dot == std::string::npos ? std::nullopt
                                             : parse_int64(query.after->substr(0, dot));
    const auto id = dot == std::string::npos ? std::nullopt
                                             : parse_int64(query.after->substr(dot + 1));
    if (!at || !id) {
      return invalid_input("order.invalid_cursor", "after is not a valid cursor.", "after");
    }
    add("(placed_at_ms < ? OR (placed_at_ms = ? AND id < ?))", *at, *at, *id);
  }
  CRM_TRY_ASSIGN(page.items,
                 orders_of(db,
                           fmt::format("SELECT {} FROM orders WHERE {} ORDER BY placed_at_ms DESC, "
                                       "id DESC LIMIT {}",
                                       kColumns, where, query.limit + 1),
                           params));
  if (page.items.size() > static_cast<size_t>(query.limit)) {
    page.items.pop_back();
    page.next_after = fmt::format("{}.{}", page.items.back().placed_at_ms, page.items.back().id);
  }
  return page;
}

Result<std::optional<ProductRef>> OrderRepository::product_by_sku(storage::Connection& db,
                                                                  std::string_view sku) const {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT id, sku, name, category_id, price_fen, "
                                             "cost_fen, status FROM products WHERE sku = ?",
                                             sku));
  if (!row) return std::optional<ProductRef>{};
  return std::optional<ProductRef>(ProductRef{row->get_int(0), row->get_string(1),
                                              row->get_string(2), row->get_optional_int(3),
                                              row->get_int(4), row->get_int(5),
                                              row->get_string(6) == "active"});
}

Result<std::vector<AuditRule>> OrderRepository::audit_rules(storage::Connection& db) const {
  CRM_TRY_ASSIGN(auto rows, db.query("SELECT rule, enabled, params, updated_at_ms FROM "
                                     "order_audit_rules ORDER BY rule"));
  std::vector<AuditRule> out;
  for (const auto& r : rows) {
    auto params = parse_json(r.get_string(2));
    out.push_back(AuditRule{r.get_string(0), r.get_bool(1),
                            params ? std::move(params).value() : Json::object(), r.get_int(3)});
  }
  return out;
}

Result<void> OrderRepository::save_audit_rule(storage::Connection& tx, const AuditRule& rule) const {
  CRM_TRY(tx.execute("INSERT INTO order_audit_rules (rule, enabled, params, updated_at_ms) "
                     "VALUES (?, ?, ?, ?) ON CONFLICT (rule) DO UPDATE SET enabled = ?, "
                     "params = ?, updated_at_ms = ?",
                     rule.rule, rule.enabled, dump_json(rule.params), rule.updated_at_ms,
                     rule.enabled, dump_json(rule.params), rule.updated_at_ms));
  return {};
}

Result<Credit> OrderRepository::credit(storage::Connection& db, int64_t customer_id) const {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT credit_level, blacklisted, note, "
                                             "updated_at_ms, updated_by FROM customer_credit "
                                             "WHERE customer_id = ?",
                                             customer_id));
  Credit c;
  c.customer_id = customer_id;
  if (!row) return c;
  c.credit_level = row->get_int(0);
  c.blacklisted = row->get_bool(1);
  c.note = row->get_string(2);
  c.updated_at_ms = row->get_int(3);
  c.updated_by = row->get_optional_int(4);
  return c;
}

Result<void> OrderRepository::save_credit(storage::Connection& tx, const Credit& c) const {
  CRM_TRY(tx.execute("INSERT INTO customer_credit (customer_id, credit_level, blacklisted, note, "
                     "updated_at_ms, updated_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                     "(customer_id) DO UPDATE SET credit_level = ?, blacklisted = ?, note = ?, "
                     "updated_at_ms = ?, updated_by = ?",
                     c.customer_id, c.credit_level, c.blacklisted, c.note, c.updated_at_ms,
                     c.updated_by, c.credit_level, c.blacklisted, c.note, c.updated_at_ms,
                     c.updated_by));
  return {};
}

Result<std::vector<PickLine>> OrderRepository::pick_list(
    storage::Connection& db, const std::string& status, const std::vector<int64_t>& order_ids,
    std::optional<int64_t> scope_owner_id) const {
  std::string where;
  std::vector<storage::Value> params;
  if (!order_ids.empty()) {
    where = "o.id IN (";
    for (size_t k = 0; k < order_ids.size(); ++k) {
      where += k == 0 ? "?" : ", ?";
      params.push_back(order_ids[k]);
    }
    where += ")";
  } else {
    where = "o.status = ?";
    params.push_back(status);
  }
  if (scope_owner_id) {
    where += " AND o.customer_owner_id = ?";
    params.push_back(*scope_owner_id);
  }
  CRM_TRY_ASSIGN(auto rows,
                 db.query_values("SELECT i.product_id, MIN(i.sku), MIN(i.name), SUM(i.quantity), "
                                 "COUNT(DISTINCT o.id) FROM order_items i JOIN orders o ON "
                                 "o.id = i.order_id WHERE " + where +
                                     " GROUP BY i.product_id ORDER BY MIN(i.sku)",
                                 params));
  std::vector<PickLine> out;
  for (const auto& r : rows) {
    out.push_back(PickLine{r.get_int(0), r.get_string(1), r.get_string(2), r.get_int(3),
                           r.get_int(4)});
  }
  return out;
}

Result<std::vector<Order>> OrderRepository::due_for_receipt_reminder(storage::Connection& db,
                                                                     int64_t shipped_before_ms,
                                                                     int limit) const {
  const std::vector<storage::Value> params{shipped_before_ms};
  return orders_of(db,
                   fmt::format("SELECT {} FROM orders WHERE status IN ('shipped', 'delivered') AND "
                               "receipt_reminded_at_ms IS NULL AND shipped_at_ms <= ? "
                               "ORDER BY shipped_at_ms, id LIMIT {}",
                               kColumns, limit),
                   params);
}

Result<std::optional<int64_t>> OrderRepository::earliest_unreminded_shipment(
    storage::Connection& db) const {
  CRM_TRY_ASSIGN(auto row, db.query_one("SELECT MIN(shipped_at_ms) FROM orders WHERE status IN "
                                        "('shipped', 'delivered') AND receipt_reminded_at_ms IS "
                                        "NULL"));
  return row.get_optional_int(0);
}

Result<void> OrderRepository::mark_reminded(storage::Connection& tx, int64_t order_id,
                                            int64_t at_ms) const {
  CRM_TRY(tx.execute("UPDATE orders SET receipt_reminded_at_ms = ? WHERE id = ? AND "
                     "receipt_reminded_at_ms IS NULL",
                     at_ms, order_id));
  return {};
}

Result<std::optional<OrderRepository::IdempotencyRecord>> OrderRepository::find_idempotency(
    storage::Connection& db, std::string_view scope, std::string_view key) const {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT request_hash, status_code, response_body "
                                             "FROM idempotency_keys WHERE scope = ? AND key = ?",
                                             scope, key));
  if (!row) return std::optional<IdempotencyRecord>{};
  return std::optional<IdempotencyRecord>(IdempotencyRecord{
      row->get_string(0), row->get_optional_int(1).value_or(0),
      row->get_optional_string(2).value_or("")});
}

Result<void> OrderRepository::save_idempotency(storage::Connection& tx, std::string_view scope,
                                               std::string_view key,
                                               const IdempotencyRecord& record,
                                               int64_t now_ms) const {
  CRM_TRY(tx.execute("INSERT INTO idempotency_keys (scope, key, request_hash, status_code, "
                     "response_body, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                     scope, key, record.request_hash, record.status_code, record.response_body,
                     now_ms));
  return {};
}

Result<bool> OrderRepository::has_other_paid_order(storage::Connection& db, int64_t customer_id,
                                                   int64_t except_id) const {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT 1 FROM orders WHERE customer_id = ? AND "
                                             "id <> ? AND paid_at_ms IS NOT NULL LIMIT 1",
                                             customer_id, except_id));
  return row.has_value();
}

}  // namespace crm::orders
