// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>

#include "core/result.h"
#include "modules/analytics/engine/filter.h"

// KPIs of a range with the previous range of equal length (docs/analytics.md, "KPIs").
// For the range [from, to] of L days the previous range is [from - L, from - 1].
namespace crm::analytics {

struct Kpi {
  std::optional<double> value;
  std::optional<double> previous;
  std::optional<double> delta;   // value - previous
  std::optional<double> change;  // (value - previous) / previous; nullopt when previous is 0
};

struct Kpis {
  int32_t from_day = 0, to_day = 0, previous_from_day = 0, previous_to_day = 0;
  Kpi sales_fen;     // sum of sales of in-scope orders
  Kpi orders;
  Kpi buyers;        // distinct customers with an order
  Kpi aov_fen;       // sales / orders
  Kpi new_buyers;    // customers whose first in-scope order ever is in the range
  Kpi repeat_rate;   // buyers with >= 2 orders in the range / buyers
  Kpi churn_rate;    // churn.h with the range as one period
  Kpi refunds_fen;   // sum of refunded amounts of in-scope orders
};

// Errors: analytics.invalid_range, analytics.range_required, analytics.invalid_threshold.
Result<Kpis> compute_kpis(const ColumnStore& store, const Filter& filter, int32_t churn_threshold_days);

}  // namespace crm::analytics
