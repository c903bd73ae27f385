// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/value.h"

#include <algorithm>
#include <numeric>

#include "modules/analytics/engine/customer_totals.h"
#include "modules/analytics/engine/scoring.h"

namespace crm::analytics {
namespace {

std::optional<double> share(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

Result<void> validate(const ValueOptions& options) {
  if (options.high_percent < 0 || options.high_percent > 100) {
    return invalid_input("analytics.invalid_tiers", "high_percent must be between 0 and 100.", "high_percent");
  }
  if (options.mid_percent < 0 || options.high_percent + options.mid_percent > 100) {
    return invalid_input("analytics.invalid_tiers", "high_percent + mid_percent must be between 0 and 100.",
                         "mid_percent");
  }
  if (options.pareto_top_percent < 1 || options.pareto_top_percent > 100) {
    return invalid_input("analytics.invalid_pareto", "pareto_top_percent must be between 1 and 100.",
                         "pareto_top_percent");
  }
  return {};
}

// Profit of the top ceil(percent * n / 100) customers by profit (ties by id).
int64_t top_profit(const std::vector<int64_t>& sorted_profit, int percent, int64_t* count) {
  const auto n = static_cast<int64_t>(sorted_profit.size());
  const int64_t top = (percent * n + 99) / 100;
  if (count) *count = top;
  return std::accumulate(sorted_profit.begin(), sorted_profit.begin() + top, int64_t{0});
}

}  // namespace

std::string_view tier_name(Tier tier) {
  switch (tier) {
    case Tier::kHigh: return "high";
    case Tier::kMid: return "mid";
    case Tier::kLow: return "low";
  }
  return "low";
}

Result<ValueResult> compute_value(const ColumnStore& store, const Filter& filter, const ValueOptions& options) {
  CRM_TRY(validate_filter(filter));
  CRM_TRY(validate(options));
  const OrderScope scope(store, filter);
  CustomerTotals totals = customer_totals(scope, filter.from_day, filter.to_day, WithProfit::kYes);

  ValueResult result;
  // Sized exactly (no growth copies of the biggest arrays of the computation).
  const auto valued = static_cast<size_t>(
      std::count_if(totals.rows.begin(), totals.rows.end(), [](const CustomerTotal& t) { return t.orders > 0; }));
  result.customers.reserve(valued);
  std::vector<int64_t> measure;
  measure.reserve(valued);
  for (uint32_t c = 0; c < store.customer_count(); ++c) {
    if (totals.rows[c].orders == 0) continue;
    CustomerValue row;
    row.customer_id = store.customer_id(c);
    row.orders = totals.rows[c].orders;
    row.revenue_fen = totals.profit[c].revenue_fen;
    row.cost_fen = totals.profit[c].cost_fen;
    row.discount_fen = totals.profit[c].discount_fen;
    row.refunded_fen = totals.rows[c].refunded_fen;
    row.profit_fen = totals.profit[c].profit_fen;
    row.monetary_fen = totals.rows[c].sales_fen - totals.rows[c].refunded_fen;
    measure.push_back(options.measure == ValueMeasure::kProfit ? row.profit_fen : row.monetary_fen);
    result.customers.push_back(row);
    result.total_profit_fen += row.profit_fen;
  }
  totals = {};  // copied into the rows: freed before the ranking
  const auto ranks = descending_ranks(measure);
  const auto n = static_cast<int64_t>(result.customers.size());
  for (size_t t = 0; t < 3; ++t) result.tiers[t].tier = static_cast<Tier>(t);
  for (size_t k = 0; k < result.customers.size(); ++k) {
    CustomerValue& row = result.customers[k];
    if (ranks[k] * 100 < options.high_percent * n) {
      row.tier = Tier::kHigh;
    } else if (ranks[k] * 100 < (options.high_percent + options.mid_percent) * n) {
      row.tier = Tier::kMid;
    } else {
      row.tier = Tier::kLow;
    }
    TierSummary& summary = result.tiers[static_cast<size_t>(row.tier)];
    ++summary.customers;
    summary.monetary_fen += row.monetary_fen;
    summary.profit_fen += row.profit_fen;
  }
  for (auto& summary : result.tiers) summary.profit_share = share(summary.profit_fen, result.total_profit_fen);

  std::vector<int64_t> profit;
  profit.reserve(result.customers.size());
  for (const auto& row : result.customers) profit.push_back(row.profit_fen);
  std::stable_sort(profit.begin(), profit.end(), std::greater<int64_t>());
  const int64_t top = top_profit(profit, options.pareto_top_percent, &result.pareto_customers);
  if (result.total_profit_fen > 0) {
    result.pareto_share = share(top, result.total_profit_fen);
    for (int decile = 1; decile <= 10; ++decile) {
      result.pareto_curve[static_cast<size_t>(decile - 1)] =
          share(top_profit(profit, decile * 10, nullptr), result.total_profit_fen);
    }
  }
  return result;
}

std::vector<Tier> tiers_by_customer(const ColumnStore& store, const ValueResult& result) {
  std::vector<Tier> tiers(store.customer_count(), Tier::kLow);
  for (const auto& row : result.customers) {
    if (auto c = store.find_customer(row.customer_id)) tiers[*c] = row.tier;
  }
  return tiers;
}

}  // namespace crm::analytics
