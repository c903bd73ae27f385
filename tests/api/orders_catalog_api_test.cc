// SPDX-License-Identifier: Apache-2.0
// The catalog and stock routes (docs/api/orders.md, "Catalog and stock") against the real binary
// on SQLite and PostgreSQL: products and their validation, versions and SKU uniqueness, product
// categories, warehouses and the one default, receipts, adjustments, the low-stock list, the
// ledger, and the permissions (the built-in salesperson reads but cannot write).
#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";
using nlohmann::json;

class OrdersCatalogApiTest : public ApiTest {
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

  int64_t count(const std::string& sql) { return std::stoll(db_->sql(sql)); }

  json created(const std::string& path, const json& body) {
    auto response = admin_->post(path, body);
    EXPECT_EQ(response.status, 201) << path << " " << response.body;
    return response.json();
  }

  HttpResult patch_product(int64_t id, const json& body, const std::string& if_match) {
    HttpClient raw(server_->base_url());
    std::vector<std::string> headers = {"Content-Type: application/json",
                                        "Cookie: " + admin_->session_cookie(),
                                        "X-CSRF-Token: " + admin_->csrf_token()};
    if (!if_match.empty()) headers.push_back("If-Match: " + if_match);
    return raw.request("PATCH", "/api/v1/products/" + std::to_string(id), body.dump(), headers);
  }

  // A user holding the built-in salesperson role, logged in.
  std::unique_ptr<ApiSession> salesperson() {
    auto roles = admin_->get("/api/v1/roles");
    EXPECT_EQ(roles.status, 200) << roles.body;
    json role_id;
    const json list = roles.json();
    for (const auto& role : list.contains("items") ? list["items"] : list) {
      if (role["name"] == "salesperson") role_id = role["id"];
    }
    EXPECT_FALSE(role_id.is_null()) << roles.body;
    auto user = admin_->post("/api/v1/users", {{"username", "xiaowang"},
                                               {"display_name", "小王"},
                                               {"password", "Sales-Pass-2026"},
                                               {"role_ids", {role_id}}});
    EXPECT_EQ(user.status, 201) << user.body;
    auto session = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    EXPECT_EQ(session->login("xiaowang", "Sales-Pass-2026").status, 200);
    return session;
  }

  static std::string error_code(const HttpResult& r) {
    const json body = r.json();
    return body.contains("error") ? body["error"].value("code", "") : "";
  }
  static std::string error_field(const HttpResult& r) {
    const json body = r.json();
    return body.contains("error") ? body["error"].value("field", "") : "";
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
};

TEST_P(OrdersCatalogApiTest, ProductsValidateVersionAndKeepSkusUnique) {
  const json category = created("/api/v1/product-categories", {{"name", "服装"}});
  const json product = created("/api/v1/products", {{"sku", "TS-01"},
                                                    {"name", "T恤 白色"},
                                                    {"category_id", category["id"]},
                                                    {"price_fen", 5900},
                                                    {"cost_fen", 2000},
                                                    {"barcode", "6901234567890"}});
  EXPECT_EQ(product["status"], "active");
  EXPECT_EQ(product["version"], 1);
  EXPECT_EQ(product["on_hand"], 0);
  EXPECT_EQ(product["available"], 0);
  const int64_t id = product["id"];

  // Duplicate SKU: 409 with the field; validation: 400 with the field; nothing is written.
  auto duplicate = admin_->post("/api/v1/products", {{"sku", "TS-01"}, {"name", "x"},
                                                     {"price_fen", 1}});
  EXPECT_EQ(duplicate.status, 409) << duplicate.body;
  EXPECT_EQ(error_code(duplicate), "product.duplicate_sku");
  EXPECT_EQ(error_field(duplicate), "sku");
  auto negative = admin_->post("/api/v1/products", {{"sku", "TS-02"}, {"name", "x"},
                                                    {"price_fen", -1}});
  EXPECT_EQ(negative.status, 400);
  EXPECT_EQ(error_field(negative), "price_fen");
  auto no_name = admin_->post("/api/v1/products", {{"sku", "TS-02"}, {"price_fen", 1}});
  EXPECT_EQ(no_name.status, 400);
  EXPECT_EQ(error_field(no_name), "name");
  auto bad_category = admin_->post("/api/v1/products", {{"sku", "TS-02"}, {"name", "x"},
                                                        {"price_fen", 1}, {"category_id", 999}});
  EXPECT_EQ(bad_category.status, 400);
  EXPECT_EQ(error_code(bad_category), "product.unknown_category");
  auto bad_status = admin_->post("/api/v1/products", {{"sku", "TS-02"}, {"name", "x"},
                                                      {"price_fen", 1}, {"status", "gone"}});
  EXPECT_EQ(bad_status.status, 400);
  EXPECT_EQ(error_field(bad_status), "status");
  EXPECT_EQ(count("SELECT COUNT(*) FROM products"), 1);

  // PATCH needs If-Match; a stale version is 412; the right one bumps the version.
  EXPECT_EQ(patch_product(id, {{"price_fen", 6900}}, "").status, 428);
  auto updated = patch_product(id, {{"price_fen", 6900}, {"status", "inactive"}}, "\"1\"");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json()["version"], 2);
  EXPECT_EQ(updated.json()["price_fen"], 6900);
  EXPECT_EQ(updated.header("etag"), "\"2\"");
  auto stale = patch_product(id, {{"price_fen", 1}}, "\"1\"");
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(error_code(stale), "product.version_mismatch");
  EXPECT_EQ(count("SELECT price_fen FROM products"), 6900);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'product.%'"), 2);

  // The list: q on a prefix of name / sku / barcode, status and category filters, keyset pages.
  created("/api/v1/products", {{"sku", "SH-01"}, {"name", "跑鞋"}, {"price_fen", 30000}});
  created("/api/v1/products", {{"sku", "SH-02"}, {"name", "拖鞋"}, {"price_fen", 3000}});
  EXPECT_EQ(admin_->get("/api/v1/products?q=SH").json()["total"], 2);
  EXPECT_EQ(admin_->get("/api/v1/products?q=690123").json()["items"][0]["sku"], "TS-01");
  EXPECT_EQ(admin_->get("/api/v1/products?q=T%E6%81%A4").json()["total"], 1);
  EXPECT_EQ(admin_->get("/api/v1/products?status=inactive").json()["total"], 1);
  EXPECT_EQ(admin_->get("/api/v1/products?category_id=" + std::to_string(category["id"].get<int>()))
                .json()["total"],
            1);
  const json first = admin_->get("/api/v1/products?limit=2").json();
  EXPECT_EQ(first["total"], 3);
  ASSERT_EQ(first["items"].size(), 2u);
  ASSERT_TRUE(first["next_after"].is_string());
  const json second =
      admin_->get("/api/v1/products?limit=2&after=" + first["next_after"].get<std::string>())
          .json();
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["sku"], "TS-01");
  EXPECT_TRUE(second["next_after"].is_null());
  EXPECT_EQ(admin_->get("/api/v1/products?status=deleted").status, 400);
  EXPECT_EQ(admin_->get("/api/v1/products/9999").status, 404);
}

TEST_P(OrdersCatalogApiTest, CategoryInUseCannotBeDeleted) {
  const json category = created("/api/v1/product-categories",
                                {{"name", "鞋靴"}, {"description", "鞋"}, {"sort_order", 2}});
  const std::string url = "/api/v1/product-categories/" +
                          std::to_string(category["id"].get<int64_t>());
  created("/api/v1/products", {{"sku", "SH-01"}, {"name", "跑鞋"}, {"price_fen", 30000},
                               {"category_id", category["id"]}});
  created("/api/v1/products", {{"sku", "SH-02"}, {"name", "拖鞋"}, {"price_fen", 3000},
                               {"category_id", category["id"]}});
  EXPECT_EQ(admin_->post("/api/v1/product-categories", {{"name", "鞋靴"}}).status, 409);
  EXPECT_EQ(admin_->post("/api/v1/product-categories", {{"name", ""}}).status, 400);
  auto refused = admin_->del(url);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(error_code(refused), "product_category.in_use");
  EXPECT_EQ(refused.json()["error"]["product_count"], 2);
  EXPECT_EQ(admin_->get("/api/v1/product-categories").json()["items"][0]["product_count"], 2);

  auto renamed = admin_->patch(url, {{"name", "鞋"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["name"], "鞋");
  // Moving the products out frees the category.
  db_->sql("UPDATE products SET category_id = NULL");
  EXPECT_EQ(admin_->del(url).status, 204);
  EXPECT_EQ(admin_->del(url).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'product_category.%'"), 3);
}

TEST_P(OrdersCatalogApiTest, ExactlyOneDefaultWarehouse) {
  const json main = created("/api/v1/warehouses", {{"code", "WH1"}, {"name", "主仓"}});
  EXPECT_EQ(main["is_default"], true);  // the first one
  const json second = created("/api/v1/warehouses",
                              {{"code", "WH2"}, {"name", "二号仓"}, {"address", "杭州"}});
  EXPECT_EQ(second["is_default"], false);
  EXPECT_EQ(admin_->post("/api/v1/warehouses", {{"code", "WH1"}, {"name", "x"}}).status, 409);
  EXPECT_EQ(error_field(admin_->post("/api/v1/warehouses", {{"name", "x"}})), "code");

  const std::string main_url = "/api/v1/warehouses/" + std::to_string(main["id"].get<int64_t>());
  const std::string second_url =
      "/api/v1/warehouses/" + std::to_string(second["id"].get<int64_t>());
  auto unset = admin_->patch(main_url, {{"is_default", false}});
  EXPECT_EQ(unset.status, 409);
  EXPECT_EQ(error_code(unset), "warehouse.default_required");
  EXPECT_EQ(error_code(admin_->patch(main_url, {{"enabled", false}})), "warehouse.default_disabled");

  auto switched = admin_->patch(second_url, {{"is_default", true}});
  ASSERT_EQ(switched.status, 200) << switched.body;
  EXPECT_EQ(switched.json()["is_default"], true);
  EXPECT_EQ(count("SELECT COUNT(*) FROM warehouses WHERE is_default = 1"), 1);
  const json list = admin_->get("/api/v1/warehouses").json();
  EXPECT_EQ(list["total"], 2);
  EXPECT_EQ(list["items"][0]["code"], "WH2");  // the default first
  EXPECT_EQ(list["items"][1]["is_default"], false);
  // The old default can now be disabled.
  EXPECT_EQ(admin_->patch(main_url, {{"enabled", false}}).json()["enabled"], false);
}

TEST_P(OrdersCatalogApiTest, ReceiveAdjustLowStockAndMovements) {
  const json wh = created("/api/v1/warehouses", {{"code", "WH1"}, {"name", "主仓"}});
  const json tee = created("/api/v1/products", {{"sku", "TS-01"}, {"name", "T恤"},
                                                {"price_fen", 5900}});
  const json shoe = created("/api/v1/products", {{"sku", "SH-01"}, {"name", "跑鞋"},
                                                 {"price_fen", 30000}});
  const int64_t wh_id = wh["id"], tee_id = tee["id"], shoe_id = shoe["id"];

  auto received = admin_->post("/api/v1/stock/receive",
                               {{"warehouse_id", wh_id},
                                {"reason", "采购单 PO-1"},
                                {"lines", {{{"product_id", tee_id}, {"quantity", 20}},
                                           {{"sku", "SH-01"}, {"quantity", 5}}}}});
  ASSERT_EQ(received.status, 200) << received.body;
  EXPECT_EQ(received.json()["items"][0]["on_hand"], 20);
  EXPECT_EQ(received.json()["items"][1]["available"], 5);
  // A bad line refuses the whole receipt.
  auto bad = admin_->post("/api/v1/stock/receive",
                          {{"warehouse_id", wh_id},
                           {"lines", {{{"product_id", tee_id}, {"quantity", 1}},
                                      {{"sku", "NOPE"}, {"quantity", 1}}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_field(bad), "lines[1].sku");
  auto zero = admin_->post("/api/v1/stock/receive",
                           {{"warehouse_id", wh_id},
                            {"lines", {{{"product_id", tee_id}, {"quantity", 0}}}}});
  EXPECT_EQ(error_field(zero), "lines[0].quantity");
  EXPECT_EQ(error_code(admin_->post("/api/v1/stock/receive",
                                    {{"warehouse_id", 99},
                                     {"lines", {{{"product_id", tee_id}, {"quantity", 1}}}}})),
            "stock.unknown_warehouse");
  EXPECT_EQ(count("SELECT on_hand FROM stock WHERE product_id = " + std::to_string(tee_id)), 20);
  EXPECT_EQ(admin_->get("/api/v1/products/" + std::to_string(tee_id)).json()["on_hand"], 20);

  // Adjust: a signed change, a counted total, refused below what is reserved.
  db_->sql("UPDATE stock SET reserved = 3 WHERE product_id = " + std::to_string(tee_id));
  auto lost = admin_->post("/api/v1/stock/adjust", {{"warehouse_id", wh_id},
                                                    {"product_id", tee_id},
                                                    {"quantity", -2},
                                                    {"reason", "破损"}});
  ASSERT_EQ(lost.status, 200) << lost.body;
  EXPECT_EQ(lost.json()["on_hand"], 18);
  EXPECT_EQ(lost.json()["available"], 15);
  auto too_low = admin_->post("/api/v1/stock/adjust", {{"warehouse_id", wh_id},
                                                       {"product_id", tee_id},
                                                       {"counted", 2},
                                                       {"reason", "盘点"}});
  EXPECT_EQ(too_low.status, 409) << too_low.body;
  EXPECT_EQ(error_code(too_low), "stock.insufficient");
  auto no_reason = admin_->post("/api/v1/stock/adjust", {{"warehouse_id", wh_id},
                                                         {"product_id", tee_id},
                                                         {"quantity", 1}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(error_field(no_reason), "reason");
  auto counted = admin_->post("/api/v1/stock/adjust", {{"warehouse_id", wh_id},
                                                       {"product_id", shoe_id},
                                                       {"counted", 4},
                                                       {"reason", "盘点"}});
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.json()["on_hand"], 4);

  // Low stock: available <= threshold (default 10). The shoe (4) is low, the T恤 (15) is not
  // until its threshold is raised to 15.
  json low = admin_->get("/api/v1/stock?low=true").json();
  ASSERT_EQ(low["total"], 1) << low.dump();
  EXPECT_EQ(low["items"][0]["sku"], "SH-01");
  EXPECT_EQ(low["items"][0]["low"], true);
  auto threshold = admin_->put("/api/v1/stock/threshold", {{"warehouse_id", wh_id},
                                                           {"product_id", tee_id},
                                                           {"low_stock_threshold", 15}});
  ASSERT_EQ(threshold.status, 200) << threshold.body;
  EXPECT_EQ(threshold.json()["low_stock_threshold"], 15);
  EXPECT_EQ(admin_->put("/api/v1/stock/threshold", {{"warehouse_id", wh_id},
                                                     {"product_id", tee_id},
                                                     {"low_stock_threshold", -1}})
                .status,
            400);
  EXPECT_EQ(admin_->get("/api/v1/stock?low=true").json()["total"], 2);
  EXPECT_EQ(admin_->get("/api/v1/stock?product_id=" + std::to_string(tee_id)).json()["total"], 1);
  EXPECT_EQ(admin_->get("/api/v1/stock?low=maybe").status, 400);

  // The ledger, newest first, filtered and paged.
  json moves = admin_->get("/api/v1/stock/movements").json();
  ASSERT_EQ(moves["total"], 4) << moves.dump();
  EXPECT_EQ(moves["items"][0]["kind"], "adjust");
  EXPECT_EQ(moves["items"][0]["quantity"], -1);  // the shoe: counted 4 of 5
  EXPECT_EQ(moves["items"][0]["reason"], "盘点");
  EXPECT_EQ(moves["items"][3]["kind"], "in");
  EXPECT_EQ(moves["items"][3]["quantity"], 20);
  EXPECT_EQ(moves["items"][3]["reason"], "采购单 PO-1");
  EXPECT_EQ(admin_->get("/api/v1/stock/movements?kind=in").json()["total"], 2);
  EXPECT_EQ(admin_->get("/api/v1/stock/movements?product_id=" + std::to_string(tee_id))
                .json()["total"],
            2);
  EXPECT_EQ(admin_->get("/api/v1/stock/movements?from=2000-01-01&to=2000-01-02").json()["total"],
            0);
  const json page = admin_->get("/api/v1/stock/movements?limit=3").json();
  ASSERT_TRUE(page["next_after"].is_string());
  const json rest = admin_->get("/api/v1/stock/movements?limit=3&after=" +
                                page["next_after"].get<std::string>())
                        .json();
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["kind"], "in");
  EXPECT_EQ(admin_->get("/api/v1/stock/movements?kind=lost").status, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'stock.%'"), 4);
}

TEST_P(OrdersCatalogApiTest, SalespersonReadsButCannotWrite) {
  const json wh = created("/api/v1/warehouses", {{"code", "WH1"}, {"name", "主仓"}});
  const json tee = created("/api/v1/products", {{"sku", "TS-01"}, {"name", "T恤"},
                                                {"price_fen", 5900}});
  auto sales = salesperson();
  EXPECT_EQ(sales->get("/api/v1/products").status, 200);
  EXPECT_EQ(sales->get("/api/v1/products/" + std::to_string(tee["id"].get<int64_t>())).status, 200);
  EXPECT_EQ(sales->get("/api/v1/warehouses").status, 200);
  EXPECT_EQ(sales->get("/api/v1/stock").status, 200);
  EXPECT_EQ(sales->get("/api/v1/stock/movements").status, 200);
  EXPECT_EQ(sales->get("/api/v1/product-categories").status, 200);
  EXPECT_EQ(sales->post("/api/v1/products", {{"sku", "X"}, {"name", "x"}, {"price_fen", 1}})
                .status,
            403);
  EXPECT_EQ(sales->post("/api/v1/product-categories", {{"name", "x"}}).status, 403);
  EXPECT_EQ(sales->post("/api/v1/warehouses", {{"code", "W9"}, {"name", "x"}}).status, 403);
  EXPECT_EQ(sales->post("/api/v1/stock/receive",
                        {{"warehouse_id", wh["id"]},
                         {"lines", {{{"product_id", tee["id"]}, {"quantity", 1}}}}})
                .status,
            403);
  EXPECT_EQ(sales->post("/api/v1/stock/adjust", {{"warehouse_id", wh["id"]},
                                                 {"product_id", tee["id"]},
                                                 {"quantity", 1},
                                                 {"reason", "x"}})
                .status,
            403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM products"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock"), 0);
}

INSTANTIATE_TEST_SUITE_P(Databases, OrdersCatalogApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
