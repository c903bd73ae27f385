// SPDX-License-Identifier: Apache-2.0
#include "storage/test_databases.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include "storage/open_database.h"

namespace crm::storage {

namespace {

const char* postgres_url() {
  const char* url = std::getenv("CRM_TEST_POSTGRES_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

void run_admin(const std::string& sql) {
  auto admin = open_database(postgres_url(), {.pool_size = 1});
  ASSERT_TRUE(admin) << admin.error().message;
  auto done = (*admin)->transaction([&](Connection& tx) { return tx.execute_script(sql); });
  ASSERT_TRUE(done) << done.error().detail;
}

}  // namespace

std::string unique_suffix_for_test() {
  static std::atomic<int> counter{0};
  std::random_device device;
  return std::to_string(getpid()) + "_" + std::to_string(device() % 1000000) + "_" +
         std::to_string(counter++);
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  switch (info.param) {
    case Backend::kSqliteFile: return "SqliteFile";
    case Backend::kSqliteMemory: return "SqliteMemory";
    case Backend::kPostgres: return "Postgres";
  }
  return "Unknown";
}

void StorageTest::SetUp() {
  if (is_postgres() && postgres_url() == nullptr) {
    GTEST_SKIP() << "CRM_TEST_POSTGRES_URL is not set; start one with scripts/start-test-postgres";
  }
  const std::string suffix = unique_suffix_for_test();
  dir_ = std::filesystem::temp_directory_path() / ("crm_storage_test_" + suffix);
  std::filesystem::create_directories(dir_);
  switch (GetParam()) {
    case Backend::kSqliteFile: url_ = "sqlite:" + (dir_ / "test.db").string(); break;
    case Backend::kSqliteMemory: url_ = "sqlite::memory:"; break;
    case Backend::kPostgres: {
      schema_ = "t_" + suffix;
      run_admin("CREATE SCHEMA " + schema_);
      const std::string base = postgres_url();
      url_ = base + (base.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3D" + schema_;
      break;
    }
  }
  auto opened = open_database(url_);
  ASSERT_TRUE(opened) << opened.error().message;
  db_ = std::move(opened).value();
}

void StorageTest::TearDown() {
  db_.reset();
  if (!schema_.empty()) run_admin("DROP SCHEMA " + schema_ + " CASCADE");
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

std::unique_ptr<Database> StorageTest::open_again(const DatabaseOptions& options) const {
  auto opened = open_database(url_, options);
  EXPECT_TRUE(opened) << opened.error().message;
  return opened ? std::move(opened).value() : nullptr;
}

void StorageTest::exec(std::string_view sql) {
  auto done = db().transaction([&](Connection& tx) { return tx.execute_script(sql); });
  ASSERT_TRUE(done) << done.error().detail;
}

}  // namespace crm::storage
