// SPDX-License-Identifier: Apache-2.0
// Test support: one parameterized fixture that gives each test a fresh, empty database on every
// driver: an SQLite temp file, SQLite :memory:, and PostgreSQL when CRM_TEST_POSTGRES_URL is set
// (each test in its own schema, dropped afterwards; skipped with a message when unset).
#pragma once

#include <ostream>

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "storage/database.h"

namespace crm::storage {

enum class Backend { kSqliteFile, kSqliteMemory, kPostgres };

// Lets gtest print a backend by name in test listings.
inline void PrintTo(Backend backend, std::ostream* out) {
  static constexpr const char* kNames[] = {"sqlite-file", "sqlite-memory", "postgres"};
  *out << kNames[static_cast<int>(backend)];
}

class StorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Database& db() { return *db_; }
  bool is_postgres() const { return GetParam() == Backend::kPostgres; }
  // The SQL for the current dialect.
  std::string_view pick(std::string_view sqlite_sql, std::string_view postgres_sql) const {
    return is_postgres() ? postgres_sql : sqlite_sql;
  }
  // Opens another Database on the same data (not for :memory:, which is private per Database).
  std::unique_ptr<Database> open_again(const DatabaseOptions& options = {}) const;
  // Runs a script in its own transaction; fails the test on error.
  void exec(std::string_view sql);

  ManualClock clock_;
  std::unique_ptr<Database> db_;
  std::string url_;
  std::filesystem::path dir_;  // per-test temp dir (all backends)
  std::string schema_;         // PostgreSQL only
};

std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// A unique name for temp dirs and schemas.
std::string unique_suffix_for_test();

}  // namespace crm::storage

#define CRM_INSTANTIATE_STORAGE_TEST(Suite)                                             \
  INSTANTIATE_TEST_SUITE_P(Drivers, Suite,                                              \
                           ::testing::Values(::crm::storage::Backend::kSqliteFile,      \
                                             ::crm::storage::Backend::kSqliteMemory,    \
                                             ::crm::storage::Backend::kPostgres),       \
                           ::crm::storage::backend_name)
