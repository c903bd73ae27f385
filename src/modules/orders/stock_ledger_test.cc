// SPDX-License-Identifier: Apache-2.0
// The stock ledger and stock writes over SQLite and PostgreSQL: arithmetic, movement rows, the
// never-negative guards, concurrent reservations of the last unit, stocktake adjustments.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "modules/customers/customers_test_fixture.h"
#include "modules/orders/stock_ledger.h"
#include "modules/orders/stock_service.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> orders();
}  // namespace crm::migrations

namespace crm::orders {
namespace {

class StockLedgerTest : public customers::CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    database_.migrate(clock_, {{"orders", migrations::orders()}});
    ledger_ = std::make_unique<StockLedger>(clock_);
    stock_ = std::make_unique<StockService>(database_.db(), clock_, *audit_, *ledger_);
    exec("INSERT INTO products (sku, name, price_fen, created_at_ms, updated_at_ms) VALUES "
         "('A-1', 'Apple', 500, 0, 0), ('B-1', 'Banana', 300, 0, 0)");
    exec("INSERT INTO warehouses (code, name, is_default, created_at_ms, updated_at_ms) VALUES "
         "('WH1', 'Main', 0, 0, 0), ('WH2', 'Second', 1, 0, 0)");
    caller_.actor.user_id = 1;
    caller_.actor.username = "admin";
    caller_.audit.actor_id = 1;
    caller_.audit.actor_name = "admin";
  }

  void exec(const std::string& sql) {
    auto done = database_.db().transaction(
        [&](storage::Connection& c) -> Result<void> { return c.execute_script(sql); });
    ASSERT_TRUE(done) << done.error().message << " " << done.error().detail;
  }

  template <typename F>
  Result<void> in_tx(F&& fn) {
    return database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
      return fn(tx);
    });
  }

  Result<void> receive(int64_t product, int64_t quantity, int64_t warehouse = 1) {
    return in_tx([&](storage::Connection& tx) {
      return ledger_->receive(tx, warehouse, {{product, quantity}}, {{}, {}, 1, "receipt"});
    });
  }
  Result<void> reserve(std::vector<StockLine> lines, int64_t order_id = 7) {
    return in_tx([&](storage::Connection& tx) {
      return ledger_->reserve(tx, 1, lines, {order_id, {}, 1, "order"});
    });
  }

  // {on_hand, reserved} of product 1 in warehouse 1.
  std::pair<int64_t, int64_t> stock(int64_t product = 1) {
    const std::string where = " FROM stock WHERE warehouse_id = 1 AND product_id = " +
                              std::to_string(product);
    return {count("SELECT on_hand" + where), count("SELECT reserved" + where)};
  }

  std::unique_ptr<StockLedger> ledger_;
  std::unique_ptr<StockService> stock_;
  customers::Caller caller_;
};

TEST_P(StockLedgerTest, DefaultWarehouseIsTheDefaultEnabledOneElseTheLowestId) {
  auto pick = [&] {
    return database_.db().read([&](storage::Connection& db) {
      return ledger_->default_warehouse(db);
    });
  };
  EXPECT_EQ(pick().value(), 2);
  exec("UPDATE warehouses SET enabled = 0 WHERE id = 2");
  EXPECT_EQ(pick().value(), 1);
  exec("UPDATE warehouses SET enabled = 0");
  auto none = pick();
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "stock.no_warehouse");
  EXPECT_EQ(none.error().kind, ErrorKind::kConflict);
}

TEST_P(StockLedgerTest, ArithmeticAndMovementRows) {
  ASSERT_TRUE(receive(1, 10));
  ASSERT_TRUE(receive(1, 5));
  EXPECT_EQ(stock(), std::make_pair(int64_t{15}, int64_t{0}));
  ASSERT_TRUE(reserve({{1, 4}}));
  EXPECT_EQ(stock(), std::make_pair(int64_t{15}, int64_t{4}));
  auto available = database_.db().read([&](storage::Connection& db) {
    return ledger_->available(db, 1, 1);
  });
  EXPECT_EQ(available.value(), 11);
  ASSERT_TRUE(in_tx([&](storage::Connection& tx) {
    return ledger_->ship(tx, 1, {{1, 3}}, {7, {}, 1, "shipped"});
  }));
  EXPECT_EQ(stock(), std::make_pair(int64_t{12}, int64_t{1}));
  ASSERT_TRUE(in_tx([&](storage::Connection& tx) {
    return ledger_->release(tx, 1, {{1, 1}}, {7, {}, 1, "cancelled"});
  }));
  EXPECT_EQ(stock(), std::make_pair(int64_t{12}, int64_t{0}));

  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'in' AND quantity IN (10, 5)"
                  " AND order_id IS NULL AND actor_id = 1"),
            2);
  EXPECT_EQ(count("SELECT on_hand_after FROM stock_movements WHERE kind = 'in' AND quantity = 5"),
            15);
  EXPECT_EQ(count("SELECT reserved_after FROM stock_movements WHERE kind = 'reserve' AND "
                  "quantity = 4 AND order_id = 7"),
            4);
  EXPECT_EQ(count("SELECT on_hand_after * 100 + reserved_after FROM stock_movements "
                  "WHERE kind = 'out' AND quantity = 3 AND reason = 'shipped'"),
            1201);
  EXPECT_EQ(count("SELECT reserved_after FROM stock_movements WHERE kind = 'release'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE order_id = 7"), 3);
}

TEST_P(StockLedgerTest, NeverNegativeAndAllOrNothing) {
  ASSERT_TRUE(receive(1, 3));
  ASSERT_TRUE(receive(2, 1));
  // Two lines, the second cannot be served: nothing of the first stays reserved.
  auto short_line = reserve({{1, 2}, {2, 2}});
  ASSERT_FALSE(short_line);
  EXPECT_EQ(short_line.error().code, "stock.insufficient");
  EXPECT_EQ(short_line.error().kind, ErrorKind::kConflict);
  EXPECT_NE(short_line.error().message.find("B-1"), std::string::npos);
  EXPECT_NE(short_line.error().message.find("1 available"), std::string::npos);
  EXPECT_EQ(stock(1), std::make_pair(int64_t{3}, int64_t{0}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'reserve'"), 0);

  // A product never received in that warehouse has nothing available.
  exec("INSERT INTO products (sku, name, price_fen, created_at_ms, updated_at_ms) VALUES "
       "('C-1', 'Cherry', 100, 0, 0)");
  EXPECT_EQ(reserve({{3, 1}}).error().code, "stock.insufficient");
  // Releasing or shipping more than is reserved is refused.
  ASSERT_TRUE(reserve({{1, 2}}));
  EXPECT_EQ(in_tx([&](storage::Connection& tx) {
              return ledger_->release(tx, 1, {{1, 3}}, {7, {}, 1, ""});
            }).error().code,
            "stock.insufficient");
  EXPECT_EQ(in_tx([&](storage::Connection& tx) {
              return ledger_->ship(tx, 1, {{1, 3}}, {7, {}, 1, ""});
            }).error().code,
            "stock.insufficient");
  EXPECT_EQ(stock(1), std::make_pair(int64_t{3}, int64_t{2}));
  // Quantities must be positive.
  EXPECT_EQ(reserve({{1, 0}}).error().code, "stock.invalid_quantity");
  EXPECT_EQ(receive(1, -1).error().code, "stock.invalid_quantity");
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock WHERE on_hand < 0 OR reserved < 0 OR "
                  "reserved > on_hand"),
            0);
}

TEST_P(StockLedgerTest, ConcurrentReservationsOfTheLastUnitLetExactlyOneSucceed) {
  ASSERT_TRUE(receive(1, 1));
  constexpr int kThreads = 6;
  std::atomic<int> ready{0};
  std::atomic<int> succeeded{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      auto done = database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
        CRM_TRY(ledger_->reserve(tx, 1, {{1, 1}}, {100 + i, {}, 1, "race"}));
        // Hold the transaction open so that the others overlap with it.
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        return {};
      });
      if (done) {
        ++succeeded;
      } else if (done.error().code == "stock.insufficient") {
        ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(succeeded.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(stock(), std::make_pair(int64_t{1}, int64_t{1}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'reserve'"), 1);
}

TEST_P(StockLedgerTest, AdjustIsRefusedBelowReservedAndRecordsSignedMovements) {
  ASSERT_TRUE(receive(1, 10));
  ASSERT_TRUE(reserve({{1, 4}}));
  auto below = stock_->adjust(caller_, {{"warehouse_id", 1}, {"product_id", 1},
                                        {"quantity", -7}, {"reason", "broken"}});
  ASSERT_FALSE(below);
  EXPECT_EQ(below.error().code, "stock.insufficient");
  auto counted_below = stock_->adjust(caller_, {{"warehouse_id", 1}, {"product_id", 1},
                                                {"counted", 3}, {"reason", "stocktake"}});
  ASSERT_FALSE(counted_below);
  EXPECT_EQ(counted_below.error().code, "stock.insufficient");
  EXPECT_EQ(stock(), std::make_pair(int64_t{10}, int64_t{4}));

  auto down = stock_->adjust(caller_, {{"warehouse_id", 1}, {"product_id", 1}, {"quantity", -6},
                                       {"reason", "broken"}});
  ASSERT_TRUE(down) << down.error().message;
  EXPECT_EQ(down->on_hand, 4);
  auto counted = stock_->adjust(caller_, {{"warehouse_id", 1}, {"product_id", 1},
                                          {"counted", 9}, {"reason", "stocktake"}});
  ASSERT_TRUE(counted) << counted.error().message;
  EXPECT_EQ(counted->on_hand, 9);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'adjust'"), 2);
  EXPECT_EQ(count("SELECT quantity FROM stock_movements WHERE kind = 'adjust' AND "
                  "reason = 'broken'"),
            -6);
  EXPECT_EQ(count("SELECT quantity FROM stock_movements WHERE kind = 'adjust' AND "
                  "reason = 'stocktake'"),
            5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'stock.adjusted'"), 2);

  // Validation: reason required, exactly one of quantity / counted; nothing changes.
  EXPECT_EQ(stock_->adjust(caller_, {{"warehouse_id", 1}, {"product_id", 1}, {"quantity", 1}})
                .error()
                .field,
            "reason");
  EXPECT_EQ(stock_->adjust(caller_, {{"warehouse_id", 1}, {"product_id", 1}, {"quantity", 1},
                                     {"counted", 1}, {"reason", "x"}})
                .error()
                .code,
            "stock.invalid_adjustment");
  EXPECT_EQ(stock_->adjust(caller_, {{"warehouse_id", 9}, {"product_id", 1}, {"quantity", 1},
                                     {"reason", "x"}})
                .error()
                .code,
            "stock.unknown_warehouse");
  EXPECT_EQ(stock(), std::make_pair(int64_t{9}, int64_t{4}));
}

INSTANTIATE_TEST_SUITE_P(Backends, StockLedgerTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::orders
