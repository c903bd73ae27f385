// SPDX-License-Identifier: Apache-2.0
// The customers module's batched calls the order import uses (customer_links.cc):
// find_or_create_for_orders gives what find_or_create_for_order one person at a time gives, and
// mark_transacted_many what mark_transacted gives.
#include <gtest/gtest.h>

#include "modules/customers/customers_test_fixture.h"

namespace crm::orders {
namespace {

using customers::CustomerRef;
using customers::CustomerService;

class OrderImportCustomersTest : public customers::CustomersFixture {
 protected:
  customers::Caller caller() const {
    customers::Caller c;
    c.actor.user_id = 2;
    c.actor.data_scope = "all";
    c.audit.actor_id = 2;
    c.audit.actor_name = "importer";
    return c;
  }

  std::vector<Result<CustomerRef>> match(const std::vector<Json>& persons,
                                         std::string_view channel) {
    std::vector<CustomerService::OrderPerson> asked;
    for (const Json& person : persons) asked.push_back({&person, channel});
    auto done = database_.db().transaction(
        [&](storage::Connection& tx) -> Result<std::vector<Result<CustomerRef>>> {
          auto matched = module_->service().find_or_create_for_orders(tx, caller(), asked);
          return matched;
        });
    EXPECT_TRUE(done) << done.error().message;
    return done ? std::move(done).value() : std::vector<Result<CustomerRef>>{};
  }
};

TEST_P(OrderImportCustomersTest, ABatchMatchesAndCreatesAsOnePersonAtATimeWould) {
  const int64_t live = create("admin", {{"name", "老客户"}, {"phone", "13900000001"}})["id"];
  const int64_t gone = create("admin", {{"name", "已删除"}, {"phone", "13900000002"}})["id"];
  ASSERT_EQ(call("admin", http::Method::kDelete, "/api/v1/customers/" + std::to_string(gone))
                .status(),
            http::Status::kNoContent);

  const auto results = match(
      {
          Json{{"name", "张三"}, {"phone", "13800000001"}},                      // 0 new
          Json{{"name", "张三丰"}, {"phone", "13800000001"}},                    // 1 = 0
          Json{{"name", "李四"}, {"email", "li@example.com"}},                   // 2 new
          Json{{"name", "李四"}, {"phone", "13800000003"}, {"email", "li@example.com"}},  // 3 = 2
          Json{{"name", "老客"}, {"phone", "13900000001"}},                      // 4 = live
          Json{{"name", "某人"}, {"phone", "13900000002"}},                      // 5 taken
          Json{{"name", ""}, {"phone", "13800000009"}},                          // 6 no name
          Json{{"name", "王五"}},                                                // 7 new
      },
      "tmall");
  ASSERT_EQ(results.size(), 8u);
  for (const size_t i : {0, 1, 2, 3, 4, 7}) {
    ASSERT_TRUE(results[i]) << i << ": " << results[i].error().code;
  }
  EXPECT_EQ(results[1]->id, results[0]->id);
  EXPECT_EQ(results[1]->name, "张三");
  EXPECT_EQ(results[3]->id, results[2]->id);
  EXPECT_EQ(results[4]->id, live);
  EXPECT_EQ(results[4]->name, "老客户");
  ASSERT_FALSE(results[5]);
  EXPECT_EQ(results[5].error().code, "customer.phone_taken");
  EXPECT_EQ(results[5].error().field, "phone");
  ASSERT_FALSE(results[6]);
  EXPECT_EQ(results[6].error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(results[6].error().field, "name");

  // Three new customers, numbered in order after the two the fixture created, owned by the
  // caller, potential, from the channel, sealed and indexed, each with its history and audit row.
  EXPECT_EQ(results[0]->number, "C20261118000003");
  EXPECT_EQ(results[2]->number, "C20261118000004");
  EXPECT_EQ(results[7]->number, "C20261118000005");
  EXPECT_EQ(results[7]->owner_id, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE source_channel = 'tmall' AND "
                  "stage = 'potential' AND owner_id = 2 AND version = 1"),
            3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE id = " +
                  std::to_string(results[0]->id) +
                  " AND phone_cipher IS NOT NULL AND phone_index IS NOT NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE action = 'created' AND "
                  "actor_id = 2"),
            3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.created' AND "
                  "actor_id = 2"),
            3);

  // The same persons again: all matched, nothing created.
  const auto again = match({Json{{"name", "张三"}, {"phone", "13800000001"}},
                            Json{{"name", "李四"}, {"email", "LI@example.com"}}},
                           "jd");
  ASSERT_EQ(again.size(), 2u);
  ASSERT_TRUE(again[0] && again[1]);
  EXPECT_EQ(again[0]->id, results[0]->id);
  EXPECT_EQ(again[1]->id, results[2]->id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 5);
}

TEST_P(OrderImportCustomersTest, FirstPurchasesAreMarkedOnceWithHistory) {
  const int64_t a = create("admin", {{"name", "甲"}})["id"];
  const int64_t b = create("admin", {{"name", "乙"}})["id"];
  ASSERT_EQ(call("admin", http::Method::kPatch, "/api/v1/customers/" + std::to_string(b),
                 Json{{"stage", "member"}}, {{"If-Match", "\"1\""}})
                .status(),
            http::Status::kOk);
  auto marked = database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    auto done = module_->service().mark_transacted_many(tx, caller(), {a, b, a, 999});
    return done;
  });
  ASSERT_TRUE(marked) << marked.error().message;
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE stage = 'transacted' AND version = 2 AND "
                  "id = " + std::to_string(a)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE stage = 'member' AND id = " +
                  std::to_string(b)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE action = 'stage_changed' AND "
                  "actor_id = 2"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderImportCustomersTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::orders
