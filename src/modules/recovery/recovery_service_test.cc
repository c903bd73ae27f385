// SPDX-License-Identifier: Apache-2.0
#include "modules/recovery/recovery_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "core/crypto.h"
#include "http/error_response.h"
#include "modules/messaging/messaging_service.h"
#include "modules/recovery/recovery_code.h"
#include "modules/recovery/recovery_module.h"
#include "modules/testing/test_database.h"
#include "storage/worker.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
std::span<const storage::MigrationFile> recovery();
}  // namespace crm::migrations

namespace crm::recovery {
namespace {

constexpr int64_t kMinute = 60 * 1000;

// A real, table-backed AccountDirectory standing in for auth: accounts in test_users, sessions in
// test_sessions, captchas issued into a map and consumed on use, a small password policy.
class TestDirectory final : public AccountDirectory {
 public:
  static constexpr std::string_view kSchema =
      "CREATE TABLE test_users (id BIGINT PRIMARY KEY, username TEXT NOT NULL, phone TEXT NOT "
      "NULL, email TEXT NOT NULL, active INTEGER NOT NULL, password_hash TEXT NOT NULL);"
      "CREATE TABLE test_sessions (token TEXT PRIMARY KEY, user_id BIGINT NOT NULL);";

  Result<std::optional<AccountContact>> find_account(storage::Connection& tx,
                                                     std::string_view identifier) override {
    CRM_TRY_ASSIGN(std::optional<storage::Row> row,
                   tx.query_optional("SELECT id, username, phone, email, active FROM test_users "
                                     "WHERE username = LOWER(?) OR (phone <> '' AND phone = ?) "
                                     "OR (email <> '' AND LOWER(email) = LOWER(?))",
                                     identifier, identifier, identifier));
    if (!row) return std::optional<AccountContact>();
    return std::optional<AccountContact>(AccountContact{row->get_int(0), row->get_string(1),
                                                        row->get_string(2), row->get_string(3),
                                                        row->get_bool(4)});
  }

  Result<std::string> hash_new_password(std::string_view username, std::string_view password,
                                        std::string_view field) override {
    if (password.size() < 10 || password.find(username) != std::string_view::npos) {
      return invalid_input("auth.weak_password",
                           "At least 10 characters, not containing the username.",
                           std::string(field));
    }
    return "test$" + sha256_hex(password);
  }

  Result<void> set_password_hash(storage::Connection& tx, int64_t user_id, std::string_view hash,
                                 const audit::AuditEntry& actor) override {
    CRM_TRY(tx.execute("UPDATE test_users SET password_hash = ? WHERE id = ?", hash, user_id));
    CRM_TRY(tx.execute("DELETE FROM test_sessions WHERE user_id = ?", user_id));
    std::lock_guard lock(mutex_);
    password_sets_.push_back({user_id, actor.action});
    return {};
  }

  Result<void> verify_captcha(std::string_view id, std::string_view answer) override {
    std::lock_guard lock(mutex_);
    auto found = captchas_.find(std::string(id));
    const bool ok = found != captchas_.end() && found->second == answer;
    if (found != captchas_.end()) captchas_.erase(found);  // single use, right or wrong
    if (!ok) {
      return invalid_input("auth.captcha_invalid", "The captcha is wrong or expired.", "captcha");
    }
    return {};
  }

  std::string issue_captcha() {
    std::lock_guard lock(mutex_);
    const std::string id = "c" + std::to_string(++next_captcha_);
    captchas_[id] = "ab" + std::to_string(next_captcha_);
    return id;
  }
  std::string answer_for(const std::string& id) {
    std::lock_guard lock(mutex_);
    return captchas_.at(id);
  }
  std::vector<std::pair<int64_t, std::string>> password_sets() {
    std::lock_guard lock(mutex_);
    return password_sets_;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> captchas_;
  int next_captcha_ = 0;
  std::vector<std::pair<int64_t, std::string>> password_sets_;
};

class RecoveryTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {{"audit", migrations::audit()}, {"recovery", migrations::recovery()}});
    ASSERT_TRUE(database_.db().transaction([](storage::Connection& tx) -> Result<void> {
      CRM_TRY(tx.execute_script(TestDirectory::kSchema));
      CRM_TRY(tx.execute("INSERT INTO test_users VALUES (1, 'lilei', '13800138000', "
                         "'li.lei@example.cn', 1, 'old')"));
      CRM_TRY(tx.execute("INSERT INTO test_users VALUES (2, 'hanmei', '13900139000', '', 1, 'old')"));
      CRM_TRY(tx.execute("INSERT INTO test_users VALUES (3, 'gone', '', 'gone@example.cn', 0, 'old')"));
      CRM_TRY(tx.execute("INSERT INTO test_sessions VALUES ('s1', 1), ('s2', 1), ('s3', 2)"));
      return {};
    }));
    char pattern[] = "/tmp/crm_recovery_XXXXXX";
    dir_ = mkdtemp(pattern);
    config_.set_for_test("messaging.outbox_file", dir_ + "/data/outbox.log");
    jobs_ = std::make_unique<storage::JobQueue>(database_.db(), clock_);
    worker_ = std::make_unique<storage::Worker>(database_.db(), *jobs_, clock_);
    context_ = std::make_unique<modules::ModuleContext>(
        modules::ModuleContext{database_.db(), clock_, random_, config_, *jobs_, metrics_});
    audit_ = std::make_unique<audit::AuditService>(database_.db(), clock_);
    messaging_ = std::make_unique<messaging::MessagingService>(config_, clock_, *jobs_);
    worker_->register_handler(std::string(messaging::kSendQueue),
                              [this](const storage::Job& job) { return messaging_->deliver(job); });
    module_ = std::make_unique<RecoveryModule>(*context_, directory_, *messaging_, *audit_);
    module_->add_routes(router_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  http::Response post(std::string_view path, const Json& body, std::string ip = "10.0.0.1") {
    auto request = http::Request::create(
        http::Method::kPost, std::string(path), dump_json(body),
        {{"Content-Type", "application/json"}}, http::RequestContext("req-1", ip, INT64_MAX));
    CRM_CHECK(request.has_value());
    auto response = router_.dispatch(*request);
    if (!response) return http::error_response(response.error(), "req-1");
    return std::move(response).value();
  }

  http::Response request_code(const std::string& identifier, std::string ip = "10.0.0.1") {
    const std::string captcha = directory_.issue_captcha();
    return post("/api/v1/auth/recovery/request",
                {{"identifier", identifier}, {"captcha_id", captcha},
                 {"captcha", directory_.answer_for(captcha)}},
                std::move(ip));
  }

  http::Response confirm(const std::string& identifier, const std::string& code,
                         const std::string& password = "a-good-new-passphrase") {
    return post("/api/v1/auth/recovery/confirm",
                {{"identifier", identifier}, {"code", code}, {"new_password", password}});
  }

  // Runs the messaging worker and returns every line of the development outbox.
  std::vector<Json> deliver() {
    auto ran = worker_->run_once();
    EXPECT_TRUE(ran) << ran.error().detail;
    std::ifstream in(dir_ + "/data/outbox.log");
    std::vector<Json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
    return lines;
  }

  // The code in the newest delivered message.
  std::string latest_code() {
    const auto lines = deliver();
    if (lines.empty()) return "";
    const std::string body = lines.back()["body"];
    const std::string marker = "验证码是 ";
    const auto at = body.find(marker);
    return at == std::string::npos ? "" : body.substr(at + marker.size(), 6);
  }

  static std::string wrong(const std::string& code) {
    return code == "000000" ? "000001" : "000000";
  }

  static std::string error_code(const http::Response& response) {
    return Json::parse(response.body())["error"]["code"];
  }

  int64_t count(std::string_view sql) {
    auto row = database_.db().read([&](storage::Connection& c) { return c.query_one(sql); });
    CRM_CHECK(row.has_value());
    return row->get_int(0);
  }

  std::vector<audit::AuditRecord> audit_rows() {
    auto page = audit_->search({.filter = {.action = "user."}});
    CRM_CHECK(page.has_value());
    return page->items;
  }

  ManualClock clock_;
  test::TestDatabase database_{GetParam()};
  SeededRandom random_{7};
  Config config_;
  http::Metrics metrics_;
  std::string dir_;
  TestDirectory directory_;
  std::unique_ptr<storage::JobQueue> jobs_;
  std::unique_ptr<storage::Worker> worker_;
  std::unique_ptr<modules::ModuleContext> context_;
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<messaging::MessagingService> messaging_;
  std::unique_ptr<RecoveryModule> module_;
  http::Router router_;
};

TEST_P(RecoveryTest, SameAnswerForExistingUnknownAndDisabledAccounts) {
  const http::Response known = request_code("lilei");
  const http::Response unknown = request_code("nobody");
  const http::Response disabled = request_code("gone");
  for (const http::Response* response : {&known, &unknown, &disabled}) {
    EXPECT_EQ(response->status(), http::Status::kAccepted);
    EXPECT_EQ(response->body(), R"({"status":"sent"})");
  }
  EXPECT_EQ(deliver().size(), 1u);  // only the active, known account got a message
  EXPECT_EQ(count("SELECT COUNT(*) FROM recovery_requests"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM password_resets"), 1);
}

TEST_P(RecoveryTest, CodeGoesByEmailOrSmsAndIsStoredOnlyHashed) {
  ASSERT_EQ(request_code("lilei").status(), http::Status::kAccepted);
  ASSERT_EQ(request_code("13800138000").status(), http::Status::kAccepted);
  ASSERT_EQ(request_code("hanmei").status(), http::Status::kAccepted);  // no email: SMS
  const auto lines = deliver();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["channel"], "email");
  EXPECT_EQ(lines[0]["to"], "li.lei@example.cn");
  EXPECT_NE(lines[0]["subject"].get<std::string>().find("验证码"), std::string::npos);
  EXPECT_EQ(lines[1]["channel"], "sms");
  EXPECT_EQ(lines[1]["to"], "13800138000");
  EXPECT_EQ(lines[2]["channel"], "sms");
  EXPECT_EQ(lines[2]["to"], "13900139000");
  const std::string body = lines[2]["body"];
  EXPECT_EQ(body.rfind("您的 shopcrm 验证码是 ", 0), 0u) << body;
  const std::string code = body.substr(std::string("您的 shopcrm 验证码是 ").size(), 6);
  ASSERT_TRUE(is_code_format(code)) << body;

  auto row = database_.db().read([](storage::Connection& c) {
    return c.query_one("SELECT code_hash, destination_masked, expires_at_ms - created_at_ms, "
                       "channel FROM password_resets WHERE user_id = 2");
  });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->get_string(0), sha256_hex("2:" + code));
  EXPECT_EQ(row->get_string(1), "139****9000");
  EXPECT_EQ(row->get_int(2), 10 * kMinute);
  EXPECT_EQ(row->get_string(3), "sms");
  // The job payloads no longer hold the codes.
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE payload <> '{}'"), 0);
}

TEST_P(RecoveryTest, ConfirmSetsThePasswordEndsSessionsAuditsAndIsSingleUse) {
  ASSERT_EQ(request_code("li.lei@example.cn").status(), http::Status::kAccepted);
  const std::string code = latest_code();
  ASSERT_TRUE(is_code_format(code));

  const http::Response done = confirm("li.lei@example.cn", code);
  ASSERT_EQ(done.status(), http::Status::kNoContent) << done.body();
  const auto sets = directory_.password_sets();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].first, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test_users WHERE id = 1 AND password_hash = 'test$" +
                  sha256_hex("a-good-new-passphrase") + "'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test_sessions WHERE user_id = 1"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test_sessions WHERE user_id = 2"), 1);

  const auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].entry.action, "user.password_recovered");
  EXPECT_EQ(rows[0].entry.actor_id, 1);
  EXPECT_EQ(rows[0].entry.target_id, "1");
  EXPECT_EQ(rows[0].entry.ip, "10.0.0.1");
  EXPECT_EQ(rows[0].entry.request_id, "req-1");
  EXPECT_EQ(dump_json(rows[0].entry.changes).find(code), std::string::npos);

  const http::Response again = confirm("li.lei@example.cn", code);
  EXPECT_EQ(again.status(), http::Status::kBadRequest);
  EXPECT_EQ(error_code(again), "auth.code_invalid");
  EXPECT_EQ(directory_.password_sets().size(), 1u);
}

TEST_P(RecoveryTest, ExpiredCodeIsRefused) {
  ASSERT_EQ(request_code("lilei").status(), http::Status::kAccepted);
  const std::string code = latest_code();
  clock_.advance_ms(11 * kMinute);
  const http::Response late = confirm("lilei", code);
  EXPECT_EQ(late.status(), http::Status::kBadRequest);
  EXPECT_EQ(error_code(late), "auth.code_invalid");
  EXPECT_EQ(Json::parse(late.body())["error"]["field"], "code");
  EXPECT_TRUE(directory_.password_sets().empty());
}

TEST_P(RecoveryTest, FiveWrongAttemptsKillTheCode) {
  ASSERT_EQ(request_code("lilei").status(), http::Status::kAccepted);
  const std::string code = latest_code();
  for (int i = 0; i < 5; ++i) {
    const http::Response guess = confirm("lilei", wrong(code));
    EXPECT_EQ(error_code(guess), "auth.code_invalid") << i;
  }
  EXPECT_EQ(count("SELECT attempts FROM password_resets WHERE user_id = 1"), 5);
  const http::Response right = confirm("lilei", code);
  EXPECT_EQ(right.status(), http::Status::kBadRequest);
  EXPECT_EQ(error_code(right), "auth.code_invalid");
  EXPECT_TRUE(directory_.password_sets().empty());
}

TEST_P(RecoveryTest, UnknownIdentifierAndMalformedCodeGiveTheSameError) {
  for (const auto& [identifier, code] : std::vector<std::pair<std::string, std::string>>{
           {"nobody", "123456"}, {"lilei", "123456"}, {"lilei", "12ab"}, {"", "123456"}}) {
    const http::Response response = confirm(identifier, code);
    EXPECT_EQ(response.status(), http::Status::kBadRequest) << identifier;
    EXPECT_EQ(error_code(response), "auth.code_invalid") << identifier << code;
  }
}

TEST_P(RecoveryTest, NewRequestReplacesTheOldCode) {
  ASSERT_EQ(request_code("lilei").status(), http::Status::kAccepted);
  const std::string first = latest_code();
  clock_.advance_ms(kMinute);
  ASSERT_EQ(request_code("lilei").status(), http::Status::kAccepted);
  const std::string second = latest_code();
  if (first != second) {
    EXPECT_EQ(error_code(confirm("lilei", first)), "auth.code_invalid");
  }
  EXPECT_EQ(confirm("lilei", second).status(), http::Status::kNoContent);
}

TEST_P(RecoveryTest, FourthRequestForAnIdentifierIsRateLimitedEvenWhenUnknown) {
  for (const std::string identifier : {"lilei", "nobody"}) {
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(request_code(identifier).status(), http::Status::kAccepted) << identifier << i;
      clock_.advance_ms(1000);
    }
    const http::Response limited = request_code(identifier);
    EXPECT_EQ(limited.status(), http::Status::kTooManyRequests) << identifier;
    EXPECT_EQ(error_code(limited), "auth.rate_limited");
    EXPECT_EQ(limited.header("Retry-After"), std::optional<std::string_view>("597"));
  }
  EXPECT_EQ(deliver().size(), 3u);  // the 4th request for lilei sent nothing
  // Case does not make another identifier.
  EXPECT_EQ(request_code("LiLei").status(), http::Status::kTooManyRequests);

  clock_.advance_ms(10 * kMinute);
  EXPECT_EQ(request_code("lilei").status(), http::Status::kAccepted);
}

TEST_P(RecoveryTest, EleventhRequestFromOneIpWithinAnHourIsRateLimited) {
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(request_code("user" + std::to_string(i), "10.9.9.9").status(),
              http::Status::kAccepted);
    clock_.advance_ms(kMinute);
  }
  const http::Response limited = request_code("user99", "10.9.9.9");
  EXPECT_EQ(limited.status(), http::Status::kTooManyRequests);
  EXPECT_EQ(limited.header("Retry-After"), std::optional<std::string_view>("3000"));
  EXPECT_EQ(request_code("user99", "10.9.9.10").status(), http::Status::kAccepted);
}

TEST_P(RecoveryTest, CaptchaIsRequiredAndCheckedFirst) {
  const http::Response wrong_answer = post(
      "/api/v1/auth/recovery/request",
      {{"identifier", "lilei"}, {"captcha_id", directory_.issue_captcha()}, {"captcha", "nope"}});
  EXPECT_EQ(wrong_answer.status(), http::Status::kBadRequest);
  EXPECT_EQ(error_code(wrong_answer), "auth.captcha_invalid");
  EXPECT_EQ(Json::parse(wrong_answer.body())["error"]["field"], "captcha");

  const http::Response missing =
      post("/api/v1/auth/recovery/request", {{"identifier", "lilei"}, {"captcha_id", "c1"}});
  EXPECT_EQ(error_code(missing), "validation.required");

  // A used captcha cannot be replayed.
  const std::string id = directory_.issue_captcha();
  const std::string answer = directory_.answer_for(id);
  const Json body{{"identifier", "lilei"}, {"captcha_id", id}, {"captcha", answer}};
  EXPECT_EQ(post("/api/v1/auth/recovery/request", body).status(), http::Status::kAccepted);
  EXPECT_EQ(error_code(post("/api/v1/auth/recovery/request", body)), "auth.captcha_invalid");

  EXPECT_EQ(count("SELECT COUNT(*) FROM recovery_requests"), 1);  // refused ones are not counted
  EXPECT_EQ(deliver().size(), 1u);
}

TEST_P(RecoveryTest, IdentifierMustBe1To128Characters) {
  EXPECT_EQ(error_code(request_code("  ")), "validation.required");
  EXPECT_EQ(request_code(std::string(128, 'a')).status(), http::Status::kAccepted);
  std::string chinese;
  for (int i = 0; i < 128; ++i) chinese += "李";
  EXPECT_EQ(request_code(chinese).status(), http::Status::kAccepted);
  const http::Response long_one = request_code(std::string(129, 'a'));
  EXPECT_EQ(long_one.status(), http::Status::kBadRequest);
  EXPECT_EQ(Json::parse(long_one.body())["error"]["field"], "identifier");
}

TEST_P(RecoveryTest, WeakPasswordIsRefusedAndTheCodeStaysUsable) {
  ASSERT_EQ(request_code("hanmei").status(), http::Status::kAccepted);
  const std::string code = latest_code();
  const http::Response weak = confirm("hanmei", code, "short");
  EXPECT_EQ(weak.status(), http::Status::kBadRequest);
  EXPECT_EQ(error_code(weak), "auth.weak_password");
  EXPECT_EQ(Json::parse(weak.body())["error"]["field"], "new_password");
  EXPECT_EQ(error_code(confirm("hanmei", code, "hanmei-is-my-password")), "auth.weak_password");
  EXPECT_TRUE(directory_.password_sets().empty());
  EXPECT_EQ(count("SELECT attempts FROM password_resets WHERE user_id = 2"), 0);

  EXPECT_EQ(confirm("13900139000", code).status(), http::Status::kNoContent);
  EXPECT_EQ(directory_.password_sets().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Databases, RecoveryTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::recovery
