// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/kpis.h"

#include <gtest/gtest.h>

#include "modules/analytics/engine/test_store.h"

namespace crm::analytics {
namespace {

using test::day;

TEST(Kpis, FebruaryAgainstThePrevious28DaysByHand) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.from_day = day(2026, 2, 1);
  filter.to_day = day(2026, 2, 28);
  auto kpis = compute_kpis(store, filter, 30);
  ASSERT_TRUE(kpis) << kpis.error().message;
  // Previous range: 28 days before = 4 Jan .. 31 Jan.
  EXPECT_EQ(kpis->previous_from_day, day(2026, 1, 4));
  EXPECT_EQ(kpis->previous_to_day, day(2026, 1, 31));
  // Feb: 102 (C1, 20000, refund 5000) and 105 (C3, 5000). Jan 4-31: 101 (10000), 103 (8000).
  EXPECT_DOUBLE_EQ(*kpis->sales_fen.value, 25000);
  EXPECT_DOUBLE_EQ(*kpis->sales_fen.previous, 18000);
  EXPECT_DOUBLE_EQ(*kpis->sales_fen.delta, 7000);
  EXPECT_DOUBLE_EQ(*kpis->sales_fen.change, 7000.0 / 18000);
  EXPECT_DOUBLE_EQ(*kpis->orders.value, 2);
  EXPECT_DOUBLE_EQ(*kpis->buyers.value, 2);
  EXPECT_DOUBLE_EQ(*kpis->aov_fen.value, 12500);
  EXPECT_DOUBLE_EQ(*kpis->aov_fen.previous, 9000);
  // New buyers: C3 in Feb; C1 in the previous range (C2 first bought in 2025).
  EXPECT_DOUBLE_EQ(*kpis->new_buyers.value, 1);
  EXPECT_DOUBLE_EQ(*kpis->new_buyers.previous, 1);
  EXPECT_DOUBLE_EQ(*kpis->new_buyers.change, 0.0);
  EXPECT_DOUBLE_EQ(*kpis->repeat_rate.value, 0.0);
  // Churn: Feb as in churn_test (0.5); before 4 Jan nobody was active (last order in
  // [4 Dec, 3 Jan]), so the previous churn rate is undefined.
  EXPECT_DOUBLE_EQ(*kpis->churn_rate.value, 0.5);
  EXPECT_FALSE(kpis->churn_rate.previous);
  EXPECT_FALSE(kpis->churn_rate.change);
  EXPECT_DOUBLE_EQ(*kpis->refunds_fen.value, 5000);
  EXPECT_DOUBLE_EQ(*kpis->refunds_fen.previous, 0);
  EXPECT_FALSE(kpis->refunds_fen.change);
}

TEST(Kpis, EmptyStoreAndErrors) {
  ColumnStore empty;
  ASSERT_TRUE(empty.freeze());
  Filter filter;
  filter.from_day = day(2026, 2, 1);
  filter.to_day = day(2026, 2, 28);
  auto kpis = compute_kpis(empty, filter, 90);
  ASSERT_TRUE(kpis);
  EXPECT_DOUBLE_EQ(*kpis->sales_fen.value, 0);
  EXPECT_FALSE(kpis->sales_fen.change);
  EXPECT_FALSE(kpis->aov_fen.value);
  EXPECT_FALSE(kpis->repeat_rate.value);
  EXPECT_EQ(compute_kpis(empty, filter, 0).error().code, "analytics.invalid_threshold");
  EXPECT_EQ(compute_kpis(empty, Filter{}, 90).error().code, "analytics.range_required");
}

}  // namespace
}  // namespace crm::analytics
