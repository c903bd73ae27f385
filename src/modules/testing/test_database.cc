// SPDX-License-Identifier: Apache-2.0
#include "modules/testing/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "storage/migration_runner.h"
#include "storage/open_database.h"
#include "storage/system_migrations.h"

namespace crm::test {

namespace {

// `url` with its database name (the path after the authority) replaced by `name`.
std::string with_database(std::string url, const std::string& name) {
  const size_t authority = url.find("://");
  const size_t slash = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  if (slash == std::string::npos) return url + "/" + name;
  const size_t end = url.find('?', slash);
  url.replace(slash + 1, (end == std::string::npos ? url.size() : end) - slash - 1, name);
  return url;
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(steady_now_ms() % 1'000'000);
}

}  // namespace

TestDatabase::TestDatabase(std::string_view backend) {
  if (backend == "sqlite") {
    std::string pattern = (std::filesystem::temp_directory_path() / "crm_test_XXXXXX").string();
    CRM_CHECK(::mkdtemp(pattern.data()) != nullptr);
    temp_dir_ = pattern;
    auto opened = storage::open_database("sqlite:" + temp_dir_ + "/test.db");
    CRM_CHECK(opened.has_value());
    db_ = std::move(opened).value();
    return;
  }
  const char* url = std::getenv("CRM_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    skip_reason_ = "CRM_TEST_POSTGRES_URL is not set; PostgreSQL tests skipped";
    return;
  }
  auto admin = storage::open_database(url);
  if (!admin) {
    ADD_FAILURE() << "cannot open " << url << ": " << admin.error().message;
    skip_reason_ = "PostgreSQL unreachable";
    return;
  }
  admin_ = std::move(admin).value();
  pg_name_ = "crm_test_" + unique_suffix();
  auto created = admin_->read([&](storage::Connection& c) {
    return c.execute_script("CREATE DATABASE " + pg_name_);
  });
  CRM_CHECK(created.has_value());
  auto opened = storage::open_database(with_database(url, pg_name_));
  CRM_CHECK(opened.has_value());
  db_ = std::move(opened).value();
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (admin_ && !pg_name_.empty()) {
    (void)admin_->read([&](storage::Connection& c) {
      return c.execute_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    });
  }
  if (!temp_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(temp_dir_, ignored);
  }
}

void TestDatabase::migrate(const Clock& clock,
                           const std::vector<storage::ModuleMigrations>& modules) {
  std::vector<storage::ModuleMigrations> all{{"system", migrations::system()}};
  all.insert(all.end(), modules.begin(), modules.end());
  auto applied = storage::MigrationRunner(*db_, clock).apply(all);
  if (!applied) {
    ADD_FAILURE() << applied.error().code << ": " << applied.error().message << " "
                  << applied.error().detail;
  }
  CRM_CHECK(applied.has_value());
}

}  // namespace crm::test
