// SPDX-License-Identifier: Apache-2.0
// The order services end to end on both databases (no server): intake, the shipment and the
// receipt reminder sweep with a manual clock.
#include "modules/orders/order_notifications.h"

#include "modules/customers/customers_test_fixture.h"
#include "modules/orders/order_actions.h"
#include "modules/orders/order_intake.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> orders();
std::span<const storage::MigrationFile> settings();
}  // namespace crm::migrations

namespace crm::orders {
namespace {

constexpr int64_t kDayMs = 86'400'000;

class OrderNotificationsTest : public customers::CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    database_.migrate(clock_, {{"settings", migrations::settings()},
                               {"orders", migrations::orders()}});
    ledger_ = std::make_unique<StockLedger>(clock_);
    settings_ = std::make_unique<settings::SettingsService>(database_.db(), clock_, *audit_);
    messaging_ = std::make_unique<messaging::MessagingService>(config_, clock_, *jobs_);
    env_ = std::make_unique<OrderEnv>(OrderEnv{database_.db(), clock_, keyring_, *audit_,
                                               module_->service(), *messaging_, *settings_,
                                               *jobs_, *ledger_, {}});
    exec("INSERT INTO products (sku, name, price_fen, created_at_ms, updated_at_ms) VALUES "
         "('TS-01', 'T恤', 5000, 0, 0)");
    exec("INSERT INTO warehouses (code, name, is_default, created_at_ms, updated_at_ms) VALUES "
         "('WH1', '主仓', 1, 0, 0)");
    exec("INSERT INTO stock (product_id, warehouse_id, on_hand, reserved, updated_at_ms) VALUES "
         "(1, 1, 10, 0, 0)");
    admin_.actor.user_id = 1;
    admin_.actor.data_scope = "all";
    admin_.audit.actor_id = 1;
    admin_.audit.actor_name = "admin";
  }

  void exec(const std::string& sql) {
    auto done = database_.db().transaction(
        [&](storage::Connection& c) -> Result<void> { return c.execute_script(sql); });
    ASSERT_TRUE(done) << done.error().message << " " << done.error().detail;
  }

  Json order_body(const std::string& external_id) {
    return {{"external_id", external_id},
            {"customer", {{"name", "李雷"}, {"phone", "13800138000"}}},
            {"items", {{{"sku", "TS-01"}, {"quantity", 2}}}},
            {"receiver", {{"name", "李雷"}, {"phone", "13800138000"}, {"province", "浙江省"},
                          {"city", "杭州市"}, {"address", "文三路100号"}}}};
  }

  int64_t messages() { return count("SELECT COUNT(*) FROM jobs WHERE queue = 'messaging.send'"); }

  std::unique_ptr<StockLedger> ledger_;
  std::unique_ptr<settings::SettingsService> settings_;
  std::unique_ptr<messaging::MessagingService> messaging_;
  std::unique_ptr<OrderEnv> env_;
  customers::Caller admin_;
};

TEST_P(OrderNotificationsTest, ShippedOrdersGetOneReceiptReminderAfterTheConfiguredDays) {
  OrderIntake intake(*env_);
  OrderActions actions(*env_);
  auto created = intake.create(admin_, order_body("N-1"), std::nullopt);
  ASSERT_TRUE(created) << created.error().message;
  ASSERT_EQ(created->order.status, "approved");
  EXPECT_EQ(messages(), 1);  // confirmation
  const int64_t id = created->order.id;
  ASSERT_TRUE(actions.apply(admin_, id, OrderAction::kPay, Json::object(), std::nullopt));
  ASSERT_TRUE(actions.apply(admin_, id, OrderAction::kPick, Json::object(), std::nullopt));
  ASSERT_TRUE(actions.apply(admin_, id, OrderAction::kPack, Json::object(), std::nullopt));
  auto shipped = actions.apply(admin_, id, OrderAction::kShip,
                               Json{{"carrier", "顺丰"}, {"tracking_number", "SF1"}},
                               std::nullopt);
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_EQ(messages(), 2);  // shipped notice
  EXPECT_EQ(count("SELECT run_at_ms FROM jobs WHERE queue = 'orders.receipt_reminders'"),
            clock_.now_ms() + 7 * kDayMs);

  clock_.advance_ms(6 * kDayMs);
  auto early = send_receipt_reminders(*env_);
  ASSERT_TRUE(early) << early.error().message;
  EXPECT_EQ(*early, 0);
  // The early sweep schedules the next one for when the waiting order falls due.
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE queue = 'orders.receipt_reminders' AND "
                  "run_at_ms = " + std::to_string(clock_.now_ms() + kDayMs)),
            2);

  clock_.advance_ms(kDayMs + 1);
  auto due = send_receipt_reminders(*env_);
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_EQ(*due, 1);
  EXPECT_EQ(messages(), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE receipt_reminded_at_ms IS NOT NULL"), 1);
  auto again = send_receipt_reminders(*env_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(messages(), 3);
}

TEST_P(OrderNotificationsTest, ReminderDaysFollowTheSetting) {
  audit::AuditEntry who;
  who.actor_name = "admin";
  ASSERT_TRUE(settings_->update(Json{{"orders.receipt_reminder_days", 2}}, who));
  EXPECT_FALSE(settings_->update(Json{{"orders.receipt_reminder_days", 0}}, who));
  OrderIntake intake(*env_);
  OrderActions actions(*env_);
  auto created = intake.create(admin_, order_body("N-2"), std::nullopt);
  ASSERT_TRUE(created) << created.error().message;
  for (const auto action : {OrderAction::kPay, OrderAction::kPick, OrderAction::kPack}) {
    ASSERT_TRUE(actions.apply(admin_, created->order.id, action, Json::object(), std::nullopt));
  }
  ASSERT_TRUE(actions.apply(admin_, created->order.id, OrderAction::kShip,
                            Json{{"carrier", "中通"}, {"tracking_number", "ZT1"}}, std::nullopt));
  clock_.advance_ms(2 * kDayMs);
  auto due = send_receipt_reminders(*env_);
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_EQ(*due, 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, OrderNotificationsTest,
                         ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace crm::orders
