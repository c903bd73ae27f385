// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/churn.h"

#include <gtest/gtest.h>

#include "modules/analytics/engine/test_store.h"

namespace crm::analytics {
namespace {

using test::day;

// Counted order days: C1 2026-01-10, 2026-02-15; C2 2025-02-14, 2026-01-20; C3 2026-02-03,
// 2026-03-05. Threshold T = 30 days.
ChurnOptions thirty_days() {
  ChurnOptions options;
  options.threshold_days = 30;
  return options;
}

TEST(Churn, MonthlyRatesByHand) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.from_day = day(2026, 1, 1);
  filter.to_day = day(2026, 3, 31);
  auto churn = compute_churn(store, filter, thirty_days());
  ASSERT_TRUE(churn) << churn.error().message;
  ASSERT_EQ(churn->periods.size(), 3u);
  // January: active at start = an order in [1 Dec 2025, 31 Dec 2025]: nobody.
  // New buyers: C1 (first order ever 10 Jan); C2 first bought in 2025. Buyers C1, C2.
  const ChurnStats& jan = churn->periods[0].stats;
  EXPECT_EQ(jan.active_at_start, 0);
  EXPECT_FALSE(jan.churn_rate());
  EXPECT_EQ(jan.new_buyers, 1);
  EXPECT_EQ(jan.buyers, 2);
  // February: active = an order in [1 Jan, 31 Jan]: C1, C2. Churned = no order in
  // [29 Jan, 28 Feb]: C2. Returning: C1. New: C3. Buyers: C1, C3, none twice.
  const ChurnStats& feb = churn->periods[1].stats;
  EXPECT_EQ(feb.active_at_start, 2);
  EXPECT_EQ(feb.churned, 1);
  EXPECT_DOUBLE_EQ(*feb.churn_rate(), 0.5);
  EXPECT_DOUBLE_EQ(*feb.retention_rate(), 0.5);
  EXPECT_DOUBLE_EQ(*feb.acquisition_rate(), 0.5);
  EXPECT_DOUBLE_EQ(*feb.repeat_rate(), 0.0);
  // March: active = an order in [29 Jan, 28 Feb]: C1, C3. Churned = no order in
  // [1 Mar, 31 Mar]: C1 (107 is pending). Returning: C3.
  const ChurnStats& mar = churn->periods[2].stats;
  EXPECT_EQ(mar.active_at_start, 2);
  EXPECT_EQ(mar.churned, 1);
  EXPECT_EQ(mar.returning, 1);
  EXPECT_EQ(mar.new_buyers, 0);
  // Whole quarter: nobody active at the start; new C1, C3; buyers 3, repeat C1 and C3.
  EXPECT_EQ(churn->overall.active_at_start, 0);
  EXPECT_EQ(churn->overall.new_buyers, 2);
  EXPECT_EQ(churn->overall.buyers, 3);
  EXPECT_DOUBLE_EQ(*churn->overall.repeat_rate(), 2.0 / 3);
}

TEST(Churn, GroupsByChannelRegionAndTier) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.from_day = day(2026, 2, 1);
  filter.to_day = day(2026, 3, 31);
  auto churn = compute_churn(store, filter, thirty_days());
  ASSERT_TRUE(churn);
  // Active at 31 Jan: C1, C2. Churned by 31 Mar (no order in [1 Mar, 31 Mar]): both.
  EXPECT_EQ(churn->overall.active_at_start, 2);
  EXPECT_DOUBLE_EQ(*churn->overall.churn_rate(), 1.0);
  // By acquisition channel: tmall = C1 (active, churned) + C3 (new); jd = C2 (active, churned).
  ASSERT_EQ(churn->by_channel.size(), 2u);
  const auto& first = churn->by_channel[0];
  const auto& second = churn->by_channel[1];
  const auto& tmall = first.name == "tmall" ? first : second;
  const auto& jd = first.name == "jd" ? first : second;
  EXPECT_EQ(tmall.stats.active_at_start, 1);
  EXPECT_EQ(tmall.stats.new_buyers, 1);
  EXPECT_EQ(jd.stats.churned, 1);
  // By region: 浙江 = C1 and C3, 江苏 = C2.
  ASSERT_EQ(churn->by_region.size(), 2u);
  // Tiers as of 31 Jan by M: C2 20500 (rank 0 -> high, 0 < 40), C1 10000 (rank 1: 100 is not
  // < 40 nor < 100 -> low); C3 had no orders -> low.
  ASSERT_EQ(churn->by_tier.size(), 2u);
  EXPECT_EQ(churn->by_tier[0].name, "high");
  EXPECT_EQ(churn->by_tier[0].stats.active_at_start, 1);
  EXPECT_EQ(churn->by_tier[0].stats.churned, 1);
  EXPECT_EQ(churn->by_tier[1].name, "low");
  EXPECT_EQ(churn->by_tier[1].stats.active_at_start, 1);
  EXPECT_EQ(churn->by_tier[1].stats.new_buyers, 1);
}

TEST(Churn, ErrorsAndEmptyStore) {
  ColumnStore empty;
  ASSERT_TRUE(empty.freeze());
  Filter filter;
  filter.from_day = day(2026, 1, 1);
  filter.to_day = day(2026, 3, 31);
  auto none = compute_churn(empty, filter);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->periods.size(), 3u);
  EXPECT_FALSE(none->overall.churn_rate());
  EXPECT_TRUE(none->by_channel.empty());
  ChurnOptions bad;
  bad.threshold_days = 0;
  auto invalid = compute_churn(empty, filter, bad);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().field, "threshold_days");
  EXPECT_EQ(compute_churn(empty, Filter{}).error().code, "analytics.range_required");
}

TEST(Cohorts, MonthlyRetentionMatrixByHand) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.from_day = day(2026, 1, 1);
  filter.to_day = day(2026, 3, 31);
  auto cohorts = compute_cohorts(store, filter);
  ASSERT_TRUE(cohorts) << cohorts.error().message;
  ASSERT_EQ(cohorts->cohorts.size(), 3u);
  // Jan cohort = C1 (C2's first order was in 2025): bought in Jan and Feb, not in Mar.
  const CohortRow& jan = cohorts->cohorts[0];
  EXPECT_EQ(jan.label, "2026-01");
  EXPECT_EQ(jan.size, 1);
  EXPECT_EQ(jan.active, (std::vector<int64_t>{1, 1, 0}));
  EXPECT_DOUBLE_EQ(*jan.retention[2], 0.0);
  // Feb cohort = C3: Feb and Mar.
  EXPECT_EQ(cohorts->cohorts[1].size, 1);
  EXPECT_EQ(cohorts->cohorts[1].active, (std::vector<int64_t>{1, 1}));
  // Mar: nobody new.
  EXPECT_EQ(cohorts->cohorts[2].size, 0);
  ASSERT_EQ(cohorts->cohorts[2].retention.size(), 1u);
  EXPECT_FALSE(cohorts->cohorts[2].retention[0]);
  // Two orders in one month count the customer once.
  ASSERT_TRUE(store.add_order({300, 1, day(2026, 2, 20), OrderStatus::kPaid, "tmall", "浙江", 10, 0, 0}));
  ASSERT_TRUE(store.freeze());
  auto again = compute_cohorts(store, filter);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->cohorts[0].active, (std::vector<int64_t>{1, 1, 0}));
}

}  // namespace
}  // namespace crm::analytics
