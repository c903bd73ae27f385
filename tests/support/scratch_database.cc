// SPDX-License-Identifier: Apache-2.0
#include "scratch_database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <random>

namespace crm::test {

namespace {

std::string postgres_base_url() {
  const char* url = std::getenv("CRM_TEST_POSTGRES_URL");
  return url == nullptr ? "" : url;
}

// postgresql:///shopcrm_test?host=/tmp/x&user=postgres -> the same URL with another database.
std::string with_database(const std::string& url, const std::string& database) {
  const size_t scheme_end = url.find("://");
  const size_t path = url.find('/', scheme_end + 3);
  const size_t query = url.find('?', path);
  return url.substr(0, path + 1) + database + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

bool ScratchDatabase::available(const std::string& kind) {
  return kind == "sqlite" || !postgres_base_url().empty();
}

ScratchDatabase::ScratchDatabase(const std::string& kind) : kind_(kind) {
  if (kind == "sqlite") {
    url_ = "sqlite:" + dir_.path() + "/shopcrm.db";
    return;
  }
  static std::atomic<int> counter{0};
  std::random_device device;
  name_ = "shopcrm_t" + std::to_string(device() % 1000000) + "_" + std::to_string(counter++);
  admin_url_ = postgres_base_url();
  url_ = with_database(admin_url_, name_);
  recreate_for_test();
}

ScratchDatabase::~ScratchDatabase() {
  if (kind_ == "postgres") drop_for_test();
}

void ScratchDatabase::drop_for_test() {
  run_command({"psql", admin_url_, "-q", "-v", "ON_ERROR_STOP=1", "-c",
               "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"});
}

void ScratchDatabase::recreate_for_test() {
  const auto created = run_command(
      {"psql", admin_url_, "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE " + name_});
  EXPECT_EQ(created.exit_code, 0) << created.err;
}

std::string ScratchDatabase::sql(const std::string& statement) const {
  CommandResult result;
  if (kind_ == "sqlite") {
    // The server under test may hold the write lock for a moment (its worker, the analytics
    // loader): wait for it like the server's own connections do instead of failing "locked".
    result = run_command({"sqlite3", "-cmd", ".timeout 10000", url_.substr(7), statement});
  } else {
    result = run_command({"psql", url_, "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", statement});
  }
  EXPECT_EQ(result.exit_code, 0) << statement << "\n" << result.err;
  return result.out;
}

}  // namespace crm::test
