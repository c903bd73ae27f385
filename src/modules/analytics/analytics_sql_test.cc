// SPDX-License-Identifier: Apache-2.0
// The engine's figures on the generated data set (analytics_test_fixture.h) loaded from the
// database equal the same figures computed by SQL on that database, on SQLite and PostgreSQL:
// monthly consumption, RFM R/F/M per customer (also with a channel filter), the cohort matrix,
// churn and repeat-purchase rates.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "modules/analytics/analytics_test_fixture.h"
#include "modules/analytics/engine/churn.h"
#include "modules/analytics/engine/consumption.h"
#include "modules/analytics/engine/kpis.h"
#include "modules/analytics/engine/rfm.h"

namespace crm::analytics {
namespace {

const std::string kWhereCounted = std::string(" status IN ") + kCounted + " ";

class AnalyticsSqlTest : public AnalyticsFixture {
 protected:
  void SetUp() override {
    AnalyticsFixture::SetUp();
    if (IsSkipped()) return;
    load();
    // Month bounds in UTC ms from the engine's calendar: the SQL groups by them.
    run("CREATE TABLE test_months (idx INTEGER PRIMARY KEY, start_ms BIGINT NOT NULL, end_ms BIGINT NOT NULL)");
    int32_t start = day_from_civil({2024, 1, 1});
    for (int i = 0; i < 24; ++i) {
      const int32_t next = next_period_start(Period::kMonth, start);
      run("INSERT INTO test_months VALUES (" + std::to_string(i) + ", " + std::to_string(day_start_ms(start)) +
          ", " + std::to_string(day_start_ms(next)) + ")");
      months_.push_back(start);
      start = next;
    }
  }

  const ColumnStore& store() {
    view_ = std::make_unique<AnalyticsState::View>(*analytics_->state().view());
    return (**view_).store;
  }

  Filter range(CivilDate from, CivilDate to) {
    Filter f;
    f.from_day = day_from_civil(from);
    f.to_day = day_from_civil(to);
    return f;
  }

  std::vector<int32_t> months_;
  std::unique_ptr<AnalyticsState::View> view_;
};

TEST_P(AnalyticsSqlTest, StoreHoldsEveryRow) {
  const ColumnStore& s = store();
  EXPECT_EQ(s.customer_count(), static_cast<uint32_t>(kCustomers));
  EXPECT_EQ(s.order_count(), static_cast<uint32_t>(kOrders));
  EXPECT_EQ(int64_t{s.item_count()}, sql("SELECT count(*) FROM order_items")[0].get_int(0));
}

TEST_P(AnalyticsSqlTest, MonthlyConsumptionMatchesSql) {
  auto result = compute_consumption(store(), range({2024, 1, 1}, {2025, 12, 31}), Period::kMonth);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->periods.size(), 24u);
  const auto rows = sql("SELECT m.idx, count(*), count(DISTINCT o.customer_id), sum(o.total_fen), "
                        "sum(o.refunded_fen) FROM orders o JOIN test_months m ON o.placed_at_ms >= m.start_ms "
                        "AND o.placed_at_ms < m.end_ms WHERE" + kWhereCounted + "GROUP BY m.idx ORDER BY m.idx");
  ASSERT_EQ(rows.size(), 24u);
  int64_t orders = 0;
  for (const auto& r : rows) {
    const auto& p = result->periods[static_cast<size_t>(r.get_int(0))];
    EXPECT_EQ(p.current.orders, r.get_int(1)) << p.label;
    EXPECT_EQ(p.current.buyers, r.get_int(2)) << p.label;
    EXPECT_EQ(p.current.sales_fen, r.get_int(3)) << p.label;
    EXPECT_EQ(p.current.refunded_fen, r.get_int(4)) << p.label;
    orders += r.get_int(1);
  }
  EXPECT_EQ(result->total.orders, orders);
  EXPECT_GT(orders, 1500);  // the data set is not trivially small
  const auto buyers = sql("SELECT count(DISTINCT customer_id) FROM orders WHERE" + kWhereCounted);
  EXPECT_EQ(result->total.buyers, buyers[0].get_int(0));
}

TEST_P(AnalyticsSqlTest, RfmValuesPerCustomerMatchSql) {
  for (const std::string channel : {"", "tmall"}) {
    Filter f = range({2024, 7, 1}, {2025, 9, 30});
    if (!channel.empty()) f.channels = {*store().channels().find(channel)};
    auto rfm = compute_rfm(store(), f);
    ASSERT_TRUE(rfm);
    std::vector<storage::Value> params = {day_start_ms(f.from_day), day_start_ms(f.to_day + 1)};
    std::string query = "SELECT customer_id, max(placed_at_ms), count(*), sum(total_fen - refunded_fen) FROM orders "
                        "WHERE" + kWhereCounted + "AND placed_at_ms >= ? AND placed_at_ms < ? ";
    if (!channel.empty()) {
      query += "AND channel = ? ";
      params.emplace_back(channel);
    }
    const auto rows = sql(query + "GROUP BY customer_id ORDER BY customer_id", params);
    ASSERT_EQ(rfm->customers.size(), rows.size()) << channel;
    ASSERT_GT(rows.size(), 50u);
    for (size_t i = 0; i < rows.size(); ++i) {
      const RfmRow& row = rfm->customers[i];
      ASSERT_EQ(row.customer_id, rows[i].get_int(0));
      EXPECT_EQ(row.recency_days, f.to_day - day_from_ms(rows[i].get_int(1))) << row.customer_id;
      EXPECT_EQ(row.frequency, rows[i].get_int(2)) << row.customer_id;
      EXPECT_EQ(row.monetary_fen, rows[i].get_int(3)) << row.customer_id;
      auto one = customer_rfm_values(store(), f, row.customer_id, f.to_day);
      ASSERT_TRUE(one);
      EXPECT_EQ(one->monetary_fen, row.monetary_fen);
    }
  }
}

TEST_P(AnalyticsSqlTest, CohortMatrixMatchesSql) {
  auto cohorts = compute_cohorts(store(), range({2024, 1, 1}, {2025, 12, 31}));
  ASSERT_TRUE(cohorts);
  const auto rows = sql(
      "WITH o AS (SELECT o.customer_id, m.idx FROM orders o JOIN test_months m ON o.placed_at_ms >= m.start_ms "
      "AND o.placed_at_ms < m.end_ms WHERE" + kWhereCounted + "), "
      "f AS (SELECT customer_id, min(idx) AS c FROM o GROUP BY customer_id) "
      "SELECT f.c, o.idx - f.c, count(DISTINCT o.customer_id) FROM o JOIN f ON f.customer_id = o.customer_id "
      "GROUP BY f.c, o.idx - f.c");
  std::map<std::pair<int64_t, int64_t>, int64_t> expected;
  for (const auto& r : rows) expected[{r.get_int(0), r.get_int(1)}] = r.get_int(2);
  size_t checked = 0;
  for (const auto& c : cohorts->cohorts) {
    const int64_t idx = std::find(months_.begin(), months_.end(), c.month_start) - months_.begin();
    ASSERT_LT(idx, 24) << c.label;
    EXPECT_EQ(c.size, (expected[{idx, 0}])) << c.label;
    for (size_t k = 0; k < c.active.size(); ++k) {
      auto found = expected.find({idx, static_cast<int64_t>(k)});
      EXPECT_EQ(c.active[k], found == expected.end() ? 0 : found->second) << c.label << " +" << k;
      ++checked;
    }
  }
  int64_t cohort_customers = 0;
  for (const auto& [key, n] : expected) cohort_customers += key.second == 0 ? n : 0;
  int64_t listed = 0;
  for (const auto& c : cohorts->cohorts) listed += c.size;
  EXPECT_EQ(listed, cohort_customers);
  EXPECT_GT(checked, 200u);
}

TEST_P(AnalyticsSqlTest, ChurnAndRepeatRatesMatchSql) {
  const Filter f = range({2025, 1, 1}, {2025, 6, 30});
  const int32_t t = 90;
  ChurnOptions options;
  options.threshold_days = t;
  auto churn = compute_churn(store(), f, options);
  ASSERT_TRUE(churn);
  auto counted = [&](const std::string& alias) { return " " + alias + ".status IN " + kCounted + " "; };
  // Active at start: an order in [s-1-T, s-1]; churned: active and none in [e-T, e].
  const auto active = sql("SELECT count(DISTINCT customer_id) FROM orders o WHERE" + counted("o") +
                              "AND placed_at_ms >= ? AND placed_at_ms < ?",
                          {day_start_ms(f.from_day - 1 - t), day_start_ms(f.from_day)});
  const auto churned = sql(
      "SELECT count(*) FROM (SELECT DISTINCT customer_id FROM orders o WHERE" + counted("o") +
          "AND placed_at_ms >= ? AND placed_at_ms < ?) a WHERE NOT EXISTS (SELECT 1 FROM orders p WHERE "
          "p.customer_id = a.customer_id AND" + counted("p") + "AND p.placed_at_ms >= ? AND p.placed_at_ms < ?)",
      {day_start_ms(f.from_day - 1 - t), day_start_ms(f.from_day), day_start_ms(f.to_day - t),
       day_start_ms(f.to_day + 1)});
  EXPECT_EQ(churn->overall.active_at_start, active[0].get_int(0));
  EXPECT_EQ(churn->overall.churned, churned[0].get_int(0));
  ASSERT_GT(active[0].get_int(0), 20);
  ASSERT_TRUE(churn->overall.churn_rate());
  EXPECT_DOUBLE_EQ(*churn->overall.churn_rate(),
                   static_cast<double>(churned[0].get_int(0)) / static_cast<double>(active[0].get_int(0)));

  const auto repeat = sql("SELECT count(*), sum(CASE WHEN n >= 2 THEN 1 ELSE 0 END) FROM (SELECT customer_id, "
                          "count(*) AS n FROM orders WHERE" + kWhereCounted +
                              "AND placed_at_ms >= ? AND placed_at_ms < ? GROUP BY customer_id) t",
                          {day_start_ms(f.from_day), day_start_ms(f.to_day + 1)});
  EXPECT_EQ(churn->overall.buyers, repeat[0].get_int(0));
  EXPECT_EQ(churn->overall.repeat_buyers, repeat[0].get_int(1));
  auto kpis = compute_kpis(store(), f, t);
  ASSERT_TRUE(kpis);
  ASSERT_TRUE(kpis->repeat_rate.value);
  EXPECT_DOUBLE_EQ(*kpis->repeat_rate.value,
                   static_cast<double>(repeat[0].get_int(1)) / static_cast<double>(repeat[0].get_int(0)));
  EXPECT_DOUBLE_EQ(*kpis->churn_rate.value, *churn->overall.churn_rate());
}

INSTANTIATE_TEST_SUITE_P(Databases, AnalyticsSqlTest, testing::ValuesIn(test::kBackends), test::backend_name);

}  // namespace
}  // namespace crm::analytics
