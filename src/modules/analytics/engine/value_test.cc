// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/value.h"

#include <gtest/gtest.h>

#include "modules/analytics/engine/test_store.h"

namespace crm::analytics {
namespace {

using test::day;

const CustomerValue& row_of(const ValueResult& result, int64_t id) {
  for (const auto& row : result.customers) {
    if (row.customer_id == id) return row;
  }
  throw std::runtime_error("customer not in result");
}

TEST(Value, ProfitTiersAndParetoByHand) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.to_day = day(2026, 3, 31);
  auto value = compute_value(store, filter);
  ASSERT_TRUE(value) << value.error().message;
  ASSERT_EQ(value->customers.size(), 3u);
  // C1: revenue 6000 + 4500 + 20000 = 30500, cost 3000 + 2000 + 9000 = 14000, discount 500,
  //     refunds 5000 -> profit 11000; M 25000.
  const auto& c1 = row_of(*value, 1);
  EXPECT_EQ(c1.revenue_fen, 30500);
  EXPECT_EQ(c1.cost_fen, 14000);
  EXPECT_EQ(c1.discount_fen, 500);
  EXPECT_EQ(c1.refunded_fen, 5000);
  EXPECT_EQ(c1.profit_fen, 11000);
  EXPECT_EQ(c1.monetary_fen, 25000);
  // C2: 12500 + 8000 - 6000 - 5000 = 9500. C3: 5000 + 7000 - 2500 - 3000 = 6500.
  EXPECT_EQ(row_of(*value, 2).profit_fen, 9500);
  EXPECT_EQ(row_of(*value, 3).profit_fen, 6500);
  EXPECT_EQ(value->total_profit_fen, 27000);
  // Tiers by M descending (C1, C2, C3 -> ranks 0, 1, 2; n = 3): high when r*100 < 60 (C1),
  // mid when r*100 < 150 (C2), else low (C3).
  EXPECT_EQ(c1.tier, Tier::kHigh);
  EXPECT_EQ(row_of(*value, 2).tier, Tier::kMid);
  EXPECT_EQ(row_of(*value, 3).tier, Tier::kLow);
  EXPECT_EQ(value->tiers[0].customers, 1);
  EXPECT_DOUBLE_EQ(*value->tiers[0].profit_share, 11000.0 / 27000);
  // Pareto top 20%: ceil(0.6) = 1 customer, C1: 11000 / 27000.
  EXPECT_EQ(value->pareto_customers, 1);
  EXPECT_DOUBLE_EQ(*value->pareto_share, 11000.0 / 27000);
  // Curve: 10% -> 1 customer, 40% -> ceil(1.2) = 2 (20500), 70% -> 3 (all).
  EXPECT_DOUBLE_EQ(*value->pareto_curve[0], 11000.0 / 27000);
  EXPECT_DOUBLE_EQ(*value->pareto_curve[3], 20500.0 / 27000);
  EXPECT_DOUBLE_EQ(*value->pareto_curve[6], 1.0);
}

TEST(Value, CategoryFilterApportionsDiscountAndRefund) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.to_day = day(2026, 3, 31);
  filter.categories = {*store.categories().find("shoes")};
  ValueOptions by_profit;
  by_profit.measure = ValueMeasure::kProfit;
  auto value = compute_value(store, filter, by_profit);
  ASSERT_TRUE(value);
  // C1 shoes: 101's shoes line 6000 / 3000 with 500 * 6000 / 10500 = 285 of the discount;
  // 102: 20000 / 9000 with all of its 5000 refund. Profit = 26000 - 12000 - 285 - 5000 = 8715.
  const auto& c1 = row_of(*value, 1);
  EXPECT_EQ(c1.revenue_fen, 26000);
  EXPECT_EQ(c1.discount_fen, 285);
  EXPECT_EQ(c1.profit_fen, 8715);
  // C3 shoes: 105 only, 5000 - 2500 = 2500. C2 bought no shoes.
  EXPECT_EQ(row_of(*value, 3).profit_fen, 2500);
  EXPECT_EQ(value->customers.size(), 2u);
}

TEST(Value, TiesShareTheBetterTierAndOptionsAreChecked) {
  ColumnStore store;
  for (int64_t id = 1; id <= 5; ++id) {
    ASSERT_TRUE(store.add_order({id, id, 0, OrderStatus::kPaid, "", "", id <= 2 ? 100 : 50, 0, 0}));
  }
  ASSERT_TRUE(store.freeze());
  auto value = compute_value(store, Filter{});
  ASSERT_TRUE(value);
  // M: 100, 100, 50, 50, 50. Ranks 0, 0, 2, 2, 2. high: r*100 < 100 -> both 100s;
  // mid: r*100 < 250 -> the three 50s (rank 2).
  EXPECT_EQ(value->tiers[0].customers, 2);
  EXPECT_EQ(value->tiers[1].customers, 3);
  EXPECT_EQ(value->tiers[2].customers, 0);
  // Profit is 0 everywhere (no items): Pareto undefined.
  EXPECT_FALSE(value->pareto_share);
  ValueOptions bad;
  bad.high_percent = 80;
  bad.mid_percent = 30;
  EXPECT_EQ(compute_value(store, Filter{}, bad).error().field, "mid_percent");
  bad = {};
  bad.pareto_top_percent = 0;
  EXPECT_EQ(compute_value(store, Filter{}, bad).error().code, "analytics.invalid_pareto");
}

}  // namespace
}  // namespace crm::analytics
