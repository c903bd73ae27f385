// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_report_service.h"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "modules/customers/customer_service.h"

namespace crm::orders {

namespace {

// The merchant day of placed_at_ms in SQL: integer division on both dialects (placed_at_ms is
// never negative).
constexpr std::string_view kDayExpr = "(o.placed_at_ms + 28800000) / 86400000";
constexpr std::string_view kCounted = "o.status NOT IN ('pending_audit', 'cancelled', 'closed')";

struct Sums {
  int64_t orders = 0, items = 0, sales = 0, refunds = 0;
};

SalesFigures figures(const Sums& s) {
  SalesFigures f{s.orders, s.items, s.sales, s.refunds, 0};
  if (s.orders > 0) f.average_order_fen = (s.sales + s.orders / 2) / s.orders;
  return f;
}

std::string sales_sql(ReportBy by, bool scoped) {
  std::string where = fmt::format("{} AND o.placed_at_ms >= ? AND o.placed_at_ms < ?", kCounted);
  if (scoped) where += " AND o.customer_owner_id = ?";
  if (by == ReportBy::kCategory) {
    return fmt::format(
        "SELECT {} AS d, COALESCE(c.name, '') AS k, COUNT(DISTINCT o.id), SUM(i.quantity), "
        "SUM(i.amount_fen), SUM(CASE WHEN o.items_fen > 0 THEN o.refunded_fen * i.amount_fen / "
        "o.items_fen ELSE 0 END) FROM orders o JOIN order_items i ON i.order_id = o.id "
        "LEFT JOIN product_categories c ON c.id = i.category_id WHERE {} GROUP BY 1, 2",
        kDayExpr, where);
  }
  const std::string_view key = by == ReportBy::kChannel  ? "o.channel"
                               : by == ReportBy::kRegion ? "o.receiver_province"
                                                         : "''";
  return fmt::format(
      "SELECT {} AS d, {} AS k, COUNT(*), SUM((SELECT COALESCE(SUM(i.quantity), 0) FROM "
      "order_items i WHERE i.order_id = o.id)), SUM(o.total_fen), SUM(o.refunded_fen) "
      "FROM orders o WHERE {} GROUP BY 1, 2",
      kDayExpr, key, where);
}

// Per-day sums of `range` keyed by (day, key).
Result<std::map<std::pair<int64_t, std::string>, Sums>> daily(storage::Database& db,
                                                               const http::Actor& actor,
                                                               DayRange range, ReportBy by) {
  const auto owner = customers::scope_owner(actor);
  std::vector<storage::Value> params{merchant_day_start_ms(range.from_day),
                                     merchant_day_start_ms(range.to_day + 1)};
  if (owner) params.push_back(*owner);
  const std::string sql = sales_sql(by, owner.has_value());
  return db.read([&](storage::Connection& c)
                     -> Result<std::map<std::pair<int64_t, std::string>, Sums>> {
    CRM_TRY_ASSIGN(auto rows, c.query_values(sql, params));
    std::map<std::pair<int64_t, std::string>, Sums> out;
    for (const auto& r : rows) {
      Sums& s = out[{r.get_int(0), r.get_string(1)}];
      s.orders += r.get_int(2);
      s.items += r.get_int(3);
      s.sales += r.get_int(4);
      s.refunds += r.get_int(5);
    }
    return out;
  });
}

}  // namespace

Result<std::vector<SalesRow>> OrderReportService::sales(const http::Actor& actor, DayRange range,
                                                        ReportGroup group, ReportBy by) {
  CRM_TRY_ASSIGN(auto days, daily(db_, actor, range, by));
  // Roll days up into periods; an order lies on one day, so distinct counts add up exactly.
  std::map<std::pair<int64_t, std::string>, Sums> periods;
  if (by == ReportBy::kNone) {
    for (int64_t p = period_start(range.from_day, group); p <= range.to_day;
         p = next_period(p, group)) {
      periods[{p, ""}];
    }
  }
  for (const auto& [day_key, sums] : days) {
    Sums& s = periods[{period_start(day_key.first, group), day_key.second}];
    s.orders += sums.orders;
    s.items += sums.items;
    s.sales += sums.sales;
    s.refunds += sums.refunds;
  }
  std::vector<SalesRow> rows;
  rows.reserve(periods.size());
  for (const auto& [period_key, sums] : periods) {
    rows.push_back({period_label(period_key.first, group), period_key.second, figures(sums)});
  }
  return rows;
}

Result<SalesSummary> OrderReportService::summary(const http::Actor& actor, DayRange range) {
  SalesSummary out;
  const int64_t days = range.to_day - range.from_day + 1;
  out.current_range = range;
  out.previous_range = {range.from_day - days, range.from_day - 1};
  for (auto [target, r] : {std::pair{&out.current, range}, std::pair{&out.previous, out.previous_range}}) {
    CRM_TRY_ASSIGN(auto sums, daily(db_, actor, r, ReportBy::kNone));
    Sums total;
    for (const auto& [key, s] : sums) {
      total.orders += s.orders;
      total.items += s.items;
      total.sales += s.sales;
      total.refunds += s.refunds;
    }
    *target = figures(total);
  }
  return out;
}

}  // namespace crm::orders
