// SPDX-License-Identifier: Apache-2.0
// Order reports and a customer's purchase history, against hand-computed figures on both
// databases; the orders straddle a merchant-day boundary (UTC+8) and a week and month boundary.
#include <gtest/gtest.h>

#include "modules/orders/after_sale_test_fixture.h"
#include "modules/orders/order_report_days.h"

namespace crm::orders {
namespace {

using http::Status;

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kNov18 = 1'794'931'200'000;  // 2026-11-18 00:00 UTC+8 (2026-11-17 16:00 UTC)

TEST(OrderReportDays, UsesMerchantDaysMondayWeeksAndCalendarMonths) {
  EXPECT_EQ(merchant_day_label(merchant_day(kNov18 - 1)), "2026-11-17");
  EXPECT_EQ(merchant_day_label(merchant_day(kNov18)), "2026-11-18");
  EXPECT_EQ(merchant_day_start_ms(merchant_day(kNov18 + 5 * kHour)), kNov18);
  EXPECT_EQ(parse_merchant_date("2026-11-18"), merchant_day(kNov18));
  EXPECT_FALSE(parse_merchant_date("2026-02-29"));
  EXPECT_TRUE(parse_merchant_date("2028-02-29"));
  EXPECT_FALSE(parse_merchant_date("2026-1-18"));
  const int64_t wed = *parse_merchant_date("2026-11-18");
  EXPECT_EQ(period_label(period_start(wed, ReportGroup::kWeek), ReportGroup::kWeek), "2026-11-16");
  EXPECT_EQ(period_label(period_start(*parse_merchant_date("2026-11-22"), ReportGroup::kWeek),
                         ReportGroup::kWeek), "2026-11-16");  // Sunday
  EXPECT_EQ(period_label(period_start(*parse_merchant_date("2026-11-23"), ReportGroup::kWeek),
                         ReportGroup::kWeek), "2026-11-23");  // Monday
  EXPECT_EQ(period_label(period_start(wed, ReportGroup::kMonth), ReportGroup::kMonth), "2026-11");
  EXPECT_EQ(merchant_day_label(next_period(*parse_merchant_date("2026-12-01"), ReportGroup::kMonth)),
            "2027-01-01");
}

class OrderReportTest : public AfterSaleFixture {
 protected:
  void SetUp() override {
    AfterSaleFixture::SetUp();
    if (IsSkipped()) return;
    customer_ = create("admin", {{"name", "李雷"}})["id"];
    auto order = [&](std::string status, int64_t at, std::vector<SeedLine> lines,
                     std::string channel, std::string province) {
      return seed_order({.customer_id = customer_, .status = status, .placed_at_ms = at,
                         .lines = std::move(lines), .channel = channel, .province = province});
    };
    order("paid", kNov18 - 1000, {{1, 2, 5000}}, "tmall", "浙江省");                // A 11-17
    b_ = order("shipped", kNov18, {{2, 1, 30000}, {1, 1, 5000}}, "jd", "江苏省");    // B 11-18
    exec("UPDATE orders SET shipping_fee_fen = 1000, total_fen = 36000, paid_fen = 36000, "
         "refunded_fen = 7000 WHERE id = " + std::to_string(b_));
    order("completed", kNov18 + 10 * kHour, {{3, 3, 100}}, "tmall", "浙江省");      // C 11-18
    order("cancelled", kNov18 + 12 * kHour, {{1, 1, 5000}}, "tmall", "浙江省");      // D, not counted
    order("pending_audit", kNov18 + 13 * kHour, {{1, 1, 5000}}, "tmall", "浙江省");  // E, not counted
    order("delivered", kNov18 + 5 * 24 * kHour + 9 * kHour, {{1, 1, 5000}}, "", "");  // F 11-23 Mon
    order("paid", kNov18 + 13 * 24 * kHour + 10 * kHour, {{1, 1, 5000}}, "tmall", "浙江省");  // G 12-01
    order("paid", kNov18 - 25 * kHour, {{1, 1, 5000}}, "tmall", "浙江省");  // H 11-16 23:00, before
  }

  Json report(const std::string& query, const std::string& actor = "admin") {
    http::Response response = get(actor, "/api/v1/order-reports/" + query);
    EXPECT_EQ(response.status(), Status::kOk) << query << ": " << response.body();
    return body(response);
  }

  static void expect_row(const Json& row, std::string period, std::string key, int64_t orders,
                         int64_t items, int64_t sales, int64_t refunds, int64_t average) {
    EXPECT_EQ(row["period"], period) << row;
    EXPECT_EQ(row["key"], key) << row;
    EXPECT_EQ(row["orders"], orders) << row;
    EXPECT_EQ(row["items"], items) << row;
    EXPECT_EQ(row["sales_fen"], sales) << row;
    EXPECT_EQ(row["refunds_fen"], refunds) << row;
    EXPECT_EQ(row["average_order_fen"], average) << row;
  }

  int64_t customer_ = 0;
  int64_t b_ = 0;
};

TEST_P(OrderReportTest, GroupsByMerchantDayAcrossTheUtcBoundary) {
  const Json days = report("sales?from=2026-11-17&to=2026-12-01&group=day");
  EXPECT_EQ(days["time_zone"], "UTC+8");
  ASSERT_EQ(days["items"].size(), 15u) << days;  // every day, zeros included
  expect_row(days["items"][0], "2026-11-17", "", 1, 2, 10000, 0, 10000);
  expect_row(days["items"][1], "2026-11-18", "", 2, 5, 36300, 7000, 18150);
  expect_row(days["items"][2], "2026-11-19", "", 0, 0, 0, 0, 0);
  expect_row(days["items"][6], "2026-11-23", "", 1, 1, 5000, 0, 5000);
  expect_row(days["items"][14], "2026-12-01", "", 1, 1, 5000, 0, 5000);
}

TEST_P(OrderReportTest, GroupsByMondayWeeksAndMonths) {
  const Json weeks = report("sales?from=2026-11-17&to=2026-12-01&group=week");
  ASSERT_EQ(weeks["items"].size(), 3u) << weeks;
  // H (Monday 11-16) is in the first week but before the range.
  expect_row(weeks["items"][0], "2026-11-16", "", 3, 7, 46300, 7000, 15433);
  expect_row(weeks["items"][1], "2026-11-23", "", 1, 1, 5000, 0, 5000);
  expect_row(weeks["items"][2], "2026-11-30", "", 1, 1, 5000, 0, 5000);
  const Json months = report("sales?from=2026-11-17&to=2026-12-01&group=month");
  ASSERT_EQ(months["items"].size(), 2u) << months;
  expect_row(months["items"][0], "2026-11", "", 4, 8, 51300, 7000, 12825);
  expect_row(months["items"][1], "2026-12", "", 1, 1, 5000, 0, 5000);
}

TEST_P(OrderReportTest, BreaksDownByChannelCategoryAndRegion) {
  const Json channels = report("sales?from=2026-11-17&to=2026-12-01&group=month&by=channel");
  ASSERT_EQ(channels["items"].size(), 4u) << channels;
  expect_row(channels["items"][0], "2026-11", "", 1, 1, 5000, 0, 5000);
  expect_row(channels["items"][1], "2026-11", "jd", 1, 2, 36000, 7000, 36000);
  expect_row(channels["items"][2], "2026-11", "tmall", 2, 5, 10300, 0, 5150);
  expect_row(channels["items"][3], "2026-12", "tmall", 1, 1, 5000, 0, 5000);

  // Item amounts per category; B's 70.00 refund split 50:300 over its lines.
  const Json categories = report("sales?from=2026-11-17&to=2026-12-01&group=month&by=category");
  ASSERT_EQ(categories["items"].size(), 4u) << categories;
  expect_row(categories["items"][0], "2026-11", "", 1, 3, 300, 0, 300);
  expect_row(categories["items"][1], "2026-11", "服装", 3, 4, 20000, 1000, 6667);
  expect_row(categories["items"][2], "2026-11", "鞋靴", 1, 1, 30000, 6000, 30000);
  expect_row(categories["items"][3], "2026-12", "服装", 1, 1, 5000, 0, 5000);

  const Json regions = report("sales?from=2026-11-17&to=2026-11-18&by=region");
  ASSERT_EQ(regions["items"].size(), 3u) << regions;
  expect_row(regions["items"][0], "2026-11-17", "浙江省", 1, 2, 10000, 0, 10000);
  expect_row(regions["items"][1], "2026-11-18", "江苏省", 1, 2, 36000, 7000, 36000);
  expect_row(regions["items"][2], "2026-11-18", "浙江省", 1, 3, 300, 0, 300);
}

TEST_P(OrderReportTest, SummaryComparesWithThePreviousRangeWithinTheDataScope) {
  const Json summary = report("summary?from=2026-11-18&to=2026-11-18");
  EXPECT_EQ(summary["current"]["from"], "2026-11-18");
  EXPECT_EQ(summary["current"]["orders"], 2);
  EXPECT_EQ(summary["current"]["sales_fen"], 36300);
  EXPECT_EQ(summary["current"]["average_order_fen"], 18150);
  EXPECT_EQ(summary["current"]["refunds_fen"], 7000);
  EXPECT_EQ(summary["previous"]["from"], "2026-11-17");
  EXPECT_EQ(summary["previous"]["to"], "2026-11-17");
  EXPECT_EQ(summary["previous"]["orders"], 1);
  EXPECT_EQ(summary["previous"]["sales_fen"], 10000);

  const int64_t own = create("sales", {{"name", "王芳"}})["id"];
  seed_order({.customer_id = own, .owner_id = 3, .placed_at_ms = kNov18 + kHour,
              .lines = {{1, 1, 5000}}});
  const Json mine = report("summary?from=2026-11-18&to=2026-11-18", "sales");
  EXPECT_EQ(mine["current"]["orders"], 1);
  EXPECT_EQ(mine["current"]["sales_fen"], 5000);
  EXPECT_EQ(report("summary?from=2026-11-18&to=2026-11-18")["current"]["orders"], 3);
}

TEST_P(OrderReportTest, RefusesBadParametersAndCallersWithoutThePermission) {
  for (const std::string query : {"sales?group=year", "sales?by=sku", "sales?from=2026-02-30",
                                  "sales?from=2026-11-18&to=2026-11-17",
                                  "sales?from=2020-01-01&to=2026-01-01", "summary?to=tomorrow"}) {
    http::Response response = get("admin", "/api/v1/order-reports/" + query);
    EXPECT_EQ(response.status(), Status::kBadRequest) << query;
    EXPECT_EQ(body(response)["error"]["code"], "order_report.invalid_parameter") << query;
  }
  EXPECT_EQ(get("viewer", "/api/v1/order-reports/sales").status(), Status::kForbidden);
  // Without from/to: the 30 days up to today (2026-11-18 in the fixture's clock).
  const Json recent = report("sales");
  EXPECT_EQ(recent["from"], "2026-10-20");
  EXPECT_EQ(recent["to"], "2026-11-18");
  EXPECT_EQ(recent["items"].size(), 30u);
}

TEST_P(OrderReportTest, CustomerPurchaseHistoryPagesWithTotals) {
  const std::string url = "/api/v1/customers/" + std::to_string(customer_) + "/orders";
  const Json first = body(get("admin", url + "?limit=3"));
  EXPECT_EQ(first["total"], 8);
  EXPECT_EQ(first["summary"]["orders"], 6);  // not the cancelled and the pending one
  EXPECT_EQ(first["summary"]["sales_fen"], 61300);
  EXPECT_EQ(first["summary"]["refunds_fen"], 7000);
  EXPECT_EQ(first["summary"]["first_order_at"], kNov18 - 25 * kHour);
  EXPECT_EQ(first["summary"]["last_order_at"], kNov18 + 13 * 24 * kHour + 10 * kHour);
  ASSERT_EQ(first["items"].size(), 3u);
  EXPECT_EQ(first["items"][0]["placed_at"], kNov18 + 13 * 24 * kHour + 10 * kHour);
  Json page = first;
  size_t seen = page["items"].size();
  while (!page["next_after"].is_null()) {
    page = body(get("admin", url + "?limit=3&after=" + page["next_after"].get<std::string>()));
    seen += page["items"].size();
  }
  EXPECT_EQ(seen, 8u);
  const Json b = body(get("admin", url + "?limit=8"))["items"][5];
  EXPECT_EQ(b["id"], b_);
  EXPECT_EQ(b["items"], 2);
  EXPECT_EQ(b["refunded_fen"], 7000);

  EXPECT_EQ(get("sales", url).status(), Status::kNotFound);    // not the salesperson's customer
  EXPECT_EQ(get("manager", url).status(), Status::kForbidden);  // no orders.view
  EXPECT_EQ(get("admin", url + "?after=x").status(), Status::kBadRequest);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderReportTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::orders
