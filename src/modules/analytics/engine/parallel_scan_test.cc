// SPDX-License-Identifier: Apache-2.0
// A generated store big enough for the scans to split over threads (kParallelThreshold rows),
// checked against plain map/set computations over the generated rows.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "modules/analytics/engine/churn.h"
#include "modules/analytics/engine/consumption.h"
#include "modules/analytics/engine/kpis.h"
#include "modules/analytics/engine/parallel.h"
#include "modules/analytics/engine/rfm.h"

namespace crm::analytics {
namespace {

struct Generated {
  int64_t customer = 0;
  int32_t day = 0;
  bool counted = false;
  int64_t total = 0;
  int64_t refunded = 0;
};

class ParallelScan : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = new ColumnStore();
    rows_ = new std::vector<Generated>();
    uint64_t state = 42;
    auto next = [&state](uint64_t bound) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return (state >> 33) % bound;
    };
    const int32_t first_day = day_from_civil({2024, 1, 1});
    for (int64_t c = 1; c <= 20'000; ++c) {
      ASSERT_TRUE(store_->add_customer({c, first_day, "", next(2) ? "tmall" : "jd"}));
    }
    const size_t orders = kParallelThreshold + 60'000;
    for (size_t k = 0; k < orders; ++k) {
      Generated g;
      g.customer = static_cast<int64_t>(next(20'000)) + 1;
      g.day = first_day + static_cast<int32_t>(next(731));
      const auto status = next(10) < 8 ? OrderStatus::kCompleted : OrderStatus::kCancelled;
      g.counted = is_counted(status);
      g.total = static_cast<int64_t>(next(50'000)) + 100;
      g.refunded = next(20) == 0 ? g.total / 2 : 0;
      ASSERT_TRUE(store_->add_order({static_cast<int64_t>(k) + 1, g.customer, g.day, status, next(3) ? "tmall" : "jd",
                                     "", g.total, 0, g.refunded}));
      ASSERT_TRUE(store_->add_item({static_cast<int64_t>(k) + 1, "x", 1, g.total, g.total / 3}));
      rows_->push_back(g);
    }
    ASSERT_TRUE(store_->freeze());
  }
  static void TearDownTestSuite() {
    delete store_;
    delete rows_;
  }
  static Filter year_2025() {
    Filter filter;
    filter.from_day = day_from_civil({2025, 1, 1});
    filter.to_day = day_from_civil({2025, 12, 31});
    return filter;
  }
  static int month_of(int32_t day) {
    const CivilDate d = civil_from_day(day);
    return d.year * 12 + d.month - 1;
  }

  static ColumnStore* store_;
  static std::vector<Generated>* rows_;
};

ColumnStore* ParallelScan::store_ = nullptr;
std::vector<Generated>* ParallelScan::rows_ = nullptr;

TEST_F(ParallelScan, MonthlyConsumptionMatchesPlainSums) {
  auto result = compute_consumption(*store_, year_2025(), Period::kMonth);
  ASSERT_TRUE(result);
  std::map<int, int64_t> orders, sales;
  std::map<int, std::set<int64_t>> buyers;
  std::set<int64_t> all_buyers;
  for (const Generated& g : *rows_) {
    if (!g.counted || g.day < year_2025().from_day || g.day > year_2025().to_day) continue;
    ++orders[month_of(g.day)];
    sales[month_of(g.day)] += g.total;
    buyers[month_of(g.day)].insert(g.customer);
    all_buyers.insert(g.customer);
  }
  ASSERT_EQ(result->periods.size(), 12u);
  for (const auto& row : result->periods) {
    const int m = month_of(row.start_day);
    EXPECT_EQ(row.current.orders, orders[m]) << row.label;
    EXPECT_EQ(row.current.sales_fen, sales[m]) << row.label;
    EXPECT_EQ(row.current.buyers, static_cast<int64_t>(buyers[m].size())) << row.label;
  }
  EXPECT_EQ(result->total.buyers, static_cast<int64_t>(all_buyers.size()));
  // Same answer twice (threads never change results).
  auto again = compute_consumption(*store_, year_2025(), Period::kMonth);
  ASSERT_TRUE(again);
  for (size_t k = 0; k < 12; ++k) EXPECT_EQ(again->periods[k].current.buyers, result->periods[k].current.buyers);
}

TEST_F(ParallelScan, RfmMatchesPlainMaps) {
  Filter filter;
  filter.to_day = day_from_civil({2025, 12, 31});
  auto rfm = compute_rfm(*store_, filter);
  ASSERT_TRUE(rfm);
  std::map<int64_t, std::tuple<int32_t, int64_t, int64_t>> expected;  // last day, F, M
  for (const Generated& g : *rows_) {
    if (!g.counted) continue;
    auto& [last, f, m] = expected[g.customer];
    last = std::max(last, g.day);
    ++f;
    m += g.total - g.refunded;
  }
  ASSERT_EQ(rfm->customers.size(), expected.size());
  for (const RfmRow& row : rfm->customers) {
    const auto& [last, f, m] = expected.at(row.customer_id);
    ASSERT_EQ(row.recency_days, filter.to_day - last);
    ASSERT_EQ(row.frequency, f);
    ASSERT_EQ(row.monetary_fen, m);
  }
}

TEST_F(ParallelScan, CohortsAndChurnMatchPlainSets) {
  // Two years, so the order slice is big enough to split too.
  Filter two_years = year_2025();
  two_years.from_day = day_from_civil({2024, 1, 1});
  auto cohorts = compute_cohorts(*store_, two_years);
  ASSERT_TRUE(cohorts);
  std::map<int64_t, std::set<int32_t>> days;  // customer -> counted order days
  for (const Generated& g : *rows_) {
    if (g.counted) days[g.customer].insert(g.day);
  }
  const int first_month = month_of(two_years.from_day);
  std::map<std::pair<int, int>, std::set<int64_t>> cells;
  std::map<int, int64_t> sizes;
  for (const auto& [customer, set] : days) {
    const int32_t first = *set.begin();
    ++sizes[month_of(first) - first_month];
    for (int32_t d : set) cells[{month_of(first) - first_month, month_of(d) - month_of(first)}].insert(customer);
  }
  ASSERT_EQ(cohorts->cohorts.size(), 24u);
  for (int row = 0; row < 24; ++row) {
    EXPECT_EQ(cohorts->cohorts[static_cast<size_t>(row)].size, sizes[row]);
    for (int k = 0; k < 24 - row; ++k) {
      EXPECT_EQ(cohorts->cohorts[static_cast<size_t>(row)].active[static_cast<size_t>(k)],
                static_cast<int64_t>(cells[{row, k}].size()))
          << row << "," << k;
    }
  }
  // Churn of 2025 as one period with T = 30, counted the plain way.
  ChurnOptions options;
  options.threshold_days = 30;
  auto churn = compute_churn(*store_, year_2025(), options);
  ASSERT_TRUE(churn);
  const int32_t s = year_2025().from_day, e = year_2025().to_day;
  int64_t active = 0, churned = 0;
  for (const auto& [customer, set] : days) {
    bool was_active = false, recent = false;
    for (int32_t d : set) {
      was_active = was_active || (d >= s - 31 && d <= s - 1);
      recent = recent || (d >= e - 30 && d <= e);
    }
    active += was_active ? 1 : 0;
    churned += was_active && !recent ? 1 : 0;
  }
  EXPECT_EQ(churn->overall.active_at_start, active);
  EXPECT_EQ(churn->overall.churned, churned);
  auto kpis = compute_kpis(*store_, year_2025(), 30);
  ASSERT_TRUE(kpis);
  EXPECT_DOUBLE_EQ(*kpis->churn_rate.value, static_cast<double>(churned) / static_cast<double>(active));
}

}  // namespace
}  // namespace crm::analytics
