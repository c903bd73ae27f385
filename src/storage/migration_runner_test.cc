// SPDX-License-Identifier: Apache-2.0
#include "storage/migration_runner.h"

#include <gtest/gtest.h>

#include "storage/system_migrations.h"
#include "storage/test_databases.h"

namespace crm::storage {
namespace {

constexpr MigrationFile kShop[] = {
    {"shop", 1, "create_products", "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);", {}},
    {"shop", 2, "add_price", "ALTER TABLE products ADD COLUMN price_fen BIGINT;", {}},
};
constexpr MigrationFile kShopTampered[] = {
    {"shop", 1, "create_products", "CREATE TABLE products (id INTEGER PRIMARY KEY, title TEXT);", {}},
    {"shop", 2, "add_price", "ALTER TABLE products ADD COLUMN price_fen BIGINT;", {}},
};
constexpr MigrationFile kBroken[] = {
    {"broken", 1, "half", "CREATE TABLE half_a (id INTEGER); INSERT INTO nowhere VALUES (1);", {}},
};
constexpr MigrationFile kGap[] = {
    {"gap", 1, "one", "SELECT 1;", {}},
    {"gap", 3, "three", "SELECT 1;", {}},
};

class MigrationRunnerTest : public StorageTest {
 protected:
  Result<MigrationReport> apply(std::initializer_list<ModuleMigrations> modules) {
    MigrationRunner runner(db(), clock_);
    return runner.apply(std::span<const ModuleMigrations>(modules.begin(), modules.size()));
  }
};

TEST_P(MigrationRunnerTest, AppliesInOrderAndIsIdempotent) {
  auto first = apply({{"system", migrations::system()}, {"shop", kShop}});
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->applied.size(), 3u);
  EXPECT_EQ(first->applied[0].module, "system");
  EXPECT_EQ(first->applied[1].name, "create_products");
  EXPECT_EQ(first->applied[2].version, 2);
  EXPECT_EQ(first->applied[2].applied_at_ms, clock_.now_ms());
  EXPECT_EQ(first->applied[2].checksum.size(), 64u);

  auto again = apply({{"system", migrations::system()}, {"shop", kShop}});
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->already_applied, 3);

  MigrationRunner runner(db(), clock_);
  auto recorded = runner.applied();
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->size(), 3u);
  auto used = db().transaction([](Connection& tx) {
    return tx.execute("INSERT INTO products (id, name, price_fen) VALUES (?, ?, ?)", 1, "茶", 1999);
  });
  EXPECT_TRUE(used) << used.error().detail;
}

TEST_P(MigrationRunnerTest, RefusesAChangedAppliedFile) {
  ASSERT_TRUE(apply({{"shop", std::span(kShop).first(1)}}));
  auto tampered = apply({{"shop", kShopTampered}});
  ASSERT_FALSE(tampered);
  EXPECT_EQ(tampered.error().code, "migration.checksum_mismatch");
  EXPECT_EQ(tampered.error().kind, ErrorKind::kConflict);
  EXPECT_NE(tampered.error().message.find("shop/0001_create_products"), std::string::npos);
  // Nothing else was applied (version 2 stays pending).
  MigrationRunner runner(db(), clock_);
  EXPECT_EQ(runner.applied()->size(), 1u);
}

TEST_P(MigrationRunnerTest, FailingMigrationLeavesNothing) {
  auto result = apply({{"broken", kBroken}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "migration.failed");
  EXPECT_NE(result.error().message.find("broken/0001_half"), std::string::npos);
  auto table = db().read([](Connection& c) { return c.query("SELECT * FROM half_a"); });
  EXPECT_FALSE(table);
  MigrationRunner runner(db(), clock_);
  EXPECT_TRUE(runner.applied()->empty());
}

TEST_P(MigrationRunnerTest, RejectsVersionGapsAndDuplicates) {
  auto gap = apply({{"gap", kGap}});
  ASSERT_FALSE(gap);
  EXPECT_EQ(gap.error().code, "migration.invalid");
  constexpr MigrationFile kDuplicate[] = {{"dup", 1, "a", "SELECT 1;", {}},
                                          {"dup", 1, "b", "SELECT 1;", {}}};
  auto duplicate = apply({{"dup", kDuplicate}});
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, "migration.invalid");
}

CRM_INSTANTIATE_STORAGE_TEST(MigrationRunnerTest);

}  // namespace
}  // namespace crm::storage
