// SPDX-License-Identifier: Apache-2.0
// After-sales through its routes on both databases: validation, the full return flow with
// restocking, refunds capped by the payment (also under two concurrent refunds), data scope and
// illegal moves.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "modules/orders/after_sale_test_fixture.h"

namespace crm::orders {
namespace {

using http::Status;

class AfterSaleServiceTest : public AfterSaleFixture {
 protected:
  void SetUp() override {
    AfterSaleFixture::SetUp();
    if (IsSkipped()) return;
    customer_ = create("admin", {{"name", "李雷"}})["id"];
    // 2 T恤 at 50.00 + 1 跑鞋 at 300.00 + 10.00 shipping = 410.00, paid in full.
    order_ = seed_order({.customer_id = customer_,
                         .status = "delivered",
                         .placed_at_ms = clock_.now_ms() - 86'400'000,
                         .lines = {{1, 2, 5000}, {2, 1, 30000}},
                         .shipping_fee_fen = 1000});
  }

  Json request(const Json& fields, const std::string& actor = "admin") {
    Json body = {{"order_id", order_}, {"kind", "return"}, {"reason", "尺码不合适"}};
    body.update(fields);
    http::Response response = post(actor, "/api/v1/after-sales", body);
    EXPECT_EQ(response.status(), Status::kCreated) << response.body();
    return this->body(response);
  }

  Json act(int64_t id, std::string_view action, const Json& body = Json::object(),
           Status expected = Status::kOk) {
    http::Response response = post("admin", path(id, action), body);
    EXPECT_EQ(response.status(), expected) << action << ": " << response.body();
    return this->body(response);
  }

  int64_t customer_ = 0;
  int64_t order_ = 0;
};

TEST_P(AfterSaleServiceTest, RejectsBadInputWithTheFieldAndWritesNothing) {
  const int64_t line1 = item_id(order_, 1);
  // The fixture's own writes (its customer's customer.created) are already in the outbox.
  const int64_t events_before = count("SELECT COUNT(*) FROM outbox_events");
  struct Case {
    Json body;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"kind", "return"}, {"reason", "x"}, {"items", {{{"order_item_id", line1}, {"quantity", 1}}}}},
       "validation.required", "order_id"},
      {{{"order_id", order_}, {"kind", "repair"}, {"reason", "x"}}, "validation.enum", "kind"},
      {{{"order_id", order_}, {"kind", "return"}, {"items", {{{"order_item_id", line1}, {"quantity", 1}}}}},
       "validation.required", "reason"},
      {{{"order_id", order_}, {"kind", "return"}, {"reason", "x"}}, "after_sale.items_required",
       "items"},
      {{{"order_id", order_}, {"kind", "return"}, {"reason", "x"},
        {"items", {{{"order_item_id", line1}, {"quantity", 3}}}}},
       "after_sale.quantity_exceeds", "items[0].quantity"},
      {{{"order_id", order_}, {"kind", "return"}, {"reason", "x"},
        {"items", {{{"order_item_id", line1}, {"quantity", 0}}}}},
       "validation.range", "items[0].quantity"},
      {{{"order_id", order_}, {"kind", "return"}, {"reason", "x"},
        {"items", {{{"order_item_id", line1}, {"quantity", 1}}, {{"order_item_id", line1}, {"quantity", 1}}}}},
       "after_sale.duplicate_item", "items[1].order_item_id"},
      {{{"order_id", order_}, {"kind", "return"}, {"reason", "x"},
        {"items", {{{"order_item_id", 999}, {"quantity", 1}}}}},
       "after_sale.unknown_item", "items[0].order_item_id"},
      {{{"order_id", order_}, {"kind", "refund_only"}, {"reason", "x"},
        {"photos", Json::array({1, 2, 3, 4, 5, 6, 7, 8, 9, 10})}},
       "validation.length", "photos"},
      {{{"order_id", order_}, {"kind", "refund_only"}, {"reason", "x"},
        {"photos", {"javascript:alert(1)"}}},
       "validation.photo", "photos[0]"},
      {{{"order_id", order_}, {"kind", "refund_only"}, {"reason", "x"}, {"requested_fen", 41001}},
       "after_sale.requested_exceeds_paid", "requested_fen"},
  };
  for (const auto& c : cases) {
    http::Response response = post("admin", "/api/v1/after-sales", c.body);
    EXPECT_EQ(response.status(), Status::kBadRequest) << c.body.dump() << response.body();
    const Json error = body(response)["error"];
    EXPECT_EQ(error["code"], c.code) << c.body.dump();
    EXPECT_EQ(error["field"], c.field) << c.body.dump();
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM after_sales"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_events"), events_before);
}

TEST_P(AfterSaleServiceTest, TakesRequestsOnlyForPaidShippedDeliveredOrCompletedOrders) {
  for (const std::string status : {"pending_audit", "approved", "cancelled", "closed"}) {
    const int64_t order = seed_order({.customer_id = customer_, .status = status,
                                      .lines = {{1, 1, 5000}}, .paid_fen = 0});
    http::Response response = post("admin", "/api/v1/after-sales",
                                   {{"order_id", order}, {"kind", "refund_only"}, {"reason", "x"}});
    EXPECT_EQ(response.status(), Status::kConflict) << status;
    EXPECT_EQ(body(response)["error"]["code"], "after_sale.order_not_eligible");
  }
  http::Response missing = post("admin", "/api/v1/after-sales",
                                {{"order_id", 9999}, {"kind", "refund_only"}, {"reason", "x"}});
  EXPECT_EQ(missing.status(), Status::kNotFound);
  EXPECT_EQ(body(missing)["error"]["code"], "order.not_found");
}

TEST_P(AfterSaleServiceTest, FullReturnFlowRestocksRefundsAndLogsEveryStep) {
  const int64_t line1 = item_id(order_, 1);
  const Json created = request({{"items", {{{"order_item_id", line1}, {"quantity", 2}}}},
                                {"requested_fen", 10000},
                                {"photos", {17, "https://img.example.com/a.jpg"}},
                                {"note", "包装完好"}});
  const int64_t id = created["id"];
  EXPECT_EQ(created["number"], "R20261118000001");
  EXPECT_EQ(created["status"], "requested");
  EXPECT_EQ(created["order"]["refundable_fen"], 41000);
  ASSERT_EQ(created["items"].size(), 1u);
  EXPECT_EQ(created["items"][0]["sku"], "TS-01");
  EXPECT_EQ(created["photos"], Json({17, "https://img.example.com/a.jpg"}));
  // The two T恤 are claimed by the open request: a second return of them is refused.
  http::Response again = post("admin", "/api/v1/after-sales",
                              {{"order_id", order_}, {"kind", "exchange"}, {"reason", "x"},
                               {"items", {{{"order_item_id", line1}, {"quantity", 1}}}}});
  EXPECT_EQ(body(again)["error"]["code"], "after_sale.quantity_exceeds");

  // Not yet approved: receiving and refunding are illegal.
  EXPECT_EQ(act(id, "receive", {{"restock", true}, {"warehouse_id", 1}}, Status::kConflict)
                ["error"]["code"], "after_sale.illegal_transition");
  EXPECT_EQ(act(id, "refund", {{"amount_fen", 100}}, Status::kConflict)["error"]["code"],
            "after_sale.illegal_transition");
  EXPECT_EQ(act(id, "approve")["status"], "approved");
  EXPECT_EQ(act(id, "receive", {{"restock", true}, {"warehouse_id", 2}}, Status::kBadRequest)
                ["error"]["field"], "warehouse_id");
  EXPECT_EQ(act(id, "receive", {{"warehouse_id", 1}}, Status::kBadRequest)["error"]["field"],
            "restock");
  const Json received = act(id, "receive", {{"restock", true}, {"warehouse_id", 1}});
  EXPECT_EQ(received["status"], "goods_received");
  EXPECT_EQ(received["restocked"], true);
  EXPECT_EQ(count("SELECT on_hand FROM stock WHERE product_id = 1 AND warehouse_id = 1"), 12);
  EXPECT_EQ(count("SELECT returned_quantity FROM order_items WHERE id = " + std::to_string(line1)), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'in' AND quantity = 2 AND "
                  "product_id = 1 AND after_sale_id = " + std::to_string(id) +
                  " AND order_id = " + std::to_string(order_)), 1);
  EXPECT_EQ(act(id, "reship", {{"carrier", "SF"}, {"tracking_number", "1"}}, Status::kConflict)
                ["error"]["code"], "after_sale.illegal_transition");

  const Json refunded = act(id, "refund", {{"amount_fen", 10000}, {"note", "原路退回"}});
  EXPECT_EQ(refunded["status"], "refunded");
  EXPECT_EQ(refunded["refund_fen"], 10000);
  EXPECT_EQ(refunded["order"]["refunded_fen"], 10000);
  EXPECT_EQ(refunded["order"]["refundable_fen"], 31000);
  const Json closed = act(id, "close");
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_TRUE(closed["closed_at"].is_number_integer());

  ASSERT_EQ(closed["events"].size(), 5u);
  EXPECT_TRUE(closed["events"][0]["from_status"].is_null());
  EXPECT_EQ(closed["events"][3]["to_status"], "refunded");
  EXPECT_EQ(closed["events"][3]["note"], "原路退回");
  EXPECT_EQ(closed["events"][3]["actor_name"], "Staff admin");
  for (const std::string type : {"requested", "approved", "goods_received", "refunded", "closed"}) {
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_events WHERE type = 'after_sale." + type + "'"), 1)
        << type;
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'after_sale." + type +
                    "' AND target_id = '" + std::to_string(id) + "'"), 1)
        << type;
  }
  // Returned goods free the line for nothing more: 2 of 2 are back.
  http::Response more = post("admin", "/api/v1/after-sales",
                             {{"order_id", order_}, {"kind", "return"}, {"reason", "x"},
                              {"items", {{{"order_item_id", line1}, {"quantity", 1}}}}});
  EXPECT_EQ(body(more)["error"]["code"], "after_sale.quantity_exceeds");
}

TEST_P(AfterSaleServiceTest, ExchangeWithoutRestockIsReshippedAndRejectionNeedsANote) {
  const int64_t line2 = item_id(order_, 2);
  const int64_t id = request({{"kind", "exchange"},
                              {"items", {{{"order_item_id", line2}, {"quantity", 1}}}}})["id"];
  act(id, "approve");
  act(id, "receive", {{"restock", false}});
  EXPECT_EQ(count("SELECT on_hand FROM stock WHERE product_id = 2"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements"), 0);
  EXPECT_EQ(act(id, "refund", {{"amount_fen", 1}}, Status::kConflict)["error"]["code"],
            "after_sale.illegal_transition");
  EXPECT_EQ(act(id, "reship", {{"carrier", "顺丰"}}, Status::kBadRequest)["error"]["field"],
            "tracking_number");
  const Json reshipped = act(id, "reship", {{"carrier", "顺丰"}, {"tracking_number", "SF123"}});
  EXPECT_EQ(reshipped["status"], "reshipped");
  EXPECT_EQ(reshipped["reship_tracking_number"], "SF123");

  const int64_t other = request({{"kind", "refund_only"}})["id"];
  EXPECT_EQ(act(other, "reject", Json::object(), Status::kBadRequest)["error"]["field"], "note");
  EXPECT_EQ(act(other, "reject", {{"note", "超过售后期"}})["status"], "rejected");
  EXPECT_EQ(act(other, "approve", Json::object(), Status::kConflict)["error"]["code"],
            "after_sale.illegal_transition");
  EXPECT_EQ(act(other, "close")["status"], "closed");
}

TEST_P(AfterSaleServiceTest, RefundNeverExceedsWhatWasPaid) {
  const int64_t id = request({{"kind", "refund_only"}})["id"];
  act(id, "approve");
  const Json refused = act(id, "refund", {{"amount_fen", 41001}}, Status::kConflict);
  EXPECT_EQ(refused["error"]["code"], "after_sale.refund_exceeds_paid");
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("¥410.00"), std::string::npos)
      << refused;
  EXPECT_EQ(count("SELECT refunded_fen FROM orders WHERE id = " + std::to_string(order_)), 0);
  EXPECT_EQ(body(get("admin", path(id)))["status"], "approved");  // nothing moved
  EXPECT_EQ(act(id, "refund", {{"amount_fen", 0}}, Status::kBadRequest)["error"]["field"],
            "amount_fen");
  EXPECT_EQ(act(id, "refund", {{"amount_fen", 41000}})["order"]["refundable_fen"], 0);
}

TEST_P(AfterSaleServiceTest, TwoConcurrentRefundsCannotTogetherExceedThePayment) {
  // Two refund-only requests on the 410.00 order, each refunding 300.00 at the same time.
  const int64_t a = request({{"kind", "refund_only"}})["id"];
  const int64_t b = request({{"kind", "refund_only"}})["id"];
  act(a, "approve");
  act(b, "approve");
  std::atomic<int> ok{0}, capped{0};
  auto refund = [&](int64_t id) {
    http::Response response = post("admin", path(id, "refund"), {{"amount_fen", 30000}});
    if (response.status() == Status::kOk) ++ok;
    if (response.status() == Status::kConflict &&
        body(response)["error"]["code"] == "after_sale.refund_exceeds_paid") {
      ++capped;
    }
  };
  std::thread first(refund, a), second(refund, b);
  first.join();
  second.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(capped.load(), 1);
  EXPECT_EQ(count("SELECT refunded_fen FROM orders WHERE id = " + std::to_string(order_)), 30000);
  EXPECT_EQ(count("SELECT SUM(refund_fen) FROM after_sales"), 30000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM after_sales WHERE status = 'refunded'"), 1);
}

TEST_P(AfterSaleServiceTest, ListsFiltersAndPagesWithinTheDataScope) {
  const int64_t own_customer = create("sales", {{"name", "王芳"}})["id"];
  const int64_t own_order = seed_order({.customer_id = own_customer, .owner_id = 3,
                                        .status = "completed", .lines = {{1, 1, 5000}}});
  const int64_t r1 = request({{"kind", "refund_only"}})["id"];
  const int64_t r2 = request({{"kind", "refund_only"}, {"order_id", own_order}}, "sales")["id"];
  const int64_t r3 = request({{"kind", "refund_only"}, {"reason", "少件"}})["id"];
  act(r3, "approve");

  const Json all = body(get("admin", "/api/v1/after-sales?limit=2"));
  EXPECT_EQ(all["total"], 3);
  ASSERT_EQ(all["items"].size(), 2u);
  EXPECT_EQ(all["items"][0]["id"], r3);
  EXPECT_EQ(all["items"][1]["id"], r2);
  const Json rest = body(get("admin", "/api/v1/after-sales?limit=2&after=" +
                                          all["next_after"].get<std::string>()));
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["id"], r1);
  EXPECT_TRUE(rest["next_after"].is_null());
  EXPECT_EQ(body(get("admin", "/api/v1/after-sales?status=approved"))["total"], 1);
  EXPECT_EQ(body(get("admin", "/api/v1/after-sales?customer_id=" +
                                  std::to_string(own_customer)))["total"], 1);
  EXPECT_EQ(body(get("admin", "/api/v1/after-sales?q=R2026111800000"))["total"], 3);
  EXPECT_EQ(body(get("admin", "/api/v1/after-sales?q=R20261118000002"))["items"][0]["id"], r2);
  EXPECT_EQ(get("admin", "/api/v1/after-sales?status=shipped").status(), Status::kBadRequest);

  // "own" scope: only requests of the salesperson's customers; others answer 404.
  const Json mine = body(get("sales", "/api/v1/after-sales"));
  EXPECT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["items"][0]["id"], r2);
  EXPECT_EQ(get("sales", path(r1)).status(), Status::kNotFound);
  EXPECT_EQ(post("sales", path(r1, "approve"), Json::object()).status(), Status::kNotFound);
  http::Response foreign = post("sales", "/api/v1/after-sales",
                                {{"order_id", order_}, {"kind", "refund_only"}, {"reason", "x"}});
  EXPECT_EQ(foreign.status(), Status::kNotFound);

  // Reading needs orders.view, writing orders.after_sales.
  EXPECT_EQ(get("viewer", path(r1)).status(), Status::kOk);
  EXPECT_EQ(post("viewer", path(r1, "approve"), Json::object()).status(), Status::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, AfterSaleServiceTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::orders
