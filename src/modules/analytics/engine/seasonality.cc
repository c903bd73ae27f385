// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "modules/analytics/engine/consumption.h"

namespace crm::analytics {
namespace {

constexpr int64_t kMaxSeasonDays = 1'000'000;

void add(SeasonRow& row, const OrderMoney& money) {
  ++row.totals.orders;
  row.totals.sales_fen += money.sales_fen;
  row.totals.refunded_fen += money.refunded_fen;
  row.totals.items += money.quantity;
}

void finish(SeasonRow& row) {
  if (row.days > 0) {
    row.avg_daily_sales_fen = static_cast<double>(row.totals.sales_fen) / static_cast<double>(row.days);
  }
}

}  // namespace

Result<Seasonality> compute_seasonality(const ColumnStore& store, const Filter& filter) {
  CRM_TRY(require_bounded(filter));
  const int64_t length = static_cast<int64_t>(filter.to_day) - filter.from_day + 1;
  if (length > kMaxSeasonDays) {
    return invalid_input("analytics.range_too_long", "The range is too long for seasonality.", "to");
  }
  Seasonality result;
  const auto windows = festival_windows(filter.from_day, filter.to_day);
  // Windows never overlap, so each day belongs to at most one.
  std::vector<int32_t> window_of_day(static_cast<size_t>(length), -1);
  for (size_t w = 0; w < windows.size(); ++w) {
    FestivalRow row;
    row.festival = windows[w].festival;
    row.year = windows[w].year;
    row.first_day = windows[w].first_day;
    row.last_day = windows[w].last_day;
    row.season.days = windows[w].last_day - windows[w].first_day + 1;
    result.festivals.push_back(row);
    for (int32_t d = windows[w].first_day; d <= windows[w].last_day; ++d) {
      window_of_day[static_cast<size_t>(d - filter.from_day)] = static_cast<int32_t>(w);
    }
  }
  for (int32_t d = filter.from_day; d <= filter.to_day; ++d) {
    ++result.weekdays[static_cast<size_t>(iso_weekday(d) - 1)].days;
    ++result.months[static_cast<size_t>(civil_from_day(d).month - 1)].days;
    if (window_of_day[static_cast<size_t>(d - filter.from_day)] < 0) ++result.outside_festivals.days;
  }

  // Buyers are distinct per row: bit masks per customer for weekdays and months; festival
  // windows are visited in day order, so "last window seen" is enough for them.
  const OrderScope scope(store, filter);
  const size_t customers = store.customer_count();
  std::vector<uint8_t> weekday_seen(customers, 0);
  std::vector<uint16_t> month_seen(customers, 0);
  std::vector<int32_t> window_seen(customers, -1);
  std::vector<uint8_t> outside_seen(customers, 0);
  const auto [first, last] = store.order_range(filter.from_day, filter.to_day);
  for (uint32_t o = first; o < last; ++o) {
    if (!scope.matches(o)) continue;
    const OrderMoney money = scope.money(o);
    const int32_t day = store.order_day(o);
    const uint32_t c = store.order_customer(o);
    const int weekday = iso_weekday(day) - 1;
    const int month = civil_from_day(day).month - 1;
    add(result.weekdays[static_cast<size_t>(weekday)], money);
    add(result.months[static_cast<size_t>(month)], money);
    if (!(weekday_seen[c] & (1u << weekday))) {
      weekday_seen[c] = static_cast<uint8_t>(weekday_seen[c] | (1u << weekday));
      ++result.weekdays[static_cast<size_t>(weekday)].totals.buyers;
    }
    if (!(month_seen[c] & (1u << month))) {
      month_seen[c] = static_cast<uint16_t>(month_seen[c] | (1u << month));
      ++result.months[static_cast<size_t>(month)].totals.buyers;
    }
    const int32_t w = window_of_day[static_cast<size_t>(day - filter.from_day)];
    if (w >= 0) {
      add(result.festivals[static_cast<size_t>(w)].season, money);
      if (window_seen[c] != w) {
        window_seen[c] = w;
        ++result.festivals[static_cast<size_t>(w)].season.totals.buyers;
      }
    } else {
      add(result.outside_festivals, money);
      if (!outside_seen[c]) {
        outside_seen[c] = 1;
        ++result.outside_festivals.totals.buyers;
      }
    }
  }
  for (auto& row : result.weekdays) finish(row);
  for (auto& row : result.months) finish(row);
  finish(result.outside_festivals);
  for (auto& row : result.festivals) {
    finish(row.season);
    if (row.season.avg_daily_sales_fen && result.outside_festivals.avg_daily_sales_fen &&
        *result.outside_festivals.avg_daily_sales_fen != 0) {
      row.lift = *row.season.avg_daily_sales_fen / *result.outside_festivals.avg_daily_sales_fen;
    }
  }
  return result;
}

}  // namespace crm::analytics
