// SPDX-License-Identifier: Apache-2.0
// The command line: flags, errors, migrations, backup and restore, on each database.
#include <chrono>
#include <filesystem>
#include <fstream>

#include "api_test.h"

namespace crm::test {
namespace {

size_t line_count(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

TEST(Cli, VersionAndHelp) {
  auto version = run_shopcrm({"version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("shopcrm ", 0), 0u);
  for (const char* command : {"serve", "migrate", "backup", "restore"}) {
    auto help = run_shopcrm({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("--db"), std::string::npos) << command << help.out;
  }
}

TEST(Cli, BadFlagIsOneLineAndNonZero) {
  auto bad = run_shopcrm({"serve", "--no-such-flag"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_EQ(line_count(bad.err), 1u) << bad.err;
  EXPECT_NE(bad.err.find("--no-such-flag"), std::string::npos);

  auto listen = run_shopcrm({"serve", "--listen", "not-an-address"});
  EXPECT_EQ(listen.exit_code, 1);
  EXPECT_EQ(line_count(listen.err), 1u) << listen.err;
  EXPECT_NE(listen.err.find("--listen"), std::string::npos);

  auto scheme = run_shopcrm({"migrate", "--db", "mysql://x"});
  EXPECT_EQ(scheme.exit_code, 1);
  EXPECT_EQ(line_count(scheme.err), 1u) << scheme.err;
}

TEST(Cli, TestCaptchaIsRefusedOffLoopback) {
  TempDir dir;
  auto refused = run_shopcrm({"serve", "--db", "sqlite:" + dir.path() + "/x.db", "--listen",
                              "0.0.0.0:0", "--test-captcha", "1234"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("--test-captcha"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/x.db"));  // refused before touching anything
}

TEST(Cli, UnreachableDatabaseIsAClearErrorQuickly) {
  const auto started = std::chrono::steady_clock::now();
  auto down = run_shopcrm({"migrate", "--db", "postgresql://127.0.0.1:1/shopcrm?connect_timeout=3"});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_EQ(line_count(down.err), 1u) << down.err;
  EXPECT_NE(down.err.find("shopcrm: error:"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(15));
}

TEST(Cli, EnvironmentChoosesTheDatabaseAndFlagsWin) {
  TempDir dir;
  const std::string from_env = "sqlite:" + dir.path() + "/env.db";
  const std::string from_flag = "sqlite:" + dir.path() + "/flag.db";
  EXPECT_EQ(run_shopcrm({"migrate"}, {{"SHOPCRM_DB", from_env}}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/env.db"));
  EXPECT_EQ(run_shopcrm({"migrate", "--db", from_flag}, {{"SHOPCRM_DB", from_env}}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/flag.db"));
}

class DatabaseCliTest : public ApiTest {};

TEST_P(DatabaseCliTest, MigrationsApplyOnceAndRefuseATamperedFile) {
  auto first = run_shopcrm({"migrate", "--db", db_->url()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("applied system/0001_"), std::string::npos) << first.out;

  auto second = run_shopcrm({"migrate", "--db", db_->url()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("up to date"), std::string::npos) << second.out;

  // An applied migration whose recorded checksum no longer matches the file: refuse to start.
  db_->sql("UPDATE schema_migrations SET checksum = 'tampered' WHERE module = 'system'");
  auto tampered = run_shopcrm({"migrate", "--db", db_->url()});
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_NE(tampered.err.find("changed"), std::string::npos) << tampered.err;
  auto serve = run_shopcrm({"serve", "--db", db_->url(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(serve.exit_code, 1);
}

TEST_P(DatabaseCliTest, BackupThenRestoreGivesIdenticalData) {
  if (GetParam() != "sqlite") {
    auto refused = run_shopcrm({"backup", "--db", db_->url(), db_->dir() + "/b.db"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("pg_dump"), std::string::npos) << refused.err;
    return;
  }
  ASSERT_EQ(run_shopcrm({"migrate", "--db", db_->url()}).exit_code, 0);
  db_->sql("INSERT INTO jobs (queue, payload, status, attempts, max_attempts, run_at_ms, "
           "created_at_ms, updated_at_ms) VALUES ('mail', '{\"to\":\"李雷\"}', 'queued', 0, 8, 1, 1, 1), "
           "('mail', '{\"to\":\"韩梅梅\"}', 'queued', 0, 8, 2, 2, 2)");
  const std::string before = db_->sql("SELECT id, queue, payload FROM jobs ORDER BY id");

  const std::string backup = db_->dir() + "/backup.db";
  auto made = run_shopcrm({"backup", "--db", db_->url(), backup});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(run_shopcrm({"backup", "--db", db_->url(), backup}).exit_code, 1);  // never overwrites

  db_->sql("DELETE FROM jobs");
  ASSERT_EQ(db_->sql("SELECT count(*) FROM jobs"), "0\n");
  auto restored = run_shopcrm({"restore", "--db", db_->url(), backup});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(db_->sql("SELECT id, queue, payload FROM jobs ORDER BY id"), before);

  std::ofstream(db_->dir() + "/garbage.db") << "not a database";
  EXPECT_EQ(run_shopcrm({"restore", "--db", db_->url(), db_->dir() + "/garbage.db"}).exit_code, 1);
  EXPECT_EQ(db_->sql("SELECT id, queue, payload FROM jobs ORDER BY id"), before);
}

TEST_P(DatabaseCliTest, UserCommandsManageStaffAccounts) {
  const std::map<std::string, std::string> password{{"SHOPCRM_USER_PASSWORD", "Counter-Staff-42"}};
  auto added = run_shopcrm({"user", "add", "wangfang", "--db", db_->url(), "--display-name", "王芳",
                            "--role", "customer_service", "--email", "wangfang@example.com"},
                           password);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out.find("Counter-Staff-42"), std::string::npos);

  auto duplicate = run_shopcrm({"user", "add", "wangfang", "--db", db_->url()}, password);
  EXPECT_EQ(duplicate.exit_code, 1);
  EXPECT_EQ(line_count(duplicate.err), 1u) << duplicate.err;

  auto weak = run_shopcrm({"user", "add", "zhaolei", "--db", db_->url()},
                          {{"SHOPCRM_USER_PASSWORD", "123456"}});
  EXPECT_EQ(weak.exit_code, 1);
  auto unknown_role = run_shopcrm({"user", "add", "zhaolei", "--db", db_->url(), "--role", "boss"},
                                  password);
  EXPECT_EQ(unknown_role.exit_code, 1);
  EXPECT_NE(unknown_role.err.find("boss"), std::string::npos);

  auto listed = run_shopcrm({"user", "list", "--db", db_->url()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("wangfang"), std::string::npos);
  EXPECT_NE(listed.out.find("customer_service"), std::string::npos);
  EXPECT_EQ(listed.out.find("zhaolei"), std::string::npos);  // refused adds left nothing

  EXPECT_EQ(run_shopcrm({"user", "passwd", "wangfang", "--db", db_->url()},
                        {{"SHOPCRM_USER_PASSWORD", "Another-Staff-43"}})
                .exit_code,
            0);
  EXPECT_EQ(run_shopcrm({"user", "disable", "wangfang", "--db", db_->url()}).exit_code, 0);
  EXPECT_NE(run_shopcrm({"user", "list", "--db", db_->url()}).out.find("disabled"),
            std::string::npos);
  EXPECT_EQ(run_shopcrm({"user", "disable", "nobody", "--db", db_->url()}).exit_code, 1);
}

// `make run DEMO=1` loads the demo before the first `serve`: the administrator must exist after it
// (the demo's staff accounts would otherwise make `serve` skip creating it), and a second load is
// skipped with --if-empty and refused without it.
TEST_P(DatabaseCliTest, DemoLoadsAStoreWithAnAdministratorAndOnlyIntoAnEmptyDatabase) {
  const std::map<std::string, std::string> env{{"SHOPCRM_ADMIN_PASSWORD", "Shop-Owner-2026!"}};
  auto loaded = run_shopcrm({"demo", "--customers", "40", "--orders", "150", "--products", "20",
                             "--seed", "3", "--db", db_->url()},
                            env);
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  EXPECT_NE(loaded.out.find("Created the administrator account"), std::string::npos) << loaded.out;
  auto listed = run_shopcrm({"user", "list", "--db", db_->url()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("admin"), std::string::npos);
  EXPECT_NE(listed.out.find("sales1"), std::string::npos);

  auto again = run_shopcrm({"demo", "--if-empty", "--db", db_->url()}, env);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  auto refused = run_shopcrm({"demo", "--db", db_->url()}, env);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(line_count(refused.err), 1u) << refused.err;
}

INSTANTIATE_TEST_SUITE_P(Databases, DatabaseCliTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
