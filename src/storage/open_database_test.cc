// SPDX-License-Identifier: Apache-2.0
#include "storage/open_database.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/clock.h"
#include "storage/test_databases.h"

namespace crm::storage {
namespace {

TEST(OpenDatabase, RejectsUnknownScheme) {
  for (const char* url : {"mysql://localhost/x", "", "sqlite:", "data/shop.db"}) {
    auto opened = open_database(url);
    ASSERT_FALSE(opened) << url;
    EXPECT_EQ(opened.error().code, "storage.invalid_url") << url;
    EXPECT_EQ(opened.error().kind, ErrorKind::kInvalidInput);
  }
}

TEST(OpenDatabase, UnreachablePostgresIsUnavailableQuickly) {
  const int64_t start = steady_now_ms();
  auto opened = open_database("postgresql://127.0.0.1:1/x?connect_timeout=2");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, "storage.unavailable");
  EXPECT_EQ(opened.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(opened.error().message.find("cannot connect to PostgreSQL at 127.0.0.1:1/x"),
            std::string::npos)
      << opened.error().message;
  EXPECT_EQ(opened.error().message.find('\n'), std::string::npos);
  EXPECT_LT(steady_now_ms() - start, 3000);
}

TEST(OpenDatabase, SqliteCreatesParentDirectoryAndFile) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("crm_open_test_" + unique_suffix_for_test());
  const auto file = dir / "nested" / "shop.db";
  {
    auto opened = open_database("sqlite:" + file.string());
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ((*opened)->describe(), "sqlite:" + file.string());
    EXPECT_EQ((*opened)->dialect(), Dialect::kSqlite);
    EXPECT_TRUE((*opened)->ping());
  }
  EXPECT_TRUE(std::filesystem::exists(file));
  std::filesystem::remove_all(dir);
}

TEST(OpenDatabase, SqliteInDirectoryThatCannotBeCreatedIsUnavailable) {
  auto opened = open_database("sqlite:/proc/no/such/dir/x.db");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, "storage.unavailable");
}

class PostgresPoolTest : public StorageTest {};

TEST_P(PostgresPoolTest, DescribeHidesPasswordAndPoolRecoversAfterLostConnection) {
  if (!is_postgres()) GTEST_SKIP() << "PostgreSQL only";
  std::string with_password = url_;
  with_password.replace(with_password.find("://") + 3, 0, "postgres:s3cret@");
  auto secret = open_database(with_password);
  ASSERT_TRUE(secret) << secret.error().message;
  EXPECT_EQ((*secret)->describe().find("s3cret"), std::string::npos);

  auto single = open_again({.pool_size = 1});
  ASSERT_TRUE(single);
  auto pid = single->read([](Connection& c) { return c.query_one("SELECT pg_backend_pid()"); });
  ASSERT_TRUE(pid);
  ASSERT_TRUE(db().read([&](Connection& c) {
    return c.query("SELECT pg_terminate_backend(?)", pid->get_int(0));
  }));
  auto lost = single->ping();  // may fail once: the connection was killed
  if (!lost) {
    EXPECT_EQ(lost.error().code, "storage.unavailable");
  }
  auto recovered = single->ping();
  EXPECT_TRUE(recovered) << recovered.error().detail;
}

TEST_P(PostgresPoolTest, AcquireTimesOutWhenPoolIsExhausted) {
  if (!is_postgres()) GTEST_SKIP() << "PostgreSQL only";
  auto single = open_again({.pool_size = 1, .acquire_timeout_ms = 100});
  ASSERT_TRUE(single);
  auto outer = single->read([&](Connection&) -> Result<void> { return single->ping(); });
  ASSERT_FALSE(outer);
  EXPECT_EQ(outer.error().code, "storage.unavailable");
  EXPECT_EQ(single->pool_stats().timeouts, 1);
}

CRM_INSTANTIATE_STORAGE_TEST(PostgresPoolTest);

}  // namespace
}  // namespace crm::storage
