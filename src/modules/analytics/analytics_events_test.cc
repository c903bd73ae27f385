// SPDX-License-Identifier: Apache-2.0
// The analytics module on both databases: 503 while loading, order/after-sale and customer events
// keeping the store current (a merge by a background rebuild), parameter validation, permissions
// and export, and the segment drill-down's data scope and pagination.
#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "modules/analytics/analytics_test_fixture.h"
#include "modules/customers/tabular/table.h"
#include "storage/outbox.h"
#include "storage/worker.h"

namespace crm::analytics {
namespace {

using http::Status;

class AnalyticsModuleTest : public AnalyticsFixture {
 protected:
  Json kpis(const std::string& query = "from=2025-12-01&to=2025-12-31") {
    auto response = get("analyst", "/api/v1/analytics/kpis?" + query);
    EXPECT_EQ(response.status(), Status::kOk) << response.body();
    return body(response)["kpis"];
  }

  // Writes an order change and its domain event in one transaction, then delivers the events.
  void change(const std::string& sql_text, const std::string& event, const std::string& order_id_sql) {
    auto done = database_.db().transaction([&](storage::Connection& c) -> Result<void> {
      CRM_TRY(c.execute_script(sql_text));
      CRM_TRY_ASSIGN(auto row, c.query_one(order_id_sql));
      CRM_TRY(storage::Outbox::append(c, clock_, event, dump_json(Json{{"order_id", row.get_int(0)}})));
      return {};
    });
    ASSERT_TRUE(done) << done.error().detail;
    auto delivered = worker_->events().dispatch_pending(100);
    ASSERT_TRUE(delivered) << delivered.error().detail;
    EXPECT_EQ(*delivered, 1);
  }

  void SetUp() override {
    AnalyticsFixture::SetUp();
    if (IsSkipped()) return;
    worker_ = std::make_unique<storage::Worker>(database_.db(), *jobs_, clock_);
    analytics_->subscribe(worker_->events(), *worker_);
  }

  std::unique_ptr<storage::Worker> worker_;
};

TEST_P(AnalyticsModuleTest, AnswersLoadingUntilTheStoreIsBuilt) {
  auto loading = get("analyst", "/api/v1/analytics/kpis");
  EXPECT_EQ(loading.status(), Status::kServiceUnavailable);
  EXPECT_EQ(body(loading)["error"]["code"], "analytics.loading");
  EXPECT_TRUE(loading.header("Retry-After").has_value());
  analytics_->state().start([] { return int64_t{0}; });  // the background load start() runs
  for (int i = 0; i < 600 && !analytics_->state().ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(analytics_->state().ready());
  EXPECT_EQ(get("analyst", "/api/v1/analytics/kpis").status(), Status::kOk);
  analytics_->state().stop();
}

TEST_P(AnalyticsModuleTest, OrderEventsKeepTheStoreCurrent) {
  load();
  const Json before = kpis();
  const double orders = before["orders"]["value"], sales = before["sales_fen"]["value"];
  const double buyers = before["buyers"]["value"], refunds = before["refunds_fen"]["value"];
  const int64_t dec15 = day_start_ms(day_from_civil({2025, 12, 15})) + 3'600'000;
  const std::string at = std::to_string(dec15);

  // A new customer's new paid order: one more order, buyer and new buyer.
  change("INSERT INTO customers (number, name, name_lower, province, source_channel, owner_id, created_at_ms, "
         "created_by, updated_at_ms, updated_by) VALUES ('C900001', '新客', '新客', '浙江省', 'jd', 1, " + at +
             ", 1, " + at + ", 1);"
         "INSERT INTO orders (number, customer_id, customer_owner_id, channel, status, items_fen, total_fen, "
         "paid_fen, receiver_province, placed_at_ms, created_at_ms, updated_at_ms) SELECT 'D9000001', id, 1, "
         "'jd', 'paid', 77700, 77700, 77700, '浙江省', " + at + ", " + at + ", " + at +
             " FROM customers WHERE number = 'C900001';"
         "INSERT INTO order_items (order_id, line_no, product_id, sku, name, category_id, quantity, unit_price_fen, "
         "amount_fen, unit_cost_fen) SELECT id, 1, 3, 'P3', '跑鞋', 2, 1, 77700, 77700, 14000 FROM orders "
         "WHERE number = 'D9000001'",
         "order.created", "SELECT id FROM orders WHERE number = 'D9000001'");
  Json after = kpis();
  EXPECT_EQ(after["orders"]["value"], orders + 1);
  EXPECT_EQ(after["sales_fen"]["value"], sales + 77700);
  EXPECT_EQ(after["buyers"]["value"], buyers + 1);
  auto by_category = body(get("analyst", "/api/v1/analytics/consumption?from=2025-12-15&to=2025-12-15&category=鞋靴"));
  EXPECT_GE(by_category["total"]["sales_fen"].get<int64_t>(), 77700);

  // A refund through after-sales.
  change("UPDATE orders SET refunded_fen = 7700 WHERE number = 'D9000001'", "after_sale.refunded",
         "SELECT id FROM orders WHERE number = 'D9000001'");
  after = kpis();
  EXPECT_EQ(after["refunds_fen"]["value"], refunds + 7700);

  // Cancelled: it no longer counts.
  change("UPDATE orders SET status = 'cancelled' WHERE number = 'D9000001'", "order.cancelled",
         "SELECT id FROM orders WHERE number = 'D9000001'");
  after = kpis();
  EXPECT_EQ(after["orders"]["value"], orders);
  EXPECT_EQ(after["sales_fen"]["value"], sales);
  EXPECT_EQ(after["refunds_fen"]["value"], refunds);

  // A rebuild (the multi-node refresh) agrees with the event-updated store.
  load();
  EXPECT_EQ(kpis(), after);
}

// Delivers the pending outbox events (the worker's job) and returns how many.
int64_t dispatch(storage::Worker& worker) {
  auto delivered = worker.events().dispatch_pending(100);
  EXPECT_TRUE(delivered) << delivered.error().detail;
  return delivered ? *delivered : 0;
}

TEST_P(AnalyticsModuleTest, CustomerEventsKeepTheCustomerColumnsCurrent) {
  load();
  add_actor("editor", 1, "all", {"customers.view", "customers.edit"});
  customers::Caller caller;
  caller.actor.user_id = 1;
  caller.actor.data_scope = "all";
  caller.audit.actor_name = "test";
  const std::string range = "from=2024-01-01&to=2025-12-31";
  // A buyer outside category 2 (批发), and how many counted orders they have.
  const auto rows = sql(std::string("SELECT customer_id, count(*) FROM orders WHERE status IN ") + kCounted +
                        " AND customer_id NOT IN (SELECT customer_id FROM customer_category_members "
                        "WHERE category_id = 2) GROUP BY customer_id ORDER BY customer_id LIMIT 1");
  ASSERT_EQ(rows.size(), 1u);
  const int64_t id = rows[0].get_int(0), orders = rows[0].get_int(1);
  const double wholesale = kpis(range + "&customer_category=批发")["orders"]["value"];

  // Category membership: the customer's orders now count under the category filter, and no more
  // once removed again.
  auto added = call("editor", http::Method::kPost, "/api/v1/customer-categories/2/members",
                    Json{{"customer_ids", {id}}});
  ASSERT_EQ(added.status(), Status::kOk) << added.body();
  EXPECT_EQ(dispatch(*worker_), 1);
  EXPECT_EQ(kpis(range + "&customer_category=批发")["orders"]["value"], wholesale + orders);
  auto removed = call("editor", http::Method::kDelete, "/api/v1/customer-categories/2/members",
                      Json{{"customer_ids", {id}}});
  ASSERT_EQ(removed.status(), Status::kOk) << removed.body();
  EXPECT_EQ(dispatch(*worker_), 1);
  EXPECT_EQ(kpis(range + "&customer_category=批发")["orders"]["value"], wholesale);

  // An edit of the province and channel moves the customer to other churn groups.
  auto current = module_->service().get(caller, id, customers::Reveal::kNo, false);
  ASSERT_TRUE(current);
  auto updated = module_->service().update(
      caller, id, Json{{"address", {{"province", "海南省"}}}, {"source_channel", "小红书"}}, current->version);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(dispatch(*worker_), 1);
  auto group_keys = [&](const std::string& by) {
    std::set<std::string> keys;
    const Json churn = body(get("analyst", "/api/v1/analytics/churn?" + range + "&by=" + by));
    for (const auto& g : churn["groups"]) keys.insert(g["key"].get<std::string>());
    return keys;
  };
  EXPECT_TRUE(group_keys("region").contains("海南省"));
  EXPECT_TRUE(group_keys("channel").contains("小红书"));

  // A new customer is in the store at once; the recycle bin and back change nothing there.
  auto created = module_->service().create(caller, Json{{"name", "新来的"}, {"source_channel", "门店"}});
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(dispatch(*worker_), 1);
  {
    auto view = analytics_->state().view();
    ASSERT_TRUE(view);
    ASSERT_TRUE((*view)->store.find_customer(created->id).has_value());
  }
  ASSERT_TRUE(module_->service().remove(caller, created->id));
  ASSERT_TRUE(module_->service().restore(caller, created->id));
  EXPECT_EQ(dispatch(*worker_), 2);
  EXPECT_EQ(count("SELECT count(*) FROM outbox_events WHERE type LIKE 'customer.%'"), 6);

  // A rebuild agrees with the event-updated store (groups compared by key: their order follows
  // the order in which the store first met each region).
  auto churn_by_region = [&] {
    Json churn = body(get("analyst", "/api/v1/analytics/churn?" + range + "&by=region"));
    std::sort(churn["groups"].begin(), churn["groups"].end(),
              [](const Json& a, const Json& b) { return a["key"] < b["key"]; });
    return churn;
  };
  const Json by_region = churn_by_region();
  load();
  EXPECT_EQ(churn_by_region(), by_region);
}

TEST_P(AnalyticsModuleTest, AMergeRebuildsTheStoreInTheBackground) {
  analytics_->state().start([] { return int64_t{0}; });  // no periodic rebuild
  for (int i = 0; i < 600 && !analytics_->state().ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(analytics_->state().ready());
  const std::string range = "from=2024-01-01&to=2025-12-31";
  const double buyers = kpis(range)["buyers"]["value"];
  const auto pair = sql(std::string("SELECT DISTINCT customer_id FROM orders WHERE status IN ") + kCounted +
                        " ORDER BY customer_id LIMIT 2");
  ASSERT_EQ(pair.size(), 2u);
  const int64_t survivor = pair[0].get_int(0), merged = pair[1].get_int(0);
  // What the orders module's merge participant does in the merge's transaction (not wired here).
  run("UPDATE orders SET customer_id = " + std::to_string(survivor) + " WHERE customer_id = " +
      std::to_string(merged));
  customers::Caller caller;
  caller.actor.user_id = 1;
  caller.actor.data_scope = "all";
  auto merge = module_->merges().merge(caller, {survivor, merged});
  ASSERT_TRUE(merge) << merge.error().message;
  EXPECT_EQ(kpis(range)["buyers"]["value"], buyers);  // the store cannot follow this in place
  EXPECT_EQ(dispatch(*worker_), 1);
  double now = buyers;
  for (int i = 0; i < 600 && now == buyers; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    now = kpis(range)["buyers"]["value"];
  }
  EXPECT_EQ(now, buyers - 1);
  analytics_->state().stop();
}

TEST_P(AnalyticsModuleTest, RejectsBadParametersWithTheirField) {
  load();
  const std::pair<std::string, std::string> cases[] = {
      {"kpis?from=2025-13-01", "from"},
      {"kpis?to=2025-02-30", "to"},
      {"kpis?from=2025-06-01&to=2025-05-01", "from"},
      {"consumption?group=quarter", "group"},
      {"kpis?tier=gold", "tier"},
      {"kpis?category=不存在", "category"},
      {"kpis?customer_category=99", "customer_category"},
      {"rfm?bins=11", "bins"},
      {"rfm?customer_id=abc", "customer_id"},
      {"rfm?from=2025-01-01&reference=2024-12-31", "reference"},
      {"value?high_percent=70&mid_percent=40", "mid_percent"},
      {"churn?by=city", "by"},
      {"cohorts?format=pdf", "format"},
      {"rfm/segments/champions/customers?limit=0", "limit"},
  };
  for (const auto& [query, field] : cases) {
    auto response = get("analyst", "/api/v1/analytics/" + query);
    EXPECT_EQ(response.status(), Status::kBadRequest) << query << " " << response.body();
    EXPECT_EQ(body(response)["error"]["field"], field) << query;
  }
  EXPECT_EQ(get("analyst", "/api/v1/analytics/rfm/segments/vip/customers").status(), Status::kNotFound);
}

TEST_P(AnalyticsModuleTest, PermissionsAndAuditedCsvExport) {
  load();
  EXPECT_EQ(get("nobody", "/api/v1/analytics/kpis").status(), Status::kForbidden);
  auto refused = get("viewer", "/api/v1/analytics/value?format=csv");
  EXPECT_EQ(refused.status(), Status::kForbidden);
  EXPECT_EQ(body(refused)["error"]["code"], "analytics.export_forbidden");

  const Json json = body(get("viewer", "/api/v1/analytics/value?from=2024-01-01&to=2025-12-31"));
  auto csv = get("analyst", "/api/v1/analytics/value?from=2024-01-01&to=2025-12-31&format=csv");
  ASSERT_EQ(csv.status(), Status::kOk) << csv.body();
  EXPECT_EQ(csv.header("Content-Type").value_or(""), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("Content-Disposition").value_or("").find("analytics-value-2024-01-01-2025-12-31.csv"),
            std::string::npos);
  auto table = tabular::read_csv(csv.body());
  ASSERT_TRUE(table);
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0][0], "high");
  EXPECT_EQ(table->rows[0][1], std::to_string(json["tiers"][0]["customers"].get<int64_t>()));
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'analytics.exported'"), 1);

  auto xlsx = get("analyst", "/api/v1/analytics/cohorts?from=2025-01-01&to=2025-12-31&format=xlsx");
  ASSERT_EQ(xlsx.status(), Status::kOk) << xlsx.body();
  auto sheet = tabular::read_xlsx(xlsx.body());
  ASSERT_TRUE(sheet);
  EXPECT_EQ(sheet->rows.size(), 12u);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'analytics.exported'"), 2);
}

TEST_P(AnalyticsModuleTest, FiltersAgree) {
  load();
  const std::string range = "from=2024-01-01&to=2025-12-31";
  auto sales = [&](const std::string& extra) {
    auto response = get("analyst", "/api/v1/analytics/kpis?" + range + extra);
    EXPECT_EQ(response.status(), Status::kOk) << extra << " " << response.body();
    return body(response)["kpis"]["orders"]["value"].get<double>();
  };
  EXPECT_EQ(sales("&category=鞋靴"), sales("&category=2"));
  EXPECT_EQ(sales("&customer_category=VIP"), sales("&customer_category=1"));
  EXPECT_EQ(sales("&tier=high") + sales("&tier=mid") + sales("&tier=low"), sales(""));
  EXPECT_EQ(sales("&tier=high,mid&tier=low"), sales(""));
  EXPECT_EQ(sales("&channel=tmall") + sales("&channel=jd,douyin"), sales("&channel=tmall,jd,douyin"));
  EXPECT_EQ(sales("&region=火星"), 0);
  const auto orders_sql = sql(std::string("SELECT count(*) FROM orders WHERE status IN ") + kCounted +
                              " AND receiver_province = '广东省'");
  EXPECT_EQ(sales("&region=广东省"), static_cast<double>(orders_sql[0].get_int(0)));
}

TEST_P(AnalyticsModuleTest, SegmentDrillDownPagesWithinTheCallersScope) {
  load();
  const std::string base = "/api/v1/analytics/rfm";
  const Json rfm = body(get("analyst", base + "?from=2024-01-01&to=2025-12-31"));
  std::string segment;
  for (const auto& s : rfm["segments"]) {
    if (s["customers"].get<int64_t>() >= 10) segment = s["segment"];
  }
  ASSERT_FALSE(segment.empty()) << rfm.dump();
  for (const std::string actor : {"analyst", "seller"}) {
    std::set<int64_t> seen;
    std::string after;
    int64_t total = -1;
    for (int page = 0; page < 100; ++page) {
      auto response = get(actor, base + "/segments/" + segment + "/customers?from=2024-01-01&to=2025-12-31&limit=3" +
                                     (after.empty() ? "" : "&after=" + after));
      ASSERT_EQ(response.status(), Status::kOk) << response.body();
      const Json page_json = body(response);
      total = page_json["total"];
      for (const auto& item : page_json["items"]) {
        EXPECT_EQ(item["segment"], segment);
        EXPECT_TRUE(item["customer_number"].is_string());
        if (actor == "seller") {
          EXPECT_EQ(item["customer_id"].get<int64_t>() % 3, 0) << item;
        }
        EXPECT_TRUE(seen.insert(item["customer_id"].get<int64_t>()).second);
      }
      if (page_json["next_after"].is_null()) break;
      after = page_json["next_after"];
    }
    EXPECT_EQ(static_cast<int64_t>(seen.size()), total) << actor;
    if (actor == "analyst") {
      for (const auto& s : rfm["segments"]) {
        if (s["segment"] == segment) {
          EXPECT_EQ(s["customers"], total);
        }
      }
    } else {
      EXPECT_GT(total, 0);
    }
  }
  // One customer's R/F/M; another owner's customer is 404 for the seller.
  EXPECT_EQ(get("seller", base + "?customer_id=1").status(), Status::kNotFound);
  const Json mine = body(get("seller", base + "?from=2024-01-01&to=2025-12-31&customer_id=3"));
  ASSERT_TRUE(mine["customer"].is_object()) << mine.dump();
  EXPECT_EQ(mine["customer"]["customer_id"], 3);
}

INSTANTIATE_TEST_SUITE_P(Databases, AnalyticsModuleTest, testing::ValuesIn(test::kBackends), test::backend_name);

}  // namespace
}  // namespace crm::analytics
