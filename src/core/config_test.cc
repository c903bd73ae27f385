// SPDX-License-Identifier: Apache-2.0
#include "core/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

namespace crm {
namespace {

Config::EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

// One file per test: CTest runs tests in parallel processes.
std::string write_toml(const std::string& text) {
  const std::string path = ::testing::TempDir() + "/shopcrm_config_" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                           ".toml";
  std::ofstream(path) << text;
  return path;
}

TEST(Config, FlagsBeatEnvironmentBeatFile) {
  const auto path = write_toml("listen = \"127.0.0.1:1\"\ndb = \"sqlite:file.db\"\n[http]\nmax_body_bytes = 1000\n");
  auto config = Config::load(path, true, env_of({{"SHOPCRM_LISTEN", "127.0.0.1:2"}}),
                             {{"db", "sqlite:flag.db"}});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->find("listen").value(), "127.0.0.1:2");
  EXPECT_EQ(config->find("db").value(), "sqlite:flag.db");
  EXPECT_EQ(config->get_int("http.max_body_bytes", 5, 1, 10000).value(), 1000);
  EXPECT_EQ(config->get_int("http.max_json_depth", 32, 1, 100).value(), 32);
}

TEST(Config, UnknownFileKeyIsRefused) {
  const auto path = write_toml("lisen = \"typo\"\n");
  auto config = Config::load(path, true, env_of({}), {});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, "config.unknown_key");
}

TEST(Config, MissingRequiredFileIsAnError) {
  auto config = Config::load(std::string("/nonexistent/shopcrm.toml"), true, env_of({}), {});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, "config.file_missing");
  EXPECT_TRUE(Config::load(std::string("/nonexistent/shopcrm.toml"), false, env_of({}), {}));
}

TEST(Config, OutOfRangeIntegerNamesTheKey) {
  auto config = Config::load(std::nullopt, false,
                             env_of({{"SHOPCRM_HTTP_MAX_BODY_BYTES", "-3"}}), {});
  ASSERT_TRUE(config);
  auto value = config->get_int("http.max_body_bytes", 10, 1, 100);
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().field, "http.max_body_bytes");
  EXPECT_EQ(env_name_for("http.max_body_bytes"), "SHOPCRM_HTTP_MAX_BODY_BYTES");
}

}  // namespace
}  // namespace crm
