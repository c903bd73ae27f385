// SPDX-License-Identifier: Apache-2.0
#include "storage/backup.h"

#include <gtest/gtest.h>

#include <fstream>

#include "storage/migration_runner.h"
#include "storage/open_database.h"
#include "storage/outbox.h"
#include "storage/system_migrations.h"
#include "storage/test_databases.h"

namespace crm::storage {
namespace {

class BackupTest : public StorageTest {
 protected:
  static Result<std::vector<Row>> dump(Database& database) {
    return database.read([](Connection& c) {
      return c.query("SELECT id, type, payload, created_at_ms FROM outbox_events ORDER BY id");
    });
  }
};

TEST_P(BackupTest, BackupThenRestoreGivesIdenticalData) {
  const std::string backup_file = (dir_ / "backups" / "b1.db").string();
  if (is_postgres()) {
    auto refused = backup_database(db(), backup_file);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "backup.postgres_unsupported");
    EXPECT_NE(refused.error().message.find("pg_dump"), std::string::npos);
    return;
  }
  const ModuleMigrations modules[] = {{"system", migrations::system()}};
  ASSERT_TRUE(MigrationRunner(db(), clock_).apply(modules));
  ASSERT_TRUE(db().transaction([&](Connection& tx) -> Result<void> {
    CRM_TRY(Outbox::append(tx, clock_, "客户.created", R"({"name":"李四"})"));
    CRM_TRY(Outbox::append(tx, clock_, "order.paid", "{}"));
    return {};
  }));
  auto before = dump(db());
  ASSERT_TRUE(before);

  ASSERT_TRUE(backup_database(db(), backup_file));
  auto again = backup_database(db(), backup_file);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "backup.file_exists");

  const std::string target = (dir_ / "restored" / "shop.db").string();
  auto restored = restore_database(target, backup_file);
  ASSERT_TRUE(restored) << restored.error().message << " " << restored.error().detail;
  auto reopened = open_database("sqlite:" + target);
  ASSERT_TRUE(reopened);
  auto after = dump(**reopened);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), before->size());
  for (size_t i = 0; i < after->size(); ++i) {
    EXPECT_EQ((*after)[i].values(), (*before)[i].values());
  }
  EXPECT_EQ(MigrationRunner(**reopened, clock_).applied()->size(), 1u);
}

TEST_P(BackupTest, RestoreRejectsFilesThatAreNotShopcrmBackups) {
  if (is_postgres()) GTEST_SKIP() << "restore is SQLite only";
  const std::string garbage = (dir_ / "garbage.db").string();
  std::ofstream(garbage) << "this is not a database, just some text that is long enough";
  auto bad = restore_database((dir_ / "t.db").string(), garbage);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "backup.invalid");

  const std::string plain = (dir_ / "plain.db").string();
  {
    auto other = open_database("sqlite:" + plain);
    ASSERT_TRUE(other);
    ASSERT_TRUE((*other)->transaction([](Connection& tx) {
      return tx.execute_script("CREATE TABLE x (y INTEGER)");
    }));
  }
  auto foreign = restore_database((dir_ / "t.db").string(), plain);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, "backup.invalid");
  EXPECT_EQ(restore_database("postgresql://h/db", plain).error().code,
            "backup.postgres_unsupported");
}

CRM_INSTANTIATE_STORAGE_TEST(BackupTest);

}  // namespace
}  // namespace crm::storage
