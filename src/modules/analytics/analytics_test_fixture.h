// SPDX-License-Identifier: Apache-2.0
// Shared by the analytics module tests: the customers fixture (routes, test actors per call) plus
// the settings and orders schemas, the analytics module's routes on the same router, and a
// deterministic generated data set inserted by SQL: 300 customers (two categories), six
// products in three categories, 3,000 orders over 2024-2025 with every status, discounts,
// shipping, refunds, four channels and four provinces, placed at any millisecond (so UTC+8 day
// boundaries matter).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "modules/analytics/analytics_module.h"
#include "modules/analytics/engine/calendar.h"
#include "modules/customers/customers_test_fixture.h"
#include "modules/settings/settings_service.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> settings();
std::span<const storage::MigrationFile> orders();
}  // namespace crm::migrations

namespace crm::analytics {

inline constexpr const char* kCounted = "('paid', 'picking', 'packed', 'shipped', 'delivered', 'completed')";

// UTC ms of the start of a merchant day.
inline int64_t day_start_ms(int32_t day) { return int64_t{day} * 86'400'000 - kMerchantOffsetMs; }

class AnalyticsFixture : public customers::CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    database_.migrate(clock_, {{"settings", migrations::settings()}, {"orders", migrations::orders()}});
    settings_ = std::make_unique<settings::SettingsService>(database_.db(), clock_, *audit_);
    analytics_ = std::make_unique<AnalyticsModule>(
        *context_, AnalyticsDependencies{*audit_, module_->service(), *settings_});
    analytics_->add_routes(router_);
    add_actor("analyst", 1, "all", {"analytics.view", "analytics.export", "customers.view"});
    add_actor("viewer", 1, "all", {"analytics.view", "customers.view"});
    add_actor("seller", 3, "own", {"analytics.view", "customers.view"});
    add_actor("nobody", 6, "all", {"customers.view"});
    seed();
  }

  uint64_t next() {  // a fixed LCG: the same data on every run and both databases
    seed_ = seed_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed_ >> 33;
  }
  int64_t pick(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }

  void run(const std::string& sql) {
    auto done = database_.db().transaction(
        [&](storage::Connection& c) -> Result<void> { return c.execute_script(sql); });
    ASSERT_TRUE(done) << done.error().message << " " << done.error().detail;
  }

  void seed() {
    run("INSERT INTO customer_categories (name, created_at_ms, updated_at_ms) VALUES ('VIP', 0, 0), ('批发', 0, 0);"
        "INSERT INTO product_categories (name, created_at_ms, updated_at_ms) VALUES "
        "('服装', 0, 0), ('鞋靴', 0, 0), ('配饰', 0, 0);"
        "INSERT INTO products (sku, name, category_id, price_fen, cost_fen, created_at_ms, updated_at_ms) VALUES "
        "('P1', 'T恤', 1, 5000, 2000, 0, 0), ('P2', '衬衫', 1, 12000, 5000, 0, 0), "
        "('P3', '跑鞋', 2, 30000, 14000, 0, 0), ('P4', '拖鞋', 2, 2000, 600, 0, 0), "
        "('P5', '帽子', 3, 3000, 900, 0, 0), ('P6', '赠品', NULL, 100, 100, 0, 0)");
    const int64_t prices[] = {5000, 12000, 30000, 2000, 3000, 100};
    const int64_t costs[] = {2000, 5000, 14000, 600, 900, 100};
    const char* channels[] = {"tmall", "jd", "douyin", ""};
    const char* provinces[] = {"浙江省", "江苏省", "广东省", "北京市"};
    const char* statuses[] = {"completed", "completed", "completed", "completed", "paid", "shipped",
                              "delivered", "picking", "packed", "pending_audit", "approved",
                              "cancelled", "cancelled", "closed"};
    const int64_t start_2024 = day_start_ms(day_from_civil({2024, 1, 1}));
    auto seeded = database_.db().transaction([&](storage::Connection& c) -> Result<void> {
      for (int i = 1; i <= kCustomers; ++i) {
        const int64_t created = start_2024 - 200LL * 86'400'000 + pick(900) * 86'400'000 + pick(86'400'000);
        CRM_TRY(c.execute("INSERT INTO customers (number, name, name_lower, province, source_channel, owner_id, "
                          "created_at_ms, created_by, updated_at_ms, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 1)",
                          "C" + std::to_string(100000 + i), "客户" + std::to_string(i), "客户" + std::to_string(i),
                          provinces[pick(4)], channels[pick(4)], i % 3 == 0 ? 3 : 1, created, created));
        if (pick(3) == 0) CRM_TRY(c.execute("INSERT INTO customer_category_members VALUES (1, ?)", i));
        if (pick(5) == 0) CRM_TRY(c.execute("INSERT INTO customer_category_members VALUES (2, ?)", i));
      }
      for (int i = 1; i <= kOrders; ++i) {
        // Busy customers: a third of the orders go to the first 30 customers.
        const int64_t customer = pick(3) == 0 ? 1 + pick(30) : 1 + pick(kCustomers);
        const int64_t placed = start_2024 + pick(731) * 86'400'000 + pick(86'400'000);
        const std::string status = statuses[pick(std::size(statuses))];
        const int lines = 1 + static_cast<int>(pick(3));
        struct Line { int64_t product, quantity, discount, amount; };
        std::vector<Line> items;
        int64_t items_fen = 0;
        for (int l = 0; l < lines; ++l) {
          Line line{1 + pick(6), 1 + pick(3), 0, 0};
          const int64_t gross = line.quantity * prices[line.product - 1];
          line.discount = pick(4) == 0 ? gross / 10 : 0;
          line.amount = gross - line.discount;
          items_fen += line.amount;
          items.push_back(line);
        }
        const int64_t discount = pick(5) == 0 ? std::min<int64_t>(500, items_fen) : 0;
        const int64_t shipping = pick(2) == 0 ? 1000 : 0;
        const int64_t total = items_fen - discount + shipping;
        const bool paid = status != "pending_audit" && status != "approved" && (status != "cancelled" || pick(2) == 0);
        const int64_t paid_fen = paid ? total : 0;
        const int64_t refunded = paid && pick(8) == 0 ? pick(paid_fen + 1) : 0;
        CRM_TRY_ASSIGN(auto row, c.query_one(
            "INSERT INTO orders (number, customer_id, customer_owner_id, channel, status, items_fen, discount_fen, "
            "shipping_fee_fen, total_fen, paid_fen, refunded_fen, receiver_province, placed_at_ms, created_at_ms, "
            "updated_at_ms) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            "D" + std::to_string(1000000 + i), customer, channels[pick(4)], status, items_fen, discount, shipping,
            total, paid_fen, refunded, provinces[pick(4)], placed, placed, placed));
        const int64_t order_id = row.get_int(0);
        int64_t line_no = 0;
        for (const auto& l : items) {
          CRM_TRY(c.execute("INSERT INTO order_items (order_id, line_no, product_id, sku, name, category_id, "
                            "quantity, unit_price_fen, discount_fen, amount_fen, unit_cost_fen) "
                            "SELECT ?, ?, id, sku, name, category_id, ?, price_fen, ?, ?, ? FROM products WHERE id = ?",
                            order_id, ++line_no, l.quantity, l.discount, l.amount, costs[l.product - 1], l.product));
        }
      }
      return {};
    });
    ASSERT_TRUE(seeded) << seeded.error().message << " " << seeded.error().detail;
  }

  // Loads the store synchronously (what the background thread does at start).
  void load() {
    auto built = analytics_->state().rebuild();
    ASSERT_TRUE(built) << built.error().code << " " << built.error().detail;
  }

  std::vector<storage::Row> sql(const std::string& query, std::vector<storage::Value> params = {}) {
    auto rows = database_.db().read(
        [&](storage::Connection& c) { return c.query_values(query, params); });
    EXPECT_TRUE(rows) << rows.error().detail;
    return rows ? *rows : std::vector<storage::Row>{};
  }

  http::Response get(const std::string& actor, const std::string& target) {
    return call(actor, http::Method::kGet, target);
  }

  static constexpr int kCustomers = 300;
  static constexpr int kOrders = 3000;
  uint64_t seed_ = 20260301;
  std::unique_ptr<settings::SettingsService> settings_;
  std::unique_ptr<AnalyticsModule> analytics_;
};

}  // namespace crm::analytics
