// SPDX-License-Identifier: Apache-2.0
// Shared by the after-sales, report and participant tests: the customers fixture (customers
// routes, test actors per call) plus the orders schema, the after-sales services and routes on the
// same router, and SQL helpers that seed products, stock and orders directly (the order intake is
// another part's; these tests do not depend on it).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "modules/customers/customers_test_fixture.h"
#include "modules/orders/after_sale_routes.h"
#include "modules/orders/after_sale_service.h"
#include "modules/orders/order_participant.h"
#include "modules/orders/order_report_routes.h"
#include "modules/orders/stock_ledger.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> orders();
}  // namespace crm::migrations

namespace crm::orders {

struct SeedLine {
  int64_t product_id = 0;
  int64_t quantity = 1;
  int64_t unit_price_fen = 0;
};

struct SeedOrder {
  int64_t customer_id = 0;
  int64_t owner_id = 1;
  std::string status = "paid";
  int64_t placed_at_ms = 0;
  std::vector<SeedLine> lines;
  int64_t shipping_fee_fen = 0;
  int64_t paid_fen = -1;  // -1: the total
  int64_t refunded_fen = 0;
  std::string channel;
  std::string province;
};

class AfterSaleFixture : public customers::CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    database_.migrate(clock_, {{"orders", migrations::orders()}});
    ledger_ = std::make_unique<StockLedger>(clock_);
    service_ = std::make_unique<AfterSaleService>(database_.db(), clock_, *audit_, *ledger_);
    reports_ = std::make_unique<OrderReportService>(database_.db());
    history_ = std::make_unique<OrderHistoryService>(database_.db(), module_->service());
    routes_ = std::make_unique<AfterSaleRoutes>(*service_);
    routes_->add_to(router_);
    report_routes_ = std::make_unique<OrderReportRoutes>(*reports_, *history_, clock_);
    report_routes_->add_to(router_);
    module_->participants().add(order_participant(*context_));
    const std::set<std::string, std::less<>> all = {
        "customers.view", "customers.edit", "customers.delete", "customers.view_pii",
        "orders.view", "orders.after_sales", "orders.reports"};
    add_actor("admin", 1, "all", all);
    add_actor("sales", 3, "own", {"customers.view", "customers.edit", "orders.view",
                                  "orders.after_sales", "orders.reports"});
    add_actor("viewer", 5, "all", {"customers.view", "orders.view"});
    exec("INSERT INTO product_categories (name, created_at_ms, updated_at_ms) VALUES "
         "('服装', 0, 0), ('鞋靴', 0, 0)");
    exec("INSERT INTO products (sku, name, category_id, price_fen, created_at_ms, updated_at_ms) "
         "VALUES ('TS-01', 'T恤', 1, 5000, 0, 0), ('SH-01', '跑鞋', 2, 30000, 0, 0), "
         "('MISC', '赠品', NULL, 100, 0, 0)");
    exec("INSERT INTO warehouses (code, name, is_default, created_at_ms, updated_at_ms) VALUES "
         "('WH1', '主仓', 1, 0, 0), ('WH2', '停用仓', 0, 0, 0)");
    exec("UPDATE warehouses SET enabled = 0 WHERE code = 'WH2'");
    exec("INSERT INTO stock (product_id, warehouse_id, on_hand, reserved, updated_at_ms) VALUES "
         "(1, 1, 10, 0, 0), (2, 1, 5, 0, 0)");
  }

  void exec(const std::string& sql) {
    auto done = database_.db().transaction(
        [&](storage::Connection& c) -> Result<void> { return c.execute_script(sql); });
    ASSERT_TRUE(done) << done.error().message << " " << done.error().detail;
  }

  // Inserts an order with its lines (amount = quantity * price) and returns its id.
  int64_t seed_order(const SeedOrder& o) {
    int64_t items_fen = 0;
    for (const auto& l : o.lines) items_fen += l.quantity * l.unit_price_fen;
    const int64_t total = items_fen + o.shipping_fee_fen;
    const int64_t paid = o.paid_fen < 0 ? total : o.paid_fen;
    const std::string number = "D" + std::to_string(++orders_seeded_ + 20261118000000);
    auto id = database_.db().transaction([&](storage::Connection& c) -> Result<int64_t> {
      CRM_TRY_ASSIGN(auto row,
                     c.query_one("INSERT INTO orders (number, customer_id, customer_owner_id, "
                                 "channel, status, items_fen, shipping_fee_fen, total_fen, "
                                 "paid_fen, refunded_fen, receiver_name, receiver_phone_cipher, "
                                 "receiver_province, receiver_address_cipher, buyer_remarks, "
                                 "placed_at_ms, created_at_ms, updated_at_ms) VALUES "
                                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                 "RETURNING id",
                                 number, o.customer_id, o.owner_id, o.channel, o.status,
                                 items_fen, o.shipping_fee_fen, total, paid, o.refunded_fen,
                                 "韩梅梅", keyring_.seal("13800138000", "orders.receiver_phone"),
                                 o.province, keyring_.seal("文三路100号", "orders.receiver_address"),
                                 "请尽快发货", o.placed_at_ms, o.placed_at_ms, o.placed_at_ms));
      const int64_t order_id = row.get_int(0);
      int64_t line_no = 0;
      for (const auto& l : o.lines) {
        CRM_TRY(c.execute("INSERT INTO order_items (order_id, line_no, product_id, sku, name, "
                          "category_id, quantity, unit_price_fen, amount_fen) SELECT ?, ?, id, "
                          "sku, name, category_id, ?, ?, ? FROM products WHERE id = ?",
                          order_id, ++line_no, l.quantity, l.unit_price_fen,
                          l.quantity * l.unit_price_fen, l.product_id));
      }
      return order_id;
    });
    EXPECT_TRUE(id) << id.error().detail;
    return id ? *id : 0;
  }

  int64_t item_id(int64_t order_id, int64_t line_no) {
    return count("SELECT id FROM order_items WHERE order_id = " + std::to_string(order_id) +
                 " AND line_no = " + std::to_string(line_no));
  }

  http::Response post(const std::string& actor, const std::string& target, const Json& body) {
    return call(actor, http::Method::kPost, target, body);
  }
  http::Response get(const std::string& actor, const std::string& target) {
    return call(actor, http::Method::kGet, target);
  }
  static std::string path(int64_t id, std::string_view action = "") {
    std::string out = "/api/v1/after-sales/" + std::to_string(id);
    if (!action.empty()) out += "/" + std::string(action);
    return out;
  }

  std::unique_ptr<StockLedger> ledger_;
  std::unique_ptr<AfterSaleService> service_;
  std::unique_ptr<OrderReportService> reports_;
  std::unique_ptr<OrderHistoryService> history_;
  std::unique_ptr<AfterSaleRoutes> routes_;  // the routes' handlers point at these
  std::unique_ptr<OrderReportRoutes> report_routes_;
  int64_t orders_seeded_ = 0;
};

}  // namespace crm::orders
