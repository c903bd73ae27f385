// SPDX-License-Identifier: Apache-2.0
// Orders end to end (issue 6, ORD-1..4) against the real binary on SQLite and PostgreSQL:
// idempotent intake, audit holds, the state machine with its stock movements, data scope,
// masking, historical import and the customer's first purchase.
#include <algorithm>
#include <set>
#include <thread>

#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

using nlohmann::json;

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

class OrdersApiTest : public ApiTest {
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
    // The catalog is seeded directly: these tests are about orders, not the catalog routes.
    db_->sql("INSERT INTO warehouses (code, name, is_default, created_at_ms, updated_at_ms) "
             "VALUES ('WH1', '杭州仓', 1, 0, 0)");
    db_->sql("INSERT INTO products (sku, name, price_fen, created_at_ms, updated_at_ms) VALUES "
             "('SKU-A', '商品SKU-A', 1000, 0, 0), ('SKU-B', '商品SKU-B', 2500, 0, 0)");
    db_->sql("INSERT INTO stock (product_id, warehouse_id, on_hand, reserved, updated_at_ms) "
             "SELECT p.id, w.id, CASE p.sku WHEN 'SKU-A' THEN 10 ELSE 5 END, 0, 0 "
             "FROM products p, warehouses w");
  }

  static json order_body(const std::string& external_id, int quantity = 2) {
    json body{{"platform", "taobao"},
              {"customer", {{"name", "李雷"}, {"phone", "138 0013 8000"}}},
              {"items", {{{"sku", "SKU-A"}, {"quantity", quantity}},
                         {{"sku", "SKU-B"}, {"quantity", 1}, {"unit_price_fen", 2000}}}},
              {"shipping_fee_fen", 600},
              {"receiver", {{"name", "李雷"}, {"phone", "13800138000"}, {"province", "浙江省"},
                            {"city", "杭州市"}, {"district", "西湖区"},
                            {"address", "文三路100号"}}}};
    if (!external_id.empty()) body["external_id"] = external_id;
    return body;
  }

  // "on_hand/reserved" of a SKU in the default warehouse.
  std::string stock(const std::string& sku) {
    return trimmed(db_->sql("SELECT s.on_hand || '/' || s.reserved FROM stock s JOIN products p "
                            "ON p.id = s.product_id WHERE p.sku = '" + sku + "'"));
  }

  int64_t count(const std::string& sql) { return std::stoll(trimmed(db_->sql(sql))); }

  HttpResult raw(const std::string& method, const std::string& path, const std::string& body,
                 std::vector<std::string> extra = {}) {
    HttpClient client(server_->base_url());
    extra.insert(extra.end(), {"Content-Type: application/json",
                               "Cookie: " + admin_->session_cookie(),
                               "X-CSRF-Token: " + admin_->csrf_token()});
    return client.request(method, path, body, extra);
  }

  HttpResult act(const std::string& id, const std::string& action, const json& body = json::object()) {
    return admin_->post("/api/v1/orders/" + id + "/" + action, body);
  }

  std::unique_ptr<ApiSession> salesperson(const std::string& username) {
    const json roles = admin_->get("/api/v1/roles").json();
    int64_t role = 0;
    for (const auto& r : roles["items"]) {
      if (r["name"] == "salesperson") role = r["id"];
    }
    auto created = admin_->post("/api/v1/users", {{"username", username},
                                                  {"display_name", username},
                                                  {"password", "Sales-Pass-2026"},
                                                  {"role_ids", {role}}});
    EXPECT_EQ(created.status, 201) << created.body;
    auto session = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    EXPECT_EQ(session->login(username, "Sales-Pass-2026").status, 200);
    return session;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
};

TEST_P(OrdersApiTest, TheSameOrderPostedTwiceCreatesOneEvenConcurrently) {
  auto first = admin_->post("/api/v1/orders", order_body("TB-1"));
  ASSERT_EQ(first.status, 201) << first.body;
  const json order = first.json();
  EXPECT_EQ(order["number"].get<std::string>().rfind("D", 0), 0u);
  EXPECT_EQ(order["number"].get<std::string>().size(), 15u);
  EXPECT_EQ(order["items_fen"], 4000);
  EXPECT_EQ(order["total_fen"], 4600);
  EXPECT_EQ(order["status"], "approved");
  auto again = admin_->post("/api/v1/orders", order_body("TB-1"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["id"], order["id"]);
  EXPECT_EQ(stock("SKU-A"), "10/2");

  std::vector<std::thread> threads;
  std::vector<long> statuses(4);
  for (size_t i = 0; i < statuses.size(); ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = raw("POST", "/api/v1/orders", order_body("TB-2").dump()).status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE external_id = 'TB-2'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 1);  // matched by phone every time
  EXPECT_EQ(stock("SKU-A"), "10/4");
}

// The last unit of SKU-B, wanted by several orders at once: exactly one reserves it and is
// approved; the others wait for audit with the stock reason, and approving them is refused while
// the stock is short.
TEST_P(OrdersApiTest, ConcurrentOrdersForTheLastUnitLetExactlyOneReserveIt) {
  db_->sql("UPDATE stock SET on_hand = 1 WHERE product_id = (SELECT id FROM products "
           "WHERE sku = 'SKU-B')");
  std::vector<std::thread> threads;
  std::vector<json> answers(5);
  for (size_t i = 0; i < answers.size(); ++i) {
    threads.emplace_back([&, i] {
      json body = order_body("LAST-" + std::to_string(i));
      body["items"] = json::array({{{"sku", "SKU-B"}, {"quantity", 1}}});
      const auto answer = raw("POST", "/api/v1/orders", body.dump());
      answers[i] = answer.status == 201 ? answer.json() : json{{"http", answer.status}};
    });
  }
  for (auto& t : threads) t.join();
  int approved = 0;
  std::vector<std::string> held;
  for (const auto& a : answers) {
    ASSERT_TRUE(a.contains("status")) << a.dump();
    if (a["status"] == "approved") ++approved;
    if (a["status"] == "pending_audit") {
      EXPECT_EQ(a["audit_reasons"][0]["rule"], "stock_available") << a.dump();
      held.push_back(std::to_string(a["id"].get<int64_t>()));
    }
  }
  EXPECT_EQ(approved, 1);
  ASSERT_EQ(held.size(), 4u);
  EXPECT_EQ(stock("SKU-B"), "1/1");
  const auto refused = act(held[0], "approve", {{"note", "再试一次"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json()["error"]["code"], "stock.insufficient");
  EXPECT_EQ(stock("SKU-B"), "1/1");
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'reserve'"), 1);
}

TEST_P(OrdersApiTest, IdempotencyKeyReplaysAndRefusesADifferentBody) {
  const std::string body = order_body("").dump();
  auto first = raw("POST", "/api/v1/orders", body, {"Idempotency-Key: key-1"});
  ASSERT_EQ(first.status, 201) << first.body;
  auto replay = raw("POST", "/api/v1/orders", body, {"Idempotency-Key: key-1"});
  ASSERT_EQ(replay.status, 201) << replay.body;
  EXPECT_EQ(replay.json()["id"], first.json()["id"]);
  auto other = raw("POST", "/api/v1/orders", order_body("", 3).dump(), {"Idempotency-Key: key-1"});
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(other.json()["error"]["code"], "idempotency.mismatch");
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 1);
}

TEST_P(OrdersApiTest, InvalidOrdersNameTheFieldAndChangeNothing) {
  json body = order_body("BAD-1");
  body["items"][1]["sku"] = "NOPE";
  auto unknown = admin_->post("/api/v1/orders", body);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json()["error"]["field"], "items[1].sku");
  body = order_body("BAD-2");
  body["items"][0]["quantity"] = 10000;
  EXPECT_EQ(admin_->post("/api/v1/orders", body).json()["error"]["field"], "items[0].quantity");
  body = order_body("BAD-3");
  body["discount_fen"] = 999999;
  EXPECT_EQ(admin_->post("/api/v1/orders", body).json()["error"]["field"], "discount_fen");
  body = order_body("BAD-4");
  body["customer"]["phone"] = "12345";
  EXPECT_EQ(admin_->post("/api/v1/orders", body).json()["error"]["field"], "customer.phone");
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 0);
  EXPECT_EQ(stock("SKU-A"), "10/0");
}

TEST_P(OrdersApiTest, AnOrderFailingAuditWaitsWithReasonsAndApproveMovesItOn) {
  json body = order_body("AUD-1", 3);
  body["receiver"].erase("address");
  auto created = admin_->post("/api/v1/orders", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["status"], "pending_audit");
  EXPECT_EQ(created.json()["audit_reasons"][0]["rule"], "address_incomplete");
  EXPECT_EQ(stock("SKU-A"), "10/0");  // nothing reserved while waiting
  const std::string id = std::to_string(created.json()["id"].get<int64_t>());

  auto queue = admin_->get("/api/v1/orders/audit-queue");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(queue.json()["total"], 1);
  EXPECT_EQ(act(id, "pay").status, 409);  // not approved yet

  auto approved = act(id, "approve", {{"note", "已电话确认地址"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved");
  EXPECT_EQ(stock("SKU-A"), "10/3");
  EXPECT_EQ(admin_->get("/api/v1/orders/audit-queue").json()["total"], 0);

  // A blacklisted customer is held too; reject needs a note and closes the order.
  const int64_t customer = created.json()["customer_id"];
  auto credit = admin_->put("/api/v1/customers/" + std::to_string(customer) + "/credit",
                            {{"blacklisted", true}, {"note", "恶意退货"}});
  ASSERT_EQ(credit.status, 200) << credit.body;
  auto held = admin_->post("/api/v1/orders", order_body("AUD-2"));
  ASSERT_EQ(held.status, 201) << held.body;
  EXPECT_EQ(held.json()["status"], "pending_audit");
  EXPECT_EQ(held.json()["audit_reasons"][0]["rule"], "blacklisted");
  const std::string held_id = std::to_string(held.json()["id"].get<int64_t>());
  auto no_note = act(held_id, "reject");
  EXPECT_EQ(no_note.status, 400);
  EXPECT_EQ(no_note.json()["error"]["field"], "note");
  auto rejected = act(held_id, "reject", {{"note", "黑名单客户"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json()["status"], "closed");
  EXPECT_EQ(stock("SKU-A"), "10/3");
}

TEST_P(OrdersApiTest, IllegalTransitionsAreRefused) {
  auto created = admin_->post("/api/v1/orders", order_body("ILL-1"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.json()["id"].get<int64_t>());
  for (const char* action : {"ship", "complete", "deliver", "pack", "approve", "pick"}) {
    auto refused = act(id, action);
    EXPECT_EQ(refused.status, 409) << action << " " << refused.body;
    EXPECT_EQ(refused.json()["error"]["code"], "order.illegal_transition");
    EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("approved"),
              std::string::npos);
  }
  auto wrong_amount = act(id, "pay", {{"amount_fen", 1}});
  EXPECT_EQ(wrong_amount.status, 400);
  EXPECT_EQ(wrong_amount.json()["error"]["field"], "amount_fen");
  auto stale = raw("POST", "/api/v1/orders/" + id + "/pay", "{}", {"If-Match: \"99\""});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(admin_->get("/api/v1/orders/" + id).json()["status"], "approved");
}

TEST_P(OrdersApiTest, HappyPathMovesStockWritesEventsAndMakesTheCustomerTransacted) {
  auto created = admin_->post("/api/v1/orders", order_body("OK-1", 4));
  ASSERT_EQ(created.status, 201) << created.body;
  const json order = created.json();
  const std::string id = std::to_string(order["id"].get<int64_t>());
  const std::string customer = "/api/v1/customers/" + std::to_string(order["customer_id"].get<int64_t>());
  EXPECT_EQ(admin_->get(customer).json()["stage"], "potential");

  auto paid = raw("POST", "/api/v1/orders/" + id + "/pay",
                  json{{"amount_fen", order["total_fen"]}, {"method", "alipay"}}.dump(),
                  {"If-Match: " + created.header("etag")});
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json()["paid_fen"], order["total_fen"]);
  EXPECT_EQ(admin_->get(customer).json()["stage"], "transacted");
  ASSERT_EQ(act(id, "pick").status, 200);
  auto picks = admin_->get("/api/v1/orders/pick-list?status=picking");
  ASSERT_EQ(picks.status, 200) << picks.body;
  EXPECT_EQ(picks.json()["items"][0]["sku"], "SKU-A");
  EXPECT_EQ(picks.json()["items"][0]["quantity"], 4);
  ASSERT_EQ(act(id, "pack").status, 200);
  auto no_tracking = act(id, "ship", {{"carrier", "顺丰"}});
  EXPECT_EQ(no_tracking.status, 400);
  EXPECT_EQ(no_tracking.json()["error"]["field"], "tracking_number");
  auto shipped = act(id, "ship", {{"carrier", "顺丰"}, {"tracking_number", "SF1001"}});
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  EXPECT_EQ(stock("SKU-A"), "6/0");
  EXPECT_EQ(stock("SKU-B"), "4/0");
  EXPECT_EQ(act(id, "cancel").status, 409);  // after shipping: after-sales
  ASSERT_EQ(act(id, "deliver").status, 200);
  auto completed = act(id, "complete");
  ASSERT_EQ(completed.status, 200) << completed.body;
  EXPECT_EQ(completed.json()["status"], "completed");

  const json detail = admin_->get("/api/v1/orders/" + id).json();
  std::vector<std::string> actions;
  for (const auto& e : detail["events"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "pay", "pick", "pack", "ship", "deliver",
                                               "complete"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE order_id = " + id +
                  " AND kind = 'reserve'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE order_id = " + id +
                  " AND kind = 'out'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_events WHERE type IN ('order.created', "
                  "'order.approved', 'order.paid', 'order.shipped', 'order.delivered', "
                  "'order.completed')"), 6);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'order.%'"), 7);
  EXPECT_GE(count("SELECT COUNT(*) FROM jobs WHERE queue = 'messaging.send'"), 3);
}

TEST_P(OrdersApiTest, CancelReleasesReservedStockAndTrackingDelivers) {
  auto created = admin_->post("/api/v1/orders", order_body("CAN-1", 3));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.json()["id"].get<int64_t>());
  EXPECT_EQ(stock("SKU-A"), "10/3");
  auto cancelled = act(id, "cancel", {{"reason", "买家不要了"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["status"], "cancelled");
  EXPECT_EQ(stock("SKU-A"), "10/0");
  EXPECT_EQ(stock("SKU-B"), "5/0");
  EXPECT_EQ(act(id, "cancel").status, 409);

  // A cash-on-delivery order: picked before payment, delivered by a carrier push, paid at the door.
  json cod = order_body("COD-1");
  cod["payment_method"] = "cod";
  auto second = admin_->post("/api/v1/orders", cod);
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string cod_id = std::to_string(second.json()["id"].get<int64_t>());
  ASSERT_EQ(act(cod_id, "pick").status, 200);
  ASSERT_EQ(act(cod_id, "pack").status, 200);
  ASSERT_EQ(act(cod_id, "ship", {{"carrier", "中通"}, {"tracking_number", "ZT77"}}).status, 200);
  auto pushed = admin_->post("/api/v1/logistics/tracking",
                             {{"tracking_number", "ZT77"},
                              {"events", {{{"status", "in_transit"}, {"location", "杭州"}},
                                          {{"status", "delivered"}, {"location", "西湖区"}}}}});
  ASSERT_EQ(pushed.status, 201) << pushed.body;
  EXPECT_EQ(pushed.json()["status"], "delivered");
  EXPECT_EQ(pushed.json()["paid_fen"], second.json()["total_fen"]);
  auto tracking = admin_->get("/api/v1/orders/" + cod_id + "/tracking");
  EXPECT_EQ(tracking.json()["items"].size(), 2u);
  EXPECT_EQ(admin_->post("/api/v1/logistics/tracking",
                         {{"tracking_number", "NOPE"}, {"events", {{{"status", "collected"}}}}})
                .status, 404);
}

TEST_P(OrdersApiTest, SalespersonSeesOnlyOwnCustomersOrdersWithMaskedReceiver) {
  auto sales = salesperson("wangfang");
  auto own_customer = sales->post("/api/v1/customers", {{"name", "韩梅梅"}});
  ASSERT_EQ(own_customer.status, 201) << own_customer.body;
  json body = order_body("SC-1");
  body.erase("customer");
  body["customer_id"] = own_customer.json()["id"];
  auto own = admin_->post("/api/v1/orders", body);
  ASSERT_EQ(own.status, 201) << own.body;
  auto others = admin_->post("/api/v1/orders", order_body("SC-2"));
  ASSERT_EQ(others.status, 201) << others.body;

  auto list = sales->get("/api/v1/orders");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["total"], 1);
  EXPECT_EQ(list.json()["items"][0]["id"], own.json()["id"]);
  const std::string own_path = "/api/v1/orders/" + std::to_string(own.json()["id"].get<int64_t>());
  auto mine = sales->get(own_path);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json()["receiver"]["phone"], "138****8000");
  EXPECT_EQ(mine.json()["receiver"]["address"].get<std::string>().find("100"), std::string::npos);
  EXPECT_EQ(sales->get(own_path + "?reveal=true").status, 403);
  EXPECT_EQ(sales->get("/api/v1/orders/" + std::to_string(others.json()["id"].get<int64_t>()))
                .status, 404);
  EXPECT_EQ(sales->post(own_path + "/pay", json::object()).status, 403);  // no orders.edit

  EXPECT_EQ(admin_->get(own_path).json()["receiver"]["phone"], "138****8000");
  auto revealed = admin_->get(own_path + "?reveal=true");
  EXPECT_EQ(revealed.json()["receiver"]["phone"], "13800138000");
  EXPECT_EQ(revealed.json()["receiver"]["address"], "文三路100号");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'order.pii_viewed'"), 1);
  const std::string stored = db_->sql("SELECT * FROM orders");
  EXPECT_EQ(stored.find("13800138000"), std::string::npos);
}

TEST_P(OrdersApiTest, AnImportWithABadRowChangesNothingAndNamesTheRow) {
  const std::string header =
      "external_id,platform,status,placed_at,customer_name,customer_phone,sku,quantity,"
      "unit_price_fen\n";
  const std::string bad = header +
                          "H-1,jd,completed,2025-03-01,张三,13900139000,SKU-A,2,900\n"
                          "H-1,jd,completed,2025-03-01,张三,13900139000,SKU-B,1,\n"
                          "H-2,jd,cancelled,2025-04-01,李四,,SKU-X,1,100\n";
  HttpClient client(server_->base_url());
  auto upload = [&](const std::string& csv, bool dry_run) {
    return client.request("POST",
                          std::string("/api/v1/orders/import") + (dry_run ? "?dry_run=true" : ""),
                          csv,
                          {"Content-Type: text/csv", "Cookie: " + admin_->session_cookie(),
                           "X-CSRF-Token: " + admin_->csrf_token()});
  };
  auto refused = upload(bad, false);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["errors"][0]["row"], 4);
  EXPECT_EQ(refused.json()["errors"][0]["column"], "sku");
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 0);

  std::string good = bad;
  good.replace(good.find("SKU-X"), 5, "SKU-B");
  auto dry = upload(good, true);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.json()["orders"], 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 0);
  auto imported = upload(good, false);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.json()["created"], 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE status = 'completed' AND total_fen = 4300"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE status = 'cancelled'"), 1);
  EXPECT_EQ(stock("SKU-A"), "10/0");  // history moves no stock
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE queue = 'messaging.send'"), 0);
  EXPECT_EQ(upload(good, false).json()["skipped"], 2);  // importing again changes nothing
}

// The import as a background job: upload -> start with a mapping -> progress -> report.
TEST_P(OrdersApiTest, AnImportJobChecksEveryRowThenWritesOnceAndSkipsOnReimport) {
  auto wait_done = [&](const std::string& url) {
    json last;
    for (int i = 0; i < 1200; ++i) {
      auto got = admin_->get(url);
      if (got.status == 503) {  // SQLite: the import's write transaction holds the writer
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      EXPECT_EQ(got.status, 200) << got.body;
      last = got.json();
      if (last["status"] == "succeeded" || last["status"] == "failed") return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "not finished: " << last.dump();
    return last;
  };
  // "单号" is no known header: the user maps it to external_id.
  auto run = [&](const std::string& csv, bool dry_run) {
    auto uploaded = admin_->send("POST", "/api/v1/order-imports?filename=history.csv", csv);
    EXPECT_EQ(uploaded.status, 201) << uploaded.body;
    const json record = uploaded.json();
    EXPECT_EQ(record["status"], "uploaded");
    EXPECT_TRUE(record["suggested_mapping"]["单号"].is_null());
    json mapping = record["suggested_mapping"];
    mapping["单号"] = "external_id";
    const std::string url = "/api/v1/order-imports/" + std::to_string(record["id"].get<int64_t>());
    auto started = admin_->post(url + "/start", {{"mapping", mapping}, {"dry_run", dry_run}});
    EXPECT_EQ(started.status, 202) << started.body;
    return std::pair{url, wait_done(url)};
  };
  const std::string header = "单号,平台,状态,下单时间,客户姓名,客户手机,商品编码,数量,单价(分)\n";
  const std::string bad = header +
                          "H-1,jd,completed,2025-03-01,张三,13900139000,SKU-A,2,900\n"
                          "H-1,jd,completed,2025-03-01,张三,13900139000,SKU-B,1,\n"
                          "H-2,jd,cancelled,2025-04-01,李四,,SKU-X,1,100\n"
                          "H-3,jd,completed,2025-04-02,王五,13700137000,SKU-A,0,100\n";
  auto [bad_url, failed] = run(bad, false);
  EXPECT_EQ(failed["status"], "failed") << failed.dump();
  EXPECT_EQ(failed["error_count"], 2);
  EXPECT_EQ(failed["errors"][0]["row"], 4);
  EXPECT_EQ(failed["errors"][0]["column"], "sku");
  EXPECT_EQ(failed["errors"][0]["code"], "order.unknown_sku");
  EXPECT_EQ(failed["errors"][1]["row"], 5);
  EXPECT_EQ(failed["errors"][1]["column"], "quantity");
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 0);
  auto report = admin_->get(bad_url + "/errors");
  ASSERT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("order.unknown_sku"), std::string::npos);
  EXPECT_NE(report.body.find("\n4,sku,"), std::string::npos) << report.body;

  // Rows of one order apart from each other are refused, naming both rows.
  auto [split_url, split] = run(header +
                                    "S-1,jd,completed,2025-03-01,张三,13900139000,SKU-A,1,\n"
                                    "S-2,jd,completed,2025-03-01,张三,13900139000,SKU-A,1,\n"
                                    "S-1,jd,completed,2025-03-01,张三,13900139000,SKU-B,1,\n",
                                false);
  EXPECT_EQ(split["status"], "failed");
  EXPECT_EQ(split["errors"][0]["code"], "order_import.split_order");
  EXPECT_EQ(split["errors"][0]["row"], 4);

  std::string good = bad.substr(0, bad.rfind("H-3"));
  good.replace(good.find("SKU-X"), 5, "SKU-B");
  auto [dry_url, dry] = run(good, true);
  EXPECT_EQ(dry["status"], "succeeded") << dry.dump();
  EXPECT_EQ(dry["orders"], 2);
  EXPECT_EQ(dry["created"], 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 0);

  auto [url, done] = run(good, false);
  EXPECT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(done["processed"], 3);  // progress reaches the row count
  EXPECT_EQ(done["row_count"], 3);
  EXPECT_EQ(done["created"], 2);
  EXPECT_EQ(done["skipped"], 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE status = 'completed' AND total_fen = 4300"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM order_items"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM order_events WHERE action = 'import'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM order_import_parts"), 0);  // the file is gone
  EXPECT_EQ(stock("SKU-A"), "10/0");  // history moves no stock

  auto [again_url, again] = run(good, false);
  EXPECT_EQ(again["status"], "succeeded");
  EXPECT_EQ(again["created"], 0);
  EXPECT_EQ(again["skipped"], 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'orders.imported'"), 2);
  // One domain event for the import that wrote orders (analytics rebuilds on it), none for the
  // re-import that skipped them all.
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_events WHERE type = 'orders.imported'"), 1);

  auto listed = admin_->get("/api/v1/order-imports?limit=2");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["items"].size(), 2u);
  EXPECT_FALSE(listed.json()["next_after"].is_null());
  auto restart = admin_->post(url + "/start", {{"mapping", json::object()}});
  EXPECT_EQ(restart.status, 400);  // the mapping lacks the required fields
  EXPECT_EQ(admin_->send("POST", "/api/v1/order-imports?filename=x.csv", "").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Databases, OrdersApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
