// SPDX-License-Identifier: Apache-2.0
// Order reports and the customer's purchase history end to end (docs/api/orders.md, "Order
// reports", "Customer 360") on SQLite and PostgreSQL: two paid orders taken through /api/v1/orders
// one second apart across midnight in UTC+8 fall on two merchant days.
#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";
constexpr int64_t kNov18 = 1'794'931'200'000;  // 2026-11-18 00:00 UTC+8 = 2026-11-17 16:00 UTC

class OrderReportsApiTest : public ApiTest {
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
    auto product = admin_->post("/api/v1/products",
                                {{"sku", "TS-01"}, {"name", "T恤"}, {"price_fen", 5000}});
    ASSERT_EQ(product.status, 201) << product.body;
    auto warehouse = admin_->post("/api/v1/warehouses", {{"code", "WH1"}, {"name", "主仓"}});
    ASSERT_EQ(warehouse.status, 201) << warehouse.body;
    auto received = admin_->post("/api/v1/stock/receive",
                                 {{"warehouse_id", warehouse.json()["id"]},
                                  {"lines", {{{"product_id", product.json()["id"]},
                                              {"quantity", 100}}}}});
    ASSERT_EQ(received.status, 200) << received.body;
    auto customer = admin_->post("/api/v1/customers", {{"name", "李雷"}});
    ASSERT_EQ(customer.status, 201) << customer.body;
    customer_ = customer.json()["id"];
  }

  // A paid order of `quantity` T恤 at 50.00 placed at `placed_at` on `channel`.
  int64_t paid_order(int64_t placed_at, int64_t quantity, const std::string& channel) {
    auto created = admin_->post(
        "/api/v1/orders",
        {{"customer_id", customer_},
         {"channel", channel},
         {"placed_at", placed_at},
         {"items", {{{"sku", "TS-01"}, {"quantity", quantity}, {"unit_price_fen", 5000}}}},
         {"receiver", {{"name", "李雷"}, {"phone", "13900139000"}, {"province", "浙江省"},
                       {"city", "杭州市"}, {"district", "西湖区"}, {"address", "文三路100号"}}}});
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.json()["id"];
    const std::string base = "/api/v1/orders/" + std::to_string(id);
    if (created.json()["status"] == "pending_audit") {
      EXPECT_EQ(admin_->post(base + "/approve", {{"note", "ok"}}).status, 200);
    }
    auto paid = admin_->post(base + "/pay", {{"amount_fen", quantity * 5000}});
    EXPECT_EQ(paid.status, 200) << paid.body;
    return id;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
  int64_t customer_ = 0;
};

TEST_P(OrderReportsApiTest, SalesFallOnMerchantDaysAndSummaryComparesRanges) {
  paid_order(kNov18 - 1000, 1, "tmall");  // 2026-11-17 23:59:59 in UTC+8
  paid_order(kNov18, 3, "jd");            // 2026-11-18 00:00:00
  auto response = admin_->get("/api/v1/order-reports/sales?from=2026-11-17&to=2026-11-18");
  ASSERT_EQ(response.status, 200) << response.body;
  const nlohmann::json days = response.json();
  ASSERT_EQ(days["items"].size(), 2u) << days.dump();
  EXPECT_EQ(days["items"][0]["period"], "2026-11-17");
  EXPECT_EQ(days["items"][0]["orders"], 1);
  EXPECT_EQ(days["items"][0]["sales_fen"], 5000);
  EXPECT_EQ(days["items"][1]["period"], "2026-11-18");
  EXPECT_EQ(days["items"][1]["items"], 3);
  EXPECT_EQ(days["items"][1]["sales_fen"], 15000);

  const nlohmann::json weeks =
      admin_->get("/api/v1/order-reports/sales?from=2026-11-17&to=2026-11-18&group=week&by=channel")
          .json();
  ASSERT_EQ(weeks["items"].size(), 2u) << weeks.dump();
  EXPECT_EQ(weeks["items"][0]["period"], "2026-11-16");
  EXPECT_EQ(weeks["items"][0]["key"], "jd");
  EXPECT_EQ(weeks["items"][1]["key"], "tmall");

  const nlohmann::json summary =
      admin_->get("/api/v1/order-reports/summary?from=2026-11-18&to=2026-11-18").json();
  EXPECT_EQ(summary["current"]["orders"], 1);
  EXPECT_EQ(summary["current"]["average_order_fen"], 15000);
  EXPECT_EQ(summary["previous"]["orders"], 1);
  EXPECT_EQ(summary["previous"]["sales_fen"], 5000);

  auto bad = admin_->get("/api/v1/order-reports/sales?group=year");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["field"], "group");
}

TEST_P(OrderReportsApiTest, CustomerHistoryAndReportsNeedTheirPermissions) {
  paid_order(kNov18, 2, "tmall");
  const std::string url = "/api/v1/customers/" + std::to_string(customer_) + "/orders";
  auto history = admin_->get(url);
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(history.json()["total"], 1);
  EXPECT_EQ(history.json()["summary"]["sales_fen"], 10000);
  EXPECT_EQ(history.json()["summary"]["first_order_at"], kNov18);
  EXPECT_EQ(admin_->get("/api/v1/customers/999999/orders").status, 404);

  const nlohmann::json roles = admin_->get("/api/v1/roles").json();
  int64_t customer_service = 0;
  for (const auto& role : roles["items"]) {
    if (role["name"] == "customer_service") customer_service = role["id"];
  }
  ASSERT_NE(customer_service, 0);
  auto created = admin_->post("/api/v1/users", {{"username", "kefu"},
                                                {"display_name", "客服"},
                                                {"password", "Sales-Pass-2026"},
                                                {"role_ids", {customer_service}}});
  ASSERT_EQ(created.status, 201) << created.body;
  ApiSession kefu(server_->base_url(), kCaptcha);
  ASSERT_EQ(kefu.login("kefu", "Sales-Pass-2026").status, 200);
  EXPECT_EQ(kefu.get(url).status, 200);  // orders.view
  EXPECT_EQ(kefu.get("/api/v1/order-reports/sales").status, 403);  // no orders.reports
  EXPECT_EQ(kefu.get("/api/v1/order-reports/summary").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Databases, OrderReportsApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
