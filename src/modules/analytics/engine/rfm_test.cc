// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/engine/rfm.h"

#include <gtest/gtest.h>

#include "modules/analytics/engine/scoring.h"
#include "modules/analytics/engine/test_store.h"

namespace crm::analytics {
namespace {

using test::day;

TEST(Scoring, EqualValuesShareTheScoreOfTheirFirstRank) {
  // Sorted 10, 20, 20, 30, 40: first-equal ranks 0, 1, 1, 3, 4 -> floor(r * 5 / 5) + 1.
  const std::vector<int64_t> values = {30, 20, 40, 10, 20};
  EXPECT_EQ(quantile_scores(values, 5), (std::vector<uint8_t>{4, 2, 5, 1, 2}));
  // Values spread wide take the sorting path instead of the counting one: same answer.
  const std::vector<int64_t> wide = {30'000'000'000, 20'000'000'000, 40'000'000'000, 10'000'000'000,
                                     20'000'000'000};
  EXPECT_EQ(quantile_scores(wide, 5), (std::vector<uint8_t>{4, 2, 5, 1, 2}));
  EXPECT_EQ(descending_ranks(wide), (std::vector<int64_t>{1, 2, 0, 4, 2}));
  EXPECT_EQ(descending_ranks(values), (std::vector<int64_t>{1, 2, 0, 4, 2}));
  // n = 3, bins 5: ranks 0, 1, 2 -> 1, floor(5/3)+1 = 2, floor(10/3)+1 = 4.
  EXPECT_EQ(quantile_scores(std::vector<int64_t>{7, 8, 9}, 5), (std::vector<uint8_t>{1, 2, 4}));
  // All equal: everybody ranks 0 -> score 1.
  EXPECT_EQ(quantile_scores(std::vector<int64_t>{5, 5, 5, 5}, 5), (std::vector<uint8_t>{1, 1, 1, 1}));
  // Ten values, quartiles (bins 4): ranks 0..9 -> floor(r * 4 / 10) + 1.
  std::vector<int64_t> ten = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  EXPECT_EQ(quantile_scores(ten, 4), (std::vector<uint8_t>{1, 1, 1, 2, 2, 3, 3, 3, 4, 4}));
  EXPECT_TRUE(quantile_scores(std::vector<int64_t>{}, 5).empty());
  EXPECT_EQ(descending_ranks(std::vector<int64_t>{40, 20, 30, 20}), (std::vector<int64_t>{0, 2, 1, 2}));
}

TEST(Segments, TableCorners) {
  EXPECT_EQ(segment_for(5, 5), Segment::kChampions);
  EXPECT_EQ(segment_for(5, 1), Segment::kNewCustomers);
  EXPECT_EQ(segment_for(4, 1), Segment::kPromising);
  EXPECT_EQ(segment_for(4, 5), Segment::kLoyalCustomers);
  EXPECT_EQ(segment_for(3, 3), Segment::kNeedAttention);
  EXPECT_EQ(segment_for(3, 2), Segment::kAboutToSleep);
  EXPECT_EQ(segment_for(2, 3), Segment::kAtRisk);
  EXPECT_EQ(segment_for(1, 5), Segment::kCantLoseThem);
  EXPECT_EQ(segment_for(2, 2), Segment::kHibernating);
  EXPECT_EQ(segment_for(1, 1), Segment::kLost);
  EXPECT_EQ(segment_for(4, 3), Segment::kPotentialLoyalists);
  EXPECT_EQ(segment_name(Segment::kCantLoseThem), "cant_lose_them");
}

TEST(Rfm, HandComputedSmallStore) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.to_day = day(2026, 3, 31);
  auto rfm = compute_rfm(store, filter);
  ASSERT_TRUE(rfm) << rfm.error().message;
  // Customer 4 never ordered; 107 (pending) and 104 (cancelled) do not count.
  ASSERT_EQ(rfm->customers.size(), 3u);
  // C1: last 2026-02-15 -> R = 44 days (13 left in Feb + 31 in Mar); F = 2 (101, 102);
  //     M = 10000 + 20000 - 5000 refunded = 25000.
  // C2: last 2026-01-20 -> R = 11 + 28 + 31 = 70; F = 2 (100, 103); M = 12500 + 8000 = 20500.
  // C3: last 2026-03-05 -> R = 26; F = 2 (105, 106); M = 5000 + 7000 = 12000.
  const RfmRow c1 = *find_rfm(*rfm, 1), c2 = *find_rfm(*rfm, 2), c3 = *find_rfm(*rfm, 3);
  EXPECT_EQ(c1.recency_days, 44);
  EXPECT_EQ(c1.frequency, 2);
  EXPECT_EQ(c1.monetary_fen, 25000);
  EXPECT_EQ(c2.recency_days, 70);
  EXPECT_EQ(c2.monetary_fen, 20500);
  EXPECT_EQ(c3.recency_days, 26);
  EXPECT_EQ(c3.monetary_fen, 12000);
  // n = 3, bins 5, ranks 0/1/2 -> scores 1/2/4. R on -R: C2 (-70) 1, C1 (-44) 2, C3 (-26) 4.
  // F all 2 -> 1. M: C3 1, C2 2, C1 4. FM = ceil((F + M) / 2): C1 3, C2 2, C3 1.
  EXPECT_EQ(c1.r_score, 2);
  EXPECT_EQ(c2.r_score, 1);
  EXPECT_EQ(c3.r_score, 4);
  EXPECT_EQ(c1.f_score, 1);
  EXPECT_EQ(c1.m_score, 4);
  EXPECT_EQ(c1.fm_score, 3);
  EXPECT_EQ(c2.fm_score, 2);
  EXPECT_EQ(c3.fm_score, 1);
  // (R, FM): C1 (2, 3) at risk, C2 (1, 2) hibernating, C3 (4, 1) promising.
  EXPECT_EQ(c1.segment, Segment::kAtRisk);
  EXPECT_EQ(c2.segment, Segment::kHibernating);
  EXPECT_EQ(c3.segment, Segment::kPromising);
  const auto& at_risk = rfm->segments[static_cast<size_t>(Segment::kAtRisk)];
  EXPECT_EQ(at_risk.customers, 1);
  EXPECT_EQ(at_risk.monetary_fen, 25000);
  EXPECT_DOUBLE_EQ(*at_risk.customer_share, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*at_risk.monetary_share, 25000.0 / 57500);
  EXPECT_EQ(rfm->segments[static_cast<size_t>(Segment::kChampions)].customers, 0);
  EXPECT_FALSE(rfm->segments[static_cast<size_t>(Segment::kChampions)].avg_monetary_fen);
  EXPECT_EQ(rfm->grid[1][2], 1);  // R 2, FM 3
  EXPECT_FALSE(find_rfm(*rfm, 4));
}

TEST(Rfm, ReferenceDayFiltersAndOneCustomerLookup) {
  ColumnStore store;
  test::fill_small_store(store);
  Filter filter;
  filter.to_day = day(2026, 3, 31);
  // As of 2026-01-31 only 100, 101, 103 count. C1: R 21, F 1, M 10000.
  auto values = customer_rfm_values(store, filter, 1, day(2026, 1, 31));
  ASSERT_TRUE(values);
  EXPECT_EQ(values->recency_days, 21);
  EXPECT_EQ(values->frequency, 1);
  EXPECT_EQ(values->monetary_fen, 10000);
  EXPECT_FALSE(customer_rfm_values(store, filter, 4, day(2026, 3, 31)));
  EXPECT_FALSE(customer_rfm_values(store, filter, 999, day(2026, 3, 31)));
  // The full lookup agrees with the scored result.
  auto rfm = compute_rfm(store, filter);
  ASSERT_TRUE(rfm);
  for (int64_t id : {1, 2, 3}) {
    auto direct = customer_rfm_values(store, filter, id, day(2026, 3, 31));
    ASSERT_TRUE(direct);
    EXPECT_EQ(direct->recency_days, find_rfm(*rfm, id)->recency_days);
    EXPECT_EQ(direct->monetary_fen, find_rfm(*rfm, id)->monetary_fen);
  }
  // Customer category "vip" keeps only customer 1; channel jd keeps 100, 103, 106.
  Filter vip = filter;
  vip.customer_categories = {*store.customer_categories().find("vip")};
  auto only_vip = compute_rfm(store, vip);
  ASSERT_TRUE(only_vip);
  ASSERT_EQ(only_vip->customers.size(), 1u);
  EXPECT_EQ(only_vip->customers[0].customer_id, 1);
  EXPECT_EQ(only_vip->customers[0].r_score, 1);  // n = 1: rank 0 -> score 1
  Filter jd = filter;
  jd.channels = {*store.channels().find("jd")};
  auto by_jd = compute_rfm(store, jd);
  ASSERT_TRUE(by_jd);
  ASSERT_EQ(by_jd->customers.size(), 2u);  // C2 (100, 103) and C3 (106)
  EXPECT_EQ(find_rfm(*by_jd, 3)->monetary_fen, 7000);
}

TEST(Rfm, EmptyStoreFiltersThatExcludeAllAndBadOptions) {
  ColumnStore empty;
  ASSERT_TRUE(empty.freeze());
  Filter filter;
  filter.to_day = day(2026, 3, 31);
  auto none = compute_rfm(empty, filter);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->customers.empty());
  EXPECT_FALSE(none->segments[0].customer_share);

  ColumnStore store;
  test::fill_small_store(store);
  Filter nothing = filter;
  nothing.regions = {*store.regions().find("上海")};  // nobody ships to 上海
  auto excluded = compute_rfm(store, nothing);
  ASSERT_TRUE(excluded);
  EXPECT_TRUE(excluded->customers.empty());

  EXPECT_EQ(compute_rfm(store, filter, {std::nullopt, 1}).error().code, "analytics.invalid_bins");
  EXPECT_EQ(compute_rfm(store, Filter{}).error().code, "analytics.invalid_reference_day");
  Filter backwards = filter;
  backwards.from_day = filter.to_day + 1;
  auto invalid = compute_rfm(store, backwards);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, "analytics.invalid_range");
  EXPECT_EQ(invalid.error().field, "from");
}

TEST(Rfm, RefundsLowerMonetaryAndThreeBins) {
  ColumnStore store;
  test::fill_small_store(store);
  ASSERT_TRUE(store.set_order_refunded(100, 12500));  // C2's 2025 order fully refunded
  Filter filter;
  filter.to_day = day(2026, 3, 31);
  auto rfm = compute_rfm(store, filter, {std::nullopt, 3});
  ASSERT_TRUE(rfm);
  // M: C1 25000, C2 8000, C3 12000 -> ranks C2 0, C3 1, C1 2 -> floor(r * 3 / 3) + 1 = 1, 2, 3.
  EXPECT_EQ(find_rfm(*rfm, 2)->monetary_fen, 8000);
  EXPECT_EQ(find_rfm(*rfm, 2)->m_score, 1);
  EXPECT_EQ(find_rfm(*rfm, 3)->m_score, 2);
  EXPECT_EQ(find_rfm(*rfm, 1)->m_score, 3);
  // Segment scale: s5 = (s - 1) * 5 / 3 + 1 -> 1, 2, 4. C1: R 2 -> 2, F 1 -> 1, M 3 -> 4,
  // FM = ceil(5 / 2) = 3: (2, 3) at risk.
  EXPECT_EQ(find_rfm(*rfm, 1)->fm_score, 3);
  EXPECT_EQ(find_rfm(*rfm, 1)->segment, Segment::kAtRisk);
}

}  // namespace
}  // namespace crm::analytics
