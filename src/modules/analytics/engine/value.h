// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/analytics/engine/filter.h"

// Customer value (docs/analytics.md, "Value tiers and profit"): per customer with at least one
// in-scope order in [from_day, to_day]
//   revenue  = sum of item amounts, cost = sum of item line costs,
//   discount = order-level discounts, refunds = refunded amounts,
//   profit   = revenue - cost - discount - refunds,   monetary = sales - refunds (as RFM's M).
// Tiers rank customers by the chosen measure, descending, ties sharing the best rank r
// (descending_ranks): high when r * 100 < high_percent * n, mid when
// r * 100 < (high_percent + mid_percent) * n, else low.
// Pareto: customers sorted by profit descending (ties by customer id); the top
// ceil(top_percent * n / 100) customers' profit over the total profit.
namespace crm::analytics {

enum class Tier : uint8_t { kHigh, kMid, kLow };
std::string_view tier_name(Tier tier);  // high, mid, low

enum class ValueMeasure : uint8_t { kMonetary, kProfit };

struct ValueOptions {
  ValueMeasure measure = ValueMeasure::kMonetary;
  int high_percent = 20;
  int mid_percent = 30;
  int pareto_top_percent = 20;
};

struct CustomerValue {
  int64_t customer_id = 0;
  int64_t orders = 0;
  int64_t revenue_fen = 0, cost_fen = 0, discount_fen = 0, refunded_fen = 0;
  int64_t profit_fen = 0;
  int64_t monetary_fen = 0;
  Tier tier = Tier::kLow;
};

struct TierSummary {
  Tier tier = Tier::kLow;
  int64_t customers = 0;
  int64_t monetary_fen = 0;
  int64_t profit_fen = 0;
  std::optional<double> profit_share;  // of total profit; nullopt when the total is 0
};

struct ValueResult {
  std::vector<CustomerValue> customers;   // ascending by customer_id
  std::array<TierSummary, 3> tiers;       // high, mid, low
  int64_t total_profit_fen = 0;
  int64_t pareto_customers = 0;           // size of the top group
  std::optional<double> pareto_share;     // nullopt when total profit <= 0
  // Cumulative profit share of the top 10%, 20%, ..., 100% of customers (nullopt as above).
  std::array<std::optional<double>, 10> pareto_curve;
};

// Errors: analytics.invalid_range; analytics.invalid_tiers (field "high_percent"/"mid_percent"
// when not 0..100 or summing over 100); analytics.invalid_pareto (field "pareto_top_percent",
// 1..100).
Result<ValueResult> compute_value(const ColumnStore& store, const Filter& filter, const ValueOptions& options = {});

// The tier of every customer (dense index; customers without orders get kLow) for grouping.
std::vector<Tier> tiers_by_customer(const ColumnStore& store, const ValueResult& result);

}  // namespace crm::analytics
