// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "storage/database.h"
#include "storage/migration.h"

namespace crm::test {

// A fresh, empty database for one test: "sqlite" (a file in a temporary directory) or "postgres"
// (a new database created on CRM_TEST_POSTGRES_URL's server and dropped afterwards). When the
// backend is not available, available() is false and skip_reason() says why (GTEST_SKIP on it).
class TestDatabase {
 public:
  explicit TestDatabase(std::string_view backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool available() const { return db_ != nullptr; }
  const std::string& skip_reason() const { return skip_reason_; }
  storage::Database& db() { return *db_; }

  // Applies the "system" migrations, then `modules` in order; aborts the test binary on failure.
  void migrate(const Clock& clock, const std::vector<storage::ModuleMigrations>& modules);

 private:
  std::unique_ptr<storage::Database> admin_;  // PostgreSQL: the server's original database
  std::unique_ptr<storage::Database> db_;
  std::string pg_name_;
  std::string temp_dir_;
  std::string skip_reason_;
};

// The backends every database test runs on, for INSTANTIATE_TEST_SUITE_P.
inline const std::vector<std::string> kBackends = {"sqlite", "postgres"};
inline std::string backend_name(const testing::TestParamInfo<std::string>& param) {
  return param.param;
}

}  // namespace crm::test
