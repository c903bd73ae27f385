// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/database.h"
#include "storage/test_databases.h"

namespace crm::storage {
namespace {

class TransactionTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  }
  int64_t count() {
    auto row = db().read([](Connection& c) { return c.query_one("SELECT COUNT(*) FROM items"); });
    EXPECT_TRUE(row);
    return row ? row->get_int(0) : -1;
  }
  static Result<void> insert_three(Connection& tx) {
    for (int id = 1; id <= 3; ++id) {
      CRM_TRY(tx.execute("INSERT INTO items (id, name) VALUES (?, ?)", id, "n" + std::to_string(id)));
    }
    return {};
  }
};

TEST_P(TransactionTest, CommitsWhenFnReturnsAValue) {
  auto result = db().transaction([](Connection& tx) -> Result<int> {
    CRM_TRY(insert_three(tx));
    return 3;
  });
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(*result, 3);
  EXPECT_EQ(count(), 3);
}

TEST_P(TransactionTest, ErrorRollsBackEverything) {
  auto result = db().transaction([](Connection& tx) -> Result<void> {
    CRM_TRY(insert_three(tx));
    return conflict("test.refused", "no");
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "test.refused");
  EXPECT_EQ(count(), 0);
}

TEST_P(TransactionTest, FailedStatementRollsBackEarlierInserts) {
  auto result = db().transaction([](Connection& tx) -> Result<void> {
    CRM_TRY(insert_three(tx));
    CRM_TRY(tx.execute("INSERT INTO items (id, name) VALUES (?, ?)", 1, "duplicate"));
    return {};
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "storage.unique_violation");
  EXPECT_EQ(count(), 0);
  // The connection is usable afterwards.
  EXPECT_TRUE(db().transaction(insert_three));
  EXPECT_EQ(count(), 3);
}

TEST_P(TransactionTest, ExceptionRollsBackAndIsRethrown) {
  EXPECT_THROW((void)db().transaction([](Connection& tx) -> Result<void> {
    CRM_TRY(insert_three(tx));
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(count(), 0);
  EXPECT_EQ(db().pool_stats().in_use, 0);
  EXPECT_TRUE(db().transaction(insert_three));
  EXPECT_EQ(count(), 3);
}

TEST_P(TransactionTest, ReadSeesOnlyCommittedDataFromOtherConnections) {
  if (GetParam() == Backend::kSqliteMemory) GTEST_SKIP() << ":memory: reads share the writer";
  auto result = db().transaction([&](Connection& tx) -> Result<void> {
    CRM_TRY(insert_three(tx));
    EXPECT_EQ(count(), 0);  // a reader does not see the open transaction
    return {};
  });
  ASSERT_TRUE(result);
  EXPECT_EQ(count(), 3);
}

CRM_INSTANTIATE_STORAGE_TEST(TransactionTest);

}  // namespace
}  // namespace crm::storage
