// SPDX-License-Identifier: Apache-2.0
// The WAL is moved into the database file by the checkpointer's thread, not by the commit.
#include "storage/sqlite/sqlite_checkpointer.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.h"
#include "storage/test_databases.h"

namespace crm::storage::sqlite {
namespace {

class SqliteCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("crm-ckpt-" + unique_suffix_for_test());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "db.sqlite").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(SqliteCheckpointerTest, ABigCommitIsCheckpointedByTheThreadAndNotByTheCommit) {
  auto opened = SqliteDatabase::open(path_, DatabaseOptions{});
  ASSERT_TRUE(opened) << opened.error().message;
  SqliteDatabase& db = **opened;
  ASSERT_NE(db.checkpointer(), nullptr);
  ASSERT_TRUE(db.transaction([](Connection& tx) -> Result<void> {
    CRM_TRY(tx.execute_script("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
    return {};
  }));
  const int64_t runs_before = db.checkpointer()->runs();

  // ~2,000 pages in one commit: past the 1,000 pages at which SQLite would checkpoint in it.
  ASSERT_TRUE(db.transaction([](Connection& tx) -> Result<void> {
    return tx.execute_script(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) "
        "INSERT INTO t (v) SELECT printf('%.2000c', 'x') FROM n");
  }));
  // The commit returned with the rows in the WAL; the thread moves them into the file.
  for (int i = 0; i < 600 && db.checkpointer()->runs() == runs_before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_GT(db.checkpointer()->runs(), runs_before);
  EXPECT_GT(std::filesystem::file_size(path_), 4000u * 2000u);

  // Nothing is left to copy, and the data reads back through a new connection.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  int wal = -1, copied = -1;
  EXPECT_EQ(sqlite3_wal_checkpoint_v2(other, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal, &copied),
            SQLITE_OK);
  EXPECT_EQ(wal, copied);
  sqlite3_close(other);
  auto count = db.read([](Connection& c) { return c.query_one("SELECT COUNT(*) FROM t"); });
  ASSERT_TRUE(count);
  EXPECT_EQ(count->get_int(0), 4000);
}

TEST_F(SqliteCheckpointerTest, SmallCommitsDoNotWakeIt) {
  auto opened = SqliteDatabase::open(path_, DatabaseOptions{});
  ASSERT_TRUE(opened);
  SqliteDatabase& db = **opened;
  ASSERT_TRUE(db.transaction([](Connection& tx) -> Result<void> {
    return tx.execute_script("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  }));
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(db.transaction([](Connection& tx) -> Result<void> {
      CRM_TRY(tx.execute("INSERT INTO t DEFAULT VALUES"));
      return {};
    }));
  }
  EXPECT_EQ(db.checkpointer()->runs(), 0);
}

}  // namespace
}  // namespace crm::storage::sqlite
