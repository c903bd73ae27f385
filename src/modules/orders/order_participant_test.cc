// SPDX-License-Identifier: Apache-2.0
// The orders' part in a customer's lifecycle on both databases: merge moves orders and
// after-sales (after-sales ids negated) and undo moves exactly those back, owner changes follow,
// the timeline shows both kinds with orders.view only, export and anonymise.
#include <gtest/gtest.h>

#include "modules/orders/after_sale_test_fixture.h"

namespace crm::orders {
namespace {

using http::Status;

class OrderParticipantTest : public AfterSaleFixture {
 protected:
  void SetUp() override {
    AfterSaleFixture::SetUp();
    if (IsSkipped()) return;
    customer_ = create("admin", {{"name", "李雷"}});
    id_ = customer_["id"];
    order_ = seed_order({.customer_id = id_, .status = "shipped",
                         .placed_at_ms = clock_.now_ms() - 3'600'000,
                         .lines = {{2, 1, 30000}, {1, 1, 5000}}, .shipping_fee_fen = 1000});
    http::Response created = post("admin", "/api/v1/after-sales",
                                  {{"order_id", order_}, {"kind", "refund_only"},
                                   {"reason", "少发一件"}, {"note", "客户电话沟通"},
                                   {"photos", {"https://img.example.com/1.jpg"}},
                                   {"requested_fen", 5000}});
    ASSERT_EQ(created.status(), Status::kCreated) << created.body();
    after_sale_ = body(created)["id"];
  }

  template <typename F>
  void in_tx(F&& fn) {
    auto done = database_.db().transaction(
        [&](storage::Connection& tx) -> Result<int> { CRM_TRY(fn(tx)); return 0; });
    ASSERT_TRUE(done) << done.error().message << done.error().detail;
  }

  Json customer_;
  int64_t id_ = 0;
  int64_t order_ = 0;
  int64_t after_sale_ = 0;
};

TEST_P(OrderParticipantTest, MergeMovesOrdersAndAfterSalesAndUndoMovesThemBack) {
  const customers::CustomerParticipant participant = order_participant(*context_);
  const int64_t survivor = create("admin", {{"name", "李雷2"}})["id"];
  const int64_t survivor_order = seed_order({.customer_id = survivor, .lines = {{1, 1, 5000}}});
  std::vector<int64_t> moved;
  in_tx([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(moved, participant.move(tx, id_, survivor));
    return participant.owner_changed(tx, survivor, 7);
  });
  EXPECT_EQ(moved, (std::vector<int64_t>{order_, -after_sale_}));
  const std::string order = std::to_string(order_), request = std::to_string(after_sale_);
  EXPECT_EQ(count("SELECT customer_id FROM orders WHERE id = " + order), survivor);
  EXPECT_EQ(count("SELECT customer_owner_id FROM orders WHERE id = " + order), 7);
  EXPECT_EQ(count("SELECT customer_id FROM after_sales WHERE id = " + request), survivor);
  EXPECT_EQ(count("SELECT customer_owner_id FROM after_sales WHERE id = " + request), 7);

  in_tx([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(participant.move_back(tx, moved, id_));
    CRM_TRY(participant.owner_changed(tx, id_, 1));
    return participant.owner_changed(tx, survivor, 1);
  });
  EXPECT_EQ(count("SELECT customer_id FROM orders WHERE id = " + order), id_);
  EXPECT_EQ(count("SELECT customer_id FROM after_sales WHERE id = " + request), id_);
  EXPECT_EQ(count("SELECT customer_owner_id FROM after_sales WHERE id = " + request), 1);
  EXPECT_EQ(count("SELECT customer_id FROM orders WHERE id = " + std::to_string(survivor_order)),
            survivor);
}

TEST_P(OrderParticipantTest, TimelineShowsOrdersAndAfterSalesOnlyWithOrdersView) {
  const std::string url = "/api/v1/customers/" + std::to_string(id_) + "/timeline";
  const Json timeline = body(get("admin", url));
  Json order, request;
  for (const auto& item : timeline["items"]) {
    if (item["kind"] == "order") order = item;
    if (item["kind"] == "after_sale") request = item;
  }
  ASSERT_TRUE(order.is_object()) << timeline;
  EXPECT_EQ(order["ref_id"], order_);
  EXPECT_EQ(order["at"], clock_.now_ms() - 3'600'000);
  EXPECT_EQ(order["title"], "D20261118000001 已发货 ¥360.00");
  EXPECT_EQ(order["detail"], "跑鞋 ×1、T恤 ×1");
  ASSERT_TRUE(request.is_object()) << timeline;
  EXPECT_EQ(request["ref_id"], after_sale_);
  EXPECT_EQ(request["title"], "R20261118000001 仅退款 待处理 ¥50.00");
  EXPECT_EQ(request["detail"], "少发一件");

  // "manager" may see the customer but not orders.
  const Json hidden = body(get("manager", url));
  for (const auto& item : hidden["items"]) {
    EXPECT_NE(item["kind"], "order");
    EXPECT_NE(item["kind"], "after_sale");
  }
}

TEST_P(OrderParticipantTest, ExportFlattensLinesAndAnonymiseKeepsTheAmounts) {
  const customers::CustomerParticipant participant = order_participant(*context_);
  auto rows = database_.db().read(
      [&](storage::Connection& db) { return participant.export_rows(db, id_); });
  ASSERT_TRUE(rows) << rows.error().detail;
  ASSERT_EQ(rows->size(), 3u) << rows->dump();  // two order lines, one after-sales request
  const Json& line = (*rows)[0];
  EXPECT_EQ(line["record"], "order_item");
  EXPECT_EQ(line["sku"], "SH-01");
  EXPECT_EQ(line["receiver_phone"], "13800138000");
  EXPECT_EQ(line["receiver_address"], "文三路100号");
  EXPECT_EQ(line["total_fen"], 36000);
  EXPECT_EQ((*rows)[2]["record"], "after_sale");
  EXPECT_EQ((*rows)[2]["note"], "客户电话沟通");
  EXPECT_EQ((*rows)[2].size(), line.size());  // the same columns

  http::Response anonymised =
      post("admin", "/api/v1/customers/" + std::to_string(id_) + "/anonymise",
           {{"confirm", customer_["number"]}});
  ASSERT_EQ(anonymised.status(), Status::kOk) << anonymised.body();
  const std::string order = std::to_string(order_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE receiver_name = '' AND buyer_remarks = '' "
                  "AND receiver_phone_cipher IS NULL AND receiver_address_cipher IS NULL AND "
                  "id = " + order), 1);
  EXPECT_EQ(count("SELECT total_fen FROM orders WHERE id = " + order), 36000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM order_items WHERE order_id = " + order), 2);
  const Json request = body(get("admin", path(after_sale_)));
  EXPECT_EQ(request["note"], "");
  EXPECT_EQ(request["photos"], Json::array());
  EXPECT_EQ(request["requested_fen"], 5000);
  EXPECT_EQ(request["reason"], "少发一件");
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderParticipantTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::orders
