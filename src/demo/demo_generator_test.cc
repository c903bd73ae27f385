// SPDX-License-Identifier: Apache-2.0
// A small demo store written end to end on SQLite and PostgreSQL, checked through SQL and the
// customers module's own list/search path.
#include <gtest/gtest.h>

#include "core/keyring.h"
#include "demo/demo_generator.h"
#include "demo/demo_store.h"
#include "modules/customers/customer_service.h"
#include "modules/testing/test_database.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
std::span<const storage::MigrationFile> customers();
std::span<const storage::MigrationFile> interactions();
std::span<const storage::MigrationFile> orders();
}  // namespace crm::migrations

namespace crm::demo {
namespace {

class DemoGeneratorTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {{"audit", migrations::audit()},
                               {"customers", migrations::customers()},
                               {"interactions", migrations::interactions()},
                               {"orders", migrations::orders()}});
    options_.customers = 500;
    options_.orders = 3000;
    options_.products = 60;
    options_.seed = 7;
    options_.now_ms = clock_.now_ms();
    options_.owner_ids = {11, 12, 13};
    options_.owner_names = {"销售一", "销售二", "销售三"};
  }

  Result<DemoSummary> generate() {
    return generate_demo(database_.db(), customers_, audit_, keyring_, options_);
  }

  int64_t count(const std::string& sql) {
    auto row = database_.db().read([&](storage::Connection& c) { return c.query_one(sql); });
    EXPECT_TRUE(row.has_value()) << sql << ": " << (row ? "" : row.error().detail);
    return row ? row->get_int(0) : -1;
  }

  ManualClock clock_{1'795'000'000'000};  // 2026-11-18
  Keyring keyring_ = Keyring::for_test("demo-test");
  test::TestDatabase database_{GetParam()};
  audit::AuditService audit_{database_.db(), clock_};
  customers::CustomerParticipants participants_;
  customers::CustomerService customers_{database_.db(), clock_, keyring_, audit_, participants_};
  DemoOptions options_;
};

TEST_P(DemoGeneratorTest, WritesAConsistentStore) {
  auto summary = generate();
  ASSERT_TRUE(summary) << summary.error().message << " " << summary.error().detail;
  EXPECT_EQ(summary->customers, 500);
  EXPECT_EQ(summary->orders.orders, 3000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 3000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM products"), 60);
  EXPECT_EQ(count("SELECT COUNT(*) FROM order_items"), summary->orders.items);
  EXPECT_EQ(count("SELECT COUNT(*) FROM order_events"), summary->orders.events);
  EXPECT_EQ(count("SELECT COUNT(*) FROM warehouses WHERE is_default = 1"), 1);
  EXPECT_GT(count("SELECT COUNT(*) FROM interactions"), 100);

  // Stages follow payments: transacted exactly when the customer has a paid order.
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers c WHERE (c.stage = 'transacted') <> "
                  "EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.paid_fen > 0)"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM customers WHERE stage = 'transacted'"), 300);
  // Created before the first order; every order has its create event and one event per version.
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                  "WHERE c.created_at_ms >= o.placed_at_ms"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders o WHERE o.version <> "
                  "(SELECT COUNT(*) FROM order_events e WHERE e.order_id = o.id)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders o WHERE o.status <> (SELECT e.to_status FROM "
                  "order_events e WHERE e.order_id = o.id ORDER BY e.id DESC LIMIT 1)"),
            0);
  // Money: totals add up, refunds within payments, after-sales refunds sum to the order's.
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE total_fen <> items_fen - discount_fen + "
                  "shipping_fee_fen OR refunded_fen > paid_fen"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders o WHERE o.items_fen <> "
                  "(SELECT SUM(amount_fen) FROM order_items i WHERE i.order_id = o.id)"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM after_sales"), 30);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders o WHERE o.refunded_fen <> COALESCE((SELECT "
                  "SUM(refund_fen) FROM after_sales a WHERE a.order_id = o.id), 0)"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM orders WHERE status = 'cancelled'"), 30);
  EXPECT_GT(count("SELECT COUNT(*) FROM orders WHERE status IN ('pending_audit', 'approved', "
                  "'paid', 'picking', 'packed', 'shipped', 'delivered')"),
            0);
  // Stock: reserved equals the open orders' lines; the ledger adds up to on_hand.
  EXPECT_EQ(count("SELECT COALESCE(SUM(reserved), 0) FROM stock"),
            count("SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON "
                  "o.id = i.order_id WHERE o.status IN ('approved', 'paid', 'picking', 'packed')"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock s WHERE s.on_hand <> (SELECT SUM(CASE kind WHEN "
                  "'in' THEN quantity WHEN 'out' THEN -quantity ELSE 0 END) FROM stock_movements m "
                  "WHERE m.product_id = s.product_id AND m.warehouse_id = s.warehouse_id)"),
            0);
  // Numbers: the counters hold the last number of each day.
  EXPECT_EQ(count("SELECT SUM(last_value) FROM order_number_counters"), 3000);
  EXPECT_EQ(count("SELECT SUM(last_value) FROM customer_number_counters"), 500);
  // Derived customer data: name grams, live counters (SQLite keeps them by trigger).
  EXPECT_EQ(count("SELECT COUNT(DISTINCT customer_id) FROM customer_name_grams"), 500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE phone_index IS NULL OR name_pinyin = ''"), 0);
  if (GetParam() == "sqlite") {
    EXPECT_EQ(count("SELECT SUM(live) FROM customer_live_counts"), 500);
    EXPECT_EQ(count("SELECT COUNT(*) FROM customer_live_counts l WHERE l.live <> (SELECT "
                    "COUNT(*) FROM customers c WHERE c.owner_id = l.owner_id AND "
                    "c.deleted_at_ms IS NULL)"),
              0);
    // The search counters of 0007 (kept by triggers on every row the bulk writes add) equal
    // what they count, both ways.
    const std::string expected_values =
        "SELECT * FROM (SELECT 'stage', stage, owner_id, COUNT(*) FROM customers WHERE deleted_at_ms IS NULL "
        "GROUP BY stage, owner_id UNION ALL "
        "SELECT 'number', substr(number, 1, 9), owner_id, COUNT(*) FROM customers "
        "WHERE deleted_at_ms IS NULL GROUP BY substr(number, 1, 9), owner_id UNION ALL "
        "SELECT 'tag', t.tag, c.owner_id, COUNT(*) FROM customer_tags t JOIN customers c ON "
        "c.id = t.customer_id WHERE c.deleted_at_ms IS NULL GROUP BY t.tag, c.owner_id UNION ALL "
        "SELECT 'category', CAST(m.category_id AS TEXT), c.owner_id, COUNT(*) FROM "
        "customer_category_members m JOIN customers c ON c.id = m.customer_id WHERE "
        "c.deleted_at_ms IS NULL GROUP BY m.category_id, c.owner_id UNION ALL "
        "SELECT 'gram', g.gram, c.owner_id, COUNT(*) FROM customer_name_grams g JOIN customers c "
        "ON c.id = g.customer_id WHERE c.deleted_at_ms IS NULL GROUP BY g.gram, c.owner_id) v";
    const std::string kept_values =
        "SELECT kind, value, owner_id, live FROM customer_value_counts WHERE live <> 0";
    EXPECT_GT(count("SELECT COUNT(*) FROM customer_value_counts WHERE kind = 'gram'"), 100);
    EXPECT_EQ(count("SELECT COUNT(*) FROM (" + expected_values + " EXCEPT " + kept_values + ")"),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM (" + kept_values + " EXCEPT " + expected_values + ")"),
              0);
    const std::string expected_areas =
        "SELECT province, city, district, owner_id, COUNT(*) FROM customers "
        "WHERE deleted_at_ms IS NULL GROUP BY province, city, district, owner_id";
    const std::string kept_areas =
        "SELECT province, city, district, owner_id, live FROM customer_area_counts "
        "WHERE live <> 0";
    EXPECT_EQ(count("SELECT COUNT(*) FROM (" + expected_areas + " EXCEPT " + kept_areas + ")"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM (" + kept_areas + " EXCEPT " + expected_areas + ")"), 0);
    const std::string expected_gram_areas =
        "SELECT g.gram, c.province, c.city, c.district, COUNT(*) FROM customer_name_grams g "
        "JOIN customers c ON c.id = g.customer_id WHERE c.deleted_at_ms IS NULL AND "
        "length(g.gram) = 1 GROUP BY g.gram, c.province, c.city, c.district";
    const std::string kept_gram_areas =
        "SELECT gram, province, city, district, live FROM customer_gram_area_counts "
        "WHERE live <> 0";
    EXPECT_EQ(count("SELECT COUNT(*) FROM (" + expected_gram_areas + " EXCEPT " +
                    kept_gram_areas + ")"),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM (" + kept_gram_areas + " EXCEPT " +
                    expected_gram_areas + ")"),
              0);
  }
  // Every customer has its "created" history row; numbers are unique and of its creation day.
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE action = 'created'"), 500);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT number) FROM customers"), 500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM "
                  "customer_number_counters n WHERE n.day = substr(c.number, 2, 8) AND "
                  "n.last_value >= CAST(substr(c.number, 10) AS INTEGER))"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers c WHERE (SELECT COUNT(*) FROM "
                  "customer_consent_events e WHERE e.customer_id = c.id) <> "
                  "c.consent_sms + c.consent_email + c.consent_phone"),
            0);
  // A new order after the demo gets the next id (PostgreSQL sequences were moved on).
  auto next = database_.db().transaction([&](storage::Connection& tx) {
    return tx.query_one("INSERT INTO orders (number, customer_id, customer_owner_id, status, "
                        "items_fen, total_fen, placed_at_ms, created_at_ms, updated_at_ms) "
                        "SELECT 'DTEST', MIN(id), 11, 'approved', 0, 0, 1, 1, 1 FROM customers "
                        "RETURNING id");
  });
  ASSERT_TRUE(next) << next.error().detail;
  EXPECT_EQ(next->get_int(0), 3001);
}

TEST_P(DemoGeneratorTest, GeneratedCustomersAreFoundByNameAndPinyinAndOpenWithTheKeyring) {
  ASSERT_TRUE(generate());
  auto row = database_.db().read([&](storage::Connection& c) {
    return c.query_one("SELECT name, name_pinyin, id FROM customers ORDER BY id LIMIT 1 OFFSET 17");
  });
  ASSERT_TRUE(row);
  const std::string name = row->get_string(0), pinyin = row->get_string(1);
  const int64_t id = row->get_int(2);
  customers::Caller caller;
  caller.actor.user_id = 11;
  caller.actor.data_scope = "all";
  for (const std::string& q : {name, pinyin}) {
    customers::CustomerQuery query;
    query.filter.q = q;
    query.limit = 100;
    auto page = customers_.list(caller, query, std::nullopt, std::nullopt);
    ASSERT_TRUE(page) << page.error().message;
    bool found = false;
    for (const auto& c : page->items) found = found || c.id == id;
    EXPECT_TRUE(found) << q;
  }
  auto customer = customers_.get(caller, id, customers::Reveal::kNo, false);
  ASSERT_TRUE(customer) << customer.error().message;
  ASSERT_TRUE(customer->fields.phone.has_value());
  EXPECT_EQ(customer->fields.phone->size(), 11u);
  // The order receivers open with the orders' associated data.
  auto receiver = database_.db().read([&](storage::Connection& c) {
    return c.query_one("SELECT receiver_phone_cipher FROM orders WHERE customer_id = ? LIMIT 1",
                       id);
  });
  if (receiver) {
    auto phone = keyring_.open(receiver->get_string(0), kReceiverPhoneAd);
    ASSERT_TRUE(phone);
    EXPECT_EQ(*phone, *customer->fields.phone);
  }
}

TEST_P(DemoGeneratorTest, RefusesADatabaseThatIsNotEmptyAndBadOptions) {
  ASSERT_TRUE(generate());
  auto again = generate();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "demo.not_empty");
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 500);
  options_.customers = 0;
  auto bad = generate();
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "demo.invalid_options");
  EXPECT_EQ(bad.error().field, "customers");
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoGeneratorTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::demo
