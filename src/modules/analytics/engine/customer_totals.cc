// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/customer_totals.h"

#include <algorithm>

#include "modules/analytics/engine/parallel.h"

namespace crm::analytics {
namespace {

CustomerTotals empty_totals(size_t customers, WithProfit with_profit) {
  CustomerTotals totals;
  totals.rows.assign(customers, {});
  if (with_profit == WithProfit::kYes) totals.profit.assign(customers, {});
  return totals;
}

void scan(const OrderScope& scope, size_t begin, size_t end, WithProfit with_profit, CustomerTotals& totals) {
  const ColumnStore& store = scope.store();
  const bool item_loop = with_profit == WithProfit::kYes || !scope.filter().categories.empty();
  for (auto o = static_cast<uint32_t>(begin); o < end; ++o) {
    // Orders are in day order, so customers come at random: fetch a row ahead of its use.
    if (o + kPrefetchDistance < end) __builtin_prefetch(&totals.rows[store.order_customer(o + kPrefetchDistance)], 1);
    if (!scope.matches(o)) continue;
    const uint32_t c = store.order_customer(o);
    CustomerTotal& row = totals.rows[c];
    const int32_t day = store.order_day(o);
    row.first_day = std::min(row.first_day, day);
    row.last_day = std::max(row.last_day, day);
    ++row.orders;
    if (item_loop) {
      const OrderMoney money = scope.money(o);
      row.sales_fen += money.sales_fen;
      row.refunded_fen += money.refunded_fen;
      if (with_profit == WithProfit::kYes) {
        CustomerProfit& profit = totals.profit[c];
        profit.profit_fen += money.profit_fen();
        profit.revenue_fen += money.revenue_fen;
        profit.cost_fen += money.cost_fen;
        profit.discount_fen += money.discount_fen;
      }
    } else {
      row.sales_fen += store.order_total(o);
      row.refunded_fen += store.order_refunded(o);
    }
  }
}

void merge_into(CustomerTotals& into, const CustomerTotals& part) {
  for (size_t c = 0; c < into.rows.size(); ++c) {
    const CustomerTotal& from = part.rows[c];
    if (from.orders == 0) continue;
    CustomerTotal& row = into.rows[c];
    row.first_day = std::min(row.first_day, from.first_day);
    row.last_day = std::max(row.last_day, from.last_day);
    row.orders += from.orders;
    row.sales_fen += from.sales_fen;
    row.refunded_fen += from.refunded_fen;
    if (!into.profit.empty()) {
      into.profit[c].profit_fen += part.profit[c].profit_fen;
      into.profit[c].revenue_fen += part.profit[c].revenue_fen;
      into.profit[c].cost_fen += part.profit[c].cost_fen;
      into.profit[c].discount_fen += part.profit[c].discount_fen;
    }
  }
}

}  // namespace

CustomerTotals customer_totals(const OrderScope& scope, int32_t from_day, int32_t to_day, WithProfit with_profit) {
  const ColumnStore& store = scope.store();
  const size_t customers = store.customer_count();
  const auto [first, last] = store.order_range(from_day, to_day);
  const size_t parts = part_count(last - first);
  const auto ranges = split_range(first, last, parts);
  std::vector<CustomerTotals> totals(parts);
  run_parts(parts, [&](size_t p) {
    totals[p] = empty_totals(customers, with_profit);
    scan(scope, ranges[p].first, ranges[p].second, with_profit, totals[p]);
  });
  for (size_t p = 1; p < parts; ++p) merge_into(totals[0], totals[p]);
  return std::move(totals[0]);
}

}  // namespace crm::analytics
