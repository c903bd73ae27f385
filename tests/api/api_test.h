// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "http_client.h"
#include "scratch_database.h"
#include "server_process.h"

namespace crm::test {

// An API test runs once per database kind ("sqlite", "postgres"); PostgreSQL runs need
// CRM_TEST_POSTGRES_URL (make test starts a throwaway cluster and sets it).
class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!ScratchDatabase::available(GetParam())) {
      GTEST_SKIP() << "CRM_TEST_POSTGRES_URL is not set; run `make test` for PostgreSQL";
    }
    db_ = std::make_unique<ScratchDatabase>(GetParam());
  }

  std::unique_ptr<ServerProcess> start_server(std::vector<std::string> args = {},
                                              std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", db_->url()});
    if (env.find("SHOPCRM_WEB_ROOT") == env.end()) env["SHOPCRM_WEB_ROOT"] = db_->dir() + "/no-web";
    if (env.find("SHOPCRM_KEY_FILE") == env.end()) env["SHOPCRM_KEY_FILE"] = db_->dir() + "/shopcrm.key";
    return ServerProcess::start(args, env);
  }

  std::unique_ptr<ScratchDatabase> db_;
};

inline std::string database_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace crm::test
