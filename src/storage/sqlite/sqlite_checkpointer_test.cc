// SPDX-License-Identifier: Apache-2.0
// Big commits are checkpointed by the checkpointer's thread, ordinary ones inline as SQLite does,
// and the WAL still starts over under back-to-back commits.
#include "storage/sqlite/sqlite_checkpointer.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.h"
#include "storage/test_databases.h"

namespace crm::storage::sqlite {
namespace {

// `rows` rows of ~1.8 KB (about rows / 2 pages) in one transaction.
std::string insert_sql(int rows) {
  return "BEGIN IMMEDIATE; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
         "i < " + std::to_string(rows) + ") INSERT INTO t (v) SELECT printf('%.1800c', 'x') FROM n; "
         "COMMIT";
}

class SqliteCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("crm-ckpt-" + unique_suffix_for_test());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "db.sqlite").string();
    auto writer = SqliteConnection::open(path_, OpenMode::kWriter, 5000);
    ASSERT_TRUE(writer);
    writer_ = std::move(*writer);
    ASSERT_TRUE(writer_->execute_script("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"));
    // Small limits: wake at 100 pages, "big" from 1,000 pages (4 MB).
    auto checkpointer =
        SqliteCheckpointer::open(path_, {.wal_pages = 100, .big_commit_pages = 1000});
    ASSERT_TRUE(checkpointer);
    checkpointer_ = std::move(*checkpointer);
    checkpointer_->attach(*writer_);
  }
  void TearDown() override {
    writer_.reset();  // before the checkpointer its hook points to
    checkpointer_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The WAL file's size: it only grows while the WAL never starts over.
  uintmax_t wal_bytes() const { return std::filesystem::file_size(path_ + "-wal"); }

  void wait_for_thread(int64_t runs) {
    for (int i = 0; i < 600 && checkpointer_->thread_runs() < runs; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<SqliteConnection> writer_;
  std::unique_ptr<SqliteCheckpointer> checkpointer_;
};

TEST_F(SqliteCheckpointerTest, ABigCommitIsCheckpointedByTheThreadAndTheNextCommitFinishes) {
  ASSERT_TRUE(writer_->execute_script(insert_sql(4000)));  // ~2,000 pages: big
  wait_for_thread(1);
  EXPECT_EQ(checkpointer_->thread_runs(), 1);
  EXPECT_EQ(checkpointer_->inline_runs(), 0);  // the commit did not checkpoint
  EXPECT_GT(std::filesystem::file_size(path_), 4000u * 1800u);  // copied into the file
  const uintmax_t wal_after_big = wal_bytes();

  // Ordinary commits checkpoint inline again; the WAL starts over instead of growing.
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(writer_->execute_script(insert_sql(300)));
  EXPECT_GT(checkpointer_->inline_runs(), 0);
  EXPECT_EQ(checkpointer_->thread_runs(), 1);
  EXPECT_LE(wal_bytes(), wal_after_big);

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  sqlite3_stmt* count = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(other, "SELECT COUNT(*) FROM t", -1, &count, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(count, 0), 4000 + 10 * 300);
  sqlite3_finalize(count);
  sqlite3_close(other);
}

TEST_F(SqliteCheckpointerTest, BackToBackCommitsStillLetTheWalStartOver) {
  // With only a concurrent checkpoint, commits without a pause between them never leave the WAL
  // fully copied, so it never starts over; inline checkpoints after ordinary commits do.
  constexpr int kCommits = 40;
  uintmax_t largest = 0;
  for (int i = 0; i < kCommits; ++i) {
    ASSERT_TRUE(writer_->execute_script(insert_sql(800)));  // ~400 pages: ordinary
    largest = std::max(largest, wal_bytes());
  }
  EXPECT_GE(checkpointer_->inline_runs(), kCommits - 1);
  EXPECT_EQ(checkpointer_->thread_runs(), 0);
  EXPECT_LT(largest, 4u * 800u * 1900u) << "largest WAL " << largest;  // a few commits' worth
}

TEST_F(SqliteCheckpointerTest, BackToBackBigCommitsStillLetTheWalStartOver) {
  // Each commit is "big"; one on top of another checkpoints inline.
  constexpr int kCommits = 12;
  uintmax_t largest = 0;
  for (int i = 0; i < kCommits; ++i) {
    ASSERT_TRUE(writer_->execute_script(insert_sql(2400)));  // ~1,200 pages: big
    largest = std::max(largest, wal_bytes());
  }
  EXPECT_GT(checkpointer_->inline_runs(), 0);
  EXPECT_LT(largest, 5u * 2400u * 1900u) << "largest WAL " << largest;  // a few commits' worth
}

TEST_F(SqliteCheckpointerTest, SmallCommitsDoNotCheckpoint) {
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(writer_->execute_script(insert_sql(1)));
  EXPECT_EQ(checkpointer_->inline_runs(), 0);
  EXPECT_EQ(checkpointer_->thread_runs(), 0);
}

TEST(SqliteDatabaseCheckpoints, AFileDatabaseHasACheckpointerAndMemoryNone) {
  const auto dir = std::filesystem::temp_directory_path() / ("crm-ckpt-" + unique_suffix_for_test());
  std::filesystem::create_directories(dir);
  {
    auto file = SqliteDatabase::open((dir / "db.sqlite").string(), DatabaseOptions{});
    ASSERT_TRUE(file);
    EXPECT_NE((*file)->checkpointer(), nullptr);
    auto memory = SqliteDatabase::open(":memory:", DatabaseOptions{});
    ASSERT_TRUE(memory);
    EXPECT_EQ((*memory)->checkpointer(), nullptr);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace crm::storage::sqlite
