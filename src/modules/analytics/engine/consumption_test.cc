// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/consumption.h"

#include <gtest/gtest.h>

#include "modules/analytics/engine/test_store.h"

namespace crm::analytics {
namespace {

using test::day;

Filter q1_2026() {
  Filter filter;
  filter.from_day = day(2026, 1, 1);
  filter.to_day = day(2026, 3, 31);
  return filter;
}

TEST(Consumption, MonthlyTotalsMixesAndTrendsByHand) {
  ColumnStore store;
  test::fill_small_store(store);
  auto result = compute_consumption(store, q1_2026(), Period::kMonth);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->periods.size(), 3u);
  const auto& jan = result->periods[0];
  const auto& feb = result->periods[1];
  const auto& mar = result->periods[2];
  EXPECT_EQ(jan.label, "2026-01");
  // Jan: 101 (C1, 10000, 3 items) and 103 (C2, 8000, 1 item); 104 is cancelled.
  EXPECT_EQ(jan.current.orders, 2);
  EXPECT_EQ(jan.current.buyers, 2);
  EXPECT_EQ(jan.current.sales_fen, 18000);
  EXPECT_EQ(jan.current.items, 4);
  EXPECT_DOUBLE_EQ(*jan.current.aov_fen(), 9000);
  EXPECT_DOUBLE_EQ(*jan.current.frequency(), 1.0);
  EXPECT_FALSE(jan.sales_pop);  // December 2025 had no sales
  // Feb: 102 (C1, 20000, refund 5000, 2 items) and 105 (C3, 5000, 1 item).
  EXPECT_EQ(feb.current.orders, 2);
  EXPECT_EQ(feb.current.sales_fen, 25000);
  EXPECT_EQ(feb.current.refunded_fen, 5000);
  EXPECT_EQ(feb.current.net_sales_fen(), 20000);
  EXPECT_EQ(feb.current.items, 3);
  EXPECT_EQ(feb.previous.sales_fen, 18000);
  EXPECT_DOUBLE_EQ(*feb.sales_pop, (25000.0 - 18000) / 18000);
  // Feb 2025 had order 100 (12500): YoY (25000 - 12500) / 12500 = 1.
  EXPECT_EQ(feb.year_ago.sales_fen, 12500);
  EXPECT_DOUBLE_EQ(*feb.sales_yoy, 1.0);
  EXPECT_DOUBLE_EQ(*feb.buyers_yoy, 1.0);  // 2 buyers vs 1
  // Mar: 106 only (107 is pending): 7000; vs Feb -72%.
  EXPECT_EQ(mar.current.orders, 1);
  EXPECT_EQ(mar.current.sales_fen, 7000);
  EXPECT_DOUBLE_EQ(*mar.sales_pop, -0.72);
  EXPECT_FALSE(mar.sales_yoy);
  // Whole range: 5 orders by 3 distinct buyers, 50000 sales, 8 items.
  EXPECT_EQ(result->total.orders, 5);
  EXPECT_EQ(result->total.buyers, 3);
  EXPECT_EQ(result->total.sales_fen, 50000);
  EXPECT_EQ(result->total.items, 8);
  // Category mix (item amounts): shoes 6000 + 20000 + 5000 = 31000 in 3 orders, 4 pieces;
  // bags 4500 + 8000 + 7000 = 19500 in 3 orders, 4 pieces.
  ASSERT_EQ(result->categories.size(), 2u);
  EXPECT_EQ(result->categories[0].name, "shoes");
  EXPECT_EQ(result->categories[0].sales_fen, 31000);
  EXPECT_EQ(result->categories[0].orders, 3);
  EXPECT_EQ(result->categories[0].quantity, 4);
  EXPECT_DOUBLE_EQ(*result->categories[0].share, 31000.0 / 50500);
  EXPECT_EQ(result->categories[1].sales_fen, 19500);
  // Channel mix (order sales): tmall 101 + 102 + 105 = 35000; jd 103 + 106 = 15000.
  ASSERT_EQ(result->channels.size(), 2u);
  EXPECT_EQ(result->channels[0].name, "tmall");
  EXPECT_EQ(result->channels[0].sales_fen, 35000);
  EXPECT_EQ(result->channels[0].orders, 3);
  EXPECT_EQ(result->channels[1].sales_fen, 15000);
  EXPECT_DOUBLE_EQ(*result->channels[1].share, 0.3);
}

TEST(Consumption, RangeWidensToWholePeriodsAndWeeksStartOnMonday) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.from_day = day(2026, 1, 21);  // a Wednesday
  filter.to_day = day(2026, 2, 3);     // a Tuesday
  auto weeks = compute_consumption(store, filter, Period::kWeek);
  ASSERT_TRUE(weeks);
  EXPECT_EQ(weeks->from_day, day(2026, 1, 19));
  EXPECT_EQ(weeks->to_day, day(2026, 2, 8));
  ASSERT_EQ(weeks->periods.size(), 3u);
  EXPECT_EQ(weeks->periods[0].current.orders, 1);  // 103 on Tue 20 Jan (widened in)
  EXPECT_EQ(weeks->periods[1].current.orders, 0);
  EXPECT_EQ(weeks->periods[2].current.orders, 1);  // 105 on 3 Feb
  auto years = compute_consumption(store, q1_2026(), Period::kYear);
  ASSERT_TRUE(years);
  ASSERT_EQ(years->periods.size(), 1u);
  EXPECT_EQ(years->periods[0].current.sales_fen, 50000);
  EXPECT_EQ(years->periods[0].previous.sales_fen, 12500);  // 2025
  EXPECT_DOUBLE_EQ(*years->periods[0].sales_yoy, 3.0);
}

TEST(Consumption, CategoryFilterCountsMatchingItemsOnly) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter = q1_2026();
  filter.categories = {*store.categories().find("shoes")};
  auto result = compute_consumption(store, filter, Period::kMonth);
  ASSERT_TRUE(result);
  // Jan: 101's shoes line 6000; Feb: 102 (20000, all of its refund) + 105 (5000); Mar: none.
  EXPECT_EQ(result->periods[0].current.sales_fen, 6000);
  EXPECT_EQ(result->periods[0].current.items, 1);
  EXPECT_EQ(result->periods[1].current.sales_fen, 25000);
  EXPECT_EQ(result->periods[1].current.refunded_fen, 5000);
  EXPECT_EQ(result->periods[2].current.orders, 0);
  ASSERT_EQ(result->categories.size(), 1u);
  EXPECT_EQ(result->total.buyers, 2);
}

TEST(Consumption, EmptyAndExcludingFiltersAndErrors) {
  ColumnStore empty;
  ASSERT_TRUE(empty.freeze());
  auto none = compute_consumption(empty, q1_2026(), Period::kDay);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->periods.size(), 90u);
  EXPECT_EQ(none->total.orders, 0);
  EXPECT_FALSE(none->total.aov_fen());
  EXPECT_TRUE(none->categories.empty());

  ColumnStore store;
  test::fill_small_store(store);
  Filter nobody = q1_2026();
  nobody.channels = {*store.channels().find("douyin")};  // a customer channel, no order uses it
  auto excluded = compute_consumption(store, nobody, Period::kMonth);
  ASSERT_TRUE(excluded);
  EXPECT_EQ(excluded->total.orders, 0);
  EXPECT_TRUE(excluded->channels.empty());

  EXPECT_EQ(compute_consumption(store, Filter{}, Period::kMonth).error().code, "analytics.range_required");
  Filter huge;
  huge.from_day = kMinOrderDay;
  huge.to_day = kMaxOrderDay;
  auto too_long = compute_consumption(store, huge, Period::kDay);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, "analytics.range_too_long");
}

TEST(Seasonality, WeekdaysMonthsAndFestivalsByHand) {
  ColumnStore store;
  test::fill_small_store(store);
  ASSERT_TRUE(store.add_order({200, 3, day(2025, 11, 11), OrderStatus::kPaid, "tmall", "浙江", 30000, 0, 0}));
  ASSERT_TRUE(store.add_order({201, 2, day(2025, 11, 5), OrderStatus::kPaid, "jd", "江苏", 11000, 0, 0}));
  ASSERT_TRUE(store.freeze());
  Filter filter;
  filter.from_day = day(2025, 1, 1);
  filter.to_day = day(2025, 12, 31);
  auto season = compute_seasonality(store, filter);
  ASSERT_TRUE(season) << season.error().message;
  // 2025: 100 on Fri 14 Feb (12500), 201 on Wed 5 Nov (11000), 200 on Tue 11 Nov (30000).
  EXPECT_EQ(season->weekdays[4].totals.sales_fen, 12500);  // Friday
  EXPECT_EQ(season->weekdays[1].totals.sales_fen, 30000);  // Tuesday
  EXPECT_EQ(season->weekdays[0].days, 52);                 // 2025 has 52 Mondays
  EXPECT_EQ(season->weekdays[2].days, 53);                 // and 53 Wednesdays (starts Wed)
  EXPECT_EQ(season->months[10].totals.orders, 2);
  EXPECT_EQ(season->months[10].totals.buyers, 2);
  EXPECT_EQ(season->months[1].days, 28);
  // Festivals in 2025: 年货节 (SF 29 Jan -> 8..28 Jan), 618, 双11 (1..11 Nov), 双12;
  // the 2026 年货节 starts 27 Jan 2026, outside the range.
  ASSERT_EQ(season->festivals.size(), 4u);
  const FestivalRow& singles = season->festivals[2];
  EXPECT_EQ(singles.festival, Festival::kSingles11);
  EXPECT_EQ(singles.season.totals.sales_fen, 41000);
  EXPECT_EQ(singles.season.totals.buyers, 2);
  EXPECT_DOUBLE_EQ(*singles.season.avg_daily_sales_fen, 41000.0 / 11);
  // Outside festivals: 365 - 21 - 18 - 11 - 1 = 314 days with 12500 of sales.
  EXPECT_EQ(season->outside_festivals.days, 314);
  EXPECT_EQ(season->outside_festivals.totals.sales_fen, 12500);
  EXPECT_DOUBLE_EQ(*singles.lift, (41000.0 / 11) / (12500.0 / 314));
  EXPECT_EQ(season->festivals[1].season.totals.orders, 0);  // 618
  EXPECT_DOUBLE_EQ(*season->festivals[1].lift, 0.0);
}

}  // namespace
}  // namespace crm::analytics
