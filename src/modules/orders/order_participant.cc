// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_participant.h"

#include <map>

#include <fmt/format.h>

#include "core/money.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

namespace {

constexpr std::string_view kView = "orders.view";

std::string_view order_status_zh(std::string_view status) {
  static const std::map<std::string_view, std::string_view> kNames{
      {"pending_audit", "待审核"}, {"approved", "已审核"},  {"paid", "已付款"},
      {"picking", "拣货中"},       {"packed", "已打包"},    {"shipped", "已发货"},
      {"delivered", "已签收"},     {"completed", "已完成"}, {"cancelled", "已取消"},
      {"closed", "已关闭"}};
  const auto found = kNames.find(status);
  return found == kNames.end() ? status : found->second;
}

std::string_view after_sale_kind_zh(std::string_view kind) {
  return kind == "return" ? "退货" : kind == "exchange" ? "换货" : "仅退款";
}

std::string_view after_sale_status_zh(std::string_view status) {
  static const std::map<std::string_view, std::string_view> kNames{
      {"requested", "待处理"}, {"approved", "已同意"},  {"rejected", "已拒绝"},
      {"goods_received", "已收货"}, {"refunded", "已退款"}, {"reshipped", "已补发"},
      {"closed", "已关闭"}};
  const auto found = kNames.find(status);
  return found == kNames.end() ? status : found->second;
}

// "¥60,000.00": grouped like the console's money (web/src/pages/orders/money.ts).
std::string yuan(int64_t fen) {
  std::string plain = format_yuan(Fen{fen});  // "-60000.00"
  const size_t sign = plain.starts_with('-') ? 1 : 0;
  for (size_t at = plain.find('.'); at > sign + 3; at -= 3) plain.insert(at - 3, ",");
  return "¥" + plain;
}

Result<std::vector<int64_t>> move(storage::Connection& tx, int64_t from, int64_t to) {
  std::vector<int64_t> ids;
  CRM_TRY_ASSIGN(auto orders,
                 tx.query("SELECT id FROM orders WHERE customer_id = ? ORDER BY id", from));
  for (const auto& row : orders) ids.push_back(row.get_int(0));
  CRM_TRY_ASSIGN(auto after_sales,
                 tx.query("SELECT id FROM after_sales WHERE customer_id = ? ORDER BY id", from));
  for (const auto& row : after_sales) ids.push_back(-row.get_int(0));
  CRM_TRY(tx.execute("UPDATE orders SET customer_id = ? WHERE customer_id = ?", to, from));
  CRM_TRY(tx.execute("UPDATE after_sales SET customer_id = ? WHERE customer_id = ?", to, from));
  return ids;  // the customers module calls owner_changed for `to` next
}

Result<void> move_back(storage::Connection& tx, const std::vector<int64_t>& ids, int64_t to) {
  for (const int64_t id : ids) {
    if (id > 0) {
      CRM_TRY(tx.execute("UPDATE orders SET customer_id = ? WHERE id = ?", to, id));
    } else {
      CRM_TRY(tx.execute("UPDATE after_sales SET customer_id = ? WHERE id = ?", to, -id));
    }
  }
  return {};
}

Result<void> owner_changed(storage::Connection& tx, int64_t customer_id, int64_t owner_id) {
  CRM_TRY(tx.execute("UPDATE orders SET customer_owner_id = ? WHERE customer_id = ?", owner_id,
                     customer_id));
  CRM_TRY(tx.execute("UPDATE after_sales SET customer_owner_id = ? WHERE customer_id = ?",
                     owner_id, customer_id));
  return {};
}

// "商品A ×2、商品B ×1 等5件": the first three lines of each order, one query for all of them.
Result<std::map<int64_t, std::string>> line_summaries(storage::Connection& db,
                                                      const std::vector<int64_t>& order_ids) {
  std::map<int64_t, std::string> out;
  if (order_ids.empty()) return out;
  std::string sql = "SELECT order_id, name, quantity FROM order_items WHERE order_id IN (";
  std::vector<storage::Value> params;
  for (size_t k = 0; k < order_ids.size(); ++k) {
    sql += k == 0 ? "?" : ", ?";
    params.push_back(order_ids[k]);
  }
  sql += ") ORDER BY order_id, line_no";
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
  std::map<int64_t, std::pair<int, int64_t>> counts;  // lines shown, total quantity
  for (const auto& r : rows) {
    const int64_t order_id = r.get_int(0);
    auto& [shown, quantity] = counts[order_id];
    quantity += r.get_int(2);
    if (shown < 3) {
      std::string& text = out[order_id];
      if (!text.empty()) text += "、";
      text += fmt::format("{} ×{}", r.get_string(1), r.get_int(2));
    }
    ++shown;
  }
  for (auto& [order_id, text] : out) {
    if (counts[order_id].first > 3) text += fmt::format(" 等{}件", counts[order_id].second);
  }
  return out;
}

Result<std::vector<customers::TimelineItem>> timeline(storage::Connection& db,
                                                      const http::RequestContext& context,
                                                      int64_t customer_id,
                                                      std::optional<int64_t> before_ms,
                                                      int limit) {
  std::vector<customers::TimelineItem> items;
  if (!context.actor() || !context.can(kView) || limit <= 0) return items;
  const http::Actor& actor = *context.actor();
  const bool own = actor.data_scope != "all";  // as customers::scope_owner ("department": TODO(#5))
  auto query = [&](std::string sql, std::string_view at_column) {
    std::vector<storage::Value> params{customer_id};
    if (before_ms) {
      sql += fmt::format(" AND {} < ?", at_column);
      params.push_back(*before_ms);
    }
    if (own) {
      sql += " AND customer_owner_id = ?";
      params.push_back(actor.user_id);
    }
    sql += fmt::format(" ORDER BY {} DESC, id DESC LIMIT {}", at_column, limit);
    return db.query_values(sql, params);
  };
  CRM_TRY_ASSIGN(auto orders, query("SELECT id, placed_at_ms, number, status, total_fen FROM "
                                    "orders WHERE customer_id = ?",
                                    "placed_at_ms"));
  std::vector<int64_t> order_ids;
  for (const auto& r : orders) order_ids.push_back(r.get_int(0));
  CRM_TRY_ASSIGN(auto lines, line_summaries(db, order_ids));
  for (const auto& r : orders) {
    customers::TimelineItem item;
    item.ref_id = r.get_int(0);
    item.at_ms = r.get_int(1);
    item.kind = "order";
    item.title = fmt::format("{} {} {}", r.get_string(2), order_status_zh(r.get_string(3)),
                             yuan(r.get_int(4)));
    item.detail = lines[item.ref_id];
    items.push_back(std::move(item));
  }
  CRM_TRY_ASSIGN(auto requests,
                 query("SELECT id, created_at_ms, number, kind, status, refund_fen, "
                       "requested_fen, reason FROM after_sales WHERE customer_id = ?",
                       "created_at_ms"));
  for (const auto& r : requests) {
    customers::TimelineItem item;
    item.ref_id = r.get_int(0);
    item.at_ms = r.get_int(1);
    item.kind = "after_sale";
    const int64_t amount = r.get_int(5) > 0 ? r.get_int(5) : r.get_int(6);
    item.title = fmt::format("{} {} {}", r.get_string(2), after_sale_kind_zh(r.get_string(3)),
                             after_sale_status_zh(r.get_string(4)));
    if (amount > 0) item.title += " " + yuan(amount);
    item.detail = r.get_string(7);
    items.push_back(std::move(item));
  }
  return items;
}

std::optional<std::string> opened(const Keyring* keyring, const std::optional<std::string>& cipher,
                                  std::string_view ad) {
  if (!cipher || cipher->empty() || keyring == nullptr) return std::nullopt;
  auto text = keyring->open(*cipher, ad);
  if (!text) return std::nullopt;
  return std::move(text).value();
}

Json nullable(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// One flat row per order line and per after-sales request; every row has the same keys (the
// export's CSV takes its header from the first row).
Result<Json> export_rows(const Keyring* keyring, storage::Connection& db, int64_t customer_id) {
  const Json blank = {{"record", nullptr},          {"order_number", nullptr},
                      {"platform", nullptr},        {"external_id", nullptr},
                      {"status", nullptr},          {"placed_at", nullptr},
                      {"total_fen", nullptr},       {"paid_fen", nullptr},
                      {"refunded_fen", nullptr},    {"receiver_name", nullptr},
                      {"receiver_phone", nullptr},  {"receiver_province", nullptr},
                      {"receiver_city", nullptr},   {"receiver_district", nullptr},
                      {"receiver_address", nullptr}, {"buyer_remarks", nullptr},
                      {"line_no", nullptr},         {"sku", nullptr},
                      {"name", nullptr},            {"quantity", nullptr},
                      {"unit_price_fen", nullptr},  {"amount_fen", nullptr},
                      {"returned_quantity", nullptr}, {"after_sale_number", nullptr},
                      {"kind", nullptr},            {"reason", nullptr},
                      {"note", nullptr},            {"requested_fen", nullptr},
                      {"refund_fen", nullptr},      {"created_at", nullptr}};
  CRM_TRY_ASSIGN(
      auto rows,
      db.query("SELECT o.number, o.platform, o.external_id, o.status, o.placed_at_ms, "
               "o.total_fen, o.paid_fen, o.refunded_fen, o.receiver_name, "
               "o.receiver_phone_cipher, o.receiver_province, o.receiver_city, "
               "o.receiver_district, o.receiver_address_cipher, o.buyer_remarks, i.line_no, "
               "i.sku, i.name, i.quantity, i.unit_price_fen, i.amount_fen, i.returned_quantity "
               "FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.customer_id = ? "
               "ORDER BY o.placed_at_ms, o.id, i.line_no",
               customer_id));
  Json out = Json::array();
  for (const auto& r : rows) {
    Json row = blank;
    row["record"] = "order_item";
    row["order_number"] = r.get_string(0);
    row["platform"] = r.get_string(1);
    row["external_id"] = nullable(r.get_optional_string(2));
    row["status"] = r.get_string(3);
    row["placed_at"] = r.get_int(4);
    row["total_fen"] = r.get_int(5);
    row["paid_fen"] = r.get_int(6);
    row["refunded_fen"] = r.get_int(7);
    row["receiver_name"] = r.get_string(8);
    row["receiver_phone"] = nullable(opened(keyring, r.get_optional_string(9), kReceiverPhoneAd));
    row["receiver_province"] = r.get_string(10);
    row["receiver_city"] = r.get_string(11);
    row["receiver_district"] = r.get_string(12);
    row["receiver_address"] =
        nullable(opened(keyring, r.get_optional_string(13), kReceiverAddressAd));
    row["buyer_remarks"] = r.get_string(14);
    row["line_no"] = r.get_int(15);
    row["sku"] = r.get_string(16);
    row["name"] = r.get_string(17);
    row["quantity"] = r.get_int(18);
    row["unit_price_fen"] = r.get_int(19);
    row["amount_fen"] = r.get_int(20);
    row["returned_quantity"] = r.get_int(21);
    out.push_back(std::move(row));
  }
  CRM_TRY_ASSIGN(auto requests,
                 db.query("SELECT a.number, o.number, a.kind, a.status, a.reason, a.note, "
                          "a.requested_fen, a.refund_fen, a.created_at_ms FROM after_sales a "
                          "JOIN orders o ON o.id = a.order_id WHERE a.customer_id = ? "
                          "ORDER BY a.id",
                          customer_id));
  for (const auto& r : requests) {
    Json row = blank;
    row["record"] = "after_sale";
    row["after_sale_number"] = r.get_string(0);
    row["order_number"] = r.get_string(1);
    row["kind"] = r.get_string(2);
    row["status"] = r.get_string(3);
    row["reason"] = r.get_string(4);
    row["note"] = r.get_string(5);
    row["requested_fen"] = r.get_int(6);
    row["refund_fen"] = r.get_int(7);
    row["created_at"] = r.get_int(8);
    out.push_back(std::move(row));
  }
  return out;
}

// Who received the goods and where is personal; what was bought, for how much and when is kept
// for accounting (and the province / city / district for regional figures).
Result<void> anonymise(storage::Connection& tx, int64_t customer_id) {
  CRM_TRY(tx.execute("UPDATE orders SET receiver_name = '', receiver_phone_cipher = NULL, "
                     "receiver_address_cipher = NULL, buyer_remarks = '' WHERE customer_id = ?",
                     customer_id));
  CRM_TRY(tx.execute("UPDATE after_sales SET note = '', photos = '[]' WHERE customer_id = ?",
                     customer_id));
  return {};
}

}  // namespace

customers::CustomerParticipant order_participant(modules::ModuleContext& context) {
  customers::CustomerParticipant participant;
  participant.name = "orders";
  participant.move = move;
  participant.move_back = move_back;
  participant.owner_changed = owner_changed;
  participant.timeline = timeline;
  const Keyring* keyring = context.keyring;
  participant.export_rows = [keyring](storage::Connection& db, int64_t customer_id) {
    return export_rows(keyring, db, customer_id);
  };
  participant.anonymise = anonymise;
  return participant;
}

}  // namespace crm::orders
