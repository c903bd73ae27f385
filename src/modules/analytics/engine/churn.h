// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/analytics/engine/calendar.h"
#include "modules/analytics/engine/filter.h"
#include "modules/analytics/engine/value.h"

// Churn, retention, acquisition and repeat purchase (docs/analytics.md, "Churn and retention").
// For a period [s, e] and the churn threshold T (days), over in-scope orders of any earlier day
// (history before filter.from_day counts; the day filter only picks the periods):
//   active at start  = has an order in [s-1-T, s-1]   (not churned as of the day before s)
//   churned          = active at start and no order in [e-T, e]   (last order > T days before e)
//   returning        = active at start and an order in [s, e]
//   new buyer        = first in-scope order ever is in [s, e]
//   buyer            = an order in [s, e]; repeat buyer = at least 2 orders in [s, e]
//   churn rate = churned / active, retention rate = returning / active,
//   acquisition rate = new buyers / active, repeat rate = repeat buyers / buyers.
namespace crm::analytics {

struct ChurnStats {
  int64_t active_at_start = 0, churned = 0, returning = 0, new_buyers = 0, buyers = 0, repeat_buyers = 0;
  std::optional<double> churn_rate() const;
  std::optional<double> retention_rate() const;
  std::optional<double> acquisition_rate() const;
  std::optional<double> repeat_rate() const;
  void add(const ChurnStats& other);
};

struct ChurnOptions {
  int32_t threshold_days = 90;  // 1..3650
  Period period = Period::kMonth;
  ValueOptions tiers;            // for the by-tier groups
};

struct ChurnPeriodRow {
  std::string label;
  int32_t start_day = 0, end_day = 0;  // the calendar period clipped to [from, to]
  ChurnStats stats;
};

struct ChurnGroupRow {
  uint16_t code = 0;  // dictionary code (channel, region) or Tier
  std::string name;
  ChurnStats stats;   // over the whole range as one period
};

struct ChurnResult {
  int32_t threshold_days = 0;
  ChurnStats overall;                   // the whole range [from, to] as one period
  std::vector<ChurnPeriodRow> periods;
  std::vector<ChurnGroupRow> by_channel;  // the customer's acquisition channel (source_channel)
  std::vector<ChurnGroupRow> by_region;   // the customer's region (province)
  std::vector<ChurnGroupRow> by_tier;     // value tier as of the day before from (high, mid, low)
};

// Errors: analytics.invalid_range, analytics.range_required, analytics.range_too_long,
// analytics.invalid_threshold (field "threshold_days"), and those of compute_value.
Result<ChurnResult> compute_churn(const ColumnStore& store, const Filter& filter, const ChurnOptions& options = {});

// The stats of one period [start_day, end_day] (used by the KPIs).
ChurnStats churn_stats(const OrderScope& scope, int32_t start_day, int32_t end_day, int32_t threshold_days);

// Monthly cohorts: a customer's cohort is the month of their first in-scope order ever; cohorts
// whose month lies in [from, to] are listed. Cell k = distinct cohort customers with an in-scope
// order in the k-th month after the cohort month (k = 0 is the cohort month, so 100%), counting
// orders up to to_day; retention = cell / cohort size.
struct CohortRow {
  std::string label;       // "2026-03"
  int32_t month_start = 0;
  int64_t size = 0;
  std::vector<int64_t> active;                  // one per month k, up to the month of to_day
  std::vector<std::optional<double>> retention;
};

struct CohortResult {
  std::vector<CohortRow> cohorts;
};

// Errors: analytics.invalid_range, analytics.range_required, analytics.range_too_long (> 600 months).
Result<CohortResult> compute_cohorts(const ColumnStore& store, const Filter& filter);

}  // namespace crm::analytics
