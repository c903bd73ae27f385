// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/analytics/engine/calendar.h"
#include "modules/analytics/engine/filter.h"

// Consumption analysis (docs/analytics.md, "Consumption"). Only in-scope orders count; money is
// OrderMoney (filter.h). The range is widened to whole periods: from_day moves back to the start
// of its period and to_day forward to the end of its period, so every row is a full period.
namespace crm::analytics {

struct PeriodTotals {
  int64_t orders = 0;
  int64_t buyers = 0;        // distinct customers with an order in the period
  int64_t sales_fen = 0;
  int64_t refunded_fen = 0;
  int64_t items = 0;         // quantity of (matching) items
  int64_t net_sales_fen() const { return sales_fen - refunded_fen; }
  std::optional<double> aov_fen() const;     // sales / orders
  std::optional<double> frequency() const;   // orders / buyers
};

// analytics.invalid_range, or analytics.range_required (field "from") when from or to is open.
Result<void> require_bounded(const Filter& filter);

// (current - base) / base; nullopt when base is 0.
std::optional<double> relative_change(double current, double base);

struct ConsumptionRow {
  std::string label;  // period_label
  int32_t start_day = 0, end_day = 0;
  PeriodTotals current;
  PeriodTotals previous;  // the period just before
  PeriodTotals year_ago;  // year_ago_start (calendar.h)
  std::optional<double> sales_pop, sales_yoy, orders_pop, orders_yoy, buyers_pop, buyers_yoy;
};

struct MixRow {
  uint16_t code = 0;
  std::string name;
  int64_t orders = 0;      // orders with at least one such item (category) / such orders (channel)
  int64_t quantity = 0;
  int64_t sales_fen = 0;   // item amounts (category) / order sales (channel)
  std::optional<double> share;  // of the sum of sales_fen over all rows
};

struct Consumption {
  Period period = Period::kMonth;
  int32_t from_day = 0, to_day = 0;  // after widening
  std::vector<ConsumptionRow> periods;
  PeriodTotals total;                // buyers distinct over the whole range
  std::vector<MixRow> categories;    // product categories, by sales descending then code
  std::vector<MixRow> channels;      // order channels, same order
};

// Errors: analytics.invalid_range; analytics.range_required (field "from") when from or to is
// open; analytics.range_too_long (field "to") when it has more than 100,000 periods.
Result<Consumption> compute_consumption(const ColumnStore& store, const Filter& filter, Period period);

struct SeasonRow {
  int64_t days = 0;        // calendar days of this kind in the range
  PeriodTotals totals;     // buyers distinct within the row
  std::optional<double> avg_daily_sales_fen;
};

struct FestivalRow {
  Festival festival = Festival::k618;
  int year = 0;
  int32_t first_day = 0, last_day = 0;  // clipped to the range
  SeasonRow season;
  // avg daily sales in the window / avg daily sales on the range's non-festival days.
  std::optional<double> lift;
};

struct Seasonality {
  std::array<SeasonRow, 7> weekdays;   // Monday .. Sunday
  std::array<SeasonRow, 12> months;    // January .. December
  std::vector<FestivalRow> festivals;  // every window intersecting the range, by first day
  SeasonRow outside_festivals;
};

// Same errors as compute_consumption (the range is used as given, not widened).
Result<Seasonality> compute_seasonality(const ColumnStore& store, const Filter& filter);

}  // namespace crm::analytics
