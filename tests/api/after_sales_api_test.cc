// SPDX-License-Identifier: Apache-2.0
// After-sales end to end (docs/api/orders.md, "After-sales") against the real binary on SQLite and
// PostgreSQL: a product, warehouse and stock set up through the catalog routes, an order taken
// through /api/v1/orders and shipped, a return that restocks the goods and refunds, a refund larger
// than the payment refused, and the permissions of the routes.
#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";

class AfterSalesApiTest : public ApiTest {
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
    const int64_t category = created("/api/v1/product-categories", {{"name", "服装"}})["id"];
    product_ = created("/api/v1/products", {{"sku", "TS-01"}, {"name", "T恤"},
                                            {"category_id", category}, {"price_fen", 5000}})["id"];
    warehouse_ = created("/api/v1/warehouses", {{"code", "WH1"}, {"name", "主仓"}})["id"];
    auto received = admin_->post("/api/v1/stock/receive",
                                 {{"warehouse_id", warehouse_}, {"reason", "采购入库"},
                                  {"lines", {{{"product_id", product_}, {"quantity", 10}}}}});
    ASSERT_EQ(received.status, 200) << received.body;
    auto customer = admin_->post("/api/v1/customers", {{"name", "李雷"}, {"phone", "13900139000"}});
    ASSERT_EQ(customer.status, 201) << customer.body;
    customer_ = customer.json()["id"];
  }

  int64_t count(const std::string& sql) { return std::stoll(db_->sql(sql)); }

  nlohmann::json created(const std::string& path, const nlohmann::json& body) {
    auto response = admin_->post(path, body);
    EXPECT_EQ(response.status, 201) << path << ": " << response.body;
    return response.json();
  }

  int64_t on_hand() {
    return count("SELECT on_hand FROM stock WHERE product_id = " + std::to_string(product_) +
                 " AND warehouse_id = " + std::to_string(warehouse_));
  }

  // An order of two T恤 at 50.00 taken, approved, paid and shipped through the orders API.
  nlohmann::json shipped_order() {
    auto created = admin_->post(
        "/api/v1/orders",
        {{"platform", "manual"},
         {"customer_id", customer_},
         {"items", {{{"sku", "TS-01"}, {"quantity", 2}, {"unit_price_fen", 5000}}}},
         {"receiver", {{"name", "李雷"}, {"phone", "13900139000"}, {"province", "浙江省"},
                       {"city", "杭州市"}, {"district", "西湖区"}, {"address", "文三路100号"}}}});
    EXPECT_EQ(created.status, 201) << created.body;
    nlohmann::json order = created.json();
    const std::string base = "/api/v1/orders/" + std::to_string(order["id"].get<int64_t>());
    if (order["status"] == "pending_audit") {
      auto approved = admin_->post(base + "/approve", {{"note", "ok"}});
      EXPECT_EQ(approved.status, 200) << approved.body;
    }
    auto paid = admin_->post(base + "/pay", {{"amount_fen", 10000}});
    EXPECT_EQ(paid.status, 200) << paid.body;
    EXPECT_EQ(admin_->post(base + "/pick", nlohmann::json::object()).status, 200);
    EXPECT_EQ(admin_->post(base + "/pack", nlohmann::json::object()).status, 200);
    auto shipped = admin_->post(base + "/ship", {{"carrier", "顺丰"}, {"tracking_number", "SF1"}});
    EXPECT_EQ(shipped.status, 200) << shipped.body;
    return shipped.json();
  }

  int64_t line_id(int64_t order_id) {
    return count("SELECT id FROM order_items WHERE order_id = " + std::to_string(order_id));
  }

  // A user with a new role of `scope` and `permissions`, logged in.
  std::unique_ptr<ApiSession> user(const std::string& name, const std::string& scope,
                                   const std::vector<std::string>& permissions) {
    auto role = admin_->post("/api/v1/roles", {{"name", name + "_role"},
                                               {"label", name},
                                               {"data_scope", scope},
                                               {"permissions", permissions}});
    EXPECT_EQ(role.status, 201) << role.body;
    auto created = admin_->post("/api/v1/users", {{"username", name},
                                                  {"display_name", name},
                                                  {"password", "Sales-Pass-2026"},
                                                  {"role_ids", {role.json()["id"]}}});
    EXPECT_EQ(created.status, 201) << created.body;
    auto session = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    EXPECT_EQ(session->login(name, "Sales-Pass-2026").status, 200);
    return session;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
  int64_t customer_ = 0;
  int64_t product_ = 0;
  int64_t warehouse_ = 0;
};

TEST_P(AfterSalesApiTest, ReturnRestocksTheGoodsAndRefundsNoMoreThanWasPaid) {
  const nlohmann::json order = shipped_order();
  const int64_t order_id = order["id"];
  ASSERT_EQ(order["status"], "shipped") << order.dump();
  EXPECT_EQ(on_hand(), 8);

  // A refund-only request cannot refund more than the 100.00 paid.
  auto refund_only = admin_->post("/api/v1/after-sales", {{"order_id", order_id},
                                                          {"kind", "refund_only"},
                                                          {"reason", "价格保护"}});
  ASSERT_EQ(refund_only.status, 201) << refund_only.body;
  const std::string extra = "/api/v1/after-sales/" +
                            std::to_string(refund_only.json()["id"].get<int64_t>());
  ASSERT_EQ(admin_->post(extra + "/approve", nlohmann::json::object()).status, 200);
  auto too_much = admin_->post(extra + "/refund", {{"amount_fen", 10001}});
  EXPECT_EQ(too_much.status, 409) << too_much.body;
  EXPECT_EQ(too_much.json()["error"]["code"], "after_sale.refund_exceeds_paid");
  EXPECT_NE(too_much.json()["error"]["message"].get<std::string>().find("¥100.00"),
            std::string::npos);
  EXPECT_EQ(count("SELECT refunded_fen FROM orders WHERE id = " + std::to_string(order_id)), 0);

  // The return: requested, approved, goods received back into stock, refunded, closed.
  auto created = admin_->post("/api/v1/after-sales",
                              {{"order_id", order_id},
                               {"kind", "return"},
                               {"reason", "尺码不合适"},
                               {"photos", {"https://img.example.com/1.jpg"}},
                               {"items", {{{"order_item_id", line_id(order_id)}, {"quantity", 2}}}},
                               {"requested_fen", 10000}});
  ASSERT_EQ(created.status, 201) << created.body;
  const nlohmann::json request = created.json();
  EXPECT_EQ(request["number"].get<std::string>().substr(0, 1), "R");
  EXPECT_EQ(request["status"], "requested");
  EXPECT_EQ(request["order"]["paid_fen"], 10000);
  const std::string url = "/api/v1/after-sales/" + std::to_string(request["id"].get<int64_t>());
  ASSERT_EQ(admin_->post(url + "/approve", {{"note", "同意退货"}}).status, 200);
  auto received = admin_->post(url + "/receive", {{"restock", true}, {"warehouse_id", warehouse_}});
  ASSERT_EQ(received.status, 200) << received.body;
  EXPECT_EQ(received.json()["status"], "goods_received");
  EXPECT_EQ(on_hand(), 10);
  EXPECT_EQ(count("SELECT returned_quantity FROM order_items WHERE order_id = " +
                  std::to_string(order_id)), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'in' AND after_sale_id = " +
                  std::to_string(request["id"].get<int64_t>())), 1);
  auto refunded = admin_->post(url + "/refund", {{"amount_fen", 10000}});
  ASSERT_EQ(refunded.status, 200) << refunded.body;
  EXPECT_EQ(refunded.json()["order"]["refunded_fen"], 10000);
  EXPECT_EQ(refunded.json()["order"]["refundable_fen"], 0);
  // Nothing is left to refund on the order now, not even 0.01.
  auto nothing_left = admin_->post(extra + "/refund", {{"amount_fen", 1}});
  EXPECT_EQ(nothing_left.json()["error"]["code"], "after_sale.refund_exceeds_paid");
  auto closed = admin_->post(url + "/close", nlohmann::json::object());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["events"].size(), 5u);
  auto illegal = admin_->post(url + "/approve", nlohmann::json::object());
  EXPECT_EQ(illegal.status, 409);
  EXPECT_EQ(illegal.json()["error"]["code"], "after_sale.illegal_transition");

  const nlohmann::json list = admin_->get("/api/v1/after-sales?order_id=" +
                                          std::to_string(order_id)).json();
  EXPECT_EQ(list["total"], 2);
  EXPECT_EQ(admin_->get("/api/v1/after-sales?status=closed").json()["total"], 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'after_sale.%'"), 7);
}

TEST_P(AfterSalesApiTest, WritesNeedAfterSalesAndOwnScopeSeesOnlyItsCustomers) {
  const int64_t order_id = shipped_order()["id"];
  auto created = admin_->post("/api/v1/after-sales", {{"order_id", order_id},
                                                      {"kind", "refund_only"},
                                                      {"reason", "少发"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = "/api/v1/after-sales/" +
                          std::to_string(created.json()["id"].get<int64_t>());

  auto viewer = user("viewer", "all", {"orders.view"});
  EXPECT_EQ(viewer->get(url).status, 200);
  EXPECT_EQ(viewer->get("/api/v1/after-sales").json()["total"], 1);
  EXPECT_EQ(viewer->post(url + "/approve", nlohmann::json::object()).status, 403);
  EXPECT_EQ(viewer->post("/api/v1/after-sales", {{"order_id", order_id},
                                                 {"kind", "refund_only"},
                                                 {"reason", "x"}}).status, 403);

  auto nobody = user("nobody", "all", {"customers.view"});
  EXPECT_EQ(nobody->get("/api/v1/after-sales").status, 403);

  auto sales = user("own_sales", "own", {"orders.view", "orders.after_sales"});
  EXPECT_EQ(sales->get("/api/v1/after-sales").json()["total"], 0);
  EXPECT_EQ(sales->get(url).status, 404);
  EXPECT_EQ(sales->post(url + "/approve", nlohmann::json::object()).status, 404);
  auto foreign = sales->post("/api/v1/after-sales", {{"order_id", order_id},
                                                     {"kind", "refund_only"},
                                                     {"reason", "x"}});
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(foreign.json()["error"]["code"], "order.not_found");
  EXPECT_EQ(count("SELECT COUNT(*) FROM after_sales"), 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, AfterSalesApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
