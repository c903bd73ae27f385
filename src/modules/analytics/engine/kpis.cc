// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/kpis.h"

#include "modules/analytics/engine/churn.h"
#include "modules/analytics/engine/consumption.h"
#include "modules/analytics/engine/customer_totals.h"

namespace crm::analytics {
namespace {

struct RangeFigures {
  std::optional<double> sales, orders, buyers, aov, new_buyers, repeat_rate, churn_rate, refunds;
};

RangeFigures figures(const OrderScope& scope, const CustomerTotals& ever, int32_t from, int32_t to,
                     int32_t threshold) {
  const CustomerTotals totals = customer_totals(scope, from, to, WithProfit::kNo);
  int64_t sales = 0, refunds = 0, orders = 0, buyers = 0, repeat = 0, fresh = 0;
  for (size_t c = 0; c < totals.rows.size(); ++c) {
    if (totals.rows[c].orders == 0) continue;
    sales += totals.rows[c].sales_fen;
    refunds += totals.rows[c].refunded_fen;
    orders += totals.rows[c].orders;
    ++buyers;
    repeat += totals.rows[c].orders >= 2 ? 1 : 0;
    fresh += ever.rows[c].first_day >= from ? 1 : 0;
  }
  const ChurnStats churn = churn_stats(scope, from, to, threshold);
  RangeFigures f;
  f.sales = static_cast<double>(sales);
  f.orders = static_cast<double>(orders);
  f.buyers = static_cast<double>(buyers);
  if (orders > 0) f.aov = static_cast<double>(sales) / static_cast<double>(orders);
  f.new_buyers = static_cast<double>(fresh);
  if (buyers > 0) f.repeat_rate = static_cast<double>(repeat) / static_cast<double>(buyers);
  f.churn_rate = churn.churn_rate();
  f.refunds = static_cast<double>(refunds);
  return f;
}

Kpi kpi(std::optional<double> value, std::optional<double> previous) {
  Kpi k{value, previous, std::nullopt, std::nullopt};
  if (value && previous) {
    k.delta = *value - *previous;
    k.change = relative_change(*value, *previous);
  }
  return k;
}

}  // namespace

Result<Kpis> compute_kpis(const ColumnStore& store, const Filter& filter, int32_t churn_threshold_days) {
  CRM_TRY(require_bounded(filter));
  if (churn_threshold_days < 1 || churn_threshold_days > 3650) {
    return invalid_input("analytics.invalid_threshold", "threshold_days must be between 1 and 3650.",
                         "threshold_days");
  }
  Kpis result;
  result.from_day = filter.from_day;
  result.to_day = filter.to_day;
  const int32_t length = filter.to_day - filter.from_day + 1;
  result.previous_from_day = filter.from_day - length;
  result.previous_to_day = filter.from_day - 1;
  const OrderScope scope(store, filter);
  const CustomerTotals ever = customer_totals(scope, kMinDay, filter.to_day, WithProfit::kNo);
  const RangeFigures now = figures(scope, ever, result.from_day, result.to_day, churn_threshold_days);
  const RangeFigures before =
      figures(scope, ever, result.previous_from_day, result.previous_to_day, churn_threshold_days);
  result.sales_fen = kpi(now.sales, before.sales);
  result.orders = kpi(now.orders, before.orders);
  result.buyers = kpi(now.buyers, before.buyers);
  result.aov_fen = kpi(now.aov, before.aov);
  result.new_buyers = kpi(now.new_buyers, before.new_buyers);
  result.repeat_rate = kpi(now.repeat_rate, before.repeat_rate);
  result.churn_rate = kpi(now.churn_rate, before.churn_rate);
  result.refunds_fen = kpi(now.refunds, before.refunds);
  return result;
}

}  // namespace crm::analytics
