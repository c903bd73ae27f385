// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_report_history.h"

#include <fmt/format.h>

#include "core/text.h"

namespace crm::orders {

Result<CustomerOrders> OrderHistoryService::customer_orders(
    const http::Actor& actor, int64_t customer_id, int limit,
    const std::optional<std::string>& after) {
  CRM_TRY(customers_.get_visible(actor, customer_id));
  std::optional<int64_t> after_at, after_id;
  if (after) {
    const auto dot = after->find('.');
    if (dot != std::string::npos) {
      after_at = parse_int64(after->substr(0, dot));
      after_id = parse_int64(after->substr(dot + 1));
    }
    if (!after_at || !after_id) {
      return invalid_input("order.invalid_cursor", "after is not a valid cursor.", "after");
    }
  }
  return db_.read([&](storage::Connection& db) -> Result<CustomerOrders> {
    CustomerOrders out;
    CRM_TRY_ASSIGN(auto totals,
                   db.query_one("SELECT COUNT(*), COALESCE(SUM(total_fen), 0), "
                                "COALESCE(SUM(refunded_fen), 0), MIN(placed_at_ms), "
                                "MAX(placed_at_ms) FROM orders WHERE customer_id = ? AND status "
                                "NOT IN ('pending_audit', 'cancelled', 'closed')",
                                customer_id));
    out.totals = {totals.get_int(0), totals.get_int(1), totals.get_int(2),
                  totals.get_optional_int(3), totals.get_optional_int(4)};
    CRM_TRY_ASSIGN(auto count,
                   db.query_one("SELECT COUNT(*) FROM orders WHERE customer_id = ?", customer_id));
    out.total = count.get_int(0);
    std::string sql =
        "SELECT o.id, o.number, o.platform, o.channel, o.status, o.total_fen, o.paid_fen, "
        "o.refunded_fen, (SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i WHERE "
        "i.order_id = o.id), o.placed_at_ms FROM orders o WHERE o.customer_id = ?";
    std::vector<storage::Value> params{customer_id};
    if (after) {
      sql += " AND (o.placed_at_ms < ? OR (o.placed_at_ms = ? AND o.id < ?))";
      params.insert(params.end(), {*after_at, *after_at, *after_id});
    }
    sql += fmt::format(" ORDER BY o.placed_at_ms DESC, o.id DESC LIMIT {}", limit + 1);
    CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
    for (const auto& r : rows) {
      out.items.push_back({r.get_int(0), r.get_string(1), r.get_string(2), r.get_string(3),
                           r.get_string(4), r.get_int(5), r.get_int(6), r.get_int(7),
                           r.get_int(8), r.get_int(9)});
    }
    if (out.items.size() > static_cast<size_t>(limit)) {
      out.items.pop_back();
      out.next_after =
          fmt::format("{}.{}", out.items.back().placed_at_ms, out.items.back().id);
    }
    return out;
  });
}

}  // namespace crm::orders
