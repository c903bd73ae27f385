// SPDX-License-Identifier: Apache-2.0
// Analytics end to end (docs/api/analytics.md) on SQLite and PostgreSQL: the store loads in the
// background (503 analytics.loading until then), a paid order taken through /api/v1/orders reaches
// the KPIs through the order events, parameters are validated with their field, a salesperson
// (no analytics.view) is refused, and the admin's CSV export is a file.
#include <chrono>
#include <thread>

#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";
constexpr int64_t kNov18 = 1'794'931'200'000;  // 2026-11-18 00:00 UTC+8
constexpr const char* kNovember = "from=2026-11-01&to=2026-11-30";

class AnalyticsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    server_ = start_server({"--test-captcha", kCaptcha},
                           {{"SHOPCRM_ADMIN_PASSWORD", kAdminPassword},
                            {"SHOPCRM_MESSAGING_OUTBOX_FILE", db_->dir() + "/outbox.log"}});
    ASSERT_TRUE(server_);
    admin_ = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    ASSERT_EQ(admin_->login("admin", kAdminPassword).status, 200);
  }

  // Polls until `done` holds for the response of `path` (the store loads and events arrive in
  // the background); returns the last response.
  template <typename Done>
  HttpResult poll(const std::string& path, Done done) {
    HttpResult last;
    for (int i = 0; i < 300; ++i) {
      last = admin_->get(path);
      if (last.status == 503) {
        EXPECT_EQ(last.json()["error"]["code"], "analytics.loading");
        EXPECT_FALSE(last.header("retry-after").empty());
      } else if (done(last)) {
        return last;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << path << ": " << last.status << " " << last.body;
    return last;
  }

  int64_t paid_order() {
    auto product = admin_->post("/api/v1/products", {{"sku", "TS-01"}, {"name", "T-shirt"}, {"price_fen", 5000}});
    EXPECT_EQ(product.status, 201) << product.body;
    auto warehouse = admin_->post("/api/v1/warehouses", {{"code", "WH1"}, {"name", "Main"}});
    EXPECT_EQ(warehouse.status, 201) << warehouse.body;
    auto received = admin_->post("/api/v1/stock/receive",
                                 {{"warehouse_id", warehouse.json()["id"]},
                                  {"lines", {{{"product_id", product.json()["id"]}, {"quantity", 100}}}}});
    EXPECT_EQ(received.status, 200) << received.body;
    auto customer = admin_->post("/api/v1/customers", {{"name", "Li Lei"}});
    EXPECT_EQ(customer.status, 201) << customer.body;
    auto created = admin_->post(
        "/api/v1/orders",
        {{"customer_id", customer.json()["id"]},
         {"channel", "tmall"},
         {"placed_at", kNov18 + 3'600'000},
         {"items", {{{"sku", "TS-01"}, {"quantity", 2}, {"unit_price_fen", 5000}}}},
         {"receiver", {{"name", "Li Lei"}, {"phone", "13900139000"}, {"province", "Zhejiang"},
                       {"city", "Hangzhou"}, {"district", "Xihu"}, {"address", "Wensan Road 100"}}}});
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.json()["id"];
    const std::string base = "/api/v1/orders/" + std::to_string(id);
    if (created.json()["status"] == "pending_audit") {
      EXPECT_EQ(admin_->post(base + "/approve", {{"note", "ok"}}).status, 200);
    }
    auto paid = admin_->post(base + "/pay", {{"amount_fen", 10000}});
    EXPECT_EQ(paid.status, 200) << paid.body;
    return id;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
};

TEST_P(AnalyticsApiTest, PaidOrderReachesTheKpisThroughEvents) {
  const std::string kpis = std::string("/api/v1/analytics/kpis?") + kNovember;
  auto empty = poll(kpis, [](const HttpResult& r) { return r.status == 200; });
  EXPECT_EQ(empty.json()["kpis"]["orders"]["value"], 0) << empty.body;

  paid_order();
  auto after = poll(kpis, [](const HttpResult& r) { return r.json()["kpis"]["orders"]["value"] == 1; });
  EXPECT_EQ(after.json()["kpis"]["sales_fen"]["value"], 10000) << after.body;
  EXPECT_EQ(after.json()["kpis"]["buyers"]["value"], 1);

  auto channel = admin_->get(std::string("/api/v1/analytics/kpis?") + kNovember + "&channel=jd");
  EXPECT_EQ(channel.json()["kpis"]["orders"]["value"], 0) << channel.body;
  auto consumption = admin_->get(std::string("/api/v1/analytics/consumption?group=day&") + kNovember);
  ASSERT_EQ(consumption.status, 200) << consumption.body;
  EXPECT_EQ(consumption.json()["items"].size(), 30u);
  EXPECT_EQ(consumption.json()["items"][17]["period"], "2026-11-18");
  EXPECT_EQ(consumption.json()["items"][17]["orders"], 1);
}

TEST_P(AnalyticsApiTest, ValidatesExportsAndChecksPermissions) {
  poll("/api/v1/analytics/kpis", [](const HttpResult& r) { return r.status == 200; });
  auto bad = admin_->get("/api/v1/analytics/consumption?group=quarter");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["field"], "group");
  bad = admin_->get("/api/v1/analytics/churn?from=2026-11-31");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["field"], "from");
  bad = admin_->get("/api/v1/analytics/rfm?bins=1");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["field"], "bins");

  paid_order();
  auto csv = poll(std::string("/api/v1/analytics/rfm?format=csv&") + kNovember, [](const HttpResult& r) {
    return r.status == 200 && r.body.find("lost,1,1") != std::string::npos;
  });
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("content-disposition").find("attachment"), std::string::npos);
  auto audit = admin_->get("/api/v1/audit-log?action=analytics.exported");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_GE(audit.json()["items"].size(), 1u) << audit.body;

  const nlohmann::json roles = admin_->get("/api/v1/roles").json();
  int64_t salesperson = 0;
  for (const auto& role : roles["items"]) {
    if (role["name"] == "salesperson") salesperson = role["id"];
  }
  ASSERT_NE(salesperson, 0);
  auto user = admin_->post("/api/v1/users", {{"username", "sales1"},
                                             {"display_name", "Sales"},
                                             {"password", "Sales-Pass-2026"},
                                             {"role_ids", {salesperson}}});
  ASSERT_EQ(user.status, 201) << user.body;
  ApiSession sales(server_->base_url(), kCaptcha);
  ASSERT_EQ(sales.login("sales1", "Sales-Pass-2026").status, 200);
  for (const char* path : {"/api/v1/analytics/kpis", "/api/v1/analytics/rfm", "/api/v1/analytics/cohorts"}) {
    EXPECT_EQ(sales.get(path).status, 403) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, AnalyticsApiTest, ::testing::Values("sqlite", "postgres"), database_name);

}  // namespace
}  // namespace crm::test
